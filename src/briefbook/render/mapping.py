"""What the maps of brief pages show, taken from the briefs the page may see.

A map is part of the page: it is built only from briefs read through the page's
:class:`~briefbook.render.view.SiteView` (each read recorded, so a page is drawn again
when a brief on its map changes), and from nothing a withheld brief holds. Templates call
:func:`items_of` for the places of one brief, :func:`countries_of` for the ISO codes of
country briefs, :func:`places_near` for the corridors, fields and parks that concern
some countries, and :func:`map_block` to draw (see :mod:`briefbook.render.maps`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from briefbook.models.places import country_shapes
from briefbook.render import maps
from briefbook.render.charts import _x
from briefbook.render.language import DEFAULT, language
from briefbook.render.map_legend import CAPTION
from briefbook.render.maps import MapItem
from briefbook.render.markup import Safe
from briefbook.render.translated import text_in
from briefbook.render.view import IndexView, SiteView

PLACE_KINDS = ("transport_corridor", "gas_field", "industrial_park")
"""Kinds of brief that are places on a relation's or the home page's map."""
OVERVIEW_LINES = 40
"""The most corridors the home page's map draws (markers are merged as they crowd,
:mod:`briefbook.render.map_clusters`); its list under the map counts them all."""


@dataclass(frozen=True)
class Entry:
    """A line of the list under a map: what it shows and the brief it belongs to."""

    label: str
    brief_id: str
    status: str | None


def _corridor(brief: Any, brief_id: str, lang: str) -> list[MapItem]:
    lines = [MapItem("line", text_in(s.name, lang), s.geometry.lines, s.status or brief.status,
                     brief_id)
             for s in brief.segments if s.geometry is not None]
    if not lines and brief.geometry is not None:
        lines = [MapItem("line", text_in(brief.title, lang), brief.geometry.lines, brief.status,
                         brief_id)]
    points = []
    if lines and len(brief.termini) == 2:  # the route's two ends, named as the brief does
        first, last = lines[0].lines()[0][0], lines[-1].lines()[-1][-1]
        points += [MapItem("point", text_in(brief.termini[0], lang), [first], None, brief_id),
                   MapItem("point", text_in(brief.termini[1], lang), [last], None, brief_id)]
    return lines + _junctions(lines, brief_id) + points


def _towns(name: str) -> list[str]:
    """The towns a segment's name joins: 'Uzen–Bolashak (Kazakh section)' → Uzen, Bolashak;
    'Узень — Болашак (казахстанский участок)' → Узень, Болашак."""
    bare = re.sub(r"\([^)]*\)", "", name)
    return [part.strip() for part in re.split(r"\s*[–—]\s*", bare) if part.strip()]


def _same_town(one: str, other: str) -> bool:
    """Whether two names give the same town, one perhaps with words before or after it
    ('Serhetyaka border crossing', 'Пограничный переход Болашак')."""
    return (one.startswith(other) or other.startswith(one) or one.endswith(other)
            or other.endswith(one))


def _junctions(lines: list[MapItem], brief_id: str) -> list[MapItem]:
    """Where one segment meets the next at the same position, the town both names give
    there ('Uzen–Bolashak' then 'Bolashak–Serhetyaka border crossing': Bolashak)."""
    found = []
    for here, there in zip(lines, lines[1:], strict=False):
        end, start = here.lines()[-1][-1], there.lines()[0][0]
        ends, starts = _towns(here.label), _towns(there.label)
        if not ends or not starts or abs(end[0] - start[0]) + abs(end[1] - start[1]) > 0.01:
            continue
        if _same_town(ends[-1], starts[0]):
            town = min(ends[-1], starts[0], key=len)
            found.append(MapItem("point", town, [end], None, brief_id))
    return found


def _point(label: str, lat: float | None, lon: float | None, brief_id: str) -> list[MapItem]:
    if lat is None or lon is None:
        return []
    return [MapItem("point", label, [(lon, lat)], None, brief_id)]


def items_of(site: SiteView, brief_id: str, lang: str = DEFAULT) -> list[MapItem]:
    """The places one brief puts on a map, named in ``lang``: a corridor's segments (or
    route) and termini, a field's or park's location, a meeting's place, a country's
    capital."""
    resolved = site.briefs.get(brief_id)
    if resolved is None:
        return []
    brief: Any = resolved.brief
    if brief.kind == "transport_corridor":
        return _corridor(brief, brief_id, lang)
    if brief.kind in ("gas_field", "industrial_park") and brief.location is not None:
        return _point(text_in(brief.title, lang), brief.location.lat, brief.location.lon, brief_id)
    if brief.kind == "meeting":
        place = brief.place
        return _point(text_in(place.name, lang), place.lat, place.lon, brief_id)
    if brief.kind == "country" and brief.capital is not None:
        capital = brief.capital
        return _point(text_in(capital.name, lang), capital.lat, capital.lon, brief_id)
    return []


def overview_items(site: SiteView, place_ids: list[str], lang: str = DEFAULT) -> list[MapItem]:
    """What the home page's map shows of ``place_ids``: every corridor's line (the first
    :data:`OVERVIEW_LINES` corridors with one), without its towns, and every field's and
    park's marker."""
    lines: list[MapItem] = []
    points: list[MapItem] = []
    corridors = 0
    for place_id in place_ids:
        found = items_of(site, place_id, lang)
        drawn = [item for item in found if item.kind == "line"]
        if drawn and corridors < OVERVIEW_LINES:
            corridors += 1
            lines += drawn
        elif not drawn:
            points += found
    return lines + points


