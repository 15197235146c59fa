"""Numbers, dates, scales, currencies and lists in a page's language, from CLDR (Babel).

English is written in the site's house style, which predates the other languages and
which the English pages keep: "22 Apr 2025", "Apr 2025", "USD 563 million", "5 %",
"928 km" (the unit symbols of :mod:`briefbook.models.units`). Every other language is
written as CLDR writes it: its long date ("22 апреля 2025 г."), its month-and-year
("апрель 2025 г."), its separators ("1 234,5"), its short scale words ("563 млн"), the
currency code where its currency pattern puts the sign ("563 млн USD"), and its unit
names with their plural forms (:mod:`briefbook.render.unit_words` says which). Adding a
language therefore needs no code here. Where CLDR has nothing (a year alone, a unit CLDR
does not know), the words come from the language's catalog.

Every function takes the language; what is worked out per language is cached.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.dates import format_date, format_interval
from babel.lists import format_list
from babel.numbers import UnknownCurrencyError, format_decimal, get_currency_name

from briefbook.render.language import DEFAULT, language
from briefbook.render.unit_words import CLDR_UNITS, catalog_unit

MINUS = "\u2212"
"""A true minus sign (read as "minus", not as a hyphen), in every language."""
SCALE_SIZES = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_FRACTION = 2
"""The number whose plural form a fraction takes in a catalog's plural forms (2.5 people,
2,5 человека: Russian puts a fraction in the form of 2)."""


@dataclass(frozen=True)
class _Style:
    """How a language writes dates and amounts."""

    day: str
    """Date pattern of a day (CLDR syntax)."""
    month: str
    """Date pattern of a month of a year."""
    month_day: str
    """Date pattern of a day of a month (a holiday: "16 December")."""
    scales: dict[str, str]
    """The word after the number of each scale ("million", "млн")."""
    currency: tuple[str, str]
    """What comes before and after the number of an amount of money (``¤``: the code)."""
    percent: tuple[str, str]
    """What comes before and after the number of a percentage."""
    house: bool
    """Written in the site's house style (English): unit symbols and month ranges as
    the models give them, not CLDR's."""


_HOUSE = _Style("d MMM y", "MMM y", "d MMMM",
                {"thousand": " thousand", "million": " million", "billion": " billion",
                 "trillion": " trillion"}, ("¤ ", ""), ("", " %"), True)


def _affixes(pattern: Any) -> tuple[str, str]:
    """The prefix and suffix of a CLDR number pattern (its positive form)."""
    return str(pattern.prefix[0]), str(pattern.suffix[0])


@functools.cache
def _style(lang: str) -> _Style:
    if lang == DEFAULT:
        return _HOUSE
    locale = language(lang).locale
    compact = locale.compact_decimal_formats["short"]["other"]
    scales = {name: _affixes(compact[str(size)])[1] for name, size in SCALE_SIZES.items()}
    return _Style(locale.date_formats["long"].pattern,
                  locale.datetime_skeletons["yMMMM"].pattern,
                  locale.datetime_skeletons["MMMMd"].pattern,
                  scales, _affixes(locale.currency_formats["standard"]),
                  _affixes(locale.percent_formats[None]), False)


def number(value: float | Decimal, lang: str) -> str:
    """563 → '563'; 1500 → '1,500' ('1 500' in Russian); 237.2 → '237.2' ('237,2'); up to
    six decimals; -3 → '−3' (a true minus sign)."""
    rounded = float(value) if value == int(value) else round(float(value), 6)
    if rounded == int(rounded) and abs(rounded) < 1e15:
        exact = Decimal(int(rounded))
    else:
        exact = Decimal(repr(float(rounded)))
    text = format_decimal(exact, locale=language(lang).locale, decimal_quantization=False,
                          group_separator=True)
    return MINUS + text[1:] if text.startswith("-") else text


def fixed(value: float, digits: int, lang: str) -> str:
    """A number to ``digits`` decimals, zeros kept: 43.3 → '43.30', '43,30'."""
    pattern = "0." + "0" * digits if digits else "0"
    return str(format_decimal(value, format=pattern, locale=language(lang).locale))


