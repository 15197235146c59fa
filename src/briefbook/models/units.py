"""The units a figure may be given in, with their dimensions, display symbols and conversions.

A unit in a brief is an ISO 4217 currency code or one of the spellings in ``_ROWS`` (one
spelling per unit, so that briefs stay consistent and a measure is found by its unit).
Each physical unit and rate carries a pint expression: pint, created once on first need
(``registry``), converts between units of one dimension and explains unknown spellings
(``unknown unit 'sq km': write km2``). Validating a known unit is a dictionary lookup and
never creates pint's registry.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from .currencies import current_codes, historic

if TYPE_CHECKING:
    import pint
    from pint.registry import Quantity


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """What a unit is: its one spelling in briefs (``code``), its dimension ('area',
    'currency', 'rate', 'dimensionless' ...), how pages show it (``symbol``), what it means
    (``description``) and, for physical units and rates, its pint expression."""

    code: str
    dimension: str
    symbol: str
    description: str
    quantity: str | None = None


_ROWS: tuple[tuple[str, str, str, str, str | None], ...] = (
    # code, dimension, symbol, description, pint expression (None: converts to nothing else)
    ("%", "dimensionless", "%", "per cent", None),
    ("pp", "dimensionless", "pp", "percentage points", None),
    ("index", "dimensionless", "", "an index, such as the Gini index", None),
    ("ratio", "dimensionless", "", "a ratio, such as the dependency ratio", None),
    ("km", "length", "km", "kilometres", "kilometer"),
    ("m", "length", "m", "metres", "meter"),
    ("nmi", "length", "nmi", "nautical miles", "nautical_mile"),
    ("km2", "area", "km²", "square kilometres", "kilometer ** 2"),
    ("m2", "area", "m²", "square metres", "meter ** 2"),
    ("ha", "area", "ha", "hectares", "hectare"),
    ("m3", "volume", "m³", "cubic metres", "meter ** 3"),
    ("l", "volume", "l", "litres", "liter"),
    ("bbl", "volume", "bbl", "barrels of oil, 159 litres each", "oil_barrel"),
    ("t", "mass", "t", "tonnes", "metric_ton"),
    ("kt", "mass", "kt", "kilotonnes", "kilometric_ton"),
    ("kg", "mass", "kg", "kilograms", "kilogram"),
    ("t CO2", "mass of CO2", "t CO₂", "tonnes of carbon dioxide", "metric_ton * co2"),
    ("kWh", "energy", "kWh", "kilowatt-hours", "kilowatt_hour"),
    ("MWh", "energy", "MWh", "megawatt-hours", "megawatt_hour"),
    ("GWh", "energy", "GWh", "gigawatt-hours", "gigawatt_hour"),
    ("TWh", "energy", "TWh", "terawatt-hours", "terawatt_hour"),
    ("Btu", "energy", "Btu", "British thermal units", "british_thermal_unit"),
    ("kW", "power", "kW", "kilowatts", "kilowatt"),
    ("MW", "power", "MW", "megawatts", "megawatt"),
    ("GW", "power", "GW", "gigawatts", "gigawatt"),
    ("years", "time", "years", "years", "year"),
    ("months", "time", "months", "months", "month"),
    ("days", "time", "days", "days", "day"),
    ("bbl/day", "flow", "bbl/day", "barrels of oil a day", "oil_barrel / day"),
    ("m3/year", "flow", "m³/year", "cubic metres a year", "meter ** 3 / year"),
    ("Btu/person", "energy per person", "Btu/person", "British thermal units per person",
     "british_thermal_unit / person"),
    ("l/person", "volume per person", "l/person", "litres per person", "liter / person"),
    ("ug/m3", "concentration", "µg/m³", "micrograms per cubic metre", "microgram / meter ** 3"),
    ("per 1000 population", "rate", "per 1,000 population", "a rate per 1,000 population",
     "1 / (1000 * person)"),
    ("per 1000 people", "rate", "per 1,000 people", "a rate per 1,000 people",
     "1 / (1000 * person)"),
    ("per 100 inhabitants", "rate", "per 100 inhabitants", "a rate per 100 inhabitants",
     "1 / (100 * person)"),
    ("per 1000 live births", "rate", "per 1,000 live births", "a rate per 1,000 live births",
     "1 / (1000 * live_birth)"),
    ("per 100000 live births", "rate", "per 100,000 live births",
     "a rate per 100,000 live births", "1 / (100000 * live_birth)"),
    ("children per woman", "rate", "children per woman", "births per woman (fertility rate)",
     None),
    ("count", "count", "", "a plain count", None),
    ("people", "count", "people", "people", "person"),
    ("projects", "count", "projects", "projects", None),
    ("facilities", "count", "facilities", "facilities", None),
    ("countries", "count", "countries", "countries", None),
    ("TEU", "count", "TEU", "twenty-foot equivalent units (containers)", None),
)

UNITS: MappingProxyType[str, UnitInfo] = MappingProxyType(
    {row[0]: UnitInfo(*row) for row in _ROWS})
"""Every unit spelling a brief may use besides currency codes, by spelling."""

COMMON = ("%", "pp", "km", "km2", "ha", "m3", "t", "kWh", "bbl/day", "years",
          "per 1000 population", "people", "count", "index")
"""The units most figures use, named in the JSON Schema and in error messages."""

_DEFINITIONS = ("person = [person] = persons", "live_birth = [live_birth]", "co2 = [co2]")
"""What pint does not know: people and live births (the bases of rates), and carbon
dioxide (so that tonnes of CO2 are not tonnes of anything)."""


@functools.cache
def registry() -> pint.UnitRegistry[Any]:
    """pint's registry, created on first need (it takes a third of a second)."""
    import pint

    units: pint.UnitRegistry[Any] = pint.UnitRegistry(cache_folder=None)
    for definition in _DEFINITIONS:
        units.define(definition)
    return units


