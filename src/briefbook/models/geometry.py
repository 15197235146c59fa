"""Where things are: latitude and longitude, and GeoJSON lines and areas, each cited.

A point (a gas field, a park, a meeting's place) is written ``lat:`` and ``lon:``, named
keys that cannot be given in the wrong order; a line (a corridor, a segment) or an area
(a field's or a park's outline) is GeoJSON, positions ``[longitude, latitude]``. Every
error points at the number, position or ring at fault (:class:`LocatedError`).
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema, field_validator
from shapely.geometry import LineString, Point, Polygon
from shapely.validation import explain_validity

from .common import Sources, Strict
from .located import LocatedError
from .types import Text

LonLat = tuple[float, float]
Positions = list[Any]
"""GeoJSON coordinates: positions, or lists of them (checked by the geometry's validator)."""
Loc = tuple[int, ...]

_BOUNDS = {"longitude": 180.0, "latitude": 90.0}


def _degrees(what: str, value: Any) -> float:
    """``value`` as a finite number of degrees within the range of ``what``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"the {what} must be a number of degrees (got {value!r})")
    limit = _BOUNDS[what]
    if not -limit <= value <= limit:
        raise ValueError(f"{what} {value:g} is out of range: it must lie between "
                         f"-{limit:g} and {limit:g}")
    return float(value)


def to_latitude(value: Any) -> float:
    """A latitude: a number of degrees from -90 to 90."""
    return _degrees("latitude", value)


def to_longitude(value: Any) -> float:
    """A longitude: a number of degrees from -180 to 180."""
    return _degrees("longitude", value)


Latitude = Annotated[float, BeforeValidator(to_latitude),
                     WithJsonSchema({"type": "number", "minimum": -90, "maximum": 90})]
"""Degrees north (negative: south), -90 to 90."""
Longitude = Annotated[float, BeforeValidator(to_longitude),
                      WithJsonSchema({"type": "number", "minimum": -180, "maximum": 180})]
"""Degrees east (negative: west), -180 to 180."""


def _position(value: Any, loc: Loc) -> LonLat:
    """One GeoJSON position ``[longitude, latitude]`` (errors at ``loc``, or at its number)."""
    if not isinstance(value, list) or len(value) != 2:
        raise LocatedError(f"a position is two numbers, [longitude, latitude] (got "
                           f"{value!r})", loc)
    numbers = []
    for index, (what, number) in enumerate(zip(_BOUNDS, value, strict=True)):
        try:
            numbers.append(_degrees(what, number))
        except ValueError as exc:
            swapped = (what == "latitude" and isinstance(number, int | float)
                       and abs(number) <= 180 and abs(value[0]) <= 90)
            hint = "; GeoJSON writes [longitude, latitude]: are the two swapped?" if swapped \
                else ""
            raise LocatedError(f"{exc}{hint}", (*loc, index)) from None
    return numbers[0], numbers[1]


def _positions(value: Any, loc: Loc, least: int, what: str) -> list[LonLat]:
    if not isinstance(value, list):
        raise LocatedError(f"{what} is a list of positions [longitude, latitude]", loc)
    if len(value) < least:
        raise LocatedError(f"{what} needs at least {least} positions (it has {len(value)})",
                           loc)
    return [_position(item, (*loc, index)) for index, item in enumerate(value)]


def _parts(value: list[Any], kind: str | None) -> list[tuple[Any, Loc]]:
    """The lines or rings of ``value``: itself for a LineString, each item otherwise."""
    if kind == "LineString":
        return [(value, ())]
    if not value:
        raise LocatedError(f"a {kind} needs at least one "
                           f"{'ring' if kind == 'Polygon' else 'line'}", ())
    return [(item, (index,)) for index, item in enumerate(value)]


def _ring(value: Any, loc: Loc) -> list[LonLat]:
    ring = _positions(value, loc, 4, "a polygon's ring")
    if ring[0] != ring[-1]:
        raise LocatedError("the ring is not closed: its last position must repeat its first "
                           f"{list(ring[0])}", (*loc, len(ring) - 1))
    return ring


def _crossing(rings: list[list[LonLat]]) -> tuple[str, Loc] | None:
    """Why the polygon of ``rings`` is not valid (shapely), and the position nearest the
    fault; None when it is valid."""
    polygon = Polygon(rings[0], rings[1:])
    if polygon.is_valid:
        return None
    reason = explain_validity(polygon)
    found = re.search(r"\[(\S+) (\S+)\]", reason)
    where = Point(float(found[1]), float(found[2])) if found else Point(rings[0][0])
    near = min(((LineString(ring[i:i + 2]).distance(where), (r, i))
                for r, ring in enumerate(rings) for i in range(len(ring) - 1)))
    words = reason.split("[")[0].lower().replace("self-intersection", "the ring crosses itself")
    return (f"the polygon is not valid: {words} at {where.x:g}, {where.y:g} "
            "(longitude, latitude)", near[1])


def _note() -> Any:
    return Field(None, description="How exact it is, e.g. 'coarse: through the junction "
                                   "towns named by the sources'")


def _sources() -> Any:
    return Field(min_length=1, description="Ids of the sources that name the places it "
                                           "joins; {id, at} says which part")


_LINE_SCHEMA = {"type": "array", "minItems": 2, "items": {
    "type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "number"},
    "description": "A position: [longitude, latitude]"}}


class LineGeometry(Strict):
    """A route on the map: a GeoJSON LineString or MultiLineString, in [longitude, latitude]."""

    type: Literal["LineString", "MultiLineString"] = Field(
        description="LineString (one line) or MultiLineString (several)")
    coordinates: Annotated[Positions, WithJsonSchema({
        "description": "LineString: positions [longitude, latitude], at least two; "
                       "MultiLineString: a list of such lines",
        "anyOf": [_LINE_SCHEMA, {"type": "array", "minItems": 1, "items": _LINE_SCHEMA}]})] = \
        Field(description="Positions [longitude, latitude]")
    note: Text | None = _note()
    sources: Sources = _sources()

    @field_validator("coordinates")
    @classmethod
    def _lines(cls, value: list[Any], info: ValidationInfo) -> list[Any]:
        kind = info.data.get("type", "LineString")
        lines = [[list(p) for p in _positions(line, loc, 2, "a line")]
                 for line, loc in _parts(value, kind)]
        return lines[0] if kind == "LineString" else lines

    @property
    def lines(self) -> list[list[LonLat]]:
        """Every line of the geometry as (longitude, latitude) pairs."""
        lines = [self.coordinates] if self.type == "LineString" else self.coordinates
        return [[(p[0], p[1]) for p in line] for line in lines]


class AreaGeometry(Strict):
    """An outline on the map: a GeoJSON Polygon, rings of [longitude, latitude], closed."""

    type: Literal["Polygon"] = Field(description="Always 'Polygon'")
    coordinates: Annotated[Positions, WithJsonSchema({
        "description": "Rings of positions [longitude, latitude], each closed (its last "
                       "position repeats its first), the outer ring first, then any holes",
        "type": "array", "minItems": 1, "items": {"type": "array", "minItems": 4,
                                                  "items": _LINE_SCHEMA["items"]}})] = \
        Field(description="Rings of positions [longitude, latitude]")
    note: Text | None = _note()
    sources: Sources = _sources()

    @field_validator("coordinates")
    @classmethod
    def _rings(cls, value: list[Any]) -> list[Any]:
        rings = [_ring(ring, loc) for ring, loc in _parts(value, "Polygon")]
        fault = _crossing(rings)
        if fault is not None:
            raise LocatedError(fault[0], fault[1])
        return [[list(p) for p in ring] for ring in rings]

    @property
    def rings(self) -> list[list[LonLat]]:
        """The outer ring, then any holes, as (longitude, latitude) pairs."""
        return [[(p[0], p[1]) for p in ring] for ring in self.coordinates]


def both_or_neither(lat: float | None, lon: float | None, sources: list[Any]) -> None:
    """A point needs both its latitude and longitude, and a source."""
    if (lat is None) != (lon is None):
        missing = "lon" if lon is None else "lat"
        raise LocatedError(f"a point needs both 'lat' and 'lon': '{missing}' is missing",
                           ("lat" if lon is None else "lon",), at_key=True)
    if lat is not None and not sources:
        raise LocatedError("a point needs its 'sources': the sources that name the place",
                           ("lat",), at_key=True)
