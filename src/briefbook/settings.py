"""The settings of one run: where the content is, where output goes, who it is for.

The site's title and its folder of hand-written pages come from ``mkdocs.yml`` (its
``site_name`` and ``docs_dir``), the one place a site is configured; the MkDocs plugin
hands them over, and the command line reads them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefbook.errors import UsageError
from briefbook.resolve.site import AUDIENCES
from briefbook.write.parallel import default_jobs

DEFAULT_TITLE = "Briefing book"
CONFIG_FILE = Path("mkdocs.yml")
DEFAULT_DOCS_DIR = "docs"
DEFAULT_LANGUAGES = ("en",)
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that reads past the tags MkDocs configurations use (``!ENV``,
    ``!!python/name:``) as plain values: only ``site_name`` and ``docs_dir`` are wanted."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_config(config_file: Path) -> dict[str, Any]:
    """An MkDocs configuration as data (empty if it cannot be read): read once by
    :class:`Settings`, which takes every setting it needs from it."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _text(config: dict[str, Any], key: str) -> str | None:
    value = config.get(key)
    return value if isinstance(value, str) and value.strip() else None


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options of the briefbook plugin in an MkDocs configuration read by
    :func:`read_config`."""
    plugins = config.get("plugins")
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("briefbook"), dict):
            return dict(entry["briefbook"])
    return {}


def languages_of(options: dict[str, Any]) -> tuple[str, ...]:
    """The site's languages from the plugin's options, the default first."""
    value = options.get("languages")
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(dict.fromkeys(value))
    return DEFAULT_LANGUAGES


def titles_of(options: dict[str, Any]) -> dict[str, str]:
    """The site's title in other languages (the plugin's ``site_name`` option)."""
    value = options.get("site_name")
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str) and v.strip()}


def packs_of(options: dict[str, Any]) -> bool:
    """Whether the site build prints the briefing packs: the plugin's ``packs`` option,
    off unless it is ``true`` (printing costs seconds a pack: a site asks for it)."""
    return options.get("packs") is True


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
    docs_dir: Path | None = None
    """The folder of hand-written pages, which generated pages must not collide with;
    None: the ``docs_dir`` of ``config_file``."""
    languages: tuple[str, ...] = ()
    """The site's languages, the default first; empty: the plugin's ``languages`` option
    in ``config_file`` (English alone if it has none)."""
    site_titles: dict[str, str] = field(default_factory=dict)
    """The site's title in other languages than the default (the plugin's ``site_name``
    option); empty: read from ``config_file``."""
    packs: bool | None = False
    """Whether generating prints the briefing packs (``packs/<id>.pdf``); None: the
    plugin's ``packs`` option in ``config_file`` (off if it has none), as the command
    line and the plugin have it. Off by default for callers of the library."""

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCES:
            raise UsageError(f"unknown audience '{self.audience}': use {', '.join(AUDIENCES)}")
        needed = (not self.site_title or self.docs_dir is None or not self.languages
                  or self.packs is None)
        config = read_config(self.config_file) if needed else {}
        if not self.site_title:
            self.site_title = _text(config, "site_name") or DEFAULT_TITLE
        if self.docs_dir is None:
            # Relative to the configuration's folder, as MkDocs reads it.
            self.docs_dir = self.config_file.parent / (_text(config, "docs_dir")
                                                       or DEFAULT_DOCS_DIR)
        options = plugin_options(config) if needed else {}
        if not self.languages:
            self.languages = languages_of(options)
            self.site_titles = self.site_titles or titles_of(options)
        if self.packs is None:
            self.packs = packs_of(options)
        unknown = [code for code in self.languages if not LANGUAGE_CODE.match(code)]
        if unknown:
            raise UsageError(f"'{unknown[0]}' is not a language code (use en, ru, kk, tk ...)")

    def title_in(self, lang: str) -> str:
        """The site's title in ``lang`` (the default's where it has none of its own)."""
        return self.site_titles.get(lang) or self.site_title

    @property
    def cache_key(self) -> str:
        """What, besides the briefs and the code, every page depends on."""
        titles = "|".join(f"{k}={v}" for k, v in sorted(self.site_titles.items()))
        return (f"{self.audience}|{self.today.isoformat()}|{self.site_title}|"
                f"{','.join(self.languages)}|{titles}")
