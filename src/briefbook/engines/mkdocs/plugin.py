"""The MkDocs plugin: runs the generator in ``mkdocs build`` and ``mkdocs serve``.

A thin adapter. It turns the plugin's options into :class:`Settings`, runs
:func:`generate`, adds the generated files to the site, and watches the briefs and
templates so the preview reloads when either changes. It renders nothing itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from briefbook.engines.files import generated_files, untranslated_page
from briefbook.engines.mkdocs.languages import (
    hand_written,
    page_context,
    translate_nav,
    use_theme_overrides,
)
from briefbook.engines.mkdocs.preview import PreviewState
from briefbook.engines.pagefind import Background
from briefbook.errors import BriefbookError, ContentError
from briefbook.incremental.state import BuildState
from briefbook.pipeline import generate
from briefbook.resolve.site import AUDIENCES
from briefbook.settings import Settings

log = logging.getLogger("mkdocs.plugins.briefbook")

AUDIENCE_ENV = "BRIEFBOOK_AUDIENCE"
TODAY_ENV = "BRIEFBOOK_TODAY"
PACKS_ENV = "BRIEFBOOK_PACKS"


class BriefbookConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs is untyped
    """Options under ``plugins: - briefbook:`` in mkdocs.yml (paths relative to it)."""

    briefs = c.Type(str, default="briefs")
    """Folder of YAML briefs."""
    templates = c.Type(str, default="templates")
    """Folder of Jinja templates."""
    generated = c.Type(str, default="generated")
    """Folder the generator owns and writes Markdown into (git-ignored)."""
    audience = c.Choice(tuple(AUDIENCES), default="public")
    """Which markings to publish; the BRIEFBOOK_AUDIENCE variable overrides it."""
    languages = c.ListOfItems(c.Type(str), default=["en"])
    """The site's languages, the default first: its site at the top, each other one's
    at /<code>/ (see :mod:`briefbook.engines.mkdocs.languages`)."""
    site_name = c.DictOfItems(c.Type(str), default={})
    """The site's title in the other languages (``site_name`` is the default's)."""
    packs = c.Type(bool, default=False)
    """Print the briefing pack of every published meeting, relation and country to
    /packs/<id>.pdf (per language); the BRIEFBOOK_PACKS variable (0 or 1) overrides it."""


class BriefbookPlugin(BasePlugin[BriefbookConfig]):  # type: ignore[no-untyped-call]
    """Generate brief pages before MkDocs collects files."""

    def __init__(self) -> None:
        self.generated_files: list[str] = []
        self.settings: Settings | None = None
        self.preview: PreviewState | None = None
        self.serving = False
        self.state = BuildState()
        self.leader: BriefbookPlugin | None = None
        """The default language's plugin, which this one follows (see :meth:`follow`)."""
        self.lang = ""
        """The language of the site this build makes."""
        self.site_files: list[tuple[str, str]] = []
        """The generated files of this build: (path in the site, path generated)."""
        self.fallbacks: set[str] = set()
        """Hand-written pages shown in the default language (no translation)."""
        self.followers: dict[str, MkDocsConfig] = {}
        """A live preview's configurations of the other languages' sites."""
        self.search = Background(lambda error: log.error("briefbook: %s", error))
        """A live preview's search indexing."""

    def follow(self, leader: BriefbookPlugin, lang: str) -> None:
        """Build the site in ``lang`` from what ``leader`` (the default language's build,
        which ran the generator) generated, instead of generating."""
        self.leader, self.lang, self.serving = leader, lang, leader.serving
        self.preview = PreviewState() if leader.preview is not None else None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Declared so MkDocs keeps one plugin instance across serve rebuilds."""
        self.serving = command == "serve"
        self.preview = PreviewState() if self.serving and dirty else None
        # A preview regenerates on every save: one state for the whole session keeps
        # every stage's results in memory; a build keeps only what is on disk.
        self.state = BuildState(resident=self.serving)

    def _settings(self, config: MkDocsConfig) -> Settings:
        root = Path(config.config_file_path or ".").parent
        today = os.environ.get(TODAY_ENV)
        return Settings(
            briefs_dir=root / self.config.briefs,
            templates_dir=root / self.config.templates,
            out_dir=root / self.config.generated,
            audience=os.environ.get(AUDIENCE_ENV) or self.config.audience,
            today=dt.date.fromisoformat(today) if today else dt.date.today(),
            site_title=config.site_name,
            docs_dir=Path(config.docs_dir),
            config_file=Path(config.config_file_path or "mkdocs.yml"),
            languages=tuple(dict.fromkeys(self.config.languages)) or ("en",),
            site_titles=dict(self.config.site_name),
            packs=os.environ.get(PACKS_ENV, "1" if self.config.packs else "0") != "0",
        )

    @event_priority(100)  # before other plugins see the configuration
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Run the generator; stop the build with every problem listed if the briefs are bad.
        A follower (another language's site) takes what its leader generated."""
        use_theme_overrides(config)
        if self.leader is not None:
            self.settings = self.leader.settings
            assert self.settings is not None
            config.site_name = self.settings.title_in(self.lang)
            self._take(config, self.leader.generated_files)
            return config
        self.settings = self._settings(config)
        self.lang = self.settings.languages[0]
        try:
            report, diagnostics = generate(self.settings, self.state)
        except ContentError as error:
            lines = [d.format() for d in error.diagnostics]
            raise PluginError("briefbook: " + str(error) + "\n" + "\n".join(lines)) from None
        except BriefbookError as error:
            raise PluginError(f"briefbook: {error}") from None
        for diagnostic in diagnostics:
            log.info(diagnostic.format())  # content warnings must not fail strict builds
        self._take(config, sorted(report.written + report.unchanged))
        log.info("briefbook: %d pages written, %d unchanged, %d deleted (%s audience)",
                 len(report.written), len(report.unchanged), len(report.deleted),
                 self.settings.audience)
        return config

    def _take(self, config: MkDocsConfig, generated: list[str]) -> None:
        assert self.settings is not None
        self.generated_files = generated
        self.site_files = generated_files(generated, self.lang, self.settings.languages)
        if self.preview is not None:
            self.preview.on_config(config, {site for site, _ in self.site_files})

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages; a hand-written page with the same path is an error."""
        assert self.settings is not None
        files, self.fallbacks = hand_written(files, config, self.lang, self.settings.languages)
        out_dir = self.settings.out_dir.resolve()
        for path, generated in self.site_files:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"briefbook: docs/{path} is hand-written and would be replaced "
                                  "by a generated page; rename one of them")
            src_dir = out_dir if path == generated else out_dir / generated[:-len(path) - 1]
            files.append(File(path, str(src_dir), config.site_dir, config.use_directory_urls))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """The navigation's titles in the site's language."""
        assert self.settings is not None
        if self.lang != self.settings.languages[0]:
            translate_nav(nav, self.lang)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """A hand-written page with no translation: shown in English, and said so."""
        if page.file.src_uri in self.fallbacks:
            return untranslated_page(markdown, self.lang)
        return markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """In the dirty preview, reuse the first build's theme environment."""
        return env if self.preview is None else self.preview.on_env(env, files)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        """The page's other languages and where the search index is."""
        assert self.settings is not None
        page_context(context, page, self.lang, self.settings.languages)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """In the dirty preview, drop what is no longer generated from the served folder
        (see :mod:`briefbook.engines.mkdocs.preview`). In a live preview, after the
        default language's site, the others', then the search index of all of them, in
        the background (a build makes its index in
        :func:`briefbook.engines.mkdocs.build.build_site`)."""
        assert self.settings is not None
        if self.preview is not None:
            self.preview.on_post_build(config, {site for site, _ in self.site_files},
                                       str(self.settings.out_dir.resolve()))
        if self.serving and self.leader is None:
            self._build_followers(config)
            self.search.request(Path(config.site_dir))

    def _build_followers(self, config: MkDocsConfig) -> None:
        """In a live preview, the other languages' sites, after the default's."""
        from briefbook.engines.mkdocs.pagebuild import build

        assert self.settings is not None
        for lang in self.settings.languages[1:]:
            if lang not in self.followers:
                self.followers[lang] = follower_config(
                    Path(config.config_file_path or "mkdocs.yml"), lang,
                    Path(config.site_dir) / lang, self, strict=False)
            build(self.followers[lang], dirty=self.preview is not None)

    def on_shutdown(self) -> None:
        """Write the cache the preview kept in memory, for the next build to start from."""
        if self.serving:
            self.state.save(stopping=True)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a brief or a template changes."""
        assert self.settings is not None
        server.watch(str(self.settings.briefs_dir))
        server.watch(str(self.settings.templates_dir))
        return server


def follower_config(config_file: Path, lang: str, site_dir: Path, leader: BriefbookPlugin, *,
                    strict: bool) -> MkDocsConfig:
    """The configuration of the site in ``lang``, built into ``site_dir`` after ``leader``'s:
    the same ``mkdocs.yml``, with the theme (its words, ``<html lang>``, by which the
    search index is split) in ``lang``."""
    from mkdocs.config import load_config

    # MkDocs keeps one instance of every plugin with on_startup (ours, for one)
    # in its configuration schema, shared by every configuration loaded in the process, so
    # a live preview's rebuilds reuse them. A follower needs instances of its own: loaded
    # with the shared cache, it would get the leader's, and the leader would follow itself.
    option = dict(MkDocsConfig._schema)["plugins"]
    if not isinstance(option, c.Plugins):
        raise PluginError("briefbook: this MkDocs keeps its plugins in an unknown way")
    shared = option.plugin_cache
    option.plugin_cache = {}
    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(site_dir))
    finally:
        option.plugin_cache = shared
    config.theme["language"] = lang
    plugin = config.plugins.get("briefbook")
    if not isinstance(plugin, BriefbookPlugin):
        raise PluginError("briefbook: the plugin is missing from the configuration")
    plugin.follow(leader, lang)
    return config
