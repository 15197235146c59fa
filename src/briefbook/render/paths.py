"""Where every generated page lives: the one module that makes page paths.

Paths are relative to the generated folder, with ``/`` separators; MkDocs serves
``x/y.md`` at ``/x/y/``. A brief's page is its id, so it never moves when its title
changes. What the site holds besides briefs' pages is listed here too
(:func:`site_wide_pages`, :func:`page_families`), with the file MkDocs makes of each
path (:func:`site_file`), so that ids and tags taking one of those addresses are found
before anything is rendered (:mod:`briefbook.render.collisions`).
"""

from __future__ import annotations

import posixpath

from briefbook.models import KIND_TITLES, KINDS

HOME = "index.md"
SOURCES = "sources.md"
CHANGES = "changes.md"
TAGS = "tags/index.md"
TIMELINE_DIR = "timeline"
TIMELINE = f"{TIMELINE_DIR}.md"
FEED_PATH = "feed.xml"
EXPORT_PATH = "data/briefs.json"
GUIDE_PATH = "writing-briefs.md"
PACKS_DIR = "packs"


def in_language(path: str, lang: str, default: str) -> str:
    """Where the page at ``path`` of a site in ``lang`` is written: the default
    language's pages at the top, every other language's in a folder named by its code
    (``ru/gas_field/galkynysh.md``), each a complete site with the same paths beneath.
    Pages are rendered at ``path`` itself: their links are relative, so they stay in
    their language's folder."""
    return path if lang == default else f"{lang}/{path}"


def brief_page(brief_id: str) -> str:
    """A brief's page: its id plus ``.md``."""
    return f"{brief_id}.md"


def pack_file(brief_id: str) -> str:
    """A brief's briefing pack: ``packs/`` plus its id plus ``.pdf``."""
    return f"{PACKS_DIR}/{brief_id}.pdf"


def kind_page(kind: str) -> str:
    """A kind's listing."""
    return f"{kind}/index.md"


def tag_page(tag: str) -> str:
    """The listing of one tag's briefs."""
    return f"tags/{tag}.md"


def timeline_filter_page(key: str, *, tag: bool = False) -> str:
    """The timeline page of one country (by brief id) or one tag."""
    return f"{TIMELINE_DIR}/tag/{key}.md" if tag else f"{TIMELINE_DIR}/{key}.md"


MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""The file names MkDocs reads as Markdown pages."""


def site_file(path: str) -> str:
    """The file MkDocs makes of the page or file at ``path`` in the built site, with the
    directory URLs links and the feed assume: ``x.md`` and ``x/index.md`` (or
    ``x/README.md``) both become ``x/index.html``; any other file is copied as it is.
    Two paths with one site file overwrite each other."""
    if not path.endswith(MARKDOWN_SUFFIXES):
        return path
    # String operations, not posixpath: this runs for every brief of every check.
    stem = path[:path.rindex(".")]
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/index.html" if folder else "index.html"
    return f"{stem}/index.html"


def address(path: str) -> str:
    """Where the page or file at ``path`` is served: ``/x/`` for ``x.md``."""
    built = site_file(path)
    return "/" + (built[:-len("index.html")] if posixpath.basename(built) == "index.html"
                  else built)


def site_wide_pages() -> dict[str, str]:
    """Every generated page whose path does not depend on the briefs, with its name."""
    pages = {HOME: "the home page", SOURCES: "the sources page",
             CHANGES: "the recent changes page", TAGS: "the tags page",
             TIMELINE: "the timeline", FEED_PATH: "the Atom feed",
             EXPORT_PATH: "the data export", GUIDE_PATH: "the writers' guide"}
    pages.update({kind_page(kind): f"the index of {KIND_TITLES[kind].lower()}" for kind in KINDS})
    return pages


def page_families() -> dict[str, str]:
    """The folders of pages made one per tag or per country, with their names: every
    path in them may be generated, so no brief's page belongs there."""
    sample = "x"
    families = {posixpath.dirname(tag_page(sample)): "the tag pages",
                posixpath.dirname(timeline_filter_page(sample)): "the timeline pages",
                posixpath.dirname(timeline_filter_page(sample, tag=True)): "the timeline pages"}
    return {folder: name for folder, name in families.items()
            if not any(folder.startswith(other + "/") for other in families)}
