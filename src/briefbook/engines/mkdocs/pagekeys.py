"""The keys of the page cache: every input of a page's conversion and of its rendering.

A page's HTML content (populating it) depends on its source bytes, on every file of the
site (links are resolved against them, with their URLs), on the configuration (the
Markdown extensions and their options, the plugins' options), on the state our plugin
gives the page (its language, whether it is a fallback page) and on the code: the
versions of MkDocs, Material, Python-Markdown, pymdown-extensions and briefbook, and
briefbook's own source (a working copy's version does not change with every edit).
Its rendered page depends besides on the whole navigation (every page's title, URL and
meta: the theme shows titles in the navigation, previous and next links, meta icons),
on the theme's files and on the build date (pages carry it). Theme files inside the
installed MkDocs and Material packages are named by their versions; every other theme
folder (briefbook's overrides, a ``custom_dir``) is hashed file by file.

:data:`WRITTEN_FOR` names the versions the build (:mod:`.pagebuild`) was written for;
``tests/test_pagebuild.py`` fails when the installed ones differ.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path
from typing import Any

import markdown
import material  # type: ignore[import-untyped]
import mkdocs
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from briefbook.incremental.sitepages import key_of

BRIEFBOOK_PLUGIN = "briefbook.engines.mkdocs.plugin.BriefbookPlugin"
"""Our plugin, named (the plugin builds the other languages with this build: no import)."""
WRITTEN_FOR = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}
"""The versions whose build internals :mod:`.pagebuild` follows step by step."""
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "briefbook")
_PACKAGE_DIR = Path(__file__).resolve().parents[2]
_INSTALLED = tuple(Path(module.__file__ or "").resolve().parent
                   for module in (mkdocs, material, markdown))
_SKIPPED = frozenset({"site_dir", "plugins", "theme", "dev_addr"})


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def _code() -> str:
    h = hashlib.sha256()
    for pattern in ("**/*.py", "**/*.po", "**/*.html"):
        for path in sorted(_PACKAGE_DIR.glob(pattern)):
            h.update(path.relative_to(_PACKAGE_DIR).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def _theme(config: MkDocsConfig) -> str:
    theme = config.theme
    h = hashlib.sha256(repr((theme.name, list(theme.dirs), sorted(theme.static_templates),
                             sorted((k, repr(v)) for k, v in theme.items()))).encode())
    for folder in map(Path, theme.dirs):
        resolved = folder.resolve()
        if any(resolved.is_relative_to(package) for package in _INSTALLED):
            continue
        for path in sorted(resolved.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(resolved).as_posix().encode() + b"\0")
                h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def kind_of(plugin: object) -> str:
    """A plugin's class, by its full name."""
    kind = type(plugin)
    return f"{kind.__module__}.{kind.__qualname__}"


def _plugins(config: MkDocsConfig) -> str:
    found = []
    for name, plugin in config.plugins.items():
        state: Any = None
        if kind_of(plugin) == BRIEFBOOK_PLUGIN:
            settings = plugin.settings
            state = (plugin.lang, sorted(plugin.fallbacks),
                     settings.languages if settings is not None else ())
        found.append((name, kind_of(plugin),
                      sorted((k, repr(v)) for k, v in plugin.config.items()), state))
    return repr(found)


def _files(files: Files) -> str:
    return repr([(f.src_uri, f.dest_uri, f.url, f.inclusion.name, f.is_documentation_page())
                 for f in files])


def populate_base(config: MkDocsConfig, files: Files) -> str:
    """What every page's conversion depends on besides its own source."""
    settings = sorted((k, repr(v)) for k, v in config.items() if k not in _SKIPPED)
    versions = [(name, _version(name)) for name in LIBRARIES]
    return key_of("populate", repr(versions), _code(), repr(settings), _plugins(config),
                  _files(files))


def populate_key(base: str, page: Page) -> str:
    """The key of ``page``'s conversion."""
    return key_of(base, page.file.src_uri, page.file.content_bytes)


def _nav_items(items: list[Any]) -> list[Any]:
    found: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            found.append(("section", item.title, _nav_items(item.children)))
        elif isinstance(item, Link):
            found.append(("link", item.title, item.url))
        elif isinstance(item, Page):
            found.append(("page", item.title, item.url))
    return found


def render_base(base: str, config: MkDocsConfig, nav: Navigation, pages: list[Page]) -> str:
    """What every page's rendering depends on besides its own conversion."""
    every = [(page.file.src_uri, page.url, page.title, repr(page.meta), page.file.inclusion.name)
             for page in pages]
    return key_of("render", base, _theme(config), utils.get_build_date(),
                  repr(_nav_items(nav.items)), repr(every))


def render_key(base: str, populated: str) -> str:
    """The key of a page's rendering, from its conversion's key."""
    return key_of(base, populated)
