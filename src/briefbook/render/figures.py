"""Formatting figures the one way the whole site shows them.

``USD 563 million (2023)``, ``USD 237.2 million (H1 2024, cumulative)``,
``KZT 36.5 billion``, ``928 km``, ``26.2 trillion m³``; in Russian ``563 млн USD (2023 г.)``,
``237,2 млн USD (1-е полугодие 2024 г., нарастающим итогом)``. Every function takes the
page's language (English by default); the words and formats are
:mod:`briefbook.render.formats`'s and the catalog's.
"""

from __future__ import annotations

import datetime as dt

from briefbook.models import Alternative, Figure, period_bounds
from briefbook.models.units import factor, parse_unit
from briefbook.render import formats
from briefbook.render.language import DEFAULT, N_, language

SCALES = {None: 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
LARGE_SCALES = ("million", "billion", "trillion")
"""Scales at which an area in hectares is shown in km² (never '272.49 million ha')."""


def format_number(value: float, lang: str = DEFAULT) -> str:
    """563 → '563', 237.2 → '237.2', 1500 → '1,500', 0.25 → '0.25', -3 → '−3' (a true
    minus sign, U+2212, read as "minus" rather than as a hyphen); in Russian '237,2',
    '1 500'."""
    return formats.number(value, lang)


def shown_as(value: float, unit: str, scale: str | None) -> tuple[float, str]:
    """The value and unit a page shows for ``value`` in ``unit`` and ``scale``: an area in
    millions of hectares in km² (272.49 million ha: 2.7249 million km²), others as given."""
    if unit == "ha" and scale in LARGE_SCALES:
        return value * factor("ha", "km2"), "km2"
    return value, unit


def format_amount(value: float, unit: str, scale: str | None, value_max: float | None = None,
                  approximate: bool = False, signed: bool = False, *, lang: str = DEFAULT
                  ) -> str:
    """A value with its unit and scale, without the period; ``signed`` shows "+" on gains.

    Units are shown as a reader expects them (km², µg/m³, per 1,000 population), and an area
    in millions of hectares in km²: in English with the models' symbols ('USD 563 million',
    '928 km'), in other languages as :mod:`briefbook.render.formats` writes them ('563 млн
    USD', '928 км')."""
    if value_max is not None:
        value_max = shown_as(value_max, unit, scale)[0]
    value, unit = shown_as(value, unit, scale)
    number = ("+" if signed and value > 0 else "") + format_number(value, lang)
    if value_max is not None:
        number = f"{number}–{format_number(value_max, lang)}"
    text = _with_unit(formats.scaled(number, scale, lang), value_max or value, unit, scale,
                      lang)
    return qualified("about", text, lang) if approximate else text


def _with_unit(text: str, value: float, unit: str, scale: str | None, lang: str) -> str:
    """A number (with its scale) and its unit."""
    info = parse_unit(unit)
    if info.dimension == "currency":
        return formats.currency(text, unit, lang)
    if unit == "%":
        return formats.percent(text, lang)
    if formats.house_style(lang):
        return f"{text} {info.symbol}" if info.symbol else text
    named = formats.with_unit(text, unit, formats.plural_value(value, scale), lang)
    return text if named is None else named


def format_date(day: dt.date, precision: str = "day", lang: str = DEFAULT) -> str:
    """27 May 2024 (or May 2024, or 2024, by precision); '27 мая 2024 г.'."""
    return formats.date(day, precision, lang)


QUARTERS = ("I", "II", "III", "IV")
"""Quarters in Roman numerals, as Russian writes them ("I квартал")."""


def _part_of_year(year: str, part: str, lang: str) -> str:
    """H1 2024, Q1 2024 ('1-е полугодие 2024 г.', 'I квартал 2024 г.')."""
    spoken = language(lang)
    number = part[1:]
    if part[0] == "H":
        return spoken.gettext("H%(half)s %(year)s") % {"half": number, "year": year}
    return spoken.gettext("Q%(quarter)s %(year)s") % {
        "quarter": number, "roman": QUARTERS[int(number) - 1], "year": year}


def _fiscal_year(text: str, lang: str) -> str:
    """FY2024, 2015/16, FY2015/16 (a fiscal year, as written), or a calendar year."""
    spoken = language(lang)
    if text.startswith("FY"):
        return spoken.gettext("FY%(year)s") % {"year": text[2:]}
    if "/" in text:
        # Translators: a fiscal year spanning two calendar years ("2015/16").
        return spoken.gettext("%(years)s") % {"years": text}
    return formats.year(text, lang)


def format_single_period(text: str, lang: str = DEFAULT) -> str:
    """2024 → '2024'; 2024-H1 → 'H1 2024'; 2024-05 → 'May 2024'; 2024-05-27 → '27 May 2024';
    fiscal years as written: FY2024 → 'FY2024', 2015/16 → '2015/16'."""
    parts = text.split("-")
    if len(parts) == 1:  # a year, or a fiscal year (FY2024, 2015/16, FY2015/16)
        return _fiscal_year(text, lang)
    year, middle = parts[0], parts[1]
    if middle[0] in "HQ":
        return _part_of_year(year, middle, lang)
    start, _ = period_bounds(text)
    return format_date(start, "month" if len(parts) == 2 else "day", lang)


def _is_month(text: str) -> bool:
    """2024-05; not 2024-H1, nor a fiscal year such as 2015/16."""
    return len(text) == 7 and text[4] == "-" and text[:4].isdecimal() and text[5:].isdecimal()


def format_period(text: str, lang: str = DEFAULT) -> str:
    """Any period, ranges included: 2024-01..2024-04 → 'Jan–Apr 2024',
    FY2022..FY2024 → 'FY2022 – FY2024'."""
    if ".." not in text:
        return format_single_period(text, lang)
    first, last = text.split("..")
    if _is_month(first) and _is_month(last) and first[:4] == last[:4]:
        return formats.month_range(int(first[:4]), int(first[5:7]), int(last[5:7]), lang)
    return f"{format_single_period(first, lang)} – {format_single_period(last, lang)}"


QUALIFIERS = {"about": N_("about %(amount)s"), "less_than": N_("less than %(amount)s"),
              "more_than": N_("more than %(amount)s"), "at_least": N_("at least %(amount)s"),
              "at_most": N_("at most %(amount)s")}
STATUSES = {"estimate": N_("estimate"), "target": N_("target")}
"""Statuses a figure's details name (actual and reported go without saying)."""


def qualified(qualifier: str, text: str, lang: str) -> str:
    """'about 5 %', 'около 5 %'."""
    return language(lang).gettext(QUALIFIERS[qualifier]) % {"amount": text}


def figure_amount(figure: Figure, lang: str = DEFAULT) -> str:
    """The figure's value with its qualifier, unit and scale: 'less than 1 %'."""
    text = format_amount(figure.value, figure.unit, figure.scale, figure.value_max,
                         False, figure.change, lang=lang)
    qualifier = figure.qualified_by
    return qualified(qualifier, text, lang) if qualifier else text


def format_figure(figure: Figure, *, with_period: bool = True, lang: str = DEFAULT) -> str:
    """The figure as text: 'USD 237.2 million (H1 2024, cumulative)'."""
    text = figure_amount(figure, lang)
    spoken = language(lang)
    details = []
    if with_period and figure.period:
        details.append(format_period(figure.period, lang))
    if figure.cumulative:
        details.append(spoken.gettext("cumulative"))
    if figure.status not in ("actual", "reported"):  # reported: undated, as published
        details.append(spoken.gettext(STATUSES[figure.status]))
    return f"{text} ({', '.join(details)})" if details else text


def format_alternative(alternative: Alternative, figure: Figure, lang: str = DEFAULT) -> str:
    """Another published value, in the main figure's unit and scale unless it names its own."""
    return format_amount(alternative.value, alternative.unit or figure.unit,
                         alternative.scale if alternative.scale is not None else figure.scale,
                         alternative.value_max, signed=figure.change, lang=lang)


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
