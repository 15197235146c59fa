"""Indexes over the published briefs, computed once per build.

Pages ask these indexes instead of scanning every brief, so rendering stays
linear in the number of briefs: backlinks grouped by kind, the relations a
country is party to, the previous and next meeting of the same parties, and the
dated events of the timeline.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from briefbook.models import KINDS, Brief
from briefbook.resolve.resolver import ResolvedBrief, Site


@dataclass(frozen=True)
class Event:
    """A dated event of some brief, for the timeline."""

    date: dt.date
    precision: str
    title: dict[str, str]
    type: str
    brief_id: str
    countries: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def sort_key(self) -> tuple[dt.date, str, str]:
        """Chronological, then by brief and title so equal dates stay in a stable order."""
        return self.date, self.brief_id, self.title["en"]


@dataclass
class SiteIndex:
    """What pages need to know about other pages, by brief id."""

    countries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    backlinks_by_kind: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    relations_of: dict[str, list[str]] = field(default_factory=dict)
    neighbours: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    naming: dict[str, set[str]] = field(default_factory=dict, repr=False)
    """Who names each brief: its backlinks and, for a country, every brief about it."""

    def events_by(self, attribute: str) -> dict[str, list[Event]]:
        """Events grouped by each value of ``countries`` or ``tags``, keys sorted."""
        groups: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for key in getattr(event, attribute):
                groups[key].append(event)
        return {key: groups[key] for key in sorted(groups)}


def _title(resolved: ResolvedBrief) -> str:
    return resolved.brief.title["en"].casefold()


def _own_countries(brief: Any, site: Site) -> list[str]:
    """Country ids a brief names directly (before following people to their countries)."""
    kind = brief.kind
    if kind == "country":
        return []
    if kind == "relation":
        return list(brief.parties)
    if kind == "transport_corridor":
        return list(brief.countries)
    if kind == "initiative":
        return list(brief.proposed_by)
    if kind == "meeting":
        found = [brief.place.country] if brief.place.country else []
        for person_id in brief.participants:
            person = site.briefs.get(person_id)
            if person is not None and getattr(person.brief, "country", None):
                found.append(person.brief.country)
        return found
    country = getattr(brief, "country", None)
    return [country] if country else []


def countries_of(resolved: ResolvedBrief, site: Site) -> tuple[str, ...]:
    """Published country briefs a brief is about (a country brief is about itself)."""
    if resolved.kind == "country":
        return (resolved.id,)
    found = [c for c in _own_countries(resolved.brief, site) if c in site.briefs]
    return tuple(dict.fromkeys(found))


def _events_of(resolved: ResolvedBrief, countries: tuple[str, ...]) -> list[Event]:
    brief: Brief = resolved.brief
    tags = tuple(brief.tags)
    events = [Event(m.date, m.precision, m.title, m.type, resolved.id, countries, tags,
                    tuple(m.sources)) for m in brief.milestones]
    if resolved.kind == "meeting":
        events.append(Event(brief.date, "day", brief.title, "meeting", resolved.id,  # type: ignore[attr-defined]
                            countries, tags, tuple(brief.sources)))  # type: ignore[attr-defined]
    for agreement in getattr(brief, "agreements", []):
        events.append(Event(agreement.date, agreement.precision, agreement.title, "agreement",
                            resolved.id, countries, tags, tuple(agreement.sources)))
    declared = getattr(brief, "declared", None)
    # A sourced milestone on the declaration day already tells it (and cites it).
    if resolved.kind == "initiative" and declared and all(
            m.date != declared for m in brief.milestones):
        events.append(Event(declared, "day", brief.title, "declaration", resolved.id, countries,
                            tags, ()))
    return events


def _kept_events(resolved: ResolvedBrief, countries: tuple[str, ...]) -> list[Event]:
    """The brief's events, kept with its entry while its countries stay the same (the
    events of an unchanged brief are then the very objects of the last run)."""
    kept = resolved.entry.derived.get("events")
    if kept is None or kept[0] != countries:
        kept = resolved.entry.derived["events"] = (countries, _events_of(resolved, countries))
    return kept[1]


def _parties(meeting: ResolvedBrief, index: SiteIndex) -> frozenset[str]:
    """The countries of a meeting (its participants when no country is known)."""
    return frozenset(index.countries[meeting.id]) or frozenset(
        meeting.brief.participants)  # type: ignore[attr-defined]


def _meeting_place(resolved: ResolvedBrief, index: SiteIndex) -> Any:
    """What places a meeting among the others: its parties and its date."""
    if resolved.kind != "meeting":
        return None
    return _parties(resolved, index), resolved.brief.date  # type: ignore[attr-defined]


def _meeting_neighbours(site: Site, index: SiteIndex) -> None:
    """Previous and next meeting among meetings of the same set of countries."""
    groups: dict[frozenset[str], list[ResolvedBrief]] = defaultdict(list)
    for resolved in site.briefs.values():
        if resolved.kind == "meeting":
            groups[_parties(resolved, index)].append(resolved)
    for meetings in groups.values():
        meetings.sort(key=lambda m: (m.brief.date, m.id))  # type: ignore[attr-defined]
        for position, meeting in enumerate(meetings):
            before = meetings[position - 1].id if position > 0 else None
            after = meetings[position + 1].id if position + 1 < len(meetings) else None
            index.neighbours[meeting.id] = (before, after)


def build_index(site: Site, previous: tuple[Site, SiteIndex] | None = None) -> SiteIndex:
    """Every index the pages need, in one pass over the published briefs (plus sorting).

    With ``previous`` (a live preview's last site and index), when the same briefs are
    published, only what the changed briefs touch is made again (:func:`_update`); the
    rest is the last index's very objects, so later stages can tell it by identity."""
    if previous is not None and previous[0].briefs.keys() == site.briefs.keys():
        return _update(site, *previous)
    index = SiteIndex()
    for resolved in site.briefs.values():
        index.countries[resolved.id] = countries_of(resolved, site)
    index.naming = {i: set(r.backlinks) for i, r in site.briefs.items()}
    for brief_id, countries in index.countries.items():
        for country in countries:
            if country != brief_id:
                index.naming[country].add(brief_id)
    for resolved in site.briefs.values():
        index.backlinks_by_kind[resolved.id] = _backlinks_by_kind(site, index, resolved.id)
    index.relations_of = _relations_of(site)
    index.events = _all_events(site, index)
    _meeting_neighbours(site, index)
    return index


def _backlinks_by_kind(site: Site, index: SiteIndex, brief_id: str) -> dict[str, list[str]]:
    groups: dict[str, list[ResolvedBrief]] = defaultdict(list)
    for source_id in index.naming[brief_id]:
        groups[site.briefs[source_id].kind].append(site.briefs[source_id])
    return {kind: [b.id for b in _ordered(groups[kind])] for kind in KINDS if kind in groups}


def _relations_of(site: Site) -> dict[str, list[str]]:
    relations: dict[str, list[ResolvedBrief]] = defaultdict(list)
    for resolved in site.briefs.values():
        if resolved.kind == "relation":
            for party in resolved.brief.parties:  # type: ignore[attr-defined]
                relations[party].append(resolved)
    return {c: [r.id for r in sorted(rs, key=lambda r: (_title(r), r.id))]
            for c, rs in relations.items()}


def _all_events(site: Site, index: SiteIndex) -> list[Event]:
    events = [event for resolved in site.briefs.values()
              for event in _kept_events(resolved, index.countries[resolved.id])]
    events.sort(key=lambda e: e.sort_key)
    return events


def _update(site: Site, last_site: Site, last: SiteIndex) -> SiteIndex:
    """The index of ``site`` from the last one, when the same briefs are published: what
    :func:`build_index` would make, remaking only what the changed briefs feed."""
    changed = {i for i, resolved in site.briefs.items() if last_site.briefs[i] is not resolved}
    if not changed:
        return last
    index = SiteIndex(dict(last.countries), dict(last.backlinks_by_kind), last.relations_of,
                      last.neighbours, last.events, dict(last.naming))
    # A meeting's countries come from its participants: re-read those naming a changed brief.
    maybe = changed.union(*(site.briefs[i].backlinks for i in changed),
                          *(last_site.briefs[i].backlinks for i in changed))
    moved = {i for i in maybe if countries_of(site.briefs[i], site) != last.countries[i]}
    remake = set(changed)
    for brief_id in changed | moved:
        before = {*last_site.briefs[brief_id].refs, *last.countries[brief_id]}
        index.countries[brief_id] = countries_of(site.briefs[brief_id], site)
        after = {*site.briefs[brief_id].refs, *index.countries[brief_id]}
        for target in (before | after) & site.briefs.keys() - {brief_id}:
            named = index.naming[target] = set(index.naming[target])  # the last index's stays
            named.discard(brief_id)
            if target in after and (target in index.countries[brief_id]
                                    or brief_id in site.briefs[target].backlinks):
                named.add(brief_id)
            remake.add(target)
    for brief_id in remake:
        index.backlinks_by_kind[brief_id] = _backlinks_by_kind(site, index, brief_id)
    if any(site.briefs[i].kind == "relation" for i in changed):
        index.relations_of = _relations_of(site)
    touched = changed | moved
    if any(_kept_events(site.briefs[i], index.countries[i])
           != _events_of(last_site.briefs[i], last.countries[i]) for i in touched):
        index.events = _all_events(site, index)
    if any(_meeting_place(site.briefs[i], index) != _meeting_place(last_site.briefs[i], last)
           for i in touched):
        index.neighbours = {}
        _meeting_neighbours(site, index)
    return index


def _ordered(briefs: list[ResolvedBrief]) -> list[ResolvedBrief]:
    """Meetings newest first; everything else by title."""
    if briefs and briefs[0].kind == "meeting":
        return sorted(briefs, key=lambda b: (b.brief.date, b.id), reverse=True)  # type: ignore[attr-defined]
    return sorted(briefs, key=lambda b: (_title(b), b.id))
