"""The geometry of a map: projection, the frame fitted to what is drawn, and SVG paths.

Projection: Albers equal-area conic, standard parallels 30° N and 50° N, latitude of
origin 40° N, on WGS 84, with the central meridian at the middle of what the map shows
(rounded to a whole degree). Why: the site's region (lon 25–95, lat 20–58) is wide east
to west at middle latitudes, which is what a conic with two standard parallels
bracketing it is made for: over the whole region the scale is off by a few per cent at
most, and on any one map far less. Equal area rather than conformal because the maps
put countries side by side (a relation's two parties, the overview of the region) and a
reader compares their sizes: Kazakhstan should look as much larger than Turkmenistan as
it is; at this span shapes stay close to true anyway. The central meridian follows the
map, so north is up in the middle of every map (a map of Türkiye is not turned by the
meridians of Central Asia); the parallels are fixed, so a place looks the same on every
map. PROJ does the arithmetic (pyproj).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from briefbook.models.places import country_shapes

WIDTH = 640
PAD = 8  # pixels between the frame and the map's edge
MIN_SPAN_M = 450_000.0  # the smallest width or height a map shows, in metres
MARGIN = 0.14  # share of the fitted extent added on each side
MIN_RATIO, MAX_RATIO = 0.55, 0.95  # height over width of the map area
SIMPLIFY_PX = 0.4  # shapes are simplified to this many pixels at the drawn scale
Position = tuple[float, float]


def proj_string(lon_0: int) -> str:
    """The PROJ definition of the projection centred on ``lon_0``."""
    return (f"+proj=aea +lat_1=30 +lat_2=50 +lat_0=40 +lon_0={lon_0} "
            "+datum=WGS84 +units=m +no_defs")


def pipeline(lon_0: int) -> str:
    """The PROJ pipeline from lon/lat (degrees, WGS 84) to :func:`proj_string`: what
    ``Transformer.from_crs("EPSG:4326", proj_string(lon_0), always_xy=True)`` finds in
    PROJ's database, given directly (a hundredth of the time to set up; the same numbers,
    tests/test_maps.py)."""
    return ("+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
            f"+step +proj=aea +lat_0=40 +lon_0={lon_0} +lat_1=30 +lat_2=50 +x_0=0 +y_0=0 "
            "+ellps=WGS84")


@cache
def transformer(lon_0: int) -> Transformer:
    return Transformer.from_pipeline(pipeline(lon_0))


Coords = npt.NDArray[np.float64]


def _project_array(lon_0: int) -> Callable[[Coords], Coords]:
    forward = transformer(lon_0)

    def project(xy: Coords) -> Coords:
        x, y = forward.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])
    return project


@cache
def projected_countries(lon_0: int) -> dict[str, BaseGeometry]:
    """Every country's shape in the projection centred on ``lon_0``, in metres."""
    project = _project_array(lon_0)
    return {iso3: shapely.transform(country.geometry, project)
            for iso3, country in country_shapes().items()}


@dataclass(frozen=True)
class Frame:
    """Where the map's area lies in the projection, and its size in pixels."""

    lon_0: int
    left: float  # metres, at the map area's left edge
    top: float  # metres, at its top edge
    scale: float  # pixels per metre
    height: int  # pixels of the map area (the frame is WIDTH wide)

    def px(self, x: float, y: float) -> Position:
        """Projected metres to pixels of the SVG."""
        return PAD + (x - self.left) * self.scale, PAD + (self.top - y) * self.scale

    def lonlat(self, lon: float, lat: float) -> Position:
        """Longitude and latitude to pixels of the SVG."""
        x, y = transformer(self.lon_0).transform(lon, lat)
        return self.px(x, y)

    def px_array(self, xy: Coords) -> Coords:
        """Projected metres to pixels, for shapely.transform."""
        return np.column_stack([PAD + (xy[:, 0] - self.left) * self.scale,
                                PAD + (self.top - xy[:, 1]) * self.scale])

    def view(self) -> Polygon:
        """The map area in projected metres."""
        inner = WIDTH - 2 * PAD
        return box(self.left, self.top - self.height / self.scale,
                   self.left + inner / self.scale, self.top)


def central_meridian(positions: Iterable[Position], countries: Sequence[str]) -> int:
    """The whole degree of longitude in the middle of the positions and countries."""
    lons = [lon for lon, _ in positions]
    for iso3 in countries:
        found = country_shapes().get(iso3)
        if found:
            lons += [found.geometry.bounds[0], found.geometry.bounds[2]]
    return round((min(lons) + max(lons)) / 2) if lons else 62


