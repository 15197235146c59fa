"""Maps of places, drawn at build time as inline SVG, offline, like the charts.

A map is a ``<figure>``: an SVG picture (countries, lines by status, places as markers
with labels, a legend and the words "Boundaries are not authoritative"), a text
alternative listing everything the map shows with its link (visually hidden, read by
screen readers), and a visible caption. The whole is one raw HTML block for
Python-Markdown: it starts at the margin and has no blank line inside. Every text is
escaped here (``charts._x``).

The data come in plain (:class:`MapItem`), not as brief models, so the templates decide
what a page's map shows. Projection and fitting: :mod:`briefbook.render.map_frame`;
label placement: :mod:`briefbook.render.map_labels`. Country shapes and names:
:mod:`briefbook.models.places` (Natural Earth; boundaries are its de facto view).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import shapely
from shapely.geometry.base import BaseGeometry

from briefbook.models.places import country_shapes
from briefbook.render import formats
from briefbook.render import map_clusters as mc
from briefbook.render import map_frame as mf
from briefbook.render import map_labels as ml
from briefbook.render.charts import SR_ONLY, _x
from briefbook.render.language import N_, language
from briefbook.render.map_base import base_layer
from briefbook.render.map_legend import (
    CAPTION,
    DISCLAIMER,
    MARKER,
    SEA_FILL,
    legend,
    line_style,
    status_name,
)

Position = tuple[float, float]
PLACE_SIZE, COUNTRY_SIZE = 12.0, 12.0
# Seas named on the map where they are in view and their name fits (lon, lat).
SEAS = {N_("Caspian Sea"): (50.6, 41.9), N_("Black Sea"): (34.5, 43.2),
        N_("Persian Gulf"): (51.5, 27.2)}


@dataclass(frozen=True)
class MapItem:
    """Something a map shows: a line (a route or a segment of one, one or more lines of
    lon/lat positions) or a point (one lon/lat position), with its label, its status
    (lines: planned, under_construction, operational, partly_operational, suspended)
    and the address of its page."""

    kind: Literal["line", "point"]
    label: str
    coordinates: Sequence[Position] | Sequence[Sequence[Position]]
    status: str | None = None
    link: str | None = None

    def lines(self) -> list[list[Position]]:
        """The item's lines (a point is one line of one position)."""
        coords: list[Any] = list(self.coordinates)
        if coords and isinstance(coords[0][0], int | float):
            coords = [coords]
        return [[(float(p[0]), float(p[1])) for p in line] for line in coords]

    def positions(self) -> list[Position]:
        return [p for line in self.lines() for p in line]


