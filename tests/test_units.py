"""Units and currencies (issue 20): one spelling per unit, with its dimension, display and
conversions (pint); one ISO 4217 list for a country's currency and a figure's unit, with
historic codes allowed only where a figure's period says it is old."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pydantic
import pytest

from briefbook.models import Figure
from briefbook.models.currencies import currency_end, historic
from briefbook.models.kinds import Country
from briefbook.models.units import (
    UNITS,
    convertible,
    factor,
    parse_unit,
    registry,
    unknown_unit,
)
from briefbook.pipeline import Settings, check
from briefbook.render import charts
from briefbook.render.figures import format_amount, format_figure, format_number

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
    without importing pint: known spellings are a dictionary lookup; units of different
    dimensions are not convertible without asking pint either."""
    code = (
        "import sys\n"
        "from briefbook.models import Figure\n"
        "from briefbook.models.units import UNITS, registry\n"
        "from briefbook.render.figures import format_figure\n"
        "for unit in ['%', 'USD', 'km', 't', 'm3', 'TMM', *UNITS]:\n"
        "    f = Figure.model_validate({'label': 'x', 'value': -1.5, 'unit': unit,\n"
        "                               'period': 2005, 'sources': ['s']})\n"
        "    format_figure(f)\n"
        "from briefbook.models.units import convertible\n"
        "assert not convertible('km', 't') and not convertible('%', 'ratio')\n"
        "assert not convertible('per 1000 population', 'people') and convertible('km', 'km')\n"
        "assert registry.cache_info().currsize == 0\n"
        "assert 'pint' not in sys.modules, 'pint was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("data", "text"), [
    ({"value": 2724.9, "unit": "km2", "scale": "thousand"}, "2,724.9 thousand km²"),
    ({"value": 12, "unit": "m2"}, "12 m²"),
    ({"value": 26.2, "unit": "m3", "scale": "billion"}, "26.2 billion m³"),
    ({"value": 30.1, "unit": "ug/m3"}, "30.1 µg/m³"),
    ({"value": 1.8, "unit": "bbl/day", "scale": "million"}, "1.8 million bbl/day"),
    ({"value": 4.1, "unit": "m3/year", "scale": "billion"}, "4.1 billion m³/year"),
    ({"value": 17.4, "unit": "per 1000 population"}, "17.4 per 1,000 population"),
    ({"value": 9.7, "unit": "per 1000 live births"}, "9.7 per 1,000 live births"),
    ({"value": 13, "unit": "per 100000 live births"}, "13 per 100,000 live births"),
    ({"value": 2.9, "unit": "children per woman"}, "2.9 children per woman"),
    ({"value": 70.2, "unit": "years"}, "70.2 years"),
    ({"value": 112.8, "unit": "kWh", "scale": "billion"}, "112.8 billion kWh"),
    ({"value": 24.4, "unit": "kW", "scale": "million"}, "24.4 million kW"),
    ({"value": 3384, "unit": "nmi"}, "3,384 nmi"),
    ({"value": 280.7, "unit": "t CO2", "scale": "million"}, "280.7 million t CO₂"),
    ({"value": 27.8, "unit": "index"}, "27.8"),
    ({"value": 61.5, "unit": "ratio"}, "61.5"),
    ({"value": 120, "unit": "count"}, "120"),
    ({"value": 19.8, "unit": "people", "scale": "million"}, "19.8 million people"),
    ({"value": 5, "unit": "TMM", "scale": "billion", "period": 2005}, "TMM 5 billion (2005)"),
    ({"value": -9.4, "unit": "USD", "scale": "billion"}, "USD \u22129.4 billion"),
    ({"value": -0.5, "unit": "%", "change": True}, "\u22120.5 %"),
])
def test_units_are_shown_as_a_reader_expects(data: dict[str, object], text: str) -> None:
    assert format_figure(fig(**data)) == text


def test_negative_numbers_take_a_true_minus_sign() -> None:
    assert format_number(-3) == "\u22123"
    assert format_number(-1234.5) == "\u22121,234.5"
    assert format_number(-0.0) == "0"
    assert format_amount(-2, "%", None, -1) == "\u22122–\u22121 %"


def test_millions_of_hectares_are_shown_in_square_kilometres() -> None:
    assert format_amount(272.49, "ha", "million") == "2.7249 million km²"
    assert format_amount(1.5, "ha", "billion", 2) == "0.015–0.02 billion km²"
    assert "ha" not in format_figure(fig(value=272.49, unit="ha", scale="million"))
    assert format_amount(500, "ha", "thousand") == "500 thousand ha"
    assert format_amount(120, "ha", None) == "120 ha"


