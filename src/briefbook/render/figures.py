"""Formatting figures the one way the whole site shows them.

``USD 563 million (2023)``, ``USD 237.2 million (H1 2024, cumulative)``,
``KZT 36.5 billion``, ``928 km``, ``26.2 trillion m³``.
"""

from __future__ import annotations

import datetime as dt

from briefbook.models import Alternative, Figure, period_bounds
from briefbook.models.units import factor, parse_unit

SCALES = {None: 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
LARGE_SCALES = ("million", "billion", "trillion")
"""Scales at which an area in hectares is shown in km² (never '272.49 million ha')."""
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def format_number(value: float) -> str:
    """563 → '563', 237.2 → '237.2', 1500 → '1,500', 0.25 → '0.25', -3 → '−3' (a true
    minus sign, U+2212, read as "minus" rather than as a hyphen)."""
    if value == int(value) and abs(value) < 1e15:
        text = f"{int(value):,}"
    else:
        text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "\u2212" + text[1:] if text.startswith("-") else text


def shown_as(value: float, unit: str, scale: str | None) -> tuple[float, str]:
    """The value and unit a page shows for ``value`` in ``unit`` and ``scale``: an area in
    millions of hectares in km² (272.49 million ha: 2.7249 million km²), others as given."""
    if unit == "ha" and scale in LARGE_SCALES:
        return value * factor("ha", "km2"), "km2"
    return value, unit


def format_amount(value: float, unit: str, scale: str | None, value_max: float | None = None,
                  approximate: bool = False, signed: bool = False) -> str:
    """A value with its unit and scale, without the period; ``signed`` shows "+" on gains.

    Units are shown as a reader expects them (km², µg/m³, per 1,000 population), and an area
    in millions of hectares in km²."""
    if value_max is not None:
        value_max = shown_as(value_max, unit, scale)[0]
    value, unit = shown_as(value, unit, scale)
    number = ("+" if signed and value > 0 else "") + format_number(value)
    if value_max is not None:
        number = f"{number}–{format_number(value_max)}"
    words = [number] + ([scale] if scale else [])
    info = parse_unit(unit)
    if info.dimension == "currency":
        text = " ".join([unit, *words])
    elif unit == "%":
        text = f"{number} %" if not scale else f"{' '.join(words)} %"
    else:
        text = " ".join([*words, info.symbol]) if info.symbol else " ".join(words)
    return f"about {text}" if approximate else text


def format_date(day: dt.date, precision: str = "day") -> str:
    """27 May 2024 (or May 2024, or 2024, by precision)."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_single_period(text: str) -> str:
    """2024 → '2024'; 2024-H1 → 'H1 2024'; 2024-05 → 'May 2024'; 2024-05-27 → '27 May 2024';
    fiscal years as written: FY2024 → 'FY2024', 2015/16 → '2015/16'."""
    parts = text.split("-")
    if len(parts) == 1:  # a year, or a fiscal year (FY2024, 2015/16, FY2015/16)
        return text
    year, middle = parts[0], parts[1]
    if middle[0] in "HQ":
        return f"{middle} {year}"
    start, _ = period_bounds(text)
    return format_date(start, "month" if len(parts) == 2 else "day")


def _is_month(text: str) -> bool:
    """2024-05; not 2024-H1, nor a fiscal year such as 2015/16."""
    return len(text) == 7 and text[4] == "-" and text[:4].isdecimal() and text[5:].isdecimal()


def format_period(text: str) -> str:
    """Any period, ranges included: 2024-01..2024-04 → 'Jan–Apr 2024',
    FY2022..FY2024 → 'FY2022 – FY2024'."""
    if ".." not in text:
        return format_single_period(text)
    first, last = text.split("..")
    if _is_month(first) and _is_month(last) and first[:4] == last[:4]:
        return f"{MONTHS[int(first[5:7]) - 1]}–{MONTHS[int(last[5:7]) - 1]} {first[:4]}"
    return f"{format_single_period(first)} – {format_single_period(last)}"


QUALIFIERS = {"about": "about", "less_than": "less than", "more_than": "more than",
              "at_least": "at least", "at_most": "at most"}


def figure_amount(figure: Figure) -> str:
    """The figure's value with its qualifier, unit and scale: 'less than 1 %'."""
    text = format_amount(figure.value, figure.unit, figure.scale, figure.value_max,
                         False, figure.change)
    qualifier = figure.qualified_by
    return f"{QUALIFIERS[qualifier]} {text}" if qualifier else text


def format_figure(figure: Figure, *, with_period: bool = True) -> str:
    """The figure as text: 'USD 237.2 million (H1 2024, cumulative)'."""
    text = figure_amount(figure)
    details = []
    if with_period and figure.period:
        details.append(format_period(figure.period))
    if figure.cumulative:
        details.append("cumulative")
    if figure.status not in ("actual", "reported"):  # reported: undated, as published
        details.append(figure.status)
    return f"{text} ({', '.join(details)})" if details else text


def format_alternative(alternative: Alternative, figure: Figure) -> str:
    """Another published value, in the main figure's unit and scale unless it names its own."""
    return format_amount(alternative.value, alternative.unit or figure.unit,
                         alternative.scale if alternative.scale is not None else figure.scale,
                         alternative.value_max, signed=figure.change)


def absolute_value(figure: Figure) -> float:
    """The value in base units (563 million → 563,000,000)."""
    return figure.value * SCALES[figure.scale]


def period_end(figure: Figure) -> dt.date:
    """Last day of the figure's period (the earliest date when it has none)."""
    if not figure.period:
        return dt.date.min
    return period_bounds(figure.period.split("..")[-1])[1]


def progress_towards(target: Figure, figures: list[Figure]) -> tuple[Figure, float] | None:
    """The latest full-period actual comparable with ``target``, and its share of it (0–1+)."""
    def same_measure(f: Figure) -> bool:
        if target.series is not None:
            return f.series == target.series
        return f.series is None and f.label == target.label

    candidates = [
        f for f in figures
        if f.status == "actual" and not f.cumulative and f.period and f.unit == target.unit
        and same_measure(f)
    ]
    if not candidates or absolute_value(target) == 0:
        return None
    latest = max(candidates, key=period_end)
    return latest, absolute_value(latest) / absolute_value(target)
