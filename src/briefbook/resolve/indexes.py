"""Indexes over the published briefs, computed once per build.

Pages ask these indexes instead of scanning every brief, so rendering stays
linear in the number of briefs: backlinks grouped by kind, the relations a
country is party to, the previous and next meeting of the same parties, and the
dated events of the timeline.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from briefbook.models import KINDS, Brief
from briefbook.resolve.site import ResolvedBrief, Site


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
    grouped: dict[str, tuple[list[Event], dict[str, list[Event]]]] = field(
        default_factory=dict, repr=False, compare=False)
    """:meth:`events_by`'s answers, with the events they group."""

    def events_by(self, attribute: str) -> dict[str, list[Event]]:
        """Events grouped by each value of ``countries`` or ``tags``, keys sorted."""
        kept = self.grouped.get(attribute)
        if kept is not None and kept[0] is self.events:
            return kept[1]
        groups: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for key in getattr(event, attribute):
                groups[key].append(event)
        found = {key: groups[key] for key in sorted(groups)}
        self.grouped[attribute] = (self.events, found)
        return found


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
            country = getattr(person.brief, "country", None) if person is not None else None
            if country:
                found.append(country)
        return found
    country = getattr(brief, "country", None)
    return [country] if country else []


def countries_of(resolved: ResolvedBrief, site: Site) -> tuple[str, ...]:
    """Published country briefs a brief is about (a country brief is about itself)."""
    if resolved.kind == "country":
        return (resolved.id,)
    found = [c for c in _own_countries(resolved.brief, site) if c in site.briefs]
    return tuple(dict.fromkeys(found))


def events_of(resolved: ResolvedBrief, countries: tuple[str, ...]) -> list[Event]:
    brief: Brief = resolved.brief
    tags = tuple(brief.tags)
    # A scheduled event reads as upcoming on the timeline ("election, scheduled").
    events = [Event(m.date, m.precision, m.title,
                    m.type if m.status == "happened" else f"{m.type}, scheduled",
                    resolved.id, countries, tags,
                    tuple(m.sources)) for m in brief.milestones]
    if resolved.kind == "meeting":
        events.append(Event(brief.date, "day", brief.title, "meeting", resolved.id,  # type: ignore[attr-defined]
                            countries, tags, tuple(brief.sources)))
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


def parties(meeting: ResolvedBrief, index: SiteIndex) -> frozenset[str]:
    """The countries of a meeting (its participants when no country is known)."""
    return frozenset(index.countries[meeting.id]) or frozenset(
        meeting.brief.participants)  # type: ignore[attr-defined]


def meeting_place(resolved: ResolvedBrief, index: SiteIndex) -> Any:
    """What places a meeting among the others: its parties and its date."""
    if resolved.kind != "meeting":
        return None
    return parties(resolved, index), resolved.brief.date  # type: ignore[attr-defined]


def meeting_neighbours(site: Site, index: SiteIndex) -> None:
    """Previous and next meeting among meetings of the same set of countries."""
    groups: dict[frozenset[str], list[ResolvedBrief]] = defaultdict(list)
    for resolved in site.briefs.values():
        if resolved.kind == "meeting":
            groups[parties(resolved, index)].append(resolved)
    for meetings in groups.values():
        meetings.sort(key=lambda m: (m.brief.date, m.id))  # type: ignore[attr-defined]
        for position, meeting in enumerate(meetings):
            before = meetings[position - 1].id if position > 0 else None
            after = meetings[position + 1].id if position + 1 < len(meetings) else None
            index.neighbours[meeting.id] = (before, after)


def build_index(site: Site) -> SiteIndex:
    """Every index the pages need, in one pass over the published briefs (plus sorting)."""
    return index_with(site, events_of)


def index_with(site: Site, events: Callable[[ResolvedBrief, tuple[str, ...]], list[Event]]
               ) -> SiteIndex:
    """:func:`build_index`, with each brief's events as ``events`` gives them (the same
    as :func:`events_of`, or kept ones a shortcut knows to be the same)."""
    index = SiteIndex()
    for resolved in site.briefs.values():
        index.countries[resolved.id] = countries_of(resolved, site)
    index.naming = {i: set(r.backlinks) for i, r in site.briefs.items()}
    for brief_id, countries in index.countries.items():
        for country in countries:
            if country != brief_id:
                index.naming[country].add(brief_id)
    for resolved in site.briefs.values():
        index.backlinks_by_kind[resolved.id] = backlinks_by_kind(site, index, resolved.id)
    index.relations_of = relations_of(site)
    index.events = all_events(site, index, events)
    meeting_neighbours(site, index)
    return index


def backlinks_by_kind(site: Site, index: SiteIndex, brief_id: str) -> dict[str, list[str]]:
    groups: dict[str, list[ResolvedBrief]] = defaultdict(list)
    for source_id in index.naming[brief_id]:
        groups[site.briefs[source_id].kind].append(site.briefs[source_id])
    return {kind: [b.id for b in _ordered(groups[kind])] for kind in KINDS if kind in groups}


def relations_of(site: Site) -> dict[str, list[str]]:
    relations: dict[str, list[ResolvedBrief]] = defaultdict(list)
    for resolved in site.briefs.values():
        if resolved.kind == "relation":
            for party in resolved.brief.parties:  # type: ignore[attr-defined]
                relations[party].append(resolved)
    return {c: [r.id for r in sorted(rs, key=lambda r: (_title(r), r.id))]
            for c, rs in relations.items()}


def all_events(site: Site, index: SiteIndex,
               events: Callable[[ResolvedBrief, tuple[str, ...]], list[Event]]) -> list[Event]:
    """Every event of the site in order, each brief's as ``events`` gives them."""
    found = [event for resolved in site.briefs.values()
             for event in events(resolved, index.countries[resolved.id])]
    found.sort(key=lambda e: e.sort_key)
    return found


def _ordered(briefs: list[ResolvedBrief]) -> list[ResolvedBrief]:
    """Meetings newest first; everything else by title."""
    if briefs and briefs[0].kind == "meeting":
        return sorted(briefs, key=lambda b: (b.brief.date, b.id), reverse=True)  # type: ignore[attr-defined]
    return sorted(briefs, key=lambda b: (_title(b), b.id))
