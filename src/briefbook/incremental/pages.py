"""Which pages need rendering again: the page-level shortcuts.

A brief page is kept with what it read and the value of each read
(:mod:`briefbook.incremental.values`): while every value is unchanged, and its file
still holds the bytes it rendered to, the page is not rendered again. The records
live in the on-disk cache, so a new process reuses pages too.

A live preview keeps each site-wide page too (:func:`update_site_pages`): its key
(what it is made from, see :class:`briefbook.render.listings.SitePage`), what its
template read, and its bytes. A page whose key is equal and whose reads hold is the
kept bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from briefbook.incremental.export import KeptExport, update_export
from briefbook.incremental.values import Values
from briefbook.render.content import Content, Hashed
from briefbook.render.environment import Rendered, Renderer
from briefbook.render.pages import site_pages
from briefbook.render.paths import EXPORT_PATH
from briefbook.render.view import Key
from briefbook.resolve.indexes import SiteIndex
from briefbook.resolve.site import Site


@dataclass
class PageRecords:
    """What each brief page read, and the digest of its bytes; and the value each key
    read had when its readers were rendered. One table of values serves every page: a
    record is kept only while every value it read is unchanged, so the records kept
    agree on every value."""

    pages: dict[str, tuple[frozenset[Key], str]] = field(default_factory=dict)
    values: dict[Key, str] = field(default_factory=dict)


def reusable_pages(records: PageRecords, changed: set[Key], manifest: dict[str, str],
                   pages: set[str]) -> dict[str, str]:
    """Of the recorded ``pages``, those that read no key of ``changed`` and whose output
    the manifest still records, with that output's digest (whether each file still holds
    it is for the caller to check)."""
    return {page: output for page, (keys, output) in records.pages.items()
            if page in pages and manifest.get(page) == output and changed.isdisjoint(keys)}


def record_pages(reads: dict[str, frozenset[Key]], values: Values, outputs: dict[str, str],
                 kept: PageRecords) -> PageRecords:
    """The records of every brief page now in ``outputs``: the ``kept`` record of a page
    not rendered this run, a new one for each page in ``reads``. The table of values is
    ``kept``'s, brought up to date with what the new pages read (keys no page reads any
    more are dropped when the records are stored)."""
    pages = {page: (keys, outputs[page]) for page, keys in reads.items() if page in outputs}
    for page, record in kept.pages.items():
        if page not in pages and outputs.get(page) == record[1]:
            pages[page] = record
    for keys in reads.values():
        values.record(keys, kept.values)
    return PageRecords(pages, kept.values)


@dataclass
class KeptSitePage:
    """A site-wide page as a live preview keeps it."""

    key: Any
    reads: frozenset[Key]
    data: bytes
    sha256: str


@dataclass
class KeptSitePages:
    """What a live preview keeps of the site-wide pages between runs."""

    pages: dict[str, KeptSitePage] = field(default_factory=dict)
    export: KeptExport = field(default_factory=KeptExport)


def update_site_pages(kept: KeptSitePages, renderer: Renderer, site: Site, index: SiteIndex,
                      values: Values, changed: set[Key],
                      table: dict[Key, str]) -> Iterator[tuple[str, Content]]:
    """:func:`briefbook.render.pages.iter_site_pages`, making again only the pages whose
    key changed or that read a key of ``changed``; what a page made again reads goes into
    ``table`` (the values kept pages read). The export comes first and whole: the writer
    joins, hashes and writes it in the background while the listings are made."""
    yield EXPORT_PATH, update_export(kept.export, site)
    seen = set()
    for page in site_pages(renderer, site, index):
        seen.add(page.path)
        last = kept.pages.get(page.path)
        if last is not None and last.key == page.key and changed.isdisjoint(last.reads):
            yield page.path, Hashed(last.data, last.sha256)
            continue
        made = page.make()
        text, reads = (made.text, made.reads) if isinstance(made, Rendered) \
            else (made, frozenset[Key]())
        values.record(reads, table)
        data = text.encode("utf-8")
        last = KeptSitePage(page.key, reads, data, hashlib.sha256(data).hexdigest())
        kept.pages[page.path] = last
        yield page.path, Hashed(last.data, last.sha256)
    for gone in kept.pages.keys() - seen:
        del kept.pages[gone]
