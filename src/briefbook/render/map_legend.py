"""A map's legend and words: line styles by status, told apart by dash pattern and
width as well as colour (readable printed in black and white), in the page's language
(the words are the catalog's)."""

from __future__ import annotations

from collections.abc import Set

from briefbook.render.charts import _x
from briefbook.render.language import N_, language
from briefbook.render.map_frame import PAD, WIDTH

SEA_FILL = "#f3f7fb"
# status: colour, stroke width, dash pattern ("" for a solid line)
LINE_STYLES = {
    "operational": ("#1a237e", 3.5, ""),
    "partly_operational": ("#1a237e", 3.5, "12 4"),
    "under_construction": ("#b71c1c", 3.0, "6 4"),
    "planned": ("#6a1b9a", 2.5, "1.5 4"),
    "suspended": ("#555555", 2.5, "10 3 2 3"),
    None: ("#333333", 1.5, ""),
}
STATUS_NAMES = {"operational": N_("operational"), "partly_operational": N_("partly operational"),
                "under_construction": N_("under construction"), "planned": N_("planned"),
                "suspended": N_("suspended"), None: N_("status not given")}
"""The statuses of lines, as the legend and the text alternative name them."""
DISCLAIMER = N_("Boundaries are not authoritative")
CAPTION = N_("Boundaries are not authoritative (Natural Earth).")
MARKER = N_("place")
"""The legend's word for a place's marker."""
CLUSTER = N_("places close together (their number)")
"""The legend's words for a marker standing for several places."""
COUNTRIES = N_("countries concerned")
"""The legend's words for the countries a map highlights."""
ROW = 20  # pixels between rows of the legend


def line_style(status: str | None) -> tuple[str, float, str]:
    return LINE_STYLES.get(status, LINE_STYLES[None])


def status_name(status: str | None, lang: str) -> str:
    """A line's status in ``lang`` (an unknown one as written)."""
    name = STATUS_NAMES.get(status)
    if name is None and status:
        return status
    return language(lang).gettext(name or STATUS_NAMES[None])


def _entries(statuses: Set[str | None], points: bool, highlight: bool,
             lang: str, clusters: bool = False) -> list[tuple[str, str]]:
    """(kind of symbol, text) of each entry: statuses in a fixed order, then markers."""
    spoken = language(lang)
    present = {s if s in LINE_STYLES else None for s in statuses}
    entries = [(f"line:{s}", status_name(s, lang)) for s in LINE_STYLES if s in present]
    if points:
        entries.append(("marker", spoken.gettext(MARKER)))
    if clusters:
        entries.append(("cluster", spoken.gettext(CLUSTER)))
    if highlight:
        entries.append(("country", spoken.gettext(COUNTRIES)))
    return entries


def _symbol(kind: str, x: float, y: float) -> str:
    if kind == "marker":
        return (f'<circle cx="{x + 12:g}" cy="{y:g}" r="4" fill="#fff" stroke="#111" '
                'stroke-width="2"/>')
    if kind == "cluster":
        return (f'<circle cx="{x + 12:g}" cy="{y:g}" r="8" fill="#fff" stroke="#111" '
                f'stroke-width="2"/><text x="{x + 12:g}" y="{y + 3.5:g}" font-size="10" '
                'font-weight="bold" fill="#111" text-anchor="middle">3</text>')
    if kind == "country":
        return (f'<rect x="{x + 2:g}" y="{y - 6:g}" width="20" height="12" fill="#c9cfe0" '
                'stroke="#4a5060" stroke-width="0.8"/>')
    status = kind.split(":", 1)[1]
    colour, width, dash = line_style(None if status == "None" else status)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x:g}" x2="{x + 26:g}" y1="{y:g}" y2="{y:g}" stroke="{colour}" '
            f'stroke-width="{width:g}"{dashes}/>')


def legend(statuses: Set[str | None], points: bool, highlight: bool, lang: str,
           top: float, clusters: bool = False) -> tuple[list[str], float]:
    """The legend's SVG elements below the map, in rows, and the height it takes (with a
    last row for the disclaimer)."""
    parts: list[str] = []
    x, y = float(PAD), top + 8
    for kind, text in _entries(statuses, points, highlight, lang, clusters):
        width = 34 + len(text) * 11 * 0.6 + 14
        if x + width > WIDTH - PAD and x > PAD:
            x, y = float(PAD), y + ROW
        parts.append(_symbol(kind, x, y))
        parts.append(f'<text x="{x + 32:g}" y="{y + 4:g}" font-size="11" fill="#222">'
                     f"{_x(text)}</text>")
        x += width
    height = (y - top) + (ROW if parts else 0) + 12
    return parts, height
