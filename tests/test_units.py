"""Units and currencies (issue 20): one spelling per unit, with its dimension, display and
conversions (pint); one ISO 4217 list for a country's currency and a figure's unit, with
historic codes allowed only where a figure's period says it is old."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pydantic
import pytest

from briefbook.models import Figure
from briefbook.models.units import (
    UNITS,
    convertible,
    factor,
    parse_unit,
    registry,
    unknown_unit,
)

BASE = Path(__file__).parent / "bad_briefs" / "_base"
TODAY = dt.date(2026, 11, 22)

# Every spelling the contract names, with its dimension.
CANONICAL = {
    "%": "dimensionless", "pp": "dimensionless", "index": "dimensionless",
    "ratio": "dimensionless",
    "km": "length", "m": "length", "nmi": "length",
    "km2": "area", "m2": "area", "ha": "area",
    "m3": "volume", "l": "volume", "bbl": "volume",
    "t": "mass", "kt": "mass", "kg": "mass",
    "kWh": "energy", "Btu": "energy", "kW": "power",
    "bbl/day": "flow", "m3/year": "flow",
    "Btu/person": "energy per person", "l/person": "volume per person",
    "ug/m3": "concentration",
    "years": "time", "months": "time", "days": "time",
    "per 1000 population": "rate", "per 1000 live births": "rate",
    "per 100000 live births": "rate", "per 100 inhabitants": "rate",
    "per 1000 people": "rate", "children per woman": "rate",
    "count": "count", "people": "count", "projects": "count", "facilities": "count",
    "countries": "count", "TEU": "count",
    "t CO2": "mass of CO2",
    "USD": "currency", "KZT": "currency", "TMT": "currency", "EUR": "currency",
}

# What each dimension is in pint's terms (rates are per person or per live birth).
PINT_DIMENSIONS = {
    "length": "meter", "area": "meter ** 2", "volume": "meter ** 3", "mass": "kilogram",
    "energy": "joule", "power": "watt", "time": "second", "flow": "meter ** 3 / second",
    "energy per person": "joule / person", "volume per person": "meter ** 3 / person",
    "concentration": "kilogram / meter ** 3", "mass of CO2": "kilogram * co2",
    "count": "person",  # people: the one count pint knows (the base of rates)
}


def fig(**data: object) -> Figure:
    return Figure.model_validate({"label": "Trade", "value": 1, "sources": ["s"], **data})


def _error(**data: object) -> str:
    with pytest.raises(pydantic.ValidationError) as caught:
        fig(**data)
    return str(caught.value.errors()[0]["msg"])


@pytest.mark.parametrize(("unit", "dimension"), sorted(CANONICAL.items()))
def test_every_canonical_spelling_is_accepted_with_its_dimension(unit: str,
                                                                  dimension: str) -> None:
    assert fig(unit=unit).unit == unit
    info = parse_unit(unit)
    assert (info.code, info.dimension) == (unit, dimension)
    assert info.description


@pytest.mark.parametrize("unit", [u for u in UNITS if UNITS[u].quantity is not None])
def test_the_dimension_of_each_unit_is_pints(unit: str) -> None:
    info = UNITS[unit]
    assert info.quantity is not None
    quantity = registry().parse_expression(info.quantity)
    if info.dimension == "rate":
        assert str(quantity.dimensionality) in ("1 / [person]", "1 / [live_birth]")
    else:
        reference = registry().parse_expression(PINT_DIMENSIONS[info.dimension])
        assert quantity.dimensionality == reference.dimensionality


@pytest.mark.parametrize(("text", "message"), [
    ("sq km", "unknown unit 'sq km': write km2"),
    ("square kilometres", "unknown unit 'square kilometres': write km2"),
    ("kilometres", "unknown unit 'kilometres': write km"),
    ("cubic meters", "unknown unit 'cubic meters': write m3"),
    ("µg/m³", "unknown unit 'µg/m³': write ug/m3"),
    ("barrels per day", "unknown unit 'barrels per day': write bbl/day"),
    ("per 1,000 population", "unknown unit 'per 1,000 population': write per 1000 population"),
    ("percent", "unknown unit 'percent': write %"),
    ("nm", "unknown unit 'nm': write nmi"),
    ("Mt", "unknown unit 'Mt': write t with scale: million"),
    ("kt CO2", "unknown unit 'kt CO2': write t CO2 with scale: thousand"),
    ("mm", "unknown unit 'mm': write it in m (1 mm = 0.001 m)"),
    ("kmm", "unknown unit 'kmm'; did you mean 'km'?"),
    ("deaths/1,000 live births",
     "unknown unit 'deaths/1,000 live births'; did you mean 'per 1000 live births'?"),
    ("KWH", "'KWH' is not an ISO 4217 currency code; did you mean 'kWh'?"),
    ("XYZ", "'XYZ' is not an ISO 4217 currency code"),
])
def test_an_unknown_unit_says_what_to_write(text: str, message: str) -> None:
    assert _error(unit=text) == f"Value error, {message}"


@pytest.mark.parametrize("text", ["foo", "10**10**10", "m**99999999", "__import__('os')", ""])
def test_text_that_is_no_unit_gets_the_list_without_pint_evaluating_it(text: str) -> None:
    assert unknown_unit(text).startswith(f"unknown unit '{text}': use an ISO 4217 currency")


def test_convertible_units_and_factors() -> None:
    assert factor("ha", "km2") == pytest.approx(0.01)
    assert factor("km2", "ha") == pytest.approx(100)
    assert factor("per 100 inhabitants", "per 1000 population") == pytest.approx(10)
    assert factor("per 1000 people", "per 1000 population") == 1
    assert factor("per 100000 live births", "per 1000 live births") == pytest.approx(0.01)
    assert factor("bbl", "l") == pytest.approx(158.987, rel=1e-5)
    assert factor("kt", "t") == pytest.approx(1000)
    assert factor("bbl/day", "m3/year") == pytest.approx(58.0717, rel=1e-4)
    assert convertible("km", "km") and convertible("kWh", "Btu")
    for a, b in [("t CO2", "t"), ("per 1000 population", "per 1000 live births"),
                 ("%", "ratio"), ("%", "pp"), ("people", "count"), ("USD", "KZT"),
                 ("km", "km2"), ("years", "bbl/day")]:
        assert not convertible(a, b), (a, b)
    with pytest.raises(ValueError, match="cannot be converted"):
        factor("USD", "KZT")


def test_common_units_never_create_pints_registry() -> None:
    """A corpus of %, USD, km, t and m3 (and every other known unit) validates and renders
    without importing pint: known spellings are a dictionary lookup."""
    code = (
        "import sys\n"
        "from briefbook.models import Figure\n"
        "from briefbook.models.units import UNITS, registry\n"
        "from briefbook.render.figures import format_figure\n"
        "for unit in ['%', 'USD', 'km', 't', 'm3', 'TMM', *UNITS]:\n"
        "    f = Figure.model_validate({'label': 'x', 'value': -1.5, 'unit': unit,\n"
        "                               'period': 2005, 'sources': ['s']})\n"
        "    format_figure(f)\n"
        "assert registry.cache_info().currsize == 0\n"
        "assert 'pint' not in sys.modules, 'pint was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
