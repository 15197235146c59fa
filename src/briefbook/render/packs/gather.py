"""What a briefing pack holds: the briefs it gathers around its subject, in parts.

A pack is made from the resolved site for one audience, through a
:class:`~briefbook.render.view.SiteView` and an
:class:`~briefbook.render.view.IndexView` (every read recorded, as a page's are), so a
withheld brief can never be gathered: it is not in the site. Each kind of subject
gathers its own parts:

* a meeting: the meeting, its participants, the relations between its countries, the
  corridors, fields, parks and initiatives it names (its agenda);
* a relation: the relation, its parties' leaders (people of either country named by it
  or its meetings), its meetings, and the places and initiatives it or its parties name;
* a country: the country, its relations, its people, and the places in it.

The timeline of a relation is the twelve months up to the pack's day: a meeting's date
for a meeting's pack (what led up to it), the build's ``today`` otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from briefbook.render.language import N_
from briefbook.render.mapping import PLACE_KINDS
from briefbook.render.view import IndexView, SiteView
from briefbook.resolve.indexes import Event, SiteIndex

PACK_KINDS = ("meeting", "relation", "country")
"""The kinds of brief that have a pack."""

AGENDA_KINDS = (*PLACE_KINDS, "initiative")
"""The kinds of brief a pack shows as the agenda: corridors, fields, parks, initiatives."""

TIMELINE_MONTHS = 12


@dataclass(frozen=True)
class Part:
    """A chapter of the pack: a heading (an English catalog message) and its briefs."""

    key: str
    title: str
    brief_ids: list[str]


@dataclass
class Gathered:
    """Everything a pack shows, by brief id, in reading order."""

    subject: str
    kind: str
    parts: list[Part]
    timeline: dict[str, list[Event]] = field(default_factory=dict)
    """The last twelve months of each relation's events, oldest first."""
    until: dt.date = dt.date.min
    """The last day of the timeline window."""

    @property
    def brief_ids(self) -> list[str]:
        """Every brief the pack shows, each once, the subject first."""
        return list(dict.fromkeys([self.subject, *(i for p in self.parts for i in p.brief_ids)]))


def _published(site: SiteView, ids: list[str], kinds: tuple[str, ...] | None = None
               ) -> list[str]:
    """Those of ``ids`` the audience may see (of the given kinds), each once, in order."""
    found = []
    for brief_id in dict.fromkeys(ids):
        resolved = site.briefs.get(brief_id)
        if resolved is not None and (kinds is None or resolved.kind in kinds):
            found.append(brief_id)
    return found


def _relations_between(index: IndexView, site: SiteView, countries: list[str]) -> list[str]:
    """Relations whose parties are all among ``countries``."""
    wanted = set(countries)
    found: list[str] = []
    for country in countries:
        for relation_id in index.relations_of.get(country) or []:
            if set(site.briefs[relation_id].brief.parties) <= wanted:
                found.append(relation_id)
    return _published(site, found)


def _backlinks(index: IndexView, brief_id: str, kinds: tuple[str, ...]) -> list[str]:
    by_kind = index.backlinks_by_kind.get(brief_id) or {}
    return [i for kind in kinds for i in by_kind.get(kind, [])]


def _meeting(site: SiteView, index: IndexView, brief_id: str) -> list[Part]:
    brief: Any = site.briefs[brief_id].brief
    countries = _countries(site, index, brief_id)
    relations = _published(site, [*(r for r in brief.related if r.startswith("relation/")),
                                  *_relations_between(index, site, countries)], ("relation",))
    return [Part("meeting", N_("The meeting"), [brief_id]),
            Part("participants", N_("Participants"),
                 _published(site, brief.participants, ("person",))),
            Part("relations", N_("Relations between the parties"), relations),
            Part("agenda", N_("On the agenda"), _published(site, brief.related, AGENDA_KINDS))]


def _countries(site: SiteView, index: IndexView, brief_id: str) -> list[str]:
    """The countries a brief is about (a meeting's: those of its participants too)."""
    brief: Any = site.briefs[brief_id].brief
    found = [getattr(brief.place, "country", None)] if brief.kind == "meeting" else []
    for person in _published(site, getattr(brief, "participants", []), ("person",)):
        found.append(getattr(site.briefs[person].brief, "country", None))
    return _published(site, [c for c in found if c], ("country",))


def _people_of(site: SiteView, index: IndexView, countries: list[str]) -> list[str]:
    return _published(site, [p for c in countries for p in _backlinks(index, c, ("person",))])


def _relation(site: SiteView, index: IndexView, brief_id: str) -> list[Part]:
    brief: Any = site.briefs[brief_id].brief
    parties = _published(site, brief.parties, ("country",))
    meetings = _published(site, [*_backlinks(index, brief_id, ("meeting",)),
                                 *(r for r in brief.related if r.startswith("meeting/"))],
                          ("meeting",))
    agenda = [*brief.related, *(i for c in parties for i in _backlinks(index, c, AGENDA_KINDS))]
    return [Part("relation", N_("The relation"), [brief_id]),
            Part("people", N_("People"), _people_of(site, index, parties)),
            Part("meetings", N_("Meetings"), meetings),
            Part("agenda", N_("On the agenda"), _published(site, agenda, AGENDA_KINDS))]


def _country(site: SiteView, index: IndexView, brief_id: str) -> list[Part]:
    relations = _published(site, index.relations_of.get(brief_id) or [], ("relation",))
    return [Part("country", N_("The country"), [brief_id]),
            Part("relations", N_("Relations"), relations),
            Part("people", N_("People"), _people_of(site, index, [brief_id])),
            Part("agenda", N_("Places and initiatives"),
                 _published(site, _backlinks(index, brief_id, AGENDA_KINDS), AGENDA_KINDS))]


def _window(events: list[Event], parties: set[str], until: dt.date) -> list[Event]:
    start = dt.date(until.year - 1, until.month, min(until.day, 28))
    return [e for e in events
            if parties <= set(e.countries) and start < e.date <= until]


def gather(site: SiteView, index: IndexView, raw_index: SiteIndex, subject: str) -> Gathered:
    """The parts of the pack of ``subject`` (a published meeting, relation or country)."""
    resolved = site.briefs[subject]
    make = {"meeting": _meeting, "relation": _relation, "country": _country}[resolved.kind]
    parts = [part for part in make(site, index, subject) if part.brief_ids]
    until = resolved.brief.date if resolved.kind == "meeting" else site.today
    gathered = Gathered(subject, resolved.kind, parts, until=until)
    for brief_id in gathered.brief_ids:
        if site.briefs[brief_id].kind == "relation":
            site.reads.add("index.events", brief_id)  # what the window shows, recorded
            parties = set(site.briefs[brief_id].brief.parties)
            gathered.timeline[brief_id] = _window(raw_index.events, parties, until)
    return gathered
