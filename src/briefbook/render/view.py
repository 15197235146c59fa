"""What a page reads of the site, recorded as it reads it.

Templates never see the resolved site itself: they get a :class:`SiteView` (as
``site``) and an :class:`IndexView` (as ``index``), whose mappings note every key a
template looks up in a :class:`Reads`. The page's record is then exactly what it
read, wherever in the templates or filters the read happens; the incremental layer
renders a page again when the value behind any key of its record changed
(:mod:`briefbook.incremental.values` says what each key's value is). A template that
starts reading something new records it on its next render: no list to keep.

Keys are ``(what, which)``:

* ``("brief", id)``: the brief's content and backlinks (``site.briefs[id]``);
* ``("title", id)``: the brief's title, or that it is withheld (the ``link`` filter);
* ``("source", id)``: one source of the registry (``site.sources[id]``);
* ``("source*", "")``: which sources the site has (iterating ``site.sources``);
* ``("citing", id)``: the briefs citing a source (``site.citing[id]``);
* ``("index.NAME", id)``: one entry of an index (``index.NAME[id]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefbook.resolve.indexes import SiteIndex
    from briefbook.resolve.site import Site

Key = tuple[str, str]


class Reads:
    """The keys one page read (see the module docstring)."""

    __slots__ = ("keys",)

    def __init__(self) -> None:
        self.keys: set[Key] = set()

    def add(self, what: str, which: str) -> None:
        """Note that the page read ``which`` of ``what``."""
        self.keys.add((what, which))


class Recording(Mapping[str, Any]):
    """A read-only mapping that notes each key looked up, and a whole iteration."""

    __slots__ = ("_data", "_reads", "_what")

    def __init__(self, data: Mapping[str, Any], reads: Reads, what: str) -> None:
        self._data, self._reads, self._what = data, reads, what

    def __getitem__(self, key: str) -> Any:
        self._reads.keys.add((self._what, key))
        return self._data[key]

    def get(self, key: str, default: Any = None) -> Any:
        self._reads.keys.add((self._what, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.keys.add((self._what, str(key)))
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        self._reads.keys.add((self._what + "*", ""))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.keys.add((self._what + "*", ""))
        return len(self._data)


class SiteView:
    """The site as templates see it: every read of a brief or source is recorded."""

    __slots__ = ("audience", "briefs", "citing", "reads", "site", "sources", "today")

    def __init__(self, site: Site, reads: Reads) -> None:
        self.site, self.reads = site, reads
        self.audience: str = site.audience
        self.today: dt.date = site.today  # part of the settings every page depends on
        self.briefs = Recording(site.briefs, reads, "brief")
        self.sources = Recording(site.sources, reads, "source")
        self.citing = Recording(site.citing, reads, "citing")


INDEXES = ("backlinks_by_kind", "relations_of", "neighbours")
"""The indexes templates may read (each lookup recorded as ``index.NAME``)."""


class IndexView:
    """The site index as templates see it: every lookup is recorded."""

    __slots__ = INDEXES
    backlinks_by_kind: Recording
    relations_of: Recording
    neighbours: Recording

    def __init__(self, index: SiteIndex, reads: Reads) -> None:
        for name in INDEXES:
            setattr(self, name, Recording(getattr(index, name), reads, f"index.{name}"))
