"""The settings of one run: where the content is, where output goes, who it is for.

The site's title comes from ``mkdocs.yml`` (its ``site_name``), the one place a site is
configured; the MkDocs plugin hands it over, and the command line reads it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefbook.errors import UsageError
from briefbook.resolve.site import AUDIENCES
from briefbook.write.parallel import default_jobs

DEFAULT_TITLE = "Briefing book"
CONFIG_FILE = Path("mkdocs.yml")


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that reads past the tags MkDocs configurations use (``!ENV``,
    ``!!python/name:``) as plain values: only ``site_name`` is wanted."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def site_title_of(config_file: Path) -> str | None:
    """The ``site_name`` of an MkDocs configuration, if it can be read."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    name = data.get("site_name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name.strip() else None


@dataclass
class Settings:
    """Where the content is, where output goes, and who it is for."""

    briefs_dir: Path = Path("briefs")
    templates_dir: Path = Path("templates")
    out_dir: Path = Path("generated")
    audience: str = "public"
    today: dt.date = field(default_factory=dt.date.today)
    jobs: int = field(default_factory=default_jobs)
    """Processes that render pages (see :mod:`briefbook.write.parallel`)."""
    site_title: str = ""
    """The site's title; empty: the ``site_name`` of ``config_file``."""
    config_file: Path = CONFIG_FILE

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCES:
            raise UsageError(f"unknown audience '{self.audience}': use {', '.join(AUDIENCES)}")
        if not self.site_title:
            self.site_title = site_title_of(self.config_file) or DEFAULT_TITLE

    @property
    def cache_key(self) -> str:
        """What, besides the briefs and the code, every page depends on."""
        return f"{self.audience}|{self.today.isoformat()}|{self.site_title}"
