"""Country shapes of the region the site covers, and questions about places in them.

The shapes are the committed extract ``models/geodata/countries.json`` (Natural Earth
admin-0 at 1:50m, clipped to lon 25–95, lat 20–58 and simplified to 0.01°; see
``geodata/PROVENANCE.md`` and ``scripts/make_map_extract.py``). Boundaries are Natural
Earth's de facto view and are not authoritative. Outside the region there is no shape:
:func:`country_shape` gives None, :func:`country_at` gives None.

Everything here is a pure function of its arguments and of the packaged file; the file
is read once (``functools.cache``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import shapely
from pyproj import Geod
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

REGION = (25.0, 20.0, 95.0, 58.0)  # lon min, lat min, lon max, lat max of the extract
_WGS84 = Geod(ellps="WGS84")


@dataclass(frozen=True)
class CountryShape:
    """One country of the extract: its codes, its names and its shape in lon/lat."""

    iso3: str
    iso2: str | None  # None for the two shapes without an ISO code (KAS, CYN)
    name_en: str
    name_ru: str
    geometry: BaseGeometry

    def name(self, lang: str = "en") -> str:
        """The country's name in ``lang`` ("ru" or, for anything else, English)."""
        return self.name_ru if lang == "ru" else self.name_en


@cache
def country_shapes() -> dict[str, CountryShape]:
    """Every country of the extract by ISO 3166 alpha-3 code (read once)."""
    text = resources.files("briefbook.models").joinpath("geodata/countries.json").read_text(
        encoding="utf-8")
    shapes = {}
    for feature in json.loads(text)["features"]:
        props = feature["properties"]
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)
        shapes[props["iso3"]] = CountryShape(props["iso3"], props["iso2"], props["name_en"],
                                             props["name_ru"], geometry)
    return shapes


def country_shape(iso3: str) -> BaseGeometry | None:
    """The shape of the country ``iso3`` (clipped to the region), or None if it has none."""
    found = country_shapes().get(iso3.upper())
    return found.geometry if found else None


def country_at(lon: float, lat: float) -> str | None:
    """The alpha-3 code of the country whose shape holds the point, or None (sea, the
    Caspian, or outside the region)."""
    point = Point(lon, lat)
    for iso3, country in country_shapes().items():
        minx, miny, maxx, maxy = country.geometry.bounds
        if minx <= lon <= maxx and miny <= lat <= maxy and country.geometry.covers(point):
            return iso3
    return None


def distance_outside_km(iso3: str, lon: float, lat: float) -> float:
    """How far the point lies outside the country's shape, in kilometres (0 inside or on
    its border); ``math.inf`` when the country has no shape in the extract.

    The nearest point of the shape is found in a plane where longitude is shrunk by the
    cosine of the point's latitude (so a degree east counts about as much as a degree
    north near the point), then the distance to it is measured on the WGS 84 ellipsoid.
    At the distances validation cares about (tens of kilometres) this is within a few
    per cent of the true shortest distance; the shapes themselves are coarser than that.
    """
    geometry = country_shape(iso3)
    if geometry is None:
        return math.inf
    point = Point(lon, lat)
    if geometry.covers(point):
        return 0.0
    squeeze = math.cos(math.radians(lat))
    flat = shapely.transform(geometry, lambda xy: xy * (squeeze, 1.0))
    _, nearest = nearest_points(Point(lon * squeeze, lat), flat)
    _, _, metres = _WGS84.inv(lon, lat, nearest.x / squeeze, nearest.y)
    return float(metres) / 1000.0
