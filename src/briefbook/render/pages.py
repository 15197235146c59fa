"""Which pages a site has, and rendering them one at a time.

Brief pages and site-wide pages (listings, feed, export, writers' guide) come from
separate generators so that :mod:`briefbook.write.parallel` can share the brief pages
out between processes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from briefbook.incremental.memo import Memo, made
from briefbook.render.environment import Citations, brief_page, renderer_for
from briefbook.render.export import EXPORT_PATH, export_parts
from briefbook.render.feeds import FEED_PATH, FEED_SIZE, atom_feed, recently_reviewed
from briefbook.render.guide import render_guide
from briefbook.render.listings import CHANGES_SIZE, SITE_TITLE, iter_listings
from briefbook.resolve.indexes import SiteIndex, build_index
from briefbook.resolve.resolver import Site
from briefbook.write.tree import Hashed

GUIDE_PATH = "writing-briefs.md"
Content = str | bytes | Hashed | list[bytes] | Iterator[bytes]
"""A page: text, bytes, or (for the JSON export) bytes in pieces: a list when they are
all in memory, else an iterator."""


def iter_brief_pages(site: Site, templates_dir: Path, brief_ids: Iterable[str],
                     index: SiteIndex) -> Iterator[tuple[str, str]]:
    """The pages of the given briefs, in the order given, one at a time."""
    renderer = renderer_for(templates_dir, keep_site=True)
    for brief_id in brief_ids:
        resolved = site.briefs[brief_id]
        page = brief_page(brief_id)
        yield page, renderer.render(f"{resolved.kind}.md.j2", page, site, b=resolved,
                                    brief=resolved.brief, index=index,
                                    cites=Citations(resolved.cited_sources))


def iter_site_pages(site: Site, templates_dir: Path, index: SiteIndex,
                    memo: Memo | None = None) -> Iterator[tuple[str, Content]]:
    """Every page that is not a brief's: listings, plus two files MkDocs copies as they
    are (the Atom feed and the JSON export) and the writers' guide. With ``memo`` (a live
    preview's), what did not change since its last run is not made again."""
    if memo is None:  # in pieces: the largest file of a big site, never whole in memory
        yield EXPORT_PATH, export_parts(site)
    else:
        # Whole (a list of the lines the memo keeps anyway), and first: the writer joins,
        # hashes and writes it in the background while the listings are rendered.
        yield EXPORT_PATH, list(export_parts(site, memo.export))
    latest = recently_reviewed(site, max(CHANGES_SIZE, FEED_SIZE))
    yield from iter_listings(renderer_for(templates_dir, keep_site=True), site, index, latest,
                             memo)
    feed = latest[:FEED_SIZE]
    yield FEED_PATH, made(memo, FEED_PATH, (site.audience, [b.content_key for b in feed]),
                          lambda: atom_feed(site, SITE_TITLE, latest=feed))
    # The writers' guide is generated from the models (briefbook.render.guide), not from briefs.
    yield GUIDE_PATH, made(memo, GUIDE_PATH, None, render_guide)


def iter_pages(site: Site, templates_dir: Path, only: Collection[str] | None = None,
               index: SiteIndex | None = None) -> Iterator[tuple[str, Content]]:
    """Every generated page as (path relative to the generated folder, text), one at a time.

    With ``only``, brief pages are rendered for those brief ids alone (the caller
    reuses the others' files); every other page is always rendered. A generator, so
    a caller can encode and drop each page before the next is made.
    """
    renderer_for(templates_dir)  # a new site: forget what was cached for the last one
    index = index or build_index(site)
    wanted = sorted(site.briefs if only is None else set(only) & set(site.briefs))
    yield from iter_brief_pages(site, templates_dir, wanted, index)
    yield from iter_site_pages(site, templates_dir, index)


def render_site(site: Site, templates_dir: Path, only: Collection[str] | None = None,
                index: SiteIndex | None = None) -> dict[str, str]:
    """Every generated page as text, by path (see :func:`iter_pages`)."""
    return {path: _text(content) for path, content in iter_pages(site, templates_dir, only, index)}


def _text(content: Content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, Hashed):
        return content.data.decode("utf-8")
    return (content if isinstance(content, bytes) else b"".join(content)).decode("utf-8")
