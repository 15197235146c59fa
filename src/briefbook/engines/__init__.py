"""The engines that build the generated Markdown into a site; the only package that
imports one. MkDocs with Material (``engines/mkdocs/``) is the default; Zensical
(``engines/zensical/``, optional) builds the same Markdown. What they share, and import
neither: the site folder's swap (``sitedir.py``) and each language's files
(``files.py``)."""

from __future__ import annotations

from pathlib import Path

from briefbook.settings import Settings

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"


def build_site(engine: str, config_file: Path, settings: Settings, *,
               site_dir: Path | None = None) -> Path:
    """Build the site with ``engine``; return the folder it was built into."""
    if engine == "zensical":
        from briefbook.engines.zensical.build import build_site as build_with_zensical

        return build_with_zensical(config_file, settings, site_dir=site_dir)
    from briefbook.engines.mkdocs.build import build_site as build_with_mkdocs

    return build_with_mkdocs(config_file, settings, site_dir=site_dir)
