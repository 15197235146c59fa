"""The value behind each key a page read (see :mod:`briefbook.render.view`).

A page is up to date when every key it read still has the value it had when the
page was rendered: that is the whole test, for brief pages across runs (the values
are kept on disk with the page) and for site-wide pages in a live preview. Values
are short strings, equal exactly when what a template could see through the key is
equal. Each is computed from one object of the site; in a live preview, whose
unchanged objects are the last run's very objects, a value is computed again only
when its object is another one (objects are never changed once made).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from briefbook.render.view import INDEXES, Key
from briefbook.resolve.indexes import SiteIndex
from briefbook.resolve.site import ResolvedBrief, Site

ABSENT = "-"
KeptValues = dict[Key, tuple[Any, str]]
"""By key: the object its value was computed from, and the value."""


def _brief(resolved: ResolvedBrief) -> str:
    digest = resolved.entry.file.digest or hashlib.sha256(
        resolved.brief.model_dump_json().encode()).hexdigest()
    return f"{digest}|{','.join(resolved.backlinks)}"


def _source(source: Any) -> str:
    return hashlib.sha256(source.model_dump_json().encode()).hexdigest()


_OF_BRIEF: dict[str, Callable[[ResolvedBrief], str]] = {
    "brief": _brief,
    "title": lambda resolved: repr(resolved.brief.title),
    "marking": lambda resolved: resolved.brief.marking,
}


class Values:
    """The values of one run's site and index; ``kept`` (a live preview's, updated here)
    spares computing again a value whose object is unchanged."""

    def __init__(self, site: Site, index: SiteIndex, kept: KeptValues | None = None) -> None:
        self.site, self.index = site, index
        self.kept: KeptValues = {} if kept is None else kept
        self._now: dict[Key, str] = {}
        self.packs: dict[str, str] = {}
        """The facts of each pack of this run (``("pack", <file>)``: its pages and size,
        see :mod:`briefbook.render.packs.links`), known once the packs are printed."""
        self.commit = ""
        """The commit the packs are printed from (on every cover; not a read: see
        :mod:`briefbook.incremental.packs`)."""

    def of(self, key: Key) -> str:
        """The value of ``key`` now."""
        if key[0] == "pack":
            return self.packs.get(key[1], ABSENT)
        found = self._now.get(key)
        if found is None:
            found = self._now[key] = self._compute(key)
        return found

    def _compute(self, key: Key) -> str:
        what, which = key
        source = self._object(what, which)
        kept = self.kept.get(key)
        if kept is not None and kept[0] is source:
            return kept[1]
        value = self._value(what, source)
        self.kept[key] = (source, value)
        return value

    def _object(self, what: str, which: str) -> Any:
        if what in _OF_BRIEF:
            return self.site.briefs.get(which)
        if what == "index.events":
            return self._events_of(which)
        if what.endswith("*"):
            return self._mapping(what[:-1])
        return self._mapping(what).get(which)

    def _events_of(self, relation_id: str) -> list[Any] | None:
        """The timeline's events between the parties of a relation (a pack shows the
        last twelve months of them)."""
        resolved = self.site.briefs.get(relation_id)
        parties = getattr(resolved.brief, "parties", None) if resolved is not None else None
        if not parties:
            return None
        first = self.index.events_by("countries").get(parties[0], [])
        return [event for event in first if set(parties) <= set(event.countries)]

    def _mapping(self, what: str) -> Any:
        if what == "brief":
            return self.site.briefs
        if what == "source":
            return self.site.sources
        if what == "citing":
            return self.site.citing
        name = what.removeprefix("index.")
        if what.startswith("index.") and name in INDEXES:
            return getattr(self.index, name)
        raise KeyError(f"unknown kind of read: {what!r}")

    @staticmethod
    def _value(what: str, source: Any) -> str:
        if source is None:
            return ABSENT
        if what in _OF_BRIEF:
            return _OF_BRIEF[what](source)
        if what.endswith("*"):
            return ",".join(source)
        if what == "source":
            return _source(source)
        return repr(source)

    def changed(self, recorded: dict[Key, str]) -> set[Key]:
        """The keys of ``recorded`` whose value now differs from the one recorded. One
        pass over every key a kept page read, each an identity check when its brief is
        the last run's object (the usual case in a live preview)."""
        kept, of = self.kept, self.of
        mappings = {what: self._mapping(what) for what in ("brief", "source", "citing")}
        mappings.update({what: mappings["brief"] for what in _OF_BRIEF})
        mappings.update({f"index.{name}": getattr(self.index, name) for name in INDEXES})
        found = set()
        for key, value in recorded.items():
            if key[0] == "pack":
                continue  # not known before the packs are printed: see changed_packs
            last = kept.get(key)
            mapping = mappings.get(key[0])
            if last is not None and mapping is not None and last[0] is mapping.get(key[1]):
                current = last[1]
            else:
                current = of(key)
            if current != value:
                found.add(key)
        return found

    def changed_packs(self, recorded: dict[Key, str]) -> set[Key]:
        """The packs of ``recorded`` whose facts now differ (once they are printed)."""
        packs = self.packs
        return {key for key, value in recorded.items()
                if key[0] == "pack" and packs.get(key[1], ABSENT) != value}

    def record(self, keys: frozenset[Key], table: dict[Key, str]) -> None:
        """Put the value of each of ``keys`` now into ``table`` (for a page that read them)."""
        of = self.of
        for key in keys:
            table[key] = of(key)