def countries_of(site: SiteView, brief_ids: list[str]) -> list[str]:
    """The ISO alpha-3 codes of those of ``brief_ids`` that are country briefs with one."""
    codes = []
    for brief_id in brief_ids:
        resolved = site.briefs.get(brief_id)
        code = getattr(resolved.brief, "iso3", None) if resolved is not None else None
        if code and code not in codes:
            codes.append(code)
    return codes


def places_near(index: IndexView, country_ids: list[str]) -> list[str]:
    """The corridors, fields and parks that refer to any of ``country_ids``, in order."""
    found: list[str] = []
    for country_id in country_ids:
        by_kind = index.backlinks_by_kind.get(country_id) or {}
        for kind in PLACE_KINDS:
            found += [i for i in by_kind.get(kind, []) if i not in found]
    return found


def entries(items: list[MapItem]) -> list[Entry]:
    """The list under a map: each line (segment or route) and each place once."""
    seen: list[Entry] = []
    for item in items:
        entry = Entry(item.label, item.link or "", item.status)
        if entry not in seen:
            seen.append(entry)
    return seen


def map_block(map_id: str, title: str, items: list[MapItem], countries: list[str],
              highlight: list[str], lang: str = DEFAULT) -> Safe:
    """One raw HTML block: the map's figure, or nothing when there is nothing to show
    (countries outside the map data's region, such as made-up codes, are left out)."""
    known = country_shapes()
    countries = [c for c in countries if c in known]
    highlight = [c for c in highlight if c in known]
    if not items and not countries:
        return Safe("")
    svg = maps.map_svg(map_id, title, items, countries, highlight, lang)
    # tabindex: on a phone the figure scrolls sideways (docs/assets/briefbook.css).
    return Safe(f'\n<figure class="bb-map" id="{_x(map_id)}" tabindex="0">\n{svg}\n'
                f"<figcaption>{_x(title)}. {_x(language(lang).gettext(CAPTION))}</figcaption>\n"
                "</figure>\n\n")


def items_in(lang: str, site: SiteView, brief_id: str) -> list[MapItem]:
    """:func:`items_of` for a template (the page's language first: ``map_items``)."""
    return items_of(site, brief_id, lang)


def overview_in(lang: str, site: SiteView, place_ids: list[str]) -> list[MapItem]:
    """:func:`overview_items` for a template (``map_overview``)."""
    return overview_items(site, place_ids, lang)


def map_block_in(lang: str, map_id: str, title: str, items: list[MapItem], countries: list[str],
                 highlight: list[str]) -> Safe:
    """:func:`map_block` for a template (the page's language first: ``map_block``)."""
    return map_block(map_id, title, items, countries, highlight, lang)
