"""Which files make each language's site: the part of the languages' layout that every
engine shares (see :mod:`briefbook.engines.mkdocs.languages` for MkDocs, and
:mod:`briefbook.engines.zensical.project` for Zensical). No engine is imported here.

The generator writes every page in every language: the default's at the top of the
generated folder, the others' in a folder named by their code with the same paths
beneath. Hand-written pages (``docs/``) can have a translation beside them,
``about.ru.md``; a language without one shows the default's page under a note.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from briefbook.render.language import language
from briefbook.render.paths import MARKDOWN_SUFFIXES


def translation_of(src_uri: str, lang: str) -> str | None:
    """``about.ru.md`` for ``about.md`` in ``ru``; None for a file that is not a page."""
    stem, dot, suffix = src_uri.rpartition(".")
    if not dot or f".{suffix}" not in MARKDOWN_SUFFIXES:
        return None
    return f"{stem}.{lang}.{suffix}"


def is_translation(src_uri: str, others: Iterable[str]) -> bool:
    """Whether ``src_uri`` is a page's translation (``about.ru.md``) into one of ``others``."""
    stem, dot, _ = src_uri.rpartition(".")
    return bool(dot) and any(stem.endswith(f".{code}") for code in others) and \
        src_uri.endswith(MARKDOWN_SUFFIXES)


def generated_files(paths: Iterable[str], lang: str, languages: tuple[str, ...]
                    ) -> list[tuple[str, str]]:
    """The generated files of the site in ``lang``, as (path in that site, path in the
    generated folder). A language's site takes the default's files it has none of (the
    JSON export, which holds every language)."""
    default, others = languages[0], [code for code in languages if code != languages[0]]
    own: dict[str, str] = {}
    shared: dict[str, str] = {}
    for path in paths:
        code, _, rest = path.partition("/")
        if code in others:
            if code == lang:
                own[rest] = path
        else:
            shared[path] = path
    if lang == default:
        return sorted(shared.items())
    merged = {**{p: s for p, s in shared.items() if not p.endswith(MARKDOWN_SUFFIXES)}, **own}
    return sorted(merged.items())


def untranslated_page(markdown: str, lang: str) -> str:
    """A hand-written page shown in the default language on a site in ``lang``."""
    words = language(lang)
    note = html.escape(words.gettext("This page has not been translated yet; "
                                     "it is shown in English."))
    return (f'<p class="bb-untranslated-page" role="note">{note}</p>\n\n'
            f'<div lang="en" markdown="1">\n\n{markdown}\n\n</div>\n')
