"""``briefbook build --engine zensical``: the generated Markdown built with Zensical.

The generator runs first (:func:`briefbook.pipeline.generate`, with the settings the
MkDocs plugin would take from ``mkdocs.yml``); then each language's site is built by
Zensical from a project folder assembled for it
(:mod:`briefbook.engines.zensical.project`), the default's at the top of the site, each
other one's in ``<site>/<code>/``, as the MkDocs engine lays them out. All of it is built
into a new folder beside the site, swapped in only when every language has succeeded
(:mod:`briefbook.engines.sitedir`). What Zensical does differently: docs/engines.md.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any

from briefbook.engines.sitedir import site_folder, staged
from briefbook.engines.zensical.config import Site, read_config
from briefbook.engines.zensical.project import assemble
from briefbook.errors import BriefbookError, OutputError, UsageError
from briefbook.incremental.cache import CACHE_DIR
from briefbook.pipeline import generate
from briefbook.settings import Settings, plugin_options
from briefbook.settings import read_config as read_mkdocs_config
from briefbook.write.lock import holding

INSTALL_HINT = "install it with: pip install 'briefbook[zensical]'"


def engine_settings(config_file: Path, settings: Settings) -> Settings:
    """The generator's settings as the MkDocs plugin would make them from ``config_file``
    (its ``briefs``, ``templates`` and ``generated`` options, relative to it), for the
    audience and date of ``settings``."""
    root = config_file.parent
    options = plugin_options(read_mkdocs_config(config_file))

    def folder(key: str) -> Path:
        value = options.get(key)
        return root / (value if isinstance(value, str) and value else key)

    return Settings(briefs_dir=folder("briefs"), templates_dir=folder("templates"),
                    out_dir=folder("generated"), audience=settings.audience,
                    today=settings.today, config_file=config_file, jobs=settings.jobs,
                    packs=settings.packs)


def work_folder(out_dir: Path) -> Path:
    """The folder of the projects Zensical builds from, beside briefbook's cache."""
    return out_dir.parent / CACHE_DIR / f"zensical-{out_dir.name}"


def _require_zensical() -> None:
    """Stop, before anything is generated, where Zensical is not installed."""
    if importlib.util.find_spec("zensical") is None:
        raise UsageError(f"Zensical is not installed; {INSTALL_HINT}")


def run_zensical(config_path: Path, *, clean: bool = False) -> None:
    """One Zensical build of the project of ``config_path`` in strict mode; ``clean``
    ignores Zensical's cache."""
    _require_zensical()
    import zensical

    try:
        zensical.build(str(config_path.resolve()), {"clean": clean, "strict": True})
    except Exception as error:  # Zensical's errors are Python's or its runtime's
        raise BriefbookError(f"site build failed (Zensical): {error}") from None


def _move(source: Path, target: Path) -> None:
    if not source.is_dir():
        raise BriefbookError(f"site build failed (Zensical): nothing was built in {source}")
    try:
        source.rename(target)
    except OSError:  # another file system
        shutil.move(source, target)


def _build_languages(config_file: Path, config: dict[str, Any], settings: Settings,
                     generated: list[str], staging: Path) -> None:
    languages = settings.languages
    work = work_folder(settings.out_dir)
    projects = []
    assert settings.docs_dir is not None
    with holding(settings.out_dir):  # the generated files, while they are linked
        for lang in languages:
            site = Site(lang, languages, settings.title_in(lang),
                        config_file.parent.resolve())
            projects.append(assemble(work / lang, site, config, docs_dir=settings.docs_dir,
                                     out_dir=settings.out_dir, generated=generated))
    for lang, project in zip(languages, projects, strict=True):
        run_zensical(project)
        _move(project.parent / "site", staging if lang == languages[0] else staging / lang)


def build_site(config_file: Path, settings: Settings, *, site_dir: Path | None = None) -> Path:
    """Generate, then build the site with Zensical in every language of the site; return
    the folder it was built into. A failed or killed build leaves the previous site."""
    if not config_file.is_file():
        raise UsageError(f"{config_file} not found")
    _require_zensical()
    config = read_config(config_file)
    settings = engine_settings(config_file, settings)
    report, _ = generate(settings)
    generated = sorted(report.written + report.unchanged)
    default_site = config_file.parent / str(config.get("site_dir") or "site")
    target = site_folder(site_dir.resolve() if site_dir else default_site)
    work = work_folder(settings.out_dir)
    work.parent.mkdir(parents=True, exist_ok=True)
    try:
        with holding(work), staged(target) as staging:
            _build_languages(config_file, config, settings, generated, staging)
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise OutputError(f"site build failed: {error.strerror or error}{where}; "
                          f"{target} was not replaced") from None
    return target
