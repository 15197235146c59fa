"""Which pages a site has, and rendering them one at a time.

Brief pages and site-wide pages (listings, feed, export, writers' guide) come from
separate generators so that :mod:`briefbook.write.parallel` can share the brief pages
out between processes. Every brief page comes with what it read of the site
(:mod:`briefbook.render.view`); site-wide pages come as :class:`SitePage` recipes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from briefbook.render.content import Content, Hashed
from briefbook.render.environment import Citations, Rendered, Renderer
from briefbook.render.export import export_parts
from briefbook.render.feeds import FEED_SIZE, atom_feed, recently_reviewed
from briefbook.render.guide import render_guide
from briefbook.render.listings import CHANGES_SIZE, SitePage, listing_pages
from briefbook.render.paths import EXPORT_PATH, FEED_PATH, GUIDE_PATH, brief_page
from briefbook.render.view import Key
from briefbook.resolve.indexes import SiteIndex, build_index
from briefbook.resolve.site import Site

__all__ = ["Content", "Hashed", "SitePage"]


def render_brief_page(renderer: Renderer, site: Site, index: SiteIndex, brief_id: str
                      ) -> Rendered:
    """The page of one brief, and what it read (its own brief always among it)."""
    resolved = site.briefs[brief_id]
    rendered = renderer.render(f"{resolved.kind}.md.j2", brief_page(brief_id), site,
                               index=index, b=resolved, brief=resolved.brief,
                               cites=Citations(resolved.cited_sources))
    return Rendered(rendered.text, rendered.reads | {("brief", brief_id)})


def iter_brief_pages(renderer: Renderer, site: Site, index: SiteIndex,
                     brief_ids: Iterable[str]) -> Iterator[tuple[str, str, frozenset[Key]]]:
    """The pages of the given briefs, in the order given, one at a time, with their reads."""
    for brief_id in brief_ids:
        text, reads = render_brief_page(renderer, site, index, brief_id)
        yield brief_page(brief_id), text, reads


def site_pages(renderer: Renderer, site: Site, index: SiteIndex,
               site_title: str) -> Iterator[SitePage]:
    """Every site-wide page but the export: listings, the Atom feed (copied by MkDocs as
    it is) and the writers' guide (generated from the models, not from briefs)."""
    latest = recently_reviewed(site, max(CHANGES_SIZE, FEED_SIZE))
    yield from listing_pages(renderer, site, index, latest)
    feed = latest[:FEED_SIZE]
    yield SitePage(FEED_PATH, ("feed", site.audience, site_title, feed),
                   lambda: atom_feed(site, site_title, latest=feed))
    yield SitePage(GUIDE_PATH, ("guide",), render_guide)


def iter_site_pages(renderer: Renderer, site: Site, index: SiteIndex,
                    site_title: str) -> Iterator[tuple[str, Content]]:
    """Every page that is not a brief's, made: the JSON export first, in pieces (the
    largest file of a big site, never whole in memory), then :func:`site_pages`."""
    yield EXPORT_PATH, export_parts(site)
    for page in site_pages(renderer, site, index, site_title):
        made = page.make()
        yield page.path, made.text if isinstance(made, Rendered) else made


def render_site(site: Site, templates_dir: Path, site_title: str,
                only: Collection[str] | None = None) -> dict[str, str]:
    """Every generated page as text, by path. With ``only``, brief pages are rendered
    for those brief ids alone; every other page is always rendered."""
    renderer = Renderer(templates_dir, site_title)
    index = build_index(site)
    wanted = sorted(site.briefs if only is None else set(only) & set(site.briefs))
    pages = {path: text for path, text, _ in iter_brief_pages(renderer, site, index, wanted)}
    for path, content in iter_site_pages(renderer, site, index, site_title):
        pages[path] = _text(content)
    return pages


def _text(content: Content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, Hashed):
        return content.data.decode("utf-8")
    return (content if isinstance(content, bytes) else b"".join(content)).decode("utf-8")