def scaled(text: str, scale: str | None, lang: str) -> str:
    """A formatted number with its scale: '563 million', '563 млн'."""
    return text + _style(lang).scales[scale] if scale else text


def plural_value(value: float, scale: str | None) -> Decimal:
    """The quantity a unit's word agrees with: the value times its scale (563 million
    is 563,000,000, which in Russian takes 'many': 563 млн человек)."""
    exact = Decimal(repr(float(value))) * (SCALE_SIZES[scale] if scale else 1)
    return Decimal(int(exact)) if exact == exact.to_integral_value() else exact


def catalog_count(quantity: Decimal) -> int:
    """The ``n`` of a catalog's plural forms for a quantity (a fraction: see _FRACTION)."""
    return int(quantity) if quantity == quantity.to_integral_value() else _FRACTION


def currency(text: str, code: str, lang: str) -> str:
    """An amount of money: 'USD 563 million', '563 млн USD'."""
    before, after = _style(lang).currency
    return before.replace("¤", code) + text + after.replace("¤", code)


def percent(text: str, lang: str) -> str:
    """'5 %', '5 %' (with the language's own space)."""
    before, after = _style(lang).percent
    return before + text + after


def house_style(lang: str) -> bool:
    """Whether ``lang`` is written in the site's house style (English)."""
    return _style(lang).house


def with_unit(text: str, unit: str, quantity: Decimal, lang: str) -> str | None:
    """An amount with a unit CLDR or the catalog names in ``lang`` ('928 км',
    '1,5 млн человек'); None for a unit that has no words."""
    cldr = CLDR_UNITS.get(unit)
    if cldr is not None:
        locale = language(lang).locale
        data: Any = locale._data["unit_patterns"]
        patterns = data.get(cldr[0], {}).get(cldr[1], {})
        form = locale.plural_form(quantity)
        pattern = patterns.get(form) or patterns.get("other")
        if pattern:
            return str(pattern).format(text)
    return catalog_unit(language(lang), unit, text, catalog_count(quantity))


def date(day: dt.date, precision: str, lang: str) -> str:
    """A date to the day ('22 Apr 2025', '22 апреля 2025 г.'), the month ('Apr 2025',
    'апрель 2025 г.') or the year ('2025', '2025 г.')."""
    if precision == "year":
        return year(day.year, lang)
    style = _style(lang)
    pattern = style.month if precision == "month" else style.day
    return str(format_date(day, pattern, locale=language(lang).locale))


def year(value: int | str, lang: str) -> str:
    """A year on its own: '2025', '2025 г.'."""
    # Translators: a year on its own, as a period or a date known only to the year
    # ("2025"); in Russian "2025 г.".
    return language(lang).gettext("%(year)s") % {"year": value}


def month_day(month: int, day: int, lang: str) -> str:
    """A day of a month, without the year: '16 December', '16 декабря'."""
    when = dt.date(2000, month, day)  # a leap year: 29 February exists
    return str(format_date(when, _style(lang).month_day, locale=language(lang).locale))


def month_range(year_value: int, first: int, last: int, lang: str) -> str:
    """Months of one year: 'Jan–Apr 2024', 'январь – апрель 2024 г.'."""
    start, end = dt.date(year_value, first, 1), dt.date(year_value, last, 1)
    if house_style(lang):
        return f"{format_date(start, 'MMM', locale='en')}–{date(end, 'month', lang)}"
    return str(format_interval(start, end, "yMMMM", locale=language(lang).locale))


def currency_name(code: str, lang: str) -> str:
    """The currency's name from CLDR: KZT → 'Kazakhstani Tenge', 'казахский тенге' (the
    code itself when CLDR has no name for it)."""
    try:
        return str(get_currency_name(code, locale=language(lang).locale))
    except UnknownCurrencyError:
        return code


def join(items: list[str], lang: str) -> str:
    """'A, B and C' in English (the house style has no serial comma), 'A, B и C'."""
    if house_style(lang) and len(items) > 2:
        return ", ".join(items[:-1]) + " and " + items[-1]
    return str(format_list(items, locale=language(lang).locale))