def parse_unit(text: str) -> UnitInfo:
    """What ``text`` means as a figure's unit; ``ValueError`` naming what to write instead."""
    known = UNITS.get(text)
    if known is not None:
        return known
    if len(text) == 3 and text.isalpha() and text.isupper():
        return _currency(text)
    raise ValueError(unknown_unit(text))


@functools.cache
def _currency(code: str) -> UnitInfo:
    if code in current_codes():
        return UnitInfo(code, "currency", code, f"{code}, an ISO 4217 currency")
    old = historic(code)
    if old is None:
        close = _close_unit(code)
        raise ValueError(f"'{code}' is not an ISO 4217 currency code"
                         + (f"; did you mean '{close}'?" if close else ""))
    return UnitInfo(code, "currency", code, f"{code}, a currency that {old.replacement()}")


def convertible(a: str, b: str) -> bool:
    """Whether a value in unit ``a`` can be written in unit ``b`` (same dimension)."""
    if a == b:
        return True
    first, second = parse_unit(a), parse_unit(b)
    if first.quantity is None or second.quantity is None or first.dimension != second.dimension:
        return False  # answered without pint's registry
    return bool(_quantity(first.quantity).dimensionality
                == _quantity(second.quantity).dimensionality)


@functools.cache
def factor(a: str, b: str) -> float:
    """How many ``b`` one ``a`` is (``factor('ha', 'km2') == 0.01``); ``ValueError`` when the
    two are not of one dimension."""
    if a == b:
        return 1.0
    if not convertible(a, b):
        raise ValueError(f"'{a}' cannot be converted to '{b}'")
    first, second = parse_unit(a).quantity, parse_unit(b).quantity
    assert first is not None and second is not None  # convertible() checked both
    return float((_quantity(first) / _quantity(second)).to("dimensionless").magnitude)


def _quantity(expression: str) -> Quantity[Any]:
    return registry().parse_expression(expression)


_RESPELLINGS = {
    "percent": "%", "per cent": "%", "percentage points": "pp", "percentage point": "pp",
    "persons": "people", "inhabitants": "people", "population": "people", "number": "count",
    "barrels": "bbl", "barrel": "bbl", "barrels/day": "bbl/day", "tonnes": "t", "tons": "t",
    "metric tons": "t", "metric tonnes": "t", "litres": "l", "liters": "l",
    "metric tonnes of co2": "t CO2", "nautical miles": "nmi", "nm": "nmi",
}
"""Spellings of units without a pint form of their own, for suggestions only."""

_PINT_WORDS = {"bbl": "oil_barrel", "barrel": "oil_barrel", "barrels": "oil_barrel",
               "kt": "kilometric_ton", "ug": "microgram", "sq": "square", "cu": "cubic",
               "per": "/", "people": "person", "inhabitants": "person",
               "population": "person", "CO2": "co2", "co2": "co2"}
"""Words that pint reads otherwise than briefs (kt: knots; barrel: 31.5 gallons)."""
_WORDS = re.compile(r"(?:[A-Za-z_]+[23]?|[/*]|\s)+")
_TOKEN = re.compile(r"[A-Za-z_]+[23]?|[/*]")


