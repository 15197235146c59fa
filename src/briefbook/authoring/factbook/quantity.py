"""Numbers as the Factbook writes them: ``$563 million``, ``-$9.448 billion``,
``less than 1%``, ``about 3,500``, ``10-20%``, ``2,724,900 sq km``, ``1.955 million
bbl/day``, ``16.83 births/1,000 population`` ...

:func:`parse` finds the first number of a text with what surrounds it: a qualifier
before it (``less than``, ``about``), its sign and currency sign, an upper end (a
range), a scale word (``million``), a unit phrase (translated by ``UNIT_WORDS`` into a
brief's unit spelling, see ``models/units.py``), what a percentage is of (``% of GDP``,
kept for the label), the period in parentheses, and the text left before and after,
which the caller keeps as a note or refuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .periods import Dated, take_period

UNIT_WORDS: tuple[tuple[str, str], ...] = (
    # Factbook spelling (a regular expression), unit as briefs write it
    (r"sq\.? ?km|square kilomet(?:er|re)s", "km2"),
    (r"(?:metric )?(?:tonnes|tons) of CO2|Mt of CO2", "t CO2"),
    (r"cu\.? ?m|cubic met(?:er|re)s", "m3"),
    (r"metric tonnes|metric tons|tonnes|tons", "t"),
    (r"kt", "kt"),
    (r"bbl/day|barrels/day|barrels per day", "bbl/day"),
    (r"barrels|bbl", "bbl"),
    (r"kWh", "kWh"), (r"GWh", "GWh"), (r"MWh", "MWh"), (r"TWh", "TWh"),
    (r"kW", "kW"), (r"MW", "MW"), (r"GW", "GW"),
    (r"micrograms per cubic met(?:er|re)", "ug/m3"),
    (r"Btu/person", "Btu/person"), (r"Btu", "Btu"),
    (r"liters of pure alcohol|litres of pure alcohol", "l/person"),
    (r"(?:births|deaths|migrant\(s\)|migrants|physicians|beds|doctors)/1,000 population",
     "per 1000 population"),
    (r"(?:deaths|births)/1,000 live births", "per 1000 live births"),
    (r"(?:deaths|births)/100,000 live births", "per 100000 live births"),
    (r"children born/woman|children per woman", "children per woman"),
    (r"male\(s\)/female", "ratio"),
    (r"years?", "years"), (r"months?", "months"), (r"days?", "days"),
    (r"km", "km"), (r"nm", "nmi"), (r"m", "m"), (r"ha", "ha"), (r"kg", "kg"),
    (r"%", "%"),
)
"""Every unit phrase the importer reads, first match wins (longer phrases first)."""

PERCENT_OF = (
    r"of (?:the )?(?:GDP|total population|population|household expenditures|"
    r"total installed capacity|national budget|total electricity production|"
    r"total|labor force|government expenditures)|national budget|annual rate of change|"
    r"\(of GDP\)"
)

QUALIFIERS = {
    "less than": "less_than", "under": "less_than", "below": "less_than",
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "at least": "at_least", "at most": "at_most", "up to": "at_most",
    "about": "about", "approximately": "about", "approx.": "about", "around": "about",
    "roughly": "about", "nearly": "about", "almost": "about", "some": "about",
    "estimated": "about", "an estimated": "about",
}
SCALES = ("thousand", "million", "billion", "trillion")

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_QUALIFIER = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_UNIT = "|".join(f"(?:{phrase})" for phrase, _ in UNIT_WORDS)
_PATTERN = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER})\s+|(?P<sym>[<>])\s?)?"
    r"(?P<sign>[-\u2212])?(?P<cur>US\$|\$)?(?P<sign2>-)?"
    rf"(?P<num>{_NUMBER})(?![\d/])"
    rf"(?:\s?(?:-|\u2013|to)\s?(?P=cur)?(?P<max>{_NUMBER})(?![\d/,]))?"
    rf"(?:\s*(?P<scale>{'|'.join(SCALES)})\b)?"
    rf"(?:\s?(?P<unit>{_UNIT})(?![A-Za-z0-9]))?"
    rf"(?:\s(?P<of>{PERCENT_OF}))?",
    re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number read from a text, with everything said about it."""

    value: float
    value_max: float | None
    unit: str | None
    scale: str | None
    qualifier: str | None
    of: str | None
    dated: Dated | None
    before: str
    after: str

    @property
    def rest(self) -> str:
        """What the text says besides the number: before and after, joined."""
        return " ".join(part for part in (self.before, self.after) if part)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _unit_of(phrase: str | None) -> str | None:
    if phrase is None:
        return None
    for pattern, unit in UNIT_WORDS:
        if re.fullmatch(pattern, phrase, re.IGNORECASE if unit not in ("m", "kt") else 0):
            return unit
    return None


def _tidy(text: str) -> str:
    return re.sub(r"\s{2,}", " ", text).strip(" ;,-")


def _depth(text: str, end: int) -> int:
    return text.count("(", 0, end) - text.count(")", 0, end)


def parse(text: str) -> Quantity | None:
    """The first number in ``text`` with its qualifier, unit, scale and period; None when
    there is no number (a date does not count as one). A number outside parentheses comes
    before one inside them (``Vpadina Akchanaya (... as low as -110 m) -81 m`` is -81 m)."""
    dated, rest = take_period(text)
    inside: re.Match[str] | None = None
    for match in _PATTERN.finditer(rest):
        if re.fullmatch(r"(1[89]|20)\d\d", match["num"]) and not (match["unit"] or match["cur"]):
            if not match["scale"] and rest[match.end():match.end() + 1] != "%":
                continue  # a year, not a quantity
        if _depth(rest, match.start()) <= 0:
            return _quantity(match, rest, dated)
        inside = inside or match
    return _quantity(inside, rest, dated) if inside else None


def _quantity(match: re.Match[str], text: str, dated: Dated | None) -> Quantity:
    value = _number(match["num"])
    negative = bool(match["sign"] or match["sign2"])
    if negative:
        value = -value
    top = _number(match["max"]) if match["max"] else None
    if top is not None and negative:
        top = -top
    if top is not None and top <= value:
        top = None
    unit = "USD" if match["cur"] else _unit_of(match["unit"])
    qualifier = QUALIFIERS.get(match["qual"].lower()) if match["qual"] else None
    if match["sym"]:
        qualifier = "less_than" if match["sym"] == "<" else "more_than"
    of = match["of"].strip("()") if match["of"] else None
    if of is not None and of.startswith("of "):
        of = of[3:]
    after = text[match.end():]
    if top is None and match["max"]:
        after = text[match.start("max") - 1:]
    return Quantity(value, top, unit, match["scale"].lower() if match["scale"] else None,
                    qualifier, of, dated, _tidy(text[:match.start()]), _tidy(after))
