"""Charts of figure series, drawn at build time as inline SVG.

No JavaScript: a chart is a ``<figure>`` with an SVG bar chart (the series'
actual and estimated values, the target as a dashed line) followed by the same
data as a table for screen readers. The whole block is one raw HTML block for
Python-Markdown: it starts at the margin, has no blank line inside and is
surrounded by blank lines, so Markdown passes it through untouched. Every text
in it is XML-escaped here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from briefbook.load.invisible import strip_invisible
from briefbook.models import Figure
from briefbook.render import figures as fmt
from briefbook.render.language import DEFAULT, N_, language
from briefbook.render.translated import language_of, text_in

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 56
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
LABEL_ROOM = 16  # pixels between a bar's end and the plot's edge, for the value label
COLOURS = {"actual": "#3949ab", "cumulative": "#9fa8da", "estimate": "#ffffff", "target": "#c62828"}

# Visually hidden but read by screen readers (the key-figures table shows the data to everyone).
SR_ONLY = ("position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
           "clip:rect(0 0 0 0);white-space:nowrap;border:0")

Cite = Callable[[list[str]], str]


@dataclass(frozen=True)
class Series:
    """Figures of one brief sharing a series id, in one unit."""

    id: str
    label: dict[str, str]
    """What the series measures, by language (a figure's label)."""
    unit: str
    scale: str | None
    bars: list[Figure]
    targets: list[Figure]


def _x(text: object) -> str:
    """Text for SVG and HTML, escaped and without invisible characters (see
    :mod:`briefbook.load.invisible`)."""
    return escape(strip_invisible(str(text)), quote=True)


def series_of(figures: list[Figure]) -> list[Series]:
    """The chartable series among ``figures``: at least two values, or a value and a target."""
    grouped: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.series:
            grouped.setdefault(figure.series, []).append(figure)
    found = []
    for series_id, members in grouped.items():
        bars = sorted((f for f in members if f.status != "target" and f.period),
                      key=lambda f: (fmt.period_end(f), f.period or ""))
        if not bars:
            continue
        unit = bars[-1].unit
        bars = [f for f in bars if f.unit == unit]
        targets = [f for f in members if f.status == "target" and f.unit == unit]
        if len(bars) + len(targets) < 2:
            continue
        scale = max(bars, key=lambda f: fmt.SCALES[f.scale]).scale
        found.append(Series(series_id, bars[-1].label, unit, scale, bars, targets))
    return found


def _scaled(figure: Figure, scale: str | None) -> float:
    return fmt.shown_as(fmt.absolute_value(figure) / fmt.SCALES[scale], figure.unit, scale)[0]


def _nice_step(top: float) -> float:
    """A round tick step giving four to eight ticks up to ``top``."""
    raw = top / 5 if top > 0 else 1.0
    power: float = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _period_label(figure: Figure, lang: str) -> str:
    return fmt.format_period(figure.period, lang) if figure.period else ""


def _unit_caption(series: Series, lang: str) -> str:
    sample = fmt.format_amount(0, series.unit, series.scale, lang=lang)
    return sample.replace("0", "", 1).replace("  ", " ").strip()


KINDS = {"actual": N_("actual"), "cumulative": N_("cumulative"), "estimate": N_("estimate"),
         "target": N_("target")}
"""The kinds of bar (and the target), as the chart and its table name them."""


def _bar_kind(figure: Figure) -> str:
    if figure.status == "estimate":
        return "estimate"
    return "cumulative" if figure.cumulative else "actual"


def _hline(y: float, style: str) -> str:
    return f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" {style}/>'


@dataclass(frozen=True)
class _Axis:
    """The value axis: round ticks ``step`` apart from ``bottom`` to ``top``."""

    bottom: float
    top: float
    step: float

    def y(self, value: float) -> float:
        """The vertical position of ``value`` in the picture."""
        return TOP + PLOT_H - (value - self.bottom) / (self.top - self.bottom) * PLOT_H


def _axis(values: list[float], targets: list[float]) -> _Axis:
    """Ticks from zero, or from a round number below the lowest value, to one above the highest.

    Values of zero and above give the axis they always had (zero at the bottom): the room
    for labels is only checked when a value is negative and zero moves up the picture.
    """
    high, low = max(*values, *targets, 0.0), min(*values, *targets, 0.0)
    step = _nice_step((high - low) * 1.08)
    top = step * math.ceil(high * 1.08 / step)
    if low >= 0:
        return _Axis(0.0, top if top > 0 else step, step)  # all zero: an empty axis
    bottom = -step * math.ceil(-low * 1.08 / step)
    above = bool(targets) or any(value >= 0 for value in values)  # labels above a line
    while True:  # ends: each added step moves the room on its side towards half the plot
        span = top - bottom
        if above and (top - high) / span * PLOT_H < LABEL_ROOM:
            top += step
        elif (low - bottom) / span * PLOT_H < LABEL_ROOM:
            bottom -= step
        else:
            return _Axis(bottom, top, step)


def _signed(number: str) -> str:
    """A negative number with a true minus sign, read as "minus" rather than as a hyphen."""
    return re.sub(r"(?<![\w.])-(?=\d)", "\u2212", number)


def _ticks(axis: _Axis, lang: str) -> list[str]:
    """A light grid line and a number at each tick."""
    parts = []
    tick = axis.bottom
    while tick <= axis.top + axis.step / 1000:
        parts.append(_hline(axis.y(tick), 'stroke="#ddd" stroke-width="1"'))
        number = _signed(fmt.format_number(round(tick, 6), lang))
        parts.append(f'<text x="{LEFT - 6}" y="{axis.y(tick) + 4:.1f}" font-size="11" '
                     f'fill="#333" text-anchor="end">{_x(number)}</text>')
        tick += axis.step
    return parts


def _bars(series: Series, values: list[float], axis: _Axis, lang: str) -> list[str]:
    """A bar from zero to each value, labelled with the value (above the bar, or below when it
    is negative), its period and its kind."""
    parts = []
    slot = PLOT_W / len(series.bars)
    width = min(72.0, slot * 0.6)
    for position, (figure, value) in enumerate(zip(series.bars, values, strict=True)):
        kind = _bar_kind(figure)
        centre = LEFT + slot * (position + 0.5)
        stroke = ' stroke="#3949ab" stroke-width="1.5" stroke-dasharray="4 2"'
        if kind != "estimate":
            stroke = ""
        end, zero = axis.y(value), axis.y(0)
        parts.append(f'<rect x="{centre - width / 2:.1f}" y="{min(end, zero):.1f}" '
                     f'width="{width:.1f}" height="{abs(zero - end):.1f}" '
                     f'fill="{COLOURS[kind]}"{stroke}/>')
        label_y = end - 4 if value >= 0 else end + 13
        parts.append(f'<text x="{centre:.1f}" y="{label_y:.1f}" font-size="11" fill="#111" '
                     f'text-anchor="middle">{_x(_signed(fmt.format_number(value, lang)))}</text>')
        parts.append(f'<text x="{centre:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
                     f'fill="#333" text-anchor="middle">{_x(_period_label(figure, lang))}</text>')
        if kind != "actual":
            parts.append(f'<text x="{centre:.1f}" y="{HEIGHT - BOTTOM + 30}" font-size="10" '
                         f'fill="#555" text-anchor="middle">'
                         f"{_x(language(lang).gettext(KINDS[kind]))}</text>")
    return parts


def _target_lines(series: Series, values: list[float], axis: _Axis, lang: str) -> list[str]:
    """A dashed line at each target, labelled at the right end.

    Bars that hang below zero usually cross a target line (a deficit larger than the one
    aimed at), so there the label gets a white halo to stay readable over a bar.
    """
    parts = []
    halo = ' stroke="#fff" stroke-width="3" paint-order="stroke"' if axis.bottom < 0 else ""
    for target, value in zip(series.targets, values, strict=True):
        amount = _signed(fmt.format_amount(target.value, target.unit, target.scale, lang=lang))
        label = language(lang).gettext("Target: %(amount)s") % {"amount": amount}
        if target.period:
            label += f" ({fmt.format_period(target.period, lang)})"
        parts.append(_hline(axis.y(value), f'stroke="{COLOURS["target"]}" stroke-width="2" '
                            'stroke-dasharray="6 4"'))
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{axis.y(value) - 5:.1f}" font-size="11" '
                     f'fill="{COLOURS["target"]}"{halo} text-anchor="end">{_x(label)}</text>')
    return parts


