"""What a briefing pack holds: the briefs it gathers around its subject, in parts.

A pack is made from the resolved site for one audience, through a
:class:`~briefbook.render.view.SiteView` and an
:class:`~briefbook.render.view.IndexView` (every read recorded, as a page's are), so a
withheld brief can never be gathered: it is not in the site. Each kind of subject
gathers its own parts:

* a meeting: the meeting, its participants, the relations between its countries, the
  corridors, fields, parks and initiatives it names (its agenda);
* a relation: the relation, its meetings of the last twelve months and those to come (the
  last few if there are none), its people (its parties' heads of state and government,
  the people it names and its meetings' participants), and the places and initiatives it
  or those meetings name;
* a country: the country, its relations, its people (heads of state and government,
  ministers, and the people it names), and the places and initiatives it, its relations
  or their meetings (as the relations' packs show them) name.

What a pack gathers follows the briefs' own references, never every brief that points
at its subject: a country of a big desk has hundreds of people and places, and a pack is
what a diplomat carries into a meeting, not the site on paper (nor a print that grows
with the site and is redone on every edit anywhere in the country).

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
FEWEST_MEETINGS = 3
"""A relation's pack with no meeting in its window shows its last ones, up to this many."""
MOST_MEETINGS = 12


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


def _leaders(site: SiteView, countries: list[str], ministers: bool = False) -> list[str]:
    """The people holding the countries' top offices (and their ministers), with briefs."""
    found: list[str] = []
    for country in countries:
        brief: Any = site.briefs[country].brief
        offices = [brief.head_of_state, brief.head_of_government,
                   *(brief.ministers if ministers else [])]
        found.extend(office.person for office in offices if office and office.person)
    return found


def _start(until: dt.date) -> dt.date:
    return dt.date(until.year - 1, until.month, min(until.day, 28))


def _recent_meetings(site: SiteView, ids: list[str]) -> list[str]:
    """Of the meetings ``ids``: those of the last twelve months and those to come, newest
    first (at most :data:`MOST_MEETINGS`), or the last few when there are none."""
    dated = sorted(((site.briefs[i].brief.date, i) for i in ids), reverse=True)
    start = _start(site.today)
    recent = [i for date, i in dated if date > start]
    return (recent or [i for _, i in dated][:FEWEST_MEETINGS])[:MOST_MEETINGS]


def _named(site: SiteView, ids: list[str]) -> list[str]:
    """Every brief the briefs ``ids`` name as related (a meeting's participants too)."""
    found: list[str] = []
    for brief_id in ids:
        brief: Any = site.briefs[brief_id].brief
        found.extend([*getattr(brief, "participants", []), *brief.related])
    return found


def _meetings_of(site: SiteView, index: IndexView, relation_id: str) -> list[str]:
    """A relation's meetings as its pack shows them (:func:`_recent_meetings`)."""
    brief: Any = site.briefs[relation_id].brief
    return _recent_meetings(site, _published(
        site, [*_backlinks(index, relation_id, ("meeting",)),
               *(r for r in brief.related if r.startswith("meeting/"))], ("meeting",)))


def _relation(site: SiteView, index: IndexView, brief_id: str) -> list[Part]:
    brief: Any = site.briefs[brief_id].brief
    parties = _published(site, brief.parties, ("country",))
    meetings = _meetings_of(site, index, brief_id)
    named = _named(site, [brief_id, *meetings])
    return [Part("relation", N_("The relation"), [brief_id]),
            Part("people", N_("People"),
                 _published(site, [*_leaders(site, parties), *named], ("person",))),
            Part("meetings", N_("Meetings"), meetings),
            Part("agenda", N_("On the agenda"), _published(site, named, AGENDA_KINDS))]


def _country(site: SiteView, index: IndexView, brief_id: str) -> list[Part]:
    relations = _published(site, index.relations_of.get(brief_id) or [], ("relation",))
    meetings = [m for r in relations for m in _meetings_of(site, index, r)]
    named = _named(site, [brief_id, *relations, *meetings])
    people = [*_leaders(site, [brief_id], ministers=True), *_named(site, [brief_id])]
    return [Part("country", N_("The country"), [brief_id]),
            Part("relations", N_("Relations"), relations),
            Part("people", N_("People"), _published(site, people, ("person",))),
            Part("agenda", N_("Places and initiatives"),
                 _published(site, named, AGENDA_KINDS))]


def _window(events: list[Event], parties: set[str], until: dt.date) -> list[Event]:
    start = _start(until)
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
