"""The pieces of a profile page (a country's): topic sections, key facts, table rows.

A country imported from the World Factbook has some 200 figures and 100 facts. Its page
reads like a profile: a key-facts box at the top, then one section a topic (in the order
:data:`briefbook.models.topics.TOPICS` declares), each with its facts, its figures and the
charts of its series together. A series that is charted shows only its latest value in the
table (the chart and its data table hold the earlier ones).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefbook.models import Figure
from briefbook.models.common import Fact
from briefbook.models.topics import TOPICS
from briefbook.render import charts, formats
from briefbook.render import figures as fmt
from briefbook.render.language import N_, catalog_languages, language

OTHER = N_("Other figures")
"""The title of the section of figures without a topic."""

KEY_SERIES = ("population", "gdp")
"""Series whose latest value the key-facts box shows, in this order (``series: gdp``)."""


@dataclass(frozen=True)
class Row:
    """One row of a figures table: the figure, and whether earlier values of its series
    are in a chart below rather than in the table."""

    figure: Figure
    charted: bool


@dataclass(frozen=True)
class Section:
    """A topic's part of a profile page."""

    topic: str
    title: dict[str, str]
    facts: list[Fact]
    figures: list[Figure]


def topic_sections(figures: list[Figure], facts: list[Fact],
                   government: object = False) -> list[Section]:
    """The topics that have facts or figures, in page order; figures without a topic last.
    A true ``government`` (the brief names officeholders, missions ...) adds the government
    section even without facts or figures."""
    sections = []
    for topic, title in TOPICS.items():
        topic_facts = [f for f in facts if f.topic == topic]
        topic_figures = [f for f in figures if f.topic == topic]
        if topic_facts or topic_figures or (topic == "government" and government):
            sections.append(Section(topic, title, topic_facts, topic_figures))
    rest = [f for f in figures if f.topic is None]
    if rest:
        title = {code: language(code).gettext(OTHER) for code in catalog_languages()}
        sections.append(Section("other", title, [], rest))
    return sections


def table_rows(figures: list[Figure]) -> list[Row]:
    """The rows of a figures table: every figure, except the earlier values of a series
    that has a chart (the latest stands for the series, marked as charted)."""
    charted: dict[str, Figure] = {}
    for series in charts.series_of(figures):
        if len(series.bars) >= 2:
            charted[series.id] = series.bars[-1]
    rows = []
    for figure in figures:
        latest = charted.get(figure.series or "")
        if latest is None or figure.status == "target":
            rows.append(Row(figure, False))
        elif figure is latest:
            rows.append(Row(figure, True))
    return rows


def latest_of(figures: list[Figure], series: str) -> Figure | None:
    """The latest non-target figure of a series (``None`` when it has none)."""
    members = [f for f in figures if f.series == series and f.status != "target"]
    return max(members, key=fmt.period_end) if members else None


def key_figures(figures: list[Figure]) -> list[Figure]:
    """The figures of the key-facts box: the latest of each of :data:`KEY_SERIES`."""
    found = (latest_of(figures, series) for series in KEY_SERIES)
    return [figure for figure in found if figure is not None]


HEMISPHERES = {"N": N_("N"), "S": N_("S"), "E": N_("E"), "W": N_("W")}
"""The letters after a latitude or longitude (51°10′ N): north, south, east, west."""


def coordinate(value: float, positive: str, negative: str, lang: str = "en") -> str:
    """51.1667, "N", "S" → '51°10′ N' (to the minute, as atlases print them); in
    Russian '51°10′ с. ш.'."""
    minutes = round(abs(value) * 60)
    side = positive if value >= 0 else negative
    return f"{minutes // 60}°{minutes % 60:02d}′ {language(lang).gettext(HEMISPHERES[side])}"


def month_day(text: str, lang: str = "en") -> str:
    """'12-16' → '16 December' ('16 декабря')."""
    return formats.month_day(int(text[:2]), int(text[3:]), lang)


def currency_name(code: str, lang: str = "en") -> str:
    """KZT → 'Kazakhstani Tenge' ('казахский тенге'); the code where CLDR has no name."""
    return formats.currency_name(code, lang)