def _description(series: Series, unit: str, negative: bool, lang: str) -> str:
    """The chart's text alternative, in words."""
    spoken = language(lang)
    text = spoken.gettext("Bar chart of %(label)s in %(unit)s by period") % {
        "label": text_in(series.label, lang), "unit": unit}
    if series.targets:
        text += spoken.gettext(", with the target as a dashed line")
    if negative:
        text += spoken.gettext("; bars below the zero line are negative")
    return text + spoken.gettext(". The same data follows as a table.")


def _lang_attribute(series: Series, lang: str) -> str:
    """`` lang="en"`` where the series' label has no text in ``lang``, else nothing."""
    shown_in = language_of(series.label, lang)
    return f' lang="{shown_in}"' if shown_in != lang else ""


def chart_svg(series: Series, chart_id: str, lang: str = DEFAULT) -> str:
    """The SVG bar chart of a series, with a title and description for assistive technology."""
    values = [_scaled(f, series.scale) for f in series.bars]
    target_values = [_scaled(f, series.scale) for f in series.targets]
    axis = _axis(values, target_values)
    unit = _unit_caption(series, lang)
    desc = _description(series, unit, min(values) < 0, lang)
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" style="max-width:100%;height:auto" '
        f'class="bb-chart-svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title"{_lang_attribute(series, lang)}>'
        f'{_x(text_in(series.label, lang))}</title>',
        f'<desc id="{chart_id}-desc">{_x(desc)}</desc>',
        f'<text x="{LEFT}" y="16" font-size="12" fill="#333">{_x(unit)}</text>',
        *_ticks(axis, lang),
        *_bars(series, values, axis, lang),
        *_target_lines(series, target_values, axis, lang),
        _hline(axis.y(0), 'stroke="#333" stroke-width="1"'),
        "</svg>",
    ])


