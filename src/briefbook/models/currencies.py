"""One list of ISO 4217 currency codes, for a country's ``currency`` and a figure's ``unit``.

Current codes come from pycountry (ISO 4217 as published); codes that have left use, with
the date they did and the code that replaced them, from the CLDR data that Babel ships
(``territory_currencies``: every territory's currencies with the dates each was tender).
Both are read once, on first use, and kept by ``functools.cache``: a brief that uses only
current codes never reads Babel's data.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

NOT_CURRENCIES = frozenset({"XTS", "XXX"})
"""ISO 4217 codes that name no money: reserved for testing, and 'no currency'."""

LATER_THAN_CLDR: dict[str, tuple[dt.date, str]] = {"BGN": (dt.date(2026, 1, 1), "EUR")}
"""Codes ISO 4217 withdrew after the CLDR release Babel ships, which still has them in use:
the date each left use and its replacement (the lev, when Bulgaria joined the euro)."""


@dataclass(frozen=True, slots=True)
class Historic:
    """A code that has left use: when it did, and the current code that took its place
    (``None`` when the territories that used it went different ways)."""

    code: str
    end: dt.date
    replaced_by: str | None

    def replacement(self) -> str:
        """'was replaced by TMT in 2009', or 'left use in 1992' without one successor."""
        if self.replaced_by is None:
            return f"left use in {self.end.year}"
        return f"was replaced by {self.replaced_by} in {self.end.year}"


@functools.cache
def current_codes() -> frozenset[str]:
    """The ISO 4217 codes in use today (pycountry), without XTS and XXX."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies) - NOT_CURRENCIES


_Entry = tuple[str, tuple[int, int, int] | None, tuple[int, int, int] | None, bool]


def _successor(entries: list[_Entry], index: int, current: frozenset[str]) -> str | None:
    """The current code that followed ``entries[index]`` in one territory: the tender that
    started latest among those still in use when it ended, followed until a current one."""
    seen: set[str] = set()
    while True:
        code, _, end, _ = entries[index]
        if code in current:
            return code
        if end is None or code in seen:
            return None
        seen.add(code)
        later = [i for i, (other, start, stop, tender) in enumerate(entries)
                 if tender and other != code and (stop is None or stop > end)
                 and (start is None or start <= end)]
        if not later:
            return None
        index = max(later, key=lambda i: entries[i][1] or (1, 1, 1))


@functools.cache
def historic_codes() -> dict[str, Historic]:
    """Every code CLDR knows that is no longer current, by code (read once from Babel)."""
    from babel.core import get_global

    current = current_codes()
    uses: dict[str, list[tuple[tuple[int, int, int], str | None]]] = {}
    territories: Mapping[str, list[_Entry]] = get_global("territory_currencies")
    for entries in territories.values():
        for index, (code, _, end, tender) in enumerate(entries):
            if code not in current and end is not None and tender:
                uses.setdefault(code, []).append((end, _successor(entries, index, current)))
    found = {}
    for code, ends in uses.items():
        last = max(end for end, _ in ends)  # the successors where it was used last
        found[code] = Historic(code, dt.date(*last), _only({by for end, by in ends
                                                            if end == last}))
    found.update((code, Historic(code, end, by)) for code, (end, by) in LATER_THAN_CLDR.items())
    return found


def _only(codes: set[str | None]) -> str | None:
    return next(iter(codes)) if len(codes) == 1 else None


def historic(code: str) -> Historic | None:
    """The record of a code that has left use; ``None`` for a current or unknown code, or
    any unit but a currency code (without reading Babel's data for it)."""
    if len(code) != 3 or not code.isupper() or code in current_codes():
        return None
    return historic_codes().get(code)


def out_of_use(code: str, period: str | None, bounds: tuple[dt.date, dt.date] | None
               ) -> str | None:
    """What is wrong with a figure in currency ``code`` over ``period`` (first and last day
    ``bounds``): a code that left use fits only a period that ended before it did."""
    old = historic(code)
    if old is None or (bounds is not None and bounds[1] < old.end):
        return None
    use = f": use {old.replaced_by}" if old.replaced_by else ""
    if bounds is None:
        return (f"'{code}' left use on {old.end}: give the figure the period it covers, "
                f"which must end before then{use.replace(':', '; or', 1)}")
    later = "is later" if bounds[0] >= old.end else "ends later"
    return f"'{code}' left use on {old.end}; this figure's period {period} {later}{use}"


def currency_end(code: str) -> dt.date | None:
    """The date ``code`` left use, ``None`` while it is current; ``ValueError`` for a code
    that is not ISO 4217 at all."""
    if code in current_codes():
        return None
    old = historic_codes().get(code)
    if old is None:
        raise ValueError(f"'{code}' is not an ISO 4217 currency code")
    return old.end


def currency_name(code: str) -> str:
    """The currency's English name from CLDR: KZT → 'Kazakhstani Tenge' (the code itself
    when CLDR has no name for it)."""
    from babel.numbers import UnknownCurrencyError, get_currency_name

    try:
        return str(get_currency_name(code, locale="en"))
    except UnknownCurrencyError:
        return code


def to_currency(value: Any) -> str:
    """A country's currency today: a current ISO 4217 code."""
    if not isinstance(value, str):
        raise ValueError("a currency is an ISO 4217 code such as USD or KZT")
    if value in current_codes():
        return value
    old = historic_codes().get(value)
    if old is not None:
        raise ValueError(f"{value} {old.replacement()}; a country's currency is the one "
                         "in use today")
    raise ValueError(f"'{value}' is not an ISO 4217 currency code")


Currency = Annotated[
    str,
    BeforeValidator(to_currency),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$",
                    "description": "ISO 4217 code of a currency in use, e.g. KZT"}),
]
"""A current ISO 4217 currency code; a historic code is an error naming its replacement."""
