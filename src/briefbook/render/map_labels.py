"""Placing a map's labels so that none covers another, a marker or the map's edge.

Sizes are those of the SVG as drawn (``WIDTH`` pixels wide). A text's width is
estimated from its length (no font is measured at build time), generously, so that the
real text fits inside the box it was given. Each place label tries eight positions
around its marker in turn and takes the first that is free; a label with no free
position is left off the picture (it is still in the map's text alternative). Country
and sea names come after the places, at a point well inside their visible part, and
are left off where they do not fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

CHAR_WIDTH = 0.62  # of the font size, for a label's estimated width (Latin and Cyrillic)
MARKER_GAP = 7.0
AREA_GAP = 8.0  # room kept between an area's name and a place's label beside it


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)

    def inside(self, other: Box) -> bool:
        return (self.left >= other.left and self.right <= other.right
                and self.top >= other.top and self.bottom <= other.bottom)


@dataclass(frozen=True)
class Label:
    """A text placed at ``x``, ``y`` (its baseline) with an SVG text-anchor."""

    x: float
    y: float
    anchor: str
    text: str
    size: float

    def box(self) -> Box:
        return text_box(self.x, self.y, self.anchor, self.text, self.size)


def text_box(x: float, y: float, anchor: str, text: str, size: float) -> Box:
    """The estimated box of a text, with a pixel to spare around it (for its halo)."""
    width = len(text) * size * CHAR_WIDTH + 2
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left - 1, y - size * 0.82 - 1, left + width + 1, y + size * 0.25 + 1)


# Offsets from a marker (dx, dy of the baseline) and the anchor, in order of preference.
AROUND = (
    (MARKER_GAP, 4.0, "start"), (-MARKER_GAP, 4.0, "end"), (0.0, -MARKER_GAP - 1, "middle"),
    (0.0, MARKER_GAP + 10, "middle"), (MARKER_GAP - 2, -MARKER_GAP + 1, "start"),
    (-MARKER_GAP + 2, -MARKER_GAP + 1, "end"), (MARKER_GAP - 2, MARKER_GAP + 8, "start"),
    (-MARKER_GAP + 2, MARKER_GAP + 8, "end"),
)


def place_labels(points: Sequence[tuple[float, float, str]], taken: list[Box], frame: Box,
                 size: float) -> list[Label | None]:
    """A label beside each point (x, y, text), or None where none fits; the boxes of
    the labels placed are added to ``taken``."""
    placed: list[Label | None] = []
    for x, y, text in points:
        chosen = None
        for dx, dy, anchor in AROUND:
            label = Label(x + dx, y + dy, anchor, text, size)
            area = label.box()
            if area.inside(frame) and not any(area.overlaps(other) for other in taken):
                chosen = label
                break
        if chosen is not None:
            taken.append(chosen.box())
        placed.append(chosen)
    return placed


def anchor_point(shape: BaseGeometry) -> Point:
    """Where an area's name is tried first: its pole of inaccessibility (a point inside
    it for a small area)."""
    return shape.representative_point() if shape.area < 50 else _pole(shape)


def place_area_label(shape: BaseGeometry, text: str, taken: list[Box], frame: Box,
                     size: float, centre: Point | None = None,
                     avoid: BaseGeometry | None = None) -> Label | None:
    """A name inside a visible area (a country): at ``centre`` (by default its pole of
    inaccessibility) or near it, the whole label inside the area and the frame, clear
    of what is ``taken`` and not crossing ``avoid`` (the map's lines)."""
    if shape.is_empty:
        return None
    centre = anchor_point(shape) if centre is None else centre
    for dx, dy in ((0, 0), (0, -14), (0, 14), (-24, 0), (24, 0), (0, -28), (0, 28),
                   (-48, 0), (48, 0), (36, -24), (36, 24), (-36, -24), (-36, 24), (0, -42)):
        label = Label(centre.x + dx, centre.y + dy + size * 0.3, "middle", text, size)
        area = label.box()
        room = Box(area.left - AREA_GAP, area.top, area.right + AREA_GAP, area.bottom)
        if not area.inside(frame) or any(room.overlaps(other) for other in taken):
            continue
        space = shapely.box(area.left, area.top, area.right, area.bottom)
        if shape.contains(space) and (avoid is None or not avoid.intersects(space)):
            taken.append(area)
            return label
    return None


def _pole(shape: BaseGeometry) -> Point:
    """The point of the largest part farthest from its edge (shapely's polylabel)."""
    largest = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
    return polylabel(largest, tolerance=2.0) if isinstance(largest, Polygon) else Point(0, 0)
