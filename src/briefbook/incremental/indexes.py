"""The site index's shortcut for a live preview: :func:`update_index`.

When the same briefs are published as last run, it remakes only what the changed
briefs feed; the rest is the last index's very objects, so later shortcuts can tell
it by identity. Each brief's events are kept while the brief (by identity) and its
countries are unchanged, so the events of an unchanged brief are the last run's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefbook.resolve.indexes import (
    Event,
    SiteIndex,
    all_events,
    backlinks_by_kind,
    countries_of,
    events_of,
    index_with,
    meeting_neighbours,
    meeting_place,
    relations_of,
)
from briefbook.resolve.site import ResolvedBrief, Site


@dataclass
class KeptIndex:
    """What the index shortcut keeps from one run to the next."""

    site: Site | None = None
    index: SiteIndex | None = None
    events: dict[str, tuple[ResolvedBrief, tuple[str, ...], list[Event]]] = field(
        default_factory=dict)
    """By brief id: the brief and countries its events were made from, and the events."""

    def events_of(self, resolved: ResolvedBrief, countries: tuple[str, ...]) -> list[Event]:
        """:func:`~briefbook.resolve.indexes.events_of`, kept while its inputs are the same."""
        kept = self.events.get(resolved.id)
        if kept is None or kept[0] is not resolved or kept[1] != countries:
            kept = self.events[resolved.id] = (resolved, countries,
                                               events_of(resolved, countries))
        return kept[2]


def update_index(kept: KeptIndex, site: Site) -> SiteIndex:
    """:func:`briefbook.resolve.indexes.build_index`, remaking only what changed."""
    if kept.site is not None and kept.index is not None \
            and kept.site.briefs.keys() == site.briefs.keys():
        index = _update(kept, site, kept.site, kept.index)
    else:
        index = index_with(site, kept.events_of)
    for gone in kept.events.keys() - site.briefs.keys():
        del kept.events[gone]
    kept.site, kept.index = site, index
    return index


def _update(kept: KeptIndex, site: Site, last_site: Site, last: SiteIndex) -> SiteIndex:
    """The index of ``site`` from the last one, when the same briefs are published."""
    changed = {i for i, resolved in site.briefs.items() if last_site.briefs[i] is not resolved}
    if not changed:
        return last
    index = SiteIndex(dict(last.countries), dict(last.backlinks_by_kind), last.relations_of,
                      last.neighbours, last.events, dict(last.naming), dict(last.grouped))
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
        index.backlinks_by_kind[brief_id] = backlinks_by_kind(site, index, brief_id)
    if any(site.briefs[i].kind == "relation" for i in changed):
        index.relations_of = relations_of(site)
    touched = changed | moved
    if any(kept.events_of(site.briefs[i], index.countries[i])
           != events_of(last_site.briefs[i], last.countries[i]) for i in touched):
        index.events = all_events(site, index, kept.events_of)
    if any(meeting_place(site.briefs[i], index) != meeting_place(last_site.briefs[i], last)
           for i in touched):
        index.neighbours = {}
        meeting_neighbours(site, index)
    return index
