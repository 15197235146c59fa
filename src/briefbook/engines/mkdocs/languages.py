"""One complete site per language: the default's at the top, each other one's at /<code>/.

The generator writes every page in every language (the default's at the top of the
generated folder, the others' in a folder named by their code, with the same paths
beneath). MkDocs builds one site per configuration, with one theme language, so each
language is its own MkDocs build, as mkdocs-static-i18n does:
the first (default) build runs the generator; the others *follow* it, built into
``<site>/<code>/`` with ``theme.language`` set to their code, so Material's own words,
``<html lang>``, the 404 page and the search box are in that language; the search
index, made once over every language's site (:mod:`briefbook.engines.pagefind`), is
split by ``<html lang>``, so no search ever mixes languages. The Markdown stays plain: another
engine can build the same folders.

Hand-written pages (``docs/``) can have a translation beside them, ``about.ru.md``;
a language without one shows the default's page under a note that says so, its text
marked ``lang="en"``. Every page links to itself in the other languages (a switcher
above its content and ``<link rel="alternate" hreflang>`` in its head, from the theme
overrides in ``theme/``: Material's own ``extra.alternate`` goes through MkDocs's
``url`` filter, which cannot point outside the site root, as /ru/ pages must).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from briefbook.engines.files import is_translation, translation_of
from briefbook.render.language import language

THEME_DIR = Path(__file__).resolve().parent / "theme"


def use_theme_overrides(config: MkDocsConfig) -> None:
    """Put briefbook's template overrides before the theme's (after a ``custom_dir``)."""
    dirs: list[str] = config.theme.dirs
    if str(THEME_DIR) in dirs:
        return
    position = 1 if config.theme.custom_dir else 0
    dirs.insert(position, str(THEME_DIR))


def hand_written(files: Files, config: MkDocsConfig, lang: str, languages: tuple[str, ...]
                 ) -> tuple[Files, set[str]]:
    """The hand-written files of the site in ``lang``: translations (``x.<code>.md``)
    left out of every site but their own, where they replace their page; with the pages
    shown untranslated (by path)."""
    others = [code for code in languages if code != languages[0]]
    by_uri = {file.src_uri: file for file in files}
    fallbacks: set[str] = set()
    for file in list(files):
        if is_translation(file.src_uri, others):
            files.remove(file)
    if lang == languages[0]:
        return files, fallbacks
    for file in list(files):
        if not file.is_documentation_page():
            continue
        translated = by_uri.get(translation_of(file.src_uri, lang) or "")
        if translated is None or translated.abs_src_path is None:
            fallbacks.add(file.src_uri)
            continue
        files.remove(file)
        files.append(File.generated(config, file.src_uri, abs_src_path=translated.abs_src_path))
    return files, fallbacks


def translate_nav(nav: Navigation, lang: str) -> None:
    """The navigation's titles (English in ``mkdocs.yml``) in ``lang``, by the catalog."""
    words = language(lang)

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, (Section, Link, Page)) and item.title:
                item.title = words.gettext(item.title)
            if isinstance(item, Section):
                walk(item.children)
    walk(nav.items)


def alternates(url: str, lang: str, languages: tuple[str, ...]) -> list[dict[str, str]]:
    """The page at ``url`` (MkDocs's, in the site of ``lang``) in every language: code,
    name and a link relative to the page (every page exists in every language)."""
    default = languages[0]
    here = url if lang == default else f"{lang}/{url}"
    up = "../" * here.count("/")
    found = []
    for code in languages:
        target = url if code == default else f"{code}/{url}"
        href = up + target if up + target else "./"
        found.append({"lang": code, "name": language(code).name, "href": href})
    return found


def switcher(found: list[dict[str, str]], lang: str) -> Markup:
    """The language switcher above a page's content: every language, this one marked."""
    label = html.escape(language(lang).gettext("This page in other languages"))
    items = []
    for alt in found:
        name = html.escape(alt["name"])
        if alt["lang"] == lang:
            items.append(f'<li><span aria-current="true" lang="{alt["lang"]}">{name}</span></li>')
        else:
            items.append(f'<li><a href="{html.escape(alt["href"])}" hreflang="{alt["lang"]}" '
                         f'lang="{alt["lang"]}">{name}</a></li>')
    return Markup(f'<nav class="bb-languages" aria-label="{label}"><ul>'
                  + "".join(items) + "</ul></nav>")


def search_bundle(url: str, lang: str, languages: tuple[str, ...]) -> str:
    """The search index's folder (at the top of the whole site, every language's index in
    it: :mod:`briefbook.engines.pagefind`), relative to the page at ``url`` in ``lang``."""
    here = url if lang == languages[0] else f"{lang}/{url}"
    return "../" * here.count("/") + "pagefind/"


def page_context(context: dict[str, Any], page: Page, lang: str,
                 languages: tuple[str, ...]) -> None:
    """Give the theme overrides the page's other languages and the search index's folder."""
    context["briefbook_pagefind"] = search_bundle(page.url, lang, languages)
    if len(languages) < 2:
        return
    found = alternates(page.url, lang, languages)
    context["briefbook_alternates"] = [a for a in found if a["lang"] != lang]
    context["briefbook_switcher"] = switcher(found, lang)