def fit(positions: Sequence[Position], countries: Sequence[str]) -> Frame:
    """The frame taking in every position and the whole of every country named, with a
    margin, at least ``MIN_SPAN_M`` across, its height between the ratios allowed."""
    lon_0 = central_meridian(positions, countries)
    forward = transformer(lon_0)
    xs, ys = [], []
    for lon, lat in positions:
        x, y = forward.transform(lon, lat)
        xs.append(x)
        ys.append(y)
    shapes = projected_countries(lon_0)
    for iso3 in countries:
        if iso3 in shapes:
            minx, miny, maxx, maxy = shapes[iso3].bounds
            xs += [minx, maxx]
            ys += [miny, maxy]
    if not xs:  # nothing to fit: the whole region
        xs, ys = _region_bounds(lon_0)
    centre_x, centre_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    span_x = max(max(xs) - min(xs), MIN_SPAN_M) * (1 + 2 * MARGIN)
    span_y = max(max(ys) - min(ys), MIN_SPAN_M) * (1 + 2 * MARGIN)
    inner = WIDTH - 2 * PAD
    ratio = min(max(span_y / span_x, MIN_RATIO), MAX_RATIO)
    span_x, span_y = max(span_x, span_y / ratio), max(span_y, span_x * ratio)
    scale = inner / span_x
    return Frame(lon_0, centre_x - span_x / 2, centre_y + span_y / 2, scale,
                 round(span_y * scale))


@functools.lru_cache(maxsize=64)
def fitted(positions: tuple[Position, ...], countries: tuple[str, ...]) -> Frame:
    """:func:`fit`, cached: a brief's map is fitted once for all its languages."""
    return fit(positions, countries)


def _region_bounds(lon_0: int) -> tuple[list[float], list[float]]:
    minx, miny, maxx, maxy = MultiPolygon(
        [p for g in projected_countries(lon_0).values() for p in getattr(g, "geoms", [g])]
    ).bounds
    return [minx, maxx], [miny, maxy]


def number(value: float) -> str:
    """A coordinate rounded to 0.1 px, without a trailing ".0"."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


@functools.lru_cache(maxsize=64)
def _padded_view(frame: Frame) -> Polygon:
    """The frame's view with a margin of 4 px, made once per frame, not per country."""
    return frame.view().buffer(1 / frame.scale * 4)


@cache
def _country_tree(lon_0: int) -> tuple[tuple[str, ...], shapely.STRtree]:
    """The codes of every country, in order, and an STRtree of their projected shapes."""
    shapes = projected_countries(lon_0)
    codes = tuple(sorted(shapes))
    return codes, shapely.STRtree([shapes[code] for code in codes])


def countries_in_frame(frame: Frame) -> list[str]:
    """The codes of the countries whose shape meets the frame (and a margin), in order."""
    codes, tree = _country_tree(frame.lon_0)
    return [codes[i] for i in sorted(tree.query(_padded_view(frame), predicate="intersects"))]


def shape_in_frame(iso3: str, frame: Frame) -> BaseGeometry | None:
    """The part of a country inside the frame, in pixels, simplified to the drawn scale."""
    shape = projected_countries(frame.lon_0).get(iso3)
    if shape is None:
        return None
    view = _padded_view(frame)
    left, bottom, right, top = view.bounds
    x0, y0, x1, y1 = shape.bounds
    if x1 < left or x0 > right or y1 < bottom or y0 > top or not shape.intersects(view):
        return None  # the bounds first: most countries are far from most maps
    return _clipped(shape, frame)


def _clipped(shape: BaseGeometry, frame: Frame) -> BaseGeometry | None:
    inside = shape.intersection(_padded_view(frame))
    pixels = shapely.transform(inside, frame.px_array)
    simple = pixels.simplify(SIMPLIFY_PX, preserve_topology=True)
    return None if simple.is_empty or simple.area < 1.0 else simple


def visible_shapes(frame: Frame) -> list[tuple[str, BaseGeometry]]:
    """Each country in view and its part inside the frame (as :func:`shape_in_frame`)."""
    shapes = projected_countries(frame.lon_0)
    found = []
    for iso3 in countries_in_frame(frame):
        shape = _clipped(shapes[iso3], frame)
        if shape is not None:
            found.append((iso3, shape))
    return found


def path_data(shape: BaseGeometry) -> str:
    """SVG path data of a polygon or multipolygon in pixels (rings of under a pixel left out)."""
    parts = []
    for polygon in getattr(shape, "geoms", [shape]):
        if not isinstance(polygon, Polygon) or polygon.area < 0.5:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            points = _rounded(ring.coords)
            if len(points) >= 3:
                parts.append("M" + " ".join(points) + "Z")
    return "".join(parts)


def _rounded(coords: Iterable[Sequence[float]]) -> list[str]:
    """Each point as "x y" (see :func:`number`), a point equal to the one before it left
    out, and the last one if it closes the ring. The numbers are formatted all at once
    ("%.1f" rounds as :func:`number` does)."""
    flat = [value for point in coords for value in point[:2]]
    texts = [_trimmed(text) for text in ("%.1f " * len(flat) % tuple(flat)).split()]
    out: list[str] = []
    for point in map(" ".join, zip(texts[::2], texts[1::2], strict=True)):
        if not out or out[-1] != point:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def _trimmed(text: str) -> str:
    if not text.endswith(".0"):
        return text
    return "0" if text == "-0.0" else text[:-2]


def line_data(positions: Sequence[Position]) -> str:
    """SVG path data of a line in pixels."""
    return "M" + " ".join(_rounded(positions))
