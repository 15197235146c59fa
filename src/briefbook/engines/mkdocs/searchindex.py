"""The live preview's search index, kept page by page between rebuilds.

Material's search plugin writes ``search/search_index.json`` as
``{"config": …, "docs": [entry, …]}``, each entry a section of a page keyed by
``location`` (the page's URL, then ``#`` and the section's anchor). A dirty rebuild
renders only the pages whose Markdown changed, so its own index lists only those
(Material's merge with the previous index also drops unrelated pages whose URL starts
with the same text). :class:`ServedIndex` keeps every page's entries, as JSON text,
from the index the first build wrote; after each rebuild it takes the entries of the
pages rendered again, drops the pages the site no longer has, and writes the index in
the order of the site's pages: the index a full build would write, byte for byte.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

INDEX_PATH = Path("search") / "search_index.json"
SEPARATORS = (",", ":")


def _dumps(value: object) -> str:
    """JSON as Material writes it: compact, non-ASCII escaped, anything else as str."""
    return json.dumps(value, separators=SEPARATORS, default=str)


def page_of(location: str) -> str:
    """The URL of the page an entry's ``location`` is in."""
    return location.split("#", 1)[0]


def by_page(entries: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Entries grouped by page, each page's as the JSON text of its part of ``docs``."""
    grouped: dict[str, list[str]] = {}
    for entry in entries:
        grouped.setdefault(page_of(str(entry["location"])), []).append(_dumps(entry))
    return {url: ",".join(texts) for url, texts in grouped.items()}


class ServedIndex:
    """Every page's search entries, and the index's ``config`` part, as JSON text."""

    def __init__(self, config: str, pages: dict[str, str]) -> None:
        self.config = config
        self.pages = pages

    @classmethod
    def read(cls, site_dir: Path) -> ServedIndex | None:
        """The index a build wrote into ``site_dir`` (None if there is none to keep)."""
        try:
            data = json.loads((site_dir / INDEX_PATH).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or set(data) != {"config", "docs"}:
            return None  # not Material's format: left to its plugin
        return cls(_dumps(data["config"]), by_page(data["docs"]))

    def update(self, rendered: Iterable[str], entries: Iterable[Mapping[str, Any]]) -> None:
        """Take the ``entries`` of the pages ``rendered`` again (a page may have none)."""
        fresh = by_page(entries)
        for url in rendered:
            self.pages[url] = fresh.get(url, "")

    def text(self, order: Iterable[str]) -> str:
        """The index of the pages in ``order`` (the site's pages, in build order)."""
        self.pages = {url: self.pages[url] for url in order if url in self.pages}
        docs = ",".join(text for text in self.pages.values() if text)
        return f'{{"config":{self.config},"docs":[{docs}]}}'

    def write(self, site_dir: Path, order: Iterable[str]) -> None:
        """Replace the served index in one step: a reader gets the old or the new one."""
        path = site_dir / INDEX_PATH
        spare = path.with_name(f".{path.name}.{os.getpid()}.new")
        spare.write_text(self.text(order), "utf-8")
        os.replace(spare, path)
