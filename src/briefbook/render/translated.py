"""Brief text on a page: in the page's language, or marked as not translated.

A brief's text is ``{en: ..., ru: ...}``; English is always there. A page in another
language shows that language's text, and where a field has none, the English text
inside an element with ``lang="en"`` (screen readers switch voice) followed by a small
visible "not translated" note (in the page's language).
"""

from __future__ import annotations

from typing import Any

import jinja2

from briefbook.render.language import Language
from briefbook.render.markup import Safe, escape_text, safe_markdown


def text_in(value: Any, lang: str = "en") -> str:
    """Text in ``lang``, else in English; a plain value as it is."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get(lang) or value["en"])
    return str(value)


def language_of(value: Any, lang: str) -> str:
    """The language :func:`text_in` gives ``value`` in for ``lang``: ``lang``, or English
    where the text has no ``lang`` (to mark it ``lang="en"``)."""
    if isinstance(value, dict) and not value.get(lang):
        return "en"
    return lang


def shown(context: jinja2.runtime.Context, value: Any) -> Any:
    """Brief text in the page's language; where the brief has none, the English text
    marked as English (``lang="en"``, read by screen readers in an English voice) and
    as not translated, visibly."""
    lang = context["lang"]
    if language_of(value, lang) != lang:
        return untranslated(escape_text(value["en"]), context["language"])
    return text_in(value, lang)


def untranslated(markdown: str, language: Language, *, block: bool = False) -> Safe:
    """English text on a page of another language, marked as such."""
    note = escape_text(language.gettext("not translated"))
    if block:
        return Safe(f'<div lang="en" markdown="1">\n\n{markdown}\n\n</div>\n'
                    f'<p class="bb-untranslated">{note}</p>')
    return Safe(f'<span lang="en">{markdown}</span>'
                f'<span class="bb-untranslated">{note}</span>')


def shown_markdown(context: jinja2.runtime.Context, value: Any) -> Safe:
    """A Markdown field (summary, body) as :func:`shown` shows text, as a block."""
    if not value:
        return Safe("")
    lang = context["lang"]
    if language_of(value, lang) != lang:
        return untranslated(safe_markdown(value["en"]), context["language"], block=True)
    return safe_markdown(text_in(value, lang))
