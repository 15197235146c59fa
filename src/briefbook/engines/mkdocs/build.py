"""Running MkDocs from the CLI: the site build (:mod:`.pagebuild`) and the live preview."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from briefbook.engines.mkdocs.plugin import (
    AUDIENCE_ENV,
    PACKS_ENV,
    TODAY_ENV,
    BriefbookPlugin,
    follower_config,
)
from briefbook.engines.pagefind import index_site
from briefbook.engines.sitedir import site_folder, staged
from briefbook.errors import BriefbookError, OutputError, UsageError
from briefbook.settings import Settings


def _environment(settings: Settings) -> None:
    os.environ[AUDIENCE_ENV] = settings.audience
    os.environ[TODAY_ENV] = settings.today.isoformat()
    os.environ[PACKS_ENV] = "1" if settings.packs else "0"


def _logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def build_site(config_file: Path, settings: Settings, *, site_dir: Path | None = None) -> Path:
    """Build the site in strict mode, in every language of the site (the default's at the
    top, each other one's in its own folder: :mod:`briefbook.engines.mkdocs.languages`),
    then its search index (:mod:`briefbook.engines.pagefind`); return the folder it was
    built into.

    The site is built beside that folder and swapped in only when MkDocs succeeds
    (:mod:`briefbook.engines.sitedir`): a failed or killed build leaves the
    previous site as it was.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from briefbook.engines.mkdocs.pagebuild import build

    if not config_file.is_file():
        raise UsageError(f"{config_file} not found")
    _environment(settings)
    _logging()
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    try:
        config = load_config(str(config_file), strict=True, **overrides)
        target = site_folder(config.site_dir)
    except MkDocsException as error:
        raise BriefbookError(f"site build failed: {error.format_message()}") from None
    try:
        with staged(target) as staging:
            config.site_dir = str(staging)
            build(config)
            leader = config.plugins.get("briefbook")
            if isinstance(leader, BriefbookPlugin) and leader.settings is not None:
                for lang in leader.settings.languages[1:]:
                    build(follower_config(config_file, lang, staging / lang, leader,
                                          strict=True))
            index_site(staging)
    except MkDocsException as error:
        raise BriefbookError(f"site build failed: {error.format_message()}") from None
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise OutputError(f"site build failed: {error.strerror or error}{where}; "
                          f"{target} was not replaced") from None
    return target


def serve_site(config_file: Path, settings: Settings, *, dev_addr: str, full: bool = False) -> None:
    """Serve the site with live reload until interrupted.

    By default each rebuild is a MkDocs "dirty" build: only pages whose Markdown
    changed are rendered again (the generator keeps the modification time of every
    file it did not change); the pages no longer generated leave the served folder
    and the search index, which is kept page by page (see
    :mod:`briefbook.engines.mkdocs.preview`). Strict mode is off (MkDocs warns about
    every dirty build). ``full`` rebuilds everything each time, strictly.
    """
    from mkdocs.commands import serve as served

    from briefbook.engines.mkdocs.pagebuild import build

    _environment(settings)
    _logging()
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    # MkDocs's serve calls the build function it imported; for this call, it is ours
    # (pinned: mkdocs.commands.serve of MkDocs 1.6.1 names it ``build``).
    plain = served.build  # type: ignore[attr-defined]
    served.build = build  # type: ignore[attr-defined]
    try:
        if full:
            served.serve(str(config_file), dev_addr=dev_addr, livereload=True)
        else:
            served.serve(str(config_file), dev_addr=dev_addr, livereload=True,
                         build_type="dirty", strict=False)
    finally:
        served.build = plain  # type: ignore[attr-defined]