_CHARACTERS = str.maketrans({"²": "2", "³": "3", "µ": "u", "μ": "u"})


def _respelled(text: str) -> str:
    """``text`` tidied the ways writers vary: spaces, thousands separators, ², ³, µ."""
    tidy = " ".join(text.split())
    tidy = re.sub(r"(?<=\d)[,\u00a0\u202f](?=\d{3})", "", tidy)
    tidy = re.sub(r"(?<=[a-z])\.", "", tidy).translate(_CHARACTERS)
    return _RESPELLINGS.get(tidy.lower(), tidy)


def _pint_form(text: str) -> str | None:
    """``text`` as a pint expression of words, '/', '*' and the powers 2 and 3 only (so
    that parsing it cannot take long), or ``None``."""
    if len(text) > 60 or not _WORDS.fullmatch(text):
        return None
    return " ".join(_PINT_WORDS.get(token) or re.sub(r"^([A-Za-z]+)([23])$", r"\1**\2", token)
                    for token in _TOKEN.findall(text))


def _equivalent(text: str) -> tuple[str, float] | None:
    """The unit of briefs that pint reads ``text`` as, with how many of it one ``text`` is
    (1.0 for another spelling of it); ``None`` when pint cannot read it."""
    expression = _pint_form(text)
    if expression is None:
        return None
    try:
        quantity = _quantity(expression)
        found = [(info.code, float((quantity / _quantity(info.quantity)).to("").magnitude))
                 for info in UNITS.values() if info.quantity is not None
                 and quantity.dimensionality == _quantity(info.quantity).dimensionality]
    except Exception:  # pint raises many kinds of error on text that is not a unit
        return None
    # another spelling of a unit of briefs; else the first that a scale makes of it (Mt: t,
    # million); else the nearest in size (mm: m)
    exact = [pair for pair in found if abs(pair[1] - 1) < 1e-9]
    scaled = [pair for pair in found if _scale_of(pair[1]) is not None]
    ranked = exact or scaled or sorted(found, key=lambda pair: abs(math.log(pair[1])))
    return ranked[0] if ranked else None


def _scale_of(times: float) -> str | None:
    return next((name for name, size in _SCALES if abs(times / size - 1) < 1e-9), None)


def _close_unit(text: str) -> str | None:
    lowered = {code.lower(): code for code in UNITS}
    close = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=0.75)
    return lowered[close[0]] if close else None


_SCALES = (("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12))


def unknown_unit(text: str) -> str:
    """The message for a unit that is not one of briefs', with what to write instead."""
    respelled = _respelled(text)
    if respelled in UNITS:
        return f"unknown unit '{text}': write {respelled}"
    equivalent = _equivalent(respelled)
    if equivalent is not None and abs(equivalent[1] - 1) < 1e-9:
        return f"unknown unit '{text}': write {equivalent[0]}"
    close = _close_unit(respelled)
    if equivalent is not None:
        code, times = equivalent
        scale = _scale_of(times)
        if scale is not None:
            return f"unknown unit '{text}': write {code} with scale: {scale}"
        hint = f"; or did you mean '{close}'?" if close else ""
        return f"unknown unit '{text}': write it in {code} (1 {text} = {times:.6g} {code}){hint}"
    if close is not None:
        return f"unknown unit '{text}'; did you mean '{close}'?"
    return (f"unknown unit '{text}': use an ISO 4217 currency code (USD, KZT) or a unit "
            f"such as {', '.join(COMMON)} (all are listed in the writers' guide)")


def to_unit(value: Any) -> str:
    """A figure's unit, as validated: one of ``UNITS`` or an ISO 4217 code."""
    if not isinstance(value, str):
        raise ValueError("a unit is an ISO 4217 currency code (USD, KZT) or a unit such as "
                         + ", ".join(COMMON))
    if value in UNITS or value in current_codes():  # the common cases, checked first
        return value
    return parse_unit(value).code


Unit = Annotated[
    str,
    BeforeValidator(to_unit),
    WithJsonSchema({
        "anyOf": [{"type": "string", "enum": list(UNITS)},
                  {"type": "string", "pattern": "^[A-Z]{3}$"}],
        "description": "An ISO 4217 currency code (USD, KZT) or a unit, e.g. "
                       + ", ".join(COMMON),
    }),
]
"""A figure's unit: an ISO 4217 code or one of ``UNITS``."""