def _safe_id(map_id: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", map_id.lower())


def _countries(frame: mf.Frame, highlight: Sequence[str], lang: str, taken: list[ml.Box],
               area: ml.Box, routes: BaseGeometry | None = None
               ) -> tuple[list[str], list[BaseGeometry]]:
    """The names of the countries in view (those highlighted first, in bold), clear of
    the ``routes`` drawn, and the land in view (in pixels); their outlines are the base
    layer's (:mod:`map_base`)."""
    names = []
    shapes = country_shapes()
    layer = base_layer(frame, frozenset(highlight))
    for country in layer.countries:
        label = ml.place_area_label(country.shape, shapes[country.iso3].name(lang), taken,
                                    area, COUNTRY_SIZE, country.centre, routes)
        if label is not None:
            names.append(_text(label, "#222" if country.lit else "#555",
                               ' font-weight="bold"' if country.lit else ""))
    return names, [country.shape for country in layer.countries]


def _text(label: ml.Label, fill: str, extra: str = "") -> str:
    return (f'<text x="{mf.number(label.x)}" y="{mf.number(label.y)}" '
            f'font-size="{label.size:g}" fill="{fill}" text-anchor="{label.anchor}"{extra} '
            f'stroke="#fff" stroke-width="3" paint-order="stroke">{_x(label.text)}</text>')


def _lines(items: Sequence[MapItem], frame: mf.Frame) -> list[str]:
    """Each line twice: a white casing under it, then its stroke by status."""
    parts = []
    for item in items:
        if item.kind != "line":
            continue
        colour, width, dash = line_style(item.status)
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        for line in item.lines():
            data = mf.line_data([frame.lonlat(lon, lat) for lon, lat in line])
            parts.append(f'<path d="{data}" fill="none" stroke="#fff" '
                         f'stroke-width="{width + 3:g}" stroke-linejoin="round"/>')
            parts.append(f'<path d="{data}" fill="none" stroke="{colour}" '
                         f'stroke-width="{width:g}"{dashes} stroke-linejoin="round"/>')
    return parts


def _routes(items: Sequence[MapItem], frame: mf.Frame) -> BaseGeometry | None:
    """Every line of the map in pixels, with room for its stroke (for names to avoid)."""
    lines = [[frame.lonlat(lon, lat) for lon, lat in line]
             for item in items if item.kind == "line" for line in item.lines()]
    lines = [line for line in lines if len(line) >= 2]
    if not lines:
        return None
    routes = shapely.multilinestrings([shapely.linestrings(line) for line in lines]).buffer(3.0)
    shapely.prepare(routes)
    return routes


def _points(items: Sequence[MapItem], frame: mf.Frame,
            taken: list[ml.Box], area: ml.Box) -> tuple[list[str], bool]:
    """A marker at each point (places that would cover one another as one marker with
    their number, :mod:`map_clusters`) and its label where one fits; whether any marker
    stands for several places."""
    found = mc.spots([(*frame.lonlat(*item.positions()[0]), item.label)
                      for item in items if item.kind == "point"])
    taken += [ml.Box(s.x - s.radius - 1, s.y - s.radius - 1, s.x + s.radius + 1,
                     s.y + s.radius + 1) for s in found]
    parts = [_marker(spot) for spot in found]
    singles = [(spot.x, spot.y, spot.label) for spot in found if spot.single]
    for label in ml.place_labels(singles, taken, area, PLACE_SIZE):
        if label is not None:
            parts.append(_text(label, "#111"))
    return parts, any(not spot.single for spot in found)


def _marker(spot: mc.Spot) -> str:
    x, y = mf.number(spot.x), mf.number(spot.y)
    circle = (f'<circle cx="{x}" cy="{y}" r="{spot.radius:g}" fill="#fff" stroke="#111" '
              'stroke-width="2"/>')
    if spot.single:
        return circle
    return (f'{circle}<text x="{x}" y="{mf.number(spot.y + 3.5)}" font-size="10" '
            f'font-weight="bold" fill="#111" text-anchor="middle">{len(spot.names)}</text>')


def _seas(frame: mf.Frame, lang: str, taken: list[ml.Box], area: ml.Box,
          land: list[BaseGeometry]) -> list[str]:
    """The names of the seas in view, on water only."""
    parts = []
    spoken = language(lang)
    for name, (lon, lat) in SEAS.items():
        x, y = frame.lonlat(lon, lat)
        label = ml.Label(x, y, "middle", spoken.gettext(name), 11.0)
        box = label.box()
        space = shapely.box(box.left, box.top, box.right, box.bottom)
        water = not any(shape.intersects(space) for shape in land)  # no union: 2 ms a map
        if water and box.inside(area) and not any(box.overlaps(other) for other in taken):
            taken.append(box)
            parts.append(_text(label, "#4f6d8a", ' font-style="italic"'))
    return parts


def map_svg(map_id: str, title: str, items: Sequence[MapItem], countries: Sequence[str],
            highlight: Sequence[str], lang: str = "en") -> str:
    """The SVG picture of the map (see :func:`draw_map`)."""
    map_id = _safe_id(map_id)
    frame = mf.fitted(tuple(p for item in items for p in item.positions()), tuple(countries))
    area = ml.Box(mf.PAD, mf.PAD, mf.WIDTH - mf.PAD, mf.PAD + frame.height)
    taken: list[ml.Box] = []
    lines = _lines(items, frame)
    routes = _routes(items, frame)
    points, clustered = _points(items, frame, taken, area)
    paths = base_layer(frame, frozenset(highlight)).paths
    names, land = _countries(frame, highlight, lang, taken, area, routes)
    seas = _seas(frame, lang, taken, area, land)
    statuses = {item.status for item in items if item.kind == "line"}
    key, key_height = legend(statuses, any(item.kind == "point" for item in items),
                             bool(highlight), lang, top=area.bottom + 6, clusters=clustered)
    height = round(area.bottom + 6 + key_height)
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {mf.WIDTH} {height}" '
        f'width="{mf.WIDTH}" height="{height}" style="max-width:100%;height:auto" '
        f'class="bb-map-svg" role="img" aria-labelledby="{map_id}-title {map_id}-desc">',
        f'<title id="{map_id}-title">{_x(title)}</title>',
        f'<desc id="{map_id}-desc">{_x(_description(items, highlight, lang))}</desc>',
        f'<clipPath id="{map_id}-clip"><rect x="{mf.PAD}" y="{mf.PAD}" '
        f'width="{mf.WIDTH - 2 * mf.PAD}" height="{frame.height}"/></clipPath>',
        f'<rect x="{mf.PAD}" y="{mf.PAD}" width="{mf.WIDTH - 2 * mf.PAD}" '
        f'height="{frame.height}" fill="{SEA_FILL}"/>',
        f'<g clip-path="url(#{map_id}-clip)" stroke-linejoin="round">',
        *paths, *lines, "</g>", *seas, *names, *points,
        f'<rect x="{mf.PAD}" y="{mf.PAD}" width="{mf.WIDTH - 2 * mf.PAD}" '
        f'height="{frame.height}" fill="none" stroke="#666" stroke-width="1"/>',
        *key,
        f'<text x="{mf.WIDTH - mf.PAD}" y="{height - 4}" font-size="10" fill="#444" '
        f'text-anchor="end">{_x(language(lang).gettext(DISCLAIMER))}</text>',
        "</svg>",
    ])


