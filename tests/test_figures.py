"""Figures are written one way everywhere: unit, scale, period; progress towards targets."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from briefbook.models import Figure, period_bounds
from briefbook.render.figures import format_figure, format_period, progress_towards


def fig(**data: object) -> Figure:
    return Figure.model_validate({"label": "Trade", "sources": ["s"], **data})


@pytest.mark.parametrize(("data", "text"), [
    ({"value": 563, "unit": "USD", "scale": "million", "period": 2023}, "USD 563 million (2023)"),
    ({"value": 237.2, "unit": "USD", "scale": "million", "period": "2024-H1", "cumulative": True},
     "USD 237.2 million (H1 2024, cumulative)"),
    ({"value": 36.5, "unit": "KZT", "scale": "billion"}, "KZT 36.5 billion"),
    ({"value": 928, "unit": "km"}, "928 km"),
    ({"value": 26.2, "unit": "m3", "scale": "trillion"}, "26.2 trillion m³"),
    ({"value": 28, "unit": "%", "period": 2023}, "28 % (2023)"),
    ({"value": 1, "unit": "USD", "scale": "billion", "status": "target"}, "USD 1 billion (target)"),
    ({"value": 4, "value_max": 14, "unit": "m3", "scale": "trillion"}, "4–14 trillion m³"),
    ({"value": 1500, "unit": "t", "approximate": True}, "about 1,500 t"),
])
def test_format_figure(data: dict[str, object], text: str) -> None:
    assert format_figure(fig(**data)) == text


def test_period_ranges() -> None:
    assert format_period("2024-01..2024-04") == "Jan–Apr 2024"
    assert format_period("2024-Q1") == "Q1 2024"
    assert format_period("2023..2024") == "2023 – 2024"


@pytest.mark.parametrize(("period", "bounds", "shown"), [
    ("FY2024", ("2024-01-01", "2024-12-31"), "FY2024"),
    ("2015/16", ("2015-01-01", "2016-12-31"), "2015/16"),
    ("FY2015/16", ("2015-01-01", "2016-12-31"), "FY2015/16"),
    ("1999/00", ("1999-01-01", "2000-12-31"), "1999/00"),
    ("FY2022..FY2024", ("2022-01-01", "2024-12-31"), "FY2022 – FY2024"),
    ("2015/16..2017/18", ("2015-01-01", "2018-12-31"), "2015/16 – 2017/18"),
    ("2015/16..2015-05", ("2015-01-01", "2015-05-31"), "2015/16 – May 2015"),
    ("2023..FY2024", ("2023-01-01", "2024-12-31"), "2023 – FY2024"),
])
def test_fiscal_years(period: str, bounds: tuple[str, str], shown: str) -> None:
    """FY2024 is the calendar year; 2015/16, a year spanning two, is the whole of both.
    Both are shown as written and serve as either end of a range."""
    figure = fig(value=1, unit="USD", period=period)
    first, last = figure.period.split("..") if ".." in figure.period else (period, period)
    assert (period_bounds(first)[0].isoformat(), period_bounds(last)[1].isoformat()) == bounds
    assert format_figure(figure) == f"USD 1 ({shown})"


@pytest.mark.parametrize(("period", "message"), [
    ("2020-25", "'2020-25' looks like a range of years: write 2020..2025"),
    ("1995-05", None),
    ("2095-13", "'2095-13' looks like a range of years: write 2095..2113"),
    ("2020-2025", "'2020-2025' looks like a range of years: write 2020..2025"),
    ("2020-13-01", "'2020-13-01': month 13 does not exist"),
    ("2015/17", "'2015/17' is not a period: a year that spans two is written with the next "
                "year's last two digits, like 2015/16"),
    ("9999/00", "'9999/00' is not a period: years run from 0001 to 9999"),
    ("FY0000", "'FY0000' is not a period: years run from 0001 to 9999"),
    ("FY2025..2024", "the range 'FY2025..2024' ends before it starts"),
])
def test_periods_that_are_not_periods(period: str, message: str | None) -> None:
    if message is None:
        fig(value=1, unit="USD", period=period)
        return
    with pytest.raises(ValidationError) as caught:
        fig(value=1, unit="USD", period=period)
    assert caught.value.errors()[0]["msg"] == f"Value error, {message}"


def test_progress_uses_latest_full_period_actual_in_the_series() -> None:
    target = fig(value=1, unit="USD", scale="billion", status="target", series="t")
    figures = [fig(value=254.3, unit="USD", scale="million", period=2021, series="t"),
               fig(value=563, unit="USD", scale="million", period=2023, series="t"),
               fig(value=900, unit="USD", scale="million", period="2024-H1", cumulative=True,
                   series="t"),
               fig(value=999, unit="USD", scale="million", period=2025, series="other"), target]
    latest, share = progress_towards(target, figures)  # type: ignore[misc]
    assert latest.value == 563 and round(share * 100) == 56


def test_progress_ignores_unrelated_figures_when_the_target_has_no_series() -> None:
    from briefbook.models import Figure
    from briefbook.render.figures import progress_towards

    target = Figure(label="Investment", value=40, unit="KZT", scale="billion", status="target",
                    sources=["s"])
    unrelated = Figure(label="Exports", value=10, unit="KZT", scale="billion", sources=["s"])
    undated = Figure(label="Investment", value=10, unit="KZT", scale="billion", sources=["s"])
    assert progress_towards(target, [target, unrelated, undated]) is None
    dated = Figure(label="Investment", value=10, unit="KZT", scale="billion", period="2024",
                   sources=["s"])
    assert progress_towards(target, [target, unrelated, dated]) == (dated, 0.25)


def test_changes_show_their_sign_and_alternatives_follow() -> None:
    from briefbook.models import Figure
    from briefbook.render.figures import format_alternative, format_figure

    growth = Figure(label="Growth", value=28, unit="%", period="2023", change=True,
                    sources=["s"], alternatives=[{"value": 22.5, "sources": ["t"]}])
    assert format_figure(growth) == "+28 % (2023)"
    assert format_alternative(growth.alternatives[0], growth) == "+22.5 %"
    fall = Figure(label="Fall", value=-3, unit="%", change=True, sources=["s"])
    assert format_figure(fall) == "\u22123 %"  # a true minus sign
