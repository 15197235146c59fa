"""A map's base layer: the countries in view, their outlines in pixels and where their
names go first, for one frame and one set of highlighted countries.

Nothing here depends on the page's language or on what the map marks, so the layer is
made once and shared: by the pages of one brief in every language (they are rendered one
after another, :mod:`briefbook.write.parallel`) and by every map with the same frame.
:func:`base_layer` is a pure function of its arguments, cached (``functools.lru_cache``);
what it returns is never changed by its callers (tuples, frozen dataclasses, shapes that
are only read).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from briefbook.render import map_frame as mf
from briefbook.render import map_labels as ml

LIT_STYLE = 'fill="#c9cfe0" stroke="#4a5060"'
DIM_STYLE = 'fill="#ebebeb" stroke="#9a9a9a"'


@dataclass(frozen=True)
class Country:
    """A country in view: its code, whether it is highlighted, its visible part in pixels
    (prepared for the containment tests of label placement) and where its name is tried
    first."""

    iso3: str
    lit: bool
    shape: BaseGeometry
    centre: Point


@dataclass(frozen=True)
class BaseLayer:
    paths: tuple[str, ...]
    """The SVG paths of every country in view, by code."""
    countries: tuple[Country, ...]
    """The countries in view in the order their names are placed: highlighted ones first,
    then larger ones first."""


@functools.lru_cache(maxsize=64)
def base_layer(frame: mf.Frame, highlight: frozenset[str]) -> BaseLayer:
    """The base layer of a map with ``frame`` highlighting ``highlight`` (ISO alpha-3)."""
    paths, visible = [], []
    for iso3, shape in mf.visible_shapes(frame):
        data = mf.path_data(shape)
        if not data:
            continue
        lit = iso3 in highlight
        paths.append(f'<path d="{data}" {LIT_STYLE if lit else DIM_STYLE} stroke-width="0.8" '
                     f'data-iso3="{iso3}"/>')
        visible.append((not lit, -shape.area, iso3, shape))
    countries = []
    for dim, _, iso3, shape in sorted(visible, key=lambda v: v[:3]):
        centre = ml.anchor_point(shape)
        shapely.prepare(shape)
        countries.append(Country(iso3, not dim, shape, centre))
    return BaseLayer(tuple(paths), tuple(countries))