def _country_names(isos: Sequence[str], lang: str) -> list[str]:
    shapes = country_shapes()
    return [shapes[i].name(lang) if i in shapes else i for i in isos]


def _description(items: Sequence[MapItem], highlight: Sequence[str], lang: str) -> str:
    spoken = language(lang)
    lines = sum(1 for item in items if item.kind == "line")
    points = sum(1 for item in items if item.kind == "point")
    text = spoken.gettext("Map with %(lines)s line(s) and %(points)s place(s).") % {
        "lines": lines, "points": points}
    if highlight:
        text += " " + _highlighted(highlight, lang) + "."
    return (text + " " + spoken.gettext(DISCLAIMER) + ". "
            + spoken.gettext("A list of what the map shows follows."))


def _highlighted(highlight: Sequence[str], lang: str) -> str:
    return language(lang).gettext("Countries highlighted: %(countries)s") % {
        "countries": ", ".join(_country_names(highlight, lang))}


def _item_entry(item: MapItem, lang: str) -> str:
    spoken = language(lang)
    name = f'<a href="{_x(item.link)}">{_x(item.label)}</a>' if item.link else _x(item.label)
    if item.kind == "point":
        lon, lat = item.positions()[0]
        where = spoken.gettext("%(lat)s° N %(lon)s° E") % {
            "lat": formats.fixed(lat, 2, lang), "lon": formats.fixed(lon, 2, lang)}
        return f"<li>{name}: {_x(spoken.gettext(MARKER))}, {_x(where)}</li>"
    line = spoken.gettext("line")
    return f"<li>{name}: {_x(line)}, {_x(status_name(item.status, lang))}</li>"


def map_list(items: Sequence[MapItem], highlight: Sequence[str], title: str,
             lang: str = "en") -> str:
    """The map's text alternative: every item with its link, and the countries highlighted."""
    shows = language(lang).gettext("What the map %(title)s shows:") % {"title": title}
    rows = [f'<div class="bb-map-list" style="{SR_ONLY}">', f"<p>{_x(shows)}</p>", "<ul>"]
    rows += [_item_entry(item, lang) for item in items]
    if highlight:
        rows.append(f"<li>{_x(_highlighted(highlight, lang))}</li>")
    rows += ["</ul>", "</div>"]
    return "\n".join(rows)


def draw_map(map_id: str, title: str, items: Sequence[MapItem], countries: Sequence[str] = (),
             highlight: Sequence[str] = (), lang: str = "en") -> str:
    """A raw HTML block: the map's figure with its SVG, text alternative and caption.

    ``items`` are always taken in whole; ``countries`` (ISO alpha-3) are countries the
    map must show in full (a locator or relation map); ``highlight`` are drawn darker
    and named first. Every country in view is drawn; names are in ``lang`` ("en" or
    "ru") where the data have them."""
    safe = _safe_id(map_id)
    return "\n".join([
        f'<figure class="bb-map" id="{safe}">',
        map_svg(safe, title, items, countries, highlight, lang),
        map_list(items, highlight, title, lang),
        f"<figcaption>{_x(title)}. {_x(language(lang).gettext(CAPTION))}</figcaption>",
        "</figure>",
    ])
