"""Which pages a site has, and rendering them one at a time.

Brief pages and site-wide pages (listings, feed, export, writers' guide) come from
separate generators so that :mod:`briefbook.write.parallel` can share the brief pages
out between processes. Every brief page comes with what it read of the site
(:mod:`briefbook.render.view`); site-wide pages come as :class:`SitePage` recipes.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from briefbook.render.content import Content, Hashed
from briefbook.render.environment import Citations, Rendered, Renderer
from briefbook.render.export import export_parts
from briefbook.render.feeds import FEED_SIZE, atom_feed, recently_reviewed
from briefbook.render.guide import render_guide
from briefbook.render.listings import CHANGES_SIZE, SitePage, listing_pages
from briefbook.render.packs.gather import PACK_KINDS
from briefbook.render.packs.links import PackFacts, pack_line
from briefbook.render.paths import (
    EXPORT_PATH,
    FEED_PATH,
    GUIDE_PATH,
    brief_page,
    in_language,
    pack_file,
)
from briefbook.render.view import Key, Reads
from briefbook.resolve.indexes import SiteIndex, build_index
from briefbook.resolve.site import Site

__all__ = ["Content", "Hashed", "SitePage"]


PageTask = tuple[str, str]
"""A brief page to render: (language, brief id)."""


def render_brief_page(renderer: Renderer, site: Site, index: SiteIndex, brief_id: str,
                      lang: str | None = None, packs: PackFacts | None = None) -> Rendered:
    """The page of one brief in ``lang`` (the site's first language by default), and what
    it read (its own brief always among it). A brief with a pack reads the facts of its
    pack in ``packs`` (none: no link), whether or not it was printed."""
    resolved = site.briefs[brief_id]
    lang = lang or renderer.languages[0]
    reads, page, pack = Reads(), brief_page(brief_id), None
    if resolved.kind in PACK_KINDS:
        written = in_language(pack_file(brief_id), lang, renderer.languages[0])
        reads.add("pack", written)
        pack = pack_line((packs or {}).get(written), page, pack_file(brief_id), lang)
    rendered = renderer.render(f"{resolved.kind}.md.j2", page, site, index=index, reads=reads,
                               lang=lang, b=resolved, brief=resolved.brief, pack=pack,
                               cites=Citations(resolved.cited_sources))
    return Rendered(rendered.text, rendered.reads | {("brief", brief_id)})


def brief_tasks(renderer: Renderer, brief_ids: Iterable[str]) -> list[PageTask]:
    """The page of each brief in each of the site's languages."""
    return [(lang, brief_id) for brief_id in brief_ids for lang in renderer.languages]


def task_path(renderer: Renderer, task: PageTask) -> str:
    """Where the page of a task is written."""
    return in_language(brief_page(task[1]), task[0], renderer.languages[0])


def iter_brief_pages(renderer: Renderer, site: Site, index: SiteIndex,
                     tasks: Iterable[PageTask], packs: PackFacts | None = None
                     ) -> Iterator[tuple[str, str, frozenset[Key]]]:
    """The pages of the given tasks, in the order given, one at a time, with their reads."""
    for task in tasks:
        text, reads = render_brief_page(renderer, site, index, task[1], task[0], packs)
        yield task_path(renderer, task), text, reads


def site_pages(renderer: Renderer, site: Site, index: SiteIndex) -> Iterator[SitePage]:
    """Every site-wide page but the export, in every language: listings, the Atom feed
    (copied by MkDocs as it is) and the writers' guide (generated from the models, not
    from briefs)."""
    latest = recently_reviewed(site, max(CHANGES_SIZE, FEED_SIZE))
    feed = latest[:FEED_SIZE]
    default = renderer.languages[0]
    for lang in renderer.languages:
        for page in listing_pages(renderer, site, index, latest, lang):
            yield SitePage(in_language(page.path, lang, default), page.key, page.make)
        title = renderer.titles[lang]
        yield SitePage(in_language(FEED_PATH, lang, default),
                       ("feed", site.audience, title, lang, feed),
                       functools.partial(atom_feed, site, title, latest=feed, lang=lang))
        yield SitePage(in_language(GUIDE_PATH, lang, default), ("guide", lang),
                       functools.partial(render_guide, lang))


def iter_site_pages(renderer: Renderer, site: Site, index: SiteIndex
                    ) -> Iterator[tuple[str, Content]]:
    """Every page that is not a brief's, made: the JSON export first, in pieces (the
    largest file of a big site, never whole in memory; one for every language: it holds
    every language's text), then :func:`site_pages`."""
    yield EXPORT_PATH, export_parts(site)
    for page in site_pages(renderer, site, index):
        made = page.make()
        yield page.path, made.text if isinstance(made, Rendered) else made


def render_site(site: Site, templates_dir: Path, site_title: str,
                only: Collection[str] | None = None, languages: tuple[str, ...] = ("en",),
                titles: dict[str, str] | None = None) -> dict[str, str]:
    """Every generated page as text, by path. With ``only``, brief pages are rendered
    for those brief ids alone; every other page is always rendered."""
    renderer = Renderer(templates_dir, site_title, languages, titles)
    index = build_index(site)
    wanted = sorted(site.briefs if only is None else set(only) & set(site.briefs))
    pages = {path: text for path, text, _ in
             iter_brief_pages(renderer, site, index, brief_tasks(renderer, wanted))}
    for path, content in iter_site_pages(renderer, site, index):
        pages[path] = _text(content)
    return pages


def _text(content: Content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, Hashed):
        return content.data.decode("utf-8")
    return (content if isinstance(content, bytes) else b"".join(content)).decode("utf-8")