def chart_table(series: Series, cite: Cite, lang: str = DEFAULT) -> str:
    """The chart's data as an HTML table (the chart's text alternative)."""
    spoken = language(lang)
    caption = spoken.gettext("%(label)s: data of the chart") % {
        "label": text_in(series.label, lang)}
    heads = "".join(f'<th scope="col">{_x(spoken.gettext(head))}</th>'
                    for head in (N_("Period"), N_("Value"), N_("Status"), N_("Sources")))
    # Hidden in a box: a table is never narrower than its content (it widened phones' pages).
    rows = [f'<div class="bb-chart-data" style="{SR_ONLY}"><table>',
            f"<caption>{_x(caption)}</caption>", f"<thead><tr>{heads}</tr></thead>", "<tbody>"]
    for figure in [*series.bars, *series.targets]:
        status = "target" if figure.status == "target" else _bar_kind(figure)
        period = _period_label(figure, lang) or "—"
        amount = _signed(fmt.format_amount(figure.value, figure.unit, figure.scale,
                                           figure.value_max, figure.approximate, lang=lang))
        rows.append(f"<tr><td>{_x(period)}</td><td>{_x(amount)}</td>"
                    f"<td>{_x(spoken.gettext(KINDS[status]))}</td>"
                    f"<td>{cite(list(figure.sources))}</td></tr>")
    rows += ["</tbody>", "</table></div>"]
    return "\n".join(rows)


def chart_block(series: Series, chart_id: str, cite: Cite, lang: str = DEFAULT) -> str:
    """A raw HTML block: the figure with its SVG, caption and data table."""
    spoken = language(lang)
    chart_id = re.sub(r"[^a-z0-9-]", "-", chart_id.lower())
    label = _x(text_in(series.label, lang))
    if _lang_attribute(series, lang):  # an untranslated label, marked as English
        label = f'<span lang="en">{label}</span>'
    caption = f"{label} ({_x(_unit_caption(series, lang))})."
    if series.targets:
        caption += " " + _x(spoken.gettext("Dashed line: target."))
    if any(f.cumulative for f in series.bars):
        caption += " " + _x(spoken.gettext("Lighter bars: partial-year cumulative totals."))
    return "\n".join([
        f'<figure class="bb-chart" id="{chart_id}">',
        chart_svg(series, chart_id, lang),
        chart_table(series, cite, lang),
        f"<figcaption>{caption}</figcaption>",
        "</figure>",
    ])
