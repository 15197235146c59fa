"""One page's two steps of a MkDocs 1.6.1 build, with what they leave behind as plain data.

MkDocs's ``build`` first *populates* every page (reads its Markdown, runs the
``pre_page``, ``page_markdown`` and ``page_content`` events, converts it to HTML: content,
title, table of contents, anchors) and then *renders* every page with the theme's
template (``page_context`` and ``post_page`` events), writing its HTML. Here each step
of one page is done as MkDocs does it and what the rest of the build needs of it comes
back as plain data (lists, dicts, strings), so the step can run in a forked worker, or
come from the page cache, and be applied to the parent's page:

* populated: the Markdown after the events, the meta, the HTML content, the table of
  contents, the title taken from the first heading, the anchors the page has and the
  anchors it links to (for the anchor check after rendering);
* rendered: the page's HTML (written where MkDocs writes it) and what the plugins
  that collect something page by page (the search index) collected from it.

Both carry the log records the step made (MkDocs counts warnings to fail a strict
build), replayed in the parent in page order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from mkdocs import utils
from mkdocs.commands import build as mkbuild
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

Logs = list[list[Any]]
"""Log records as [logger name, level, message]."""


class _Capture(logging.Handler):
    """Takes every record once (a record passing several loggers' handlers is one)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: Logs = []
        self._last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record is self._last:
            return
        self._last = record
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
        self.records.append([record.name, record.levelno, message])

    def take(self) -> Logs:
        taken, self.records = self.records, []
        return taken


@contextmanager
def captured() -> Iterator[_Capture]:
    """Every log record made inside, taken instead of handled (see :func:`replay`)."""
    capture = _Capture()
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and logger.handlers]
    saved = [(logger, logger.handlers) for logger in loggers]
    for logger in loggers:
        logger.handlers = [capture]
    try:
        yield capture
    finally:
        for logger, handlers in saved:
            logger.handlers = handlers


def replay(logs: Logs) -> None:
    """Handle the records ``logs`` as if they were logged here and now."""
    for name, level, message in logs:
        logger = logging.getLogger(name)
        logger.handle(logger.makeRecord(name, level, "", 0, message, (), None))


def _toc_data(items: list[AnchorLink]) -> list[Any]:
    return [[item.title, item.id, item.level, _toc_data(item.children)] for item in items]


def _toc(data: list[Any]) -> list[AnchorLink]:
    items = []
    for title, anchor, level, children in data:
        item = AnchorLink(str(title), str(anchor), int(level))
        item.children = _toc(children)
        items.append(item)
    return items


def populated(page: Page) -> list[Any] | None:
    """What populating ``page`` left on it, as data (None: it was not populated)."""
    if page.markdown is None or page.content is None:
        return None
    links = page.links_to_anchors
    return [page.markdown, page.meta, page.content, _toc_data(list(page.toc)),
            page._title_from_render, sorted(page.present_anchor_ids or ()),
            None if links is None else {file.src_uri: dict(found)
                                        for file, found in links.items()}]


def apply_populated(page: Page, data: list[Any], files: Files) -> None:
    """Put on ``page`` what :func:`populated` took off another copy of it."""
    markdown, meta, content, toc, title, anchors, links = data
    if not (isinstance(markdown, str) and isinstance(meta, dict) and isinstance(content, str)
            and isinstance(anchors, list) and (title is None or isinstance(title, str))):
        raise ValueError("not a populated page")
    targets: dict[File, dict[str, str]] | None = None
    if links is not None:
        targets = {}
        for src_uri, found in dict(links).items():
            target = files.get_file_from_path(src_uri)
            if target is None:
                raise ValueError(f"no file {src_uri}")
            targets[target] = {str(k): str(v) for k, v in dict(found).items()}
    items = _toc(toc)
    if items:
        items[0].active = True  # type: ignore[attr-defined]  # as MkDocs's get_toc does
    page.markdown, page.meta, page.content = markdown, meta, content
    page.toc = TableOfContents(items)
    page._title_from_render = title
    page.present_anchor_ids = {str(anchor) for anchor in anchors}
    page.links_to_anchors = targets


def populate(page: Page, config: MkDocsConfig, files: Files, dirty: bool) -> list[Any] | None:
    """Populate ``page`` as MkDocs's build does; what it left on the page, as data."""
    mkbuild._populate_page(page, config, files, dirty)
    return populated(page)


def render(page: Page, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation,
           env: Any, dirty: bool) -> bytes | None:
    """Render ``page`` with the theme, as MkDocs 1.6.1's ``_build_page`` does, but return
    the bytes it writes (None: nothing written) instead of writing them."""
    config._current_page = page
    try:
        if dirty and not page.file.is_modified():
            return None
        page.active = True
        context = mkbuild.get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        if page.file.inclusion.is_excluded():  # type: ignore[no-untyped-call]
            page.content = (
                '<div class="mkdocs-draft-marker" title="This page will not be included into '
                'the built site.">DRAFT</div>' + (page.content or ""))
        output = config.plugins.on_post_page(template.render(context), page=page,
                                             config=config)
        if output.strip():
            return output.encode("utf-8", errors="xmlcharrefreplace")
        mkbuild.log.info(f"Page skipped: '{page.file.src_uri}'. Generated empty output.")
        return None
    except Exception as error:
        message = f"Error building page '{page.file.src_uri}':"
        if not isinstance(error, BuildError):
            message += f" {error}"
        mkbuild.log.error(message)
        raise
    finally:
        page.active = False
        config._current_page = None


def write(page: Page, output: bytes | None) -> None:
    """Write a page's HTML where MkDocs writes it."""
    if output is not None:
        utils.write_file(output, page.file.abs_dest_path)
