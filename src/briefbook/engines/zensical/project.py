"""The project folder Zensical builds one language's site from, assembled by briefbook.

Zensical takes one folder of pages, inside the folder of its configuration file; the
site's pages are in two (``docs/``, hand-written, and the generated folder), and each
language's site is a different selection of them. So each language has a project folder
of its own, ``.briefbook/zensical-<generated>/<code>/`` beside the generated folder
(briefbook's, like its cache; kept between builds for Zensical's own cache, ``.cache``):

* ``docs/``: hard links to the files of ``docs/`` and of the generated folder that make
  the site in that language (:mod:`briefbook.engines.files`; copies where a link cannot
  be made), made again on every build. A hand-written page without a translation is
  written there under a note saying so, as the MkDocs engine shows it. Nothing ever
  writes into these files: the generator replaces a file by renaming a new one over it,
  so a link keeps the bytes it was made with.
* ``overrides/``: the theme overrides (``theme/main.html``: the language switcher and
  ``hreflang`` links; Material's words in Kazakh and Turkmen, which the MkDocs engine
  ships), then the site's own ``custom_dir`` over them.
* ``mkdocs.yml``: the site's configuration for that language
  (:mod:`briefbook.engines.zensical.config`).
* ``site/``: Zensical's output, moved into the staged site folder after the build.

Nothing is ever written into ``docs/`` or the generated folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from briefbook.engines.files import (
    generated_files,
    is_translation,
    translation_of,
    untranslated_page,
)
from briefbook.engines.zensical.config import Site, custom_dir, derived_config, write_config
from briefbook.errors import BriefbookError
from briefbook.load.docs import hand_written_pages
from briefbook.render.paths import MARKDOWN_SUFFIXES

ENGINES_DIR = Path(__file__).resolve().parent.parent
LANGUAGE_FILES = "partials/languages"
THEME_DIRS = ((ENGINES_DIR / "zensical" / "theme", ""),
              # Material's words in the languages it lacks, in the format Zensical reads too.
              (ENGINES_DIR / "mkdocs" / "theme" / LANGUAGE_FILES, LANGUAGE_FILES))
CONFIG_NAME = "mkdocs.yml"


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy (times kept)
        shutil.copy2(source, target)


def _fresh(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def _untranslated(source: Path, target: Path, lang: str) -> None:
    """The default language's page under a note; its time the source's, so that
    Zensical's cache sees an unchanged page as unchanged."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(untranslated_page(source.read_text("utf-8"), lang), "utf-8")
    times = source.stat()
    os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))


def _hand_written(docs_dir: Path, docs: Path, site: Site) -> None:
    default = site.languages[0]
    others = [code for code in site.languages if code != default]
    for path, _ in hand_written_pages(docs_dir):
        if is_translation(path, others):
            continue
        if site.lang == default or not path.endswith(MARKDOWN_SUFFIXES):
            _link(docs_dir / path, docs / path)
            continue
        translated = docs_dir / (translation_of(path, site.lang) or path)
        if translated.is_file():
            _link(translated, docs / path)
        else:
            _untranslated(docs_dir / path, docs / path, site.lang)


def _generated(out_dir: Path, docs: Path, paths: list[str], site: Site) -> None:
    for path, generated in generated_files(paths, site.lang, site.languages):
        if (docs / path).exists():
            raise BriefbookError(f"docs/{path} is hand-written and would be replaced by a "
                                 "generated page; rename one of them")
        _link(out_dir / generated, docs / path)


def _overrides(overrides: Path, own: Path | None) -> None:
    for theme, under in (*THEME_DIRS, *([(own, "")] if own else [])):
        if not theme.is_dir():
            continue
        for source in sorted(theme.rglob("*")):
            if source.is_file() and not source.name.startswith("."):
                target = overrides / under / source.relative_to(theme)
                target.unlink(missing_ok=True)
                _link(source, target)


def assemble(project: Path, site: Site, config: dict[str, Any], *, docs_dir: Path,
             out_dir: Path, generated: list[str]) -> Path:
    """Make the project folder of ``site`` (see the module docstring) from the site's
    ``config``, its hand-written pages in ``docs_dir`` and the ``generated`` files of
    ``out_dir``; return its configuration file."""
    project.mkdir(parents=True, exist_ok=True)
    for folder in ("docs", "overrides", "site"):
        _fresh(project / folder)
    (project / "site").rmdir()
    _hand_written(docs_dir, project / "docs", site)
    _generated(out_dir, project / "docs", generated, site)
    _overrides(project / "overrides", custom_dir(config, site.config_dir))
    write_config(derived_config(config, site), project / CONFIG_NAME)
    return project / CONFIG_NAME
