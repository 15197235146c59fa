"""What a Russian reader relies on: dates, numbers, amounts, periods, plural forms and the
order of listings, as CLDR and the Russian catalog write them; English as it always was."""

from __future__ import annotations

import datetime as dt

import pytest

from briefbook.models import Figure
from briefbook.render import formats
from briefbook.render.charts import chart_block, series_of
from briefbook.render.environment import Citations, cite_markup
from briefbook.render.figures import format_amount, format_figure, format_period
from briefbook.render.language import language
from briefbook.render.listings import event_type
from briefbook.render.profile import coordinate, month_day

NBSP = "\u00a0"  # CLDR's Russian thousands separator and space before a scale word
DAY = dt.date(2025, 4, 22)


def fig(**data: object) -> Figure:
    return Figure.model_validate({"label": {"en": "Trade", "ru": "Товарооборот"},
                                  "sources": ["s"], **data})


def plain(text: str) -> str:
    """Text with its no-break spaces as plain spaces (what a reader sees)."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


@pytest.mark.parametrize(("precision", "en", "ru"), [
    ("day", "22 Apr 2025", "22 апреля 2025 г."),
    ("month", "Apr 2025", "апрель 2025 г."),
    ("year", "2025", "2025 г."),
])
def test_dates(precision: str, en: str, ru: str) -> None:
    assert formats.date(DAY, precision, "en") == en
    assert plain(formats.date(DAY, precision, "ru")) == ru


def test_numbers_have_a_decimal_comma_and_no_break_thousands() -> None:
    assert formats.number(237.2, "ru") == "237,2"
    assert formats.number(1500, "ru") == f"1{NBSP}500"
    assert formats.number(1234567.25, "ru") == f"1{NBSP}234{NBSP}567,25"
    assert formats.number(-3, "ru") == "\u22123"
    assert formats.number(1500, "en") == "1,500"


@pytest.mark.parametrize(("data", "en", "ru"), [
    ({"value": 563, "unit": "USD", "scale": "million", "period": 2023},
     "USD 563 million (2023)", "563 млн USD (2023 г.)"),
    ({"value": 237.2, "unit": "USD", "scale": "million", "period": "2024-H1", "cumulative": True},
     "USD 237.2 million (H1 2024, cumulative)",
     "237,2 млн USD (1-е полугодие 2024 г., нарастающим итогом)"),
    ({"value": 36.5, "unit": "KZT", "scale": "billion"}, "KZT 36.5 billion", "36,5 млрд KZT"),
    ({"value": 928, "unit": "km"}, "928 km", "928 км"),
    ({"value": 26.2, "unit": "m3", "scale": "trillion"}, "26.2 trillion m³", "26,2 трлн м³"),
    ({"value": 28, "unit": "%", "change": True}, "+28 %", "+28 %"),
    ({"value": 1500, "unit": "t", "approximate": True}, "about 1,500 t", "около 1 500 т"),
    ({"value": 1, "unit": "%", "qualifier": "less_than"}, "less than 1 %", "менее 1 %"),
    ({"value": 1, "unit": "USD", "scale": "billion", "status": "target"},
     "USD 1 billion (target)", "1 млрд USD (целевой показатель)"),
])
def test_amounts(data: dict[str, object], en: str, ru: str) -> None:
    assert format_figure(fig(**data)) == en
    assert plain(format_figure(fig(**data), lang="ru")) == ru


@pytest.mark.parametrize(("period", "en", "ru"), [
    ("2024-H1", "H1 2024", "1-е полугодие 2024 г."),
    ("2024-H2", "H2 2024", "2-е полугодие 2024 г."),
    ("2024-Q1", "Q1 2024", "I квартал 2024 г."),
    ("2024-Q4", "Q4 2024", "IV квартал 2024 г."),
    ("FY2024", "FY2024", "2024 фин. г."),
    ("2015/16", "2015/16", "2015/16 фин. г."),
    ("2024-05", "May 2024", "май 2024 г."),
    ("2024-01..2024-04", "Jan–Apr 2024", "январь – апрель 2024 г."),
    ("2023..2024", "2023 – 2024", "2023 г. – 2024 г."),
])
def test_periods(period: str, en: str, ru: str) -> None:
    assert format_period(period) == en
    assert plain(format_period(period, "ru")) == ru


@pytest.mark.parametrize(("value", "scale", "unit", "ru"), [
    (1, None, "years", "1 год"), (3, None, "years", "3 года"), (5, None, "years", "5 лет"),
    (21, None, "years", "21 год"), (72.3, None, "years", "72,3 года"),
    (1, None, "countries", "1 страна"), (2, None, "countries", "2 страны"),
    (5, None, "countries", "5 стран"), (11, None, "countries", "11 стран"),
    (1.5, "million", "people", "1,5 млн человек"), (2, None, "people", "2 человека"),
    (1.9, None, "children per woman", "1,9 ребёнка на женщину"),
    (3, None, "pp", "3 п. п."), (12.5, None, "per 1000 population",
                                 "12,5 на 1000 человек населения"),
])
def test_units_agree_with_the_number(value: float, scale: str | None, unit: str,
                                     ru: str) -> None:
    """Russian has three plural forms; a number with a scale word takes the genitive plural
    (1,5 млн человек), a fraction the form of 2 (72,3 года)."""
    assert plain(format_amount(value, unit, scale, lang="ru")) == ru


def test_english_units_are_the_models_symbols() -> None:
    assert format_amount(5, "years", None) == "5 years"
    assert format_amount(1.5, "people", "million") == "1.5 million people"


def test_plural_forms_of_the_catalog() -> None:
    ru = language("ru")
    forms = [ru.ngettext("%(amount)s country", "%(amount)s countries", n) for n in (1, 3, 5)]
    assert forms == ["%(amount)s страна", "%(amount)s страны", "%(amount)s стран"]


def test_collation_puts_cyrillic_first_then_latin() -> None:
    names = ["Astana", "Бишкек", "Ашхабад", "Жанаозен", "Ёлки", "Ереван"]
    ordered = sorted(names, key=language("ru").sort_key)
    assert ordered.index("Ашхабад") < ordered.index("Бишкек") < ordered.index("Astana")
    # ё sorts with е (not after я, as its code point would put it)
    assert ordered.index("Ёлки") < ordered.index("Ереван") < ordered.index("Жанаозен")


def test_lists() -> None:
    assert formats.join(["A", "B", "C"], "ru") == "A, B и C"
    assert formats.join(["A", "B", "C"], "en") == "A, B and C"


def test_holidays_coordinates_and_currencies() -> None:
    assert month_day("12-16", "ru") == "16 декабря"
    assert month_day("12-16") == "16 December"
    assert coordinate(51.1667, "N", "S", "ru") == "51°10′ с. ш."
    assert coordinate(51.1667, "N", "S") == "51°10′ N"
    assert formats.currency_name("KZT", "ru") == "казахский тенге"


def test_timeline_event_types() -> None:
    assert event_type("election, scheduled", "ru") == "выборы, запланировано"
    assert event_type("agreement", "en") == "agreement"


def test_citations_and_charts_speak_russian() -> None:
    assert 'title="Источник 1"' in cite_markup(Citations(), ["s"], "ru")
    figures = [fig(value=v, unit="USD", scale="million", period=p, series="trade")
               for v, p in ((254.3, "2021"), (563, "2023"))]
    block = chart_block(series_of(figures)[0], "chart-ru", lambda ids: "", "ru")
    assert "Столбчатая диаграмма «Товарооборот» (млн USD) по периодам" in plain(block)
    assert ">254,3<" in block and ">2023 г.<" in plain(block)
    assert "<th scope=\"col\">Период</th>" in block
