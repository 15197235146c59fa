"""Is each point where its brief says it is? A point (a field's or a park's location, a
meeting's place, a vertex of a segment's line) against the shape of the country its brief
names.

A point more than :data:`TOLERANCE_KM` outside that country is an **error** when it lies
in another country's shape, or when swapping its lat and lon puts it in the country: the
map would draw a wrong fact, and 50 km is far more than the simplification of the shapes
(about 1 km) or a disputed line moves a border in this region. It is a **warning** when it
lies at sea or in no shape: an offshore field in the Caspian (whose division is itself
disputed) is right there. Outside the region the shapes cover (they are clipped to it, so
Russia north of 58° N has none) nothing is said but a swap; a country without a shape (or
a brief without ``iso3``) is not checked.

The check reads the brief and the ``iso3`` of each country brief (``World.codes``), so it
is part of a brief's scan: the incremental shortcut redoes scans when a code changes.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Mapping

from briefbook.errors import Diagnostics
from briefbook.models.geometry import AreaGeometry, LineGeometry
from briefbook.models.places import REGION, country_at, country_shapes, distance_outside_km
from briefbook.resolve.references import Loc
from briefbook.validate.tree import Entry

TOLERANCE_KM = 50.0
"""How far outside its country's shape a point may lie before it is reported."""

Point = tuple[Loc, str, float, float]
"""Where in the brief, the id of the country named, longitude, latitude."""


@functools.cache
def _outside(iso3: str, lon: float, lat: float) -> float:
    return distance_outside_km(iso3, lon, lat)


@functools.cache
def _country_at(lon: float, lat: float) -> str | None:
    return country_at(lon, lat)


def _name(iso3: str) -> str:
    shape = country_shapes().get(iso3)
    return shape.name_en if shape is not None else iso3


def _vertices(loc: Loc, country: object, geometry: LineGeometry | AreaGeometry | None,
              ) -> Iterator[Point]:
    if geometry is None or not isinstance(country, str):
        return
    parts = geometry.lines if isinstance(geometry, LineGeometry) else geometry.rings
    nested = not (isinstance(geometry, LineGeometry) and geometry.type == "LineString")
    for p, part in enumerate(parts):
        for i, (lon, lat) in enumerate(part):
            yield (*loc, "coordinates", *((p, i) if nested else (i,))), country, lon, lat


def points_of(entry: Entry) -> Iterator[Point]:
    """Every point of the brief that names its country: the location (and its outline)
    of a field or a park, a meeting's place, each vertex of a segment with a country."""
    brief = entry.brief
    country = getattr(brief, "country", None)
    location = getattr(brief, "location", None)
    if location is not None and isinstance(country, str):
        if location.lat is not None and location.lon is not None:
            yield ("location", "lat"), country, location.lon, location.lat
        yield from _vertices(("location", "outline"), country, location.outline)
    place = getattr(brief, "place", None)
    if place is not None and place.lat is not None and place.lon is not None \
            and place.country is not None:
        yield ("place", "lat"), place.country, place.lon, place.lat
    for index, segment in enumerate(getattr(brief, "segments", None) or []):
        yield from _vertices(("segments", index, "geometry"), segment.country,
                             segment.geometry)


def _problem(iso3: str, country: str, lon: float, lat: float) -> tuple[str, str] | None:
    """(severity, message) for a point of the country brief ``country`` (code ``iso3``),
    or None when it is where it should be or the shapes cannot tell."""
    swapped = _outside(iso3, lat, lon) == 0.0
    west, south, east, north = REGION
    inside_region = west <= lon <= east and south <= lat <= north
    km = _outside(iso3, lon, lat)
    if km <= TOLERANCE_KM or math.isinf(km) or not (inside_region or swapped):
        return None
    said = f"the point {lon:g}, {lat:g} (longitude, latitude) lies"
    hint = "; lat and lon look swapped" if swapped else ""
    where = _country_at(lon, lat) if inside_region else None
    outside = f"{km:,.0f} km outside {_name(iso3)} ({country})"
    if where is not None or swapped:
        place = f"in {_name(where)}" if where is not None else "outside the mapped region"
        return "error", f"{said} {place}, {outside}{hint}"
    return "warning", (f"{said} at sea or in no mapped country, {outside}: right for an "
                       "offshore site, otherwise check it")


def check_placement(entry: Entry, codes: Mapping[str, str], diagnostics: Diagnostics) -> None:
    """An error (in another country, or lat and lon swapped) or a warning (at sea) at each
    point of ``entry`` more than :data:`TOLERANCE_KM` outside the country its brief names
    (``codes``: the iso3 of each country brief, by id). One report per line or ring: its
    first far vertex."""
    reported: set[Loc] = set()
    for loc, country, lon, lat in points_of(entry):
        iso3 = codes.get(country)
        part = loc[:loc.index("coordinates") + 1] if "coordinates" in loc else loc
        if iso3 is None or part in reported:
            continue
        found = _problem(iso3, country, lon, lat)
        if found is None:
            continue
        reported.add(part)
        line, col = entry.file.position(loc)
        report = diagnostics.error if found[0] == "error" else diagnostics.warning
        report(entry.file.display, line, col, found[1])
