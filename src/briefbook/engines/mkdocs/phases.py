"""The two phases of the site build, page by page, with the page cache (:mod:`.pagerun`
runs them on every core; :mod:`.pagework` does one page's step as MkDocs does it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from briefbook.engines.mkdocs.pagekeys import populate_key
from briefbook.engines.mkdocs.pagerun import Outcome
from briefbook.engines.mkdocs.pagework import apply_populated, populate, render, write
from briefbook.incremental.sitepages import PageStore


def _sound(found: Any, lists: int) -> bool:
    """Whether a kept outcome has the shape of one: [data, logs, additions]."""
    if not (isinstance(found, list) and len(found) == 3):
        return False
    _, logs, additions = found
    return (isinstance(logs, list)
            and all(isinstance(log, list) and len(log) == 3 and isinstance(log[0], str)
                    and isinstance(log[1], int) and isinstance(log[2], str) for log in logs)
            and isinstance(additions, list) and len(additions) == lists
            and all(isinstance(added, list) for added in additions))


class Populating:
    """Converting every page's Markdown (data: [its key, :func:`.pagework.populated`])."""

    ship_data = True

    def __init__(self, pages: list[Page], config: MkDocsConfig, files: Files, dirty: bool,
                 store: PageStore, base: str, lists: int) -> None:
        self.pages, self.config, self.files, self.dirty = pages, config, files, dirty
        self.store, self.base, self.lists = store, base, lists
        self.keys: list[str] = [""] * len(pages)
        self._last = (-1, "")

    @property
    def keeping(self) -> bool:
        return self.store.on

    def _key(self, i: int) -> str:
        """The key of page ``i``'s conversion ("" without a cache), read once for both
        :meth:`cached` and :meth:`compute`."""
        if self._last[0] != i:
            self._last = (i, populate_key(self.base, self.pages[i]) if self.store.on else "")
        return self._last[1]

    def cached(self, i: int) -> Outcome | None:
        key = self._key(i)
        found = self.store.get(key) if key else None
        if not _sound(found, self.lists):
            return None
        assert found is not None
        if not isinstance(found[0], list):
            return None
        try:
            apply_populated(self.pages[i], found[0], self.files)
        except (TypeError, ValueError, KeyError, AttributeError):
            return None
        return [[key, found[0]], found[1], found[2]]

    def compute(self, i: int) -> Any:
        return [self._key(i), populate(self.pages[i], self.config, self.files, self.dirty)]

    def keep(self, i: int, outcome: Outcome) -> None:
        key, data = outcome[0]
        if key and data is not None:
            self.store.put(key, [data, *outcome[1:]])

    def apply(self, i: int, data: Any) -> None:
        key, found = data
        self.keys[i] = key
        if found is not None:
            apply_populated(self.pages[i], found, self.files)


class Rendering:
    """Rendering every page with the theme and writing it (data stays in the worker)."""

    ship_data = False

    def __init__(self, pages: list[Page], config: MkDocsConfig, doc_files: Sequence[File],
                 nav: Navigation, env: Any, dirty: bool) -> None:
        self.pages, self.config, self.doc_files = pages, config, doc_files
        self.nav, self.env, self.dirty = nav, env, dirty
        self.store = PageStore(None)
        self.keys: list[str] = []
        self.lists = 0

    @property
    def keeping(self) -> bool:
        return bool(self.keys)

    def cache(self, store: PageStore, keys: list[str], lists: int) -> None:
        """Answer pages from ``store`` by ``keys`` (one per page)."""
        self.store, self.keys, self.lists = store, keys, lists

    def cached(self, i: int) -> Outcome | None:
        if not self.keys:
            return None
        found = self.store.get(self.keys[i])
        if not _sound(found, self.lists):
            return None
        assert found is not None
        if not isinstance(found[0], (bytes, type(None))):
            return None
        write(self.pages[i], found[0])
        return list(found)

    def compute(self, i: int) -> Any:
        output = render(self.pages[i], self.config, self.doc_files, self.nav, self.env,
                        self.dirty)
        write(self.pages[i], output)
        return output

    def keep(self, i: int, outcome: Outcome) -> None:
        if self.keys:
            self.store.put(self.keys[i], outcome)

    def apply(self, i: int, data: Any) -> None:
        """Nothing: the page is written where it was rendered."""