def test_a_chart_of_millions_of_hectares_is_in_square_kilometres() -> None:
    figures = [fig(value=v, unit="ha", scale="million", period=p, series="forest")
               for v, p in [(272.49, 2020), (268.1, 2024)]]
    (series,) = charts.series_of(figures)
    block = charts.chart_block(series, "forest", lambda ids: "")
    assert "million km²" in block and " ha" not in block
    assert ">2.7249<" in block and ">2.681<" in block


# --- currencies ---------------------------------------------------------------------------

def test_historic_codes_know_when_they_left_use() -> None:
    assert currency_end("TMM") == dt.date(2009, 1, 1)
    assert currency_end("TMT") is None
    old = historic("TMM")
    assert old is not None and old.replaced_by == "TMT"
    assert historic("km") is None and historic("TEU") is None
    with pytest.raises(ValueError, match="'XYZ' is not an ISO 4217 currency code"):
        currency_end("XYZ")


@pytest.mark.parametrize("period", [2005, "2008-12", "2008-12-31", "1994..2008"])
def test_a_historic_currency_fits_a_figure_from_before_it_left_use(period: object) -> None:
    assert fig(unit="TMM", period=period).unit == "TMM"


@pytest.mark.parametrize(("period", "message"), [
    (2020, "'TMM' left use on 2009-01-01; this figure's period 2020 is later: use TMT"),
    ("2009-01-01", "'TMM' left use on 2009-01-01; this figure's period 2009-01-01 is later: "
                   "use TMT"),
    ("2005..2010", "'TMM' left use on 2009-01-01; this figure's period 2005..2010 ends later: "
                   "use TMT"),
    (None, "'TMM' left use on 2009-01-01: give the figure the period it covers, which must "
           "end before then; or use TMT"),
])
def test_a_historic_currency_in_a_later_figure_is_an_error(period: object, message: str) -> None:
    data = {"period": period} if period is not None else {}
    assert _error(unit="TMM", **data) == f"Value error, {message}"


def test_an_alternative_in_a_historic_currency_follows_the_same_rule() -> None:
    later = {"value": 2, "unit": "TMM", "sources": ["t"]}
    assert fig(unit="USD", period=2005, alternatives=[later]).alternatives[0].unit == "TMM"
    assert _error(unit="USD", period=2020, alternatives=[later]) == (
        "Value error, 'TMM' left use on 2009-01-01; this figure's period 2020 is later: use TMT")


def _country(currency: object) -> Country:
    return Country.model_validate({"kind": "country", "title": "T", "summary": "S",
                                   "marking": "TLP:CLEAR", "reviewed": "2026-01-01",
                                   "iso2": "TM", "iso3": "TKM", "currency": currency})


@pytest.mark.parametrize(("code", "message"), [
    ("TMM", "TMM was replaced by TMT in 2009; a country's currency is the one in use today"),
    ("BGN", "BGN was replaced by EUR in 2026; a country's currency is the one in use today"),
    ("XYZ", "'XYZ' is not an ISO 4217 currency code"),
    ("tmt", "'tmt' is not an ISO 4217 currency code"),
    (5, "a currency is an ISO 4217 code such as USD or KZT"),
])
def test_a_countrys_currency_is_one_in_use(code: object, message: str) -> None:
    assert _country("TMT").currency == "TMT"
    with pytest.raises(pydantic.ValidationError) as caught:
        _country(code)
    assert caught.value.errors()[0]["msg"] == f"Value error, {message}"


def _diagnostics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> list[tuple]:
    shutil.copytree(BASE, tmp_path / "briefs")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefs/country/gamma.yml").write_text(text)
    result = check(Settings(briefs_dir=tmp_path / "briefs", today=TODAY, audience="internal"))
    return [(d.path, d.line, d.col, d.message) for d in result.diagnostics]


GAMMA = """\
kind: country
title: Gamma
summary: A country.
marking: TLP:CLEAR
reviewed: 2026-01-01
iso2: XC
iso3: XCC
currency: {currency}
figures:
  - label: Trade
    value: 12
    unit: {unit}
    period: {period}
    sources: [src-a]
"""


def test_the_errors_point_at_the_unit_and_the_currency(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = "briefs/country/gamma.yml"
    assert _diagnostics(tmp_path, monkeypatch, GAMMA.format(
        currency="TMM", unit="TMM", period=2020)) == [
        (path, 8, 11, "TMM was replaced by TMT in 2009; a country's currency is the one in "
                      "use today"),
        (path, 12, 11, "'TMM' left use on 2009-01-01; this figure's period 2020 is later: "
                       "use TMT"),
    ]


def test_an_old_figure_in_an_old_currency_passes(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert _diagnostics(tmp_path, monkeypatch, GAMMA.format(
        currency="TMT", unit="TMM", period=2005)) == []
