"""The languages a site is written in: each page's interface strings and formats.

Interface strings are English in the code and templates and translated by gettext
catalogs committed in the package (``briefbook/locale/<code>/LC_MESSAGES/briefbook.po``,
managed with Babel; ``scripts/catalog.py`` extracts and updates them). A catalog is
compiled in memory when it is first used, so nothing compiled is committed. Adding a
language is a catalog (and content): no code.

Formats (dates, numbers, lists) come from CLDR through Babel, by the page's locale.
Collation (the order of listings) is the Unicode Collation Algorithm (pyuca, the
DUCET), with the language's own script first, as CLDR orders Russian: Cyrillic names
before Latin ones.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from pyuca import Collator  # type: ignore[import-untyped]

from briefbook.render.markup import Safe, escape_text

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "briefbook"
DEFAULT = "en"
"""The language of the code's and templates' own strings (the catalogs' msgids)."""

_SCRIPTS = {"ru": "CYRILLIC", "kk": "CYRILLIC", "uk": "CYRILLIC", "be": "CYRILLIC",
            "bg": "CYRILLIC", "sr": "CYRILLIC", "mn": "CYRILLIC", "tg": "CYRILLIC",
            "ky": "CYRILLIC"}
"""Languages whose own script CLDR sorts before Latin."""
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def N_(message: str) -> str:
    """Marks an English string for the catalogs (``scripts/catalog.py`` extracts it) where
    it is defined, in a table of words; translated where it is shown, by
    :meth:`Language.gettext`."""
    return message


def catalog_path(code: str) -> Path:
    """The catalog of a language (which may not exist)."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_languages() -> list[str]:
    """The languages with a catalog, and English."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [DEFAULT, *(code for code in found if code != DEFAULT)]


def _compiled(code: str) -> gettext.NullTranslations:
    """The catalog of ``code`` compiled in memory (fuzzy entries left out, as msgfmt does);
    English, whose strings are the msgids, needs none."""
    path = catalog_path(code)
    if code == DEFAULT or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def fill(text: str, variables: dict[str, Any]) -> Safe:
    """A translated string as Markdown: its words as they are (the catalogs are reviewed
    like the templates, and their text is the templates' own; escaping it would write
    ':' and '(' as character references and change every English page), each
    ``%(name)s`` replaced by the variable (escaped unless it is Safe markup)."""
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(text[position:match.start()])
        parts.append("%" if match.group(0) == "%%" else escape_text(variables[match.group(1)]))
        position = match.end()
    parts.append(text[position:])
    return Safe("".join(parts))


@dataclass(frozen=True, eq=False)
class Language:
    """One language of the site: its code, CLDR locale, catalog and collation."""

    code: str
    locale: Locale
    translations: gettext.NullTranslations

    @property
    def name(self) -> str:
        """The language's name in itself, as a language switcher shows it ("Русский")."""
        name = self.locale.get_display_name(self.locale) or self.code
        return name[:1].upper() + name[1:]

    def gettext(self, message: str) -> str:
        """``message`` (English) in this language; English where the catalog lacks it."""
        return self.translations.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` in this language where it means what ``context`` says."""
        return self.translations.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message for ``n``, by the language's plural rules."""
        return self.translations.ngettext(singular, plural, n)

    @functools.cached_property
    def template_functions(self) -> dict[str, Callable[..., Safe]]:
        """``gettext`` and ``ngettext`` as Jinja's i18n extension calls them in its
        "new style": variables as keyword arguments, filled in by the function (made once
        per language, not for every page)."""
        def template_gettext(message: str, **variables: Any) -> Safe:
            return fill(self.gettext(message), variables)

        def template_ngettext(singular: str, plural: str, n: int, **variables: Any) -> Safe:
            variables.setdefault("num", n)
            return fill(self.ngettext(singular, plural, n), variables)
        return {"gettext": template_gettext, "ngettext": template_ngettext}

    def sort_key(self, text: str) -> tuple[int, tuple[int, ...]]:
        """A key that sorts text as the language's readers expect."""
        own = _SCRIPTS.get(self.code, "")
        first = next((c for c in text if c.isalpha()), "")
        foreign = bool(own and first) and not unicodedata.name(first, "").startswith(own)
        return (1 if foreign else 0, _collator().sort_key(text))


@functools.cache
def _collator() -> Any:
    return Collator()


@functools.cache
def language(code: str) -> Language:
    """The language of a code (``en``, ``ru``); made once per process."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse(DEFAULT)
    return Language(code, locale, _compiled(code))
