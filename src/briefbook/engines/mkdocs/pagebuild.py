"""The site build: MkDocs 1.6.1's ``build`` step by step, its pages on every core and kept.

MkDocs's ``mkdocs.commands.build.build`` gathers the files and the navigation, then
populates every page (Markdown to HTML), copies the static files, renders the theme's
own templates (404, sitemap), renders every page with the theme, checks the anchors
and runs ``post_build``. :func:`build` does the same steps in the same order with the
same plugin events, calling MkDocs's own functions for each (``get_files``,
``get_navigation``, ``_populate_page``, ``_build_theme_template``, …), but runs the two
per-page phases over chunks of pages in forked workers (:mod:`.pagerun`) and answers
pages whose inputs are unchanged from the page cache (:mod:`.pagekeys`,
:mod:`briefbook.incremental.sitepages`). The site it writes is byte for byte the one
``mkdocs.commands.build.build`` writes (``tests/test_pagebuild.py``).

What this relies on, pinned to :data:`.pagekeys.WRITTEN_FOR` (a test fails on another
version): the order of ``build``'s steps; ``_populate_page``, ``_build_theme_template``,
``_build_extra_template``, ``get_context`` and what ``_build_page`` does (copied in
:func:`.pagework.render`); what ``Page.render`` leaves on a page (``content``, ``toc``,
``_title_from_render``, ``present_anchor_ids``, ``links_to_anchors``); and which
plugins collect something page by page, and where: Material's and MkDocs's search
(their index's ``entries``/``_entries``), if a configuration keeps them. A
configuration with any other plugin is built by MkDocs's own ``build``, unchanged,
since what another plugin does to a page in a worker could be lost.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs import utils
from mkdocs.commands import build as mkbuild
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from briefbook.engines.mkdocs.pagekeys import (
    BRIEFBOOK_PLUGIN,
    kind_of,
    populate_base,
    render_base,
    render_key,
)
from briefbook.engines.mkdocs.pagerun import run_phase
from briefbook.engines.mkdocs.phases import Populating, Rendering
from briefbook.incremental.sitepages import PageStore
from briefbook.write.parallel import default_jobs

log = logging.getLogger("mkdocs.commands.build")
KNOWN_PLUGINS = frozenset({BRIEFBOOK_PLUGIN, "material.plugins.search.plugin.SearchPlugin",
                           "mkdocs.contrib.search.SearchPlugin"})


def known_plugins(config: MkDocsConfig) -> bool:
    """Whether every plugin is one whose page-by-page effects this build knows."""
    return all(kind_of(plugin) in KNOWN_PLUGINS for plugin in config.plugins.values())


def collecting(config: MkDocsConfig) -> list[list[Any]]:
    """The lists plugins fill page by page while pages are rendered."""
    lists: list[list[Any]] = []
    for plugin in config.plugins.values():
        if kind_of(plugin) == BRIEFBOOK_PLUGIN:
            continue  # it fills no list page by page (the search is Pagefind's, made after)
        index = getattr(plugin, "search_index", None)
        for name in ("entries", "_entries"):
            entries = getattr(index, name, None)
            if isinstance(entries, list):
                lists.append(entries)
                break
    return lists


def store_for(config: MkDocsConfig, serve_url: str | None, dirty: bool) -> PageStore:
    """The page cache of this site (off for the live preview, which renders few pages)."""
    if serve_url or dirty:
        return PageStore(None)
    plugin = config.plugins.get("briefbook")
    settings = getattr(plugin, "settings", None) if kind_of(plugin) == BRIEFBOOK_PLUGIN else None
    if settings is not None:
        root = Path(settings.out_dir).resolve().parent
    else:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    return PageStore.open(root, str(config.theme.get("language") or "default"))


def build(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False,
          jobs: int | None = None) -> None:
    """Build the site of ``config`` as ``mkdocs.commands.build.build`` does (same
    arguments), its pages on ``jobs`` processes (default: one per core) and from the page
    cache."""
    if not known_plugins(config):
        log.info("briefbook: a plugin this build does not know is configured: MkDocs's own "
                 "build, one page at a time")
        mkbuild.build(config, serve_url=serve_url, dirty=dirty)
        return
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        _clean(config, serve_url, dirty)
        _build(config, serve_url, dirty, jobs or default_jobs())
        if counts := counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            log.error(str(error))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


def _clean(config: MkDocsConfig, serve_url: str | None, dirty: bool) -> None:
    if not dirty:
        log.info("Cleaning site directory")
        utils.clean_directory(config.site_dir)
    else:
        log.warning(
            "A 'dirty' build is being performed, this will likely lead to inaccurate navigation "
            "and other links within your site. This option is designed for site development "
            "purposes only.")
    if not serve_url:
        log.info(f"Building documentation to directory: {config.site_dir}")
        if dirty and mkbuild.site_directory_contains_stale_files(config.site_dir):
            log.info("The directory contains stale files. Use --clean to remove them.")


def _pages(files: Files, config: MkDocsConfig, inclusion: Any, serve_url: str | None
           ) -> tuple[list[Page], list[str]]:
    """Every page to build (a page made for a file outside the navigation), and the
    draft pages built for the preview only."""
    pages, excluded = [], []
    for file in files.documentation_pages(inclusion=inclusion):
        level = file.inclusion
        if file.page is None and level.is_not_in_nav():  # type: ignore[no-untyped-call]
            if serve_url and level.is_excluded():  # type: ignore[no-untyped-call]
                excluded.append(urljoin(serve_url, file.url))
            Page(None, file, config)
        assert file.page is not None
        pages.append(file.page)
    return pages, excluded


def _build(config: MkDocsConfig, serve_url: str | None, dirty: bool, jobs: int) -> None:
    """From gathering the files to ``post_build``, as MkDocs's build does."""
    inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    pages, excluded = _pages(files, config, inclusion, serve_url)
    store = store_for(config, serve_url, dirty)
    base = populate_base(config, files) if store.on else ""
    populating = Populating(pages, config, files, dirty, store, base, 0)
    run_phase(populating, len(pages), [], jobs)
    if excluded:
        log.info("The following pages are being built only for the preview but will be "
                 "excluded from `mkdocs build` per `draft_docs` config:\n  - "
                 + "\n  - ".join(excluded))
    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(dirty=dirty, inclusion=inclusion)
    for template in config.theme.static_templates:
        mkbuild._build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        mkbuild._build_extra_template(template, files, config, nav)
    _render(config, files, nav, env, pages, populating, inclusion, dirty, jobs)
    config.plugins.on_post_build(config=config)


def _render(config: MkDocsConfig, files: Files, nav: Navigation, env: Any, pages: list[Page],
            populating: Populating, inclusion: Any, dirty: bool, jobs: int) -> None:
    """Render every page, check the anchors; keep only this build's pages in the cache."""
    doc_files = files.documentation_pages(inclusion=inclusion)
    lists = collecting(config)
    rendering = Rendering(pages, config, doc_files, nav, env, dirty)
    store = populating.store
    if store.on and all(populating.keys):
        base = render_base(populating.base, config, nav, pages)
        rendering.cache(store, [render_key(base, key) for key in populating.keys], len(lists))
    run_phase(rendering, len(pages), lists, jobs)
    level = config.validation.links.anchors
    for file in doc_files:
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=level)
    if store.on:
        store.keep_only(populating.keys + rendering.keys)
