"""The configuration Zensical is given: ``mkdocs.yml``, as it is, with a few settings
changed for one language's site.

Zensical reads ``mkdocs.yml``, but takes one folder of pages (``docs_dir``) and wants it,
its ``site_dir`` and its ``custom_dir`` inside the folder of the configuration file. So
each language's site is built in a project folder of its own that briefbook assembles
(:mod:`briefbook.engines.zensical.project`), from a configuration written there: the
site's own, read with every tag kept as it was written (``!ENV``, ``!!python/name:``:
Zensical resolves them, as MkDocs does), with the folders pointing into the project,
the theme in the site's language, the navigation's titles translated, and what the
theme overrides need to link a page to itself in the other languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefbook.errors import UsageError
from briefbook.render.language import language


@dataclass(frozen=True)
class Tagged:
    """A value written with a tag briefbook does not resolve, kept to be written back."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps every tag it does not know, with its value."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_scalar(node))  # type: ignore[arg-type]


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    """Safe YAML that writes a :class:`Tagged` value back with its tag."""


def _represent(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent)


def read_config(config_file: Path) -> dict[str, Any]:
    """The site's configuration, tags kept."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UsageError(f"{config_file}: cannot be read: {error}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{config_file}: not a configuration (a mapping of settings)")
    return data


def write_config(config: dict[str, Any], path: Path) -> None:
    """Write ``config`` as YAML at ``path`` (only when its text changed)."""
    text = yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")


def _plugin_name(entry: Any) -> str | None:
    if isinstance(entry, dict) and len(entry) == 1:
        entry = next(iter(entry))
    return entry if isinstance(entry, str) else None


def _translated_nav(items: Any, lang: str) -> Any:
    """The navigation with its titles (English in ``mkdocs.yml``) in ``lang``."""
    if isinstance(items, list):
        return [_translated_nav(item, lang) for item in items]
    if isinstance(items, dict):
        words = language(lang)
        return {words.gettext(str(title)) if isinstance(title, str) else title:
                _translated_nav(value, lang) for title, value in items.items()}
    return items


def switcher_data(lang: str, languages: tuple[str, ...]) -> dict[str, Any]:
    """What the theme overrides (``theme/main.html``) need to link a page to itself in
    every language: each language's site root relative to this language's."""
    default = languages[0]
    up = "" if lang == default else "../"
    found = []
    for code in languages:
        root = "" if code == lang else up + ("" if code == default else f"{code}/")
        found.append({"lang": code, "name": language(code).name, "root": root,
                      "current": code == lang})
    label = language(lang).gettext("This page in other languages")
    return {"label": label, "languages": found}


def _theme(config: dict[str, Any], lang: str) -> dict[str, Any]:
    theme = config.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}
    theme["language"] = lang
    # Material's look, which briefbook's style sheets were written for; Zensical's own
    # ("modern") where the site asks for it.
    theme.setdefault("variant", "classic")
    theme["custom_dir"] = "overrides"
    return theme


@dataclass(frozen=True)
class Site:
    """One language's site: what changes in its configuration."""

    lang: str
    languages: tuple[str, ...]
    title: str
    config_dir: Path
    """The folder of ``mkdocs.yml``, against which its relative paths are read."""


def derived_config(config: dict[str, Any], site: Site) -> dict[str, Any]:
    """The configuration of ``site``'s project folder, from the site's ``config``."""
    derived = dict(config)
    derived["site_name"] = site.title
    derived["docs_dir"], derived["site_dir"] = "docs", "site"
    derived["theme"] = _theme(config, site.lang)
    if isinstance(config.get("INHERIT"), str):
        derived["INHERIT"] = str((site.config_dir / config["INHERIT"]).resolve())
    if site.lang != site.languages[0] and "nav" in config:
        derived["nav"] = _translated_nav(config["nav"], site.lang)
    plugins = config.get("plugins")
    if isinstance(plugins, list):  # Zensical skips plugins it does not know; briefbook's
        derived["plugins"] = [p for p in plugins if _plugin_name(p) != "briefbook"]
    extra = config.get("extra")
    derived["extra"] = dict(extra) if isinstance(extra, dict) else {}
    if len(site.languages) > 1:
        derived["extra"]["briefbook"] = switcher_data(site.lang, site.languages)
    return derived


def custom_dir(config: dict[str, Any], config_dir: Path) -> Path | None:
    """The site's own theme overrides (``theme.custom_dir``), if it has any."""
    theme = config.get("theme")
    value = theme.get("custom_dir") if isinstance(theme, dict) else None
    return (config_dir / value).resolve() if isinstance(value, str) and value else None
