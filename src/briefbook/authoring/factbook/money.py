"""The currency and its exchange rates: ``tenge (KZT) per US dollar -`` and a value a year.

The code in parentheses is the country's ``currency`` and the unit of the yearly rates,
which form the series ``exchange-rates`` (label ``Exchange rate (KZT per US dollar)``).
Some Factbook codes are out of date while the rates are those of the current currency
(Turkmenistan: ``TMM``, withdrawn in 2009, at 3.5 per dollar, which is the new manat's
rate); ``CODE_FIXES`` gives the code the rates are in, and the importer says so in a
notice. A currency named without a code (``baht``) is found in ``CODE_BY_NAME``.
"""

from __future__ import annotations

import re

from .figures import fact_item, figure_items
from .items import Context, Item
from .leaves import Leaf
from .text import one_line

CODE_FIXES = {
    "TMM": "TMT", "AFA": "AFN", "GHC": "GHS", "MRO": "MRU", "MZM": "MZN", "SLL": "SLE",
    "STD": "STN", "ZMK": "ZMW", "SAT": "WST", "RMB": "CNY", "KD": "KWD", "IMP": "GBP",
    "JEP": "GBP", "BYB/BYR": "BYN", "ANG": "XCG", "VEB": "VES",
    "ZWD": "ZWL",  # 51 (2020) to 3,266 (2024) per dollar: the RTGS dollar's rates, not ZWD's
}
"""Factbook codes that are not the ISO 4217 code of the currency its rates are in."""

CODE_BY_NAME = {"baht": "THB", "emalangeni": "SZL", "Aruban guilders/florins": "AWG",
                "Guernsey pound": "GBP"}
"""Currencies the Factbook names without a code."""

SERIES = "exchange-rates"


def currency_code(text: str) -> tuple[str | None, str | None]:
    """The ISO 4217 code of a ``Currency`` text, and the code as published when it was
    changed (None otherwise)."""
    match = re.search(r"\(([A-Z]{2,3}(?:/[A-Z]{3})?)\)", text)
    if match:
        published = match[1]
        fixed = CODE_FIXES.get(published)
        return (fixed, published) if fixed else (published, None)
    name = re.sub(r"\s*per US dollar.*$", "", text).strip()
    code = CODE_BY_NAME.get(name)
    return code, None


def exchange_items(ctx: Context, leaves: list[Leaf], topic: str, label: str) -> list[Item]:
    """The currency and one figure a year; facts for what does not read."""
    currency_leaf = next((leaf for leaf in leaves if leaf.path[-1] == "Currency"), None)
    code, published = currency_code(one_line(currency_leaf.text)) if currency_leaf else (
        None, None)
    items: list[Item] = []
    if currency_leaf is not None:
        if code is None:
            ctx.could_not_read(currency_leaf, "a currency code")
            items.append(fact_item(ctx, currency_leaf, topic, f"{label}: currency"))
        else:
            items.append(Item("currency", code, (currency_leaf,)))
            if published:
                ctx.warn(currency_leaf, f"the Factbook writes {published}; its rates are "
                                        f"{code}'s: written as {code}")
    rate_label = f"Exchange rate ({code} per US dollar)" if code else label
    for leaf in leaves:
        if leaf is currency_leaf:
            continue
        if code is None or len(leaf.path) < 3:
            items.append(fact_item(ctx, leaf, topic, label))
            continue
        items.extend(figure_items(ctx, leaf, topic, rate_label, unit=code, series=SERIES))
    return items
