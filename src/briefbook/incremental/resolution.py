"""The resolve stage's shortcut for a live preview: :func:`update_site`.

It gives the site :func:`briefbook.resolve.resolve` would give, reusing the last run's
work: a brief whose entry is the very object of the last run (its file unchanged) is
not searched for references again, its checks are not redone while the world (the
ids, kinds and sources that exist, and each country brief's iso3, against whose shape
points are checked: :mod:`briefbook.resolve.placement`) is equal, and its
:class:`ResolvedBrief` is the last run's object, so later shortcuts tell an unchanged
brief by identity. Kept objects are never changed in place (the last run's keys may
hold them): a kept brief whose backlinks change is replaced by a copy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from briefbook.errors import Diagnostics
from briefbook.resolve.checks import (
    Scan,
    World,
    check_codes,
    scan_brief,
    warn_unused_sources,
    world_of,
)
from briefbook.resolve.links import backlinks_of, citing_lists
from briefbook.resolve.publish import published
from briefbook.resolve.references import Loc, references_in
from briefbook.resolve.site import AUDIENCES, ResolvedBrief, Site
from briefbook.validate.tree import Entry, ValidatedTree


@dataclass
class KeptResolution:
    """What the resolve shortcut keeps from one run to the next."""

    site: Site | None = None
    world: World | None = None
    scans: dict[str, tuple[Entry, Scan]] = field(default_factory=dict)
    """By brief id: the entry scanned and its scan, in :attr:`world`."""
    references: dict[str, tuple[Entry, list[tuple[Loc, Any]]]] = field(default_factory=dict)
    """By brief id: the entry searched and the references found in it."""


def _scan(kept: KeptResolution, entry: Entry, world: World, same_world: bool) -> Scan:
    last = kept.scans.get(entry.id)
    if same_world and last is not None and last[0] is entry:
        return last[1]
    found = kept.references.get(entry.id)
    if found is None or found[0] is not entry:
        found = kept.references[entry.id] = (entry, references_in(entry.brief))
    scan = scan_brief(entry, world, found[1])
    kept.scans[entry.id] = (entry, scan)
    return scan


def update_site(kept: KeptResolution, tree: ValidatedTree, diagnostics: Diagnostics, *,
                audience: str, today: dt.date, known_ids: set[str] | None = None) -> Site:
    """:func:`briefbook.resolve.resolve`, redoing only what changed since ``kept``'s run
    (``kept`` is brought up to date)."""
    world = world_of(tree, known_ids)
    same_world = kept.world == world
    kept.world = world = kept.world if same_world and kept.world is not None else world
    previous = kept.site
    same_settings = previous is not None and (previous.audience, previous.today) == (
        audience, today)
    last = previous.briefs if previous is not None and same_settings else {}
    allowed = AUDIENCES[audience]
    resolved: dict[str, ResolvedBrief] = {}
    used_sources: set[str] = set()
    fresh: list[tuple[ResolvedBrief | None, ResolvedBrief]] = []
    for entry in tree.entries:
        reused = kept.scans.get(entry.id)
        scan = _scan(kept, entry, world, same_world)
        diagnostics.extend(scan.problems)
        used_sources |= scan.used
        if entry.brief.marking in allowed:
            old = last.get(entry.id)
            if old is not None and reused is not None and reused[1] is scan \
                    and old.entry is entry:
                resolved[entry.id] = old
                continue
            resolved[entry.id] = published(entry, scan, world, allowed)
            fresh.append((old, resolved[entry.id]))
    _forget_gone(kept, tree)
    check_codes(tree.entries, diagnostics)  # across briefs: done whole, as in a build
    warn_unused_sources(tree, used_sources | tree.cited_by_invalid, diagnostics)
    if previous is not None and same_settings and resolved.keys() == last.keys():
        citing = _patch_links(resolved, last, fresh, previous.citing)
    else:
        backlinks = backlinks_of(resolved)
        for brief_id, resolved_brief in list(resolved.items()):
            found = backlinks.get(brief_id, [])
            if resolved_brief.backlinks != found:
                _set_backlinks(resolved, last, brief_id, found)
        citing = citing_lists(resolved)
    site = _site(previous, tree, resolved, citing, audience, today)
    kept.site = site
    return site


def _site(previous: Site | None, tree: ValidatedTree, resolved: dict[str, ResolvedBrief],
          citing: dict[str, list[str]], audience: str, today: dt.date) -> Site:
    """The site, holding the last run's sources and withheld set where they are equal."""
    sources = {s: tree.sources[s] for s in sorted(citing) if s in tree.sources}
    withheld = frozenset(e.id for e in tree.entries) - frozenset(resolved)
    if previous is not None:
        sources = previous.sources if previous.sources == sources else sources
        withheld = previous.withheld if previous.withheld == withheld else withheld
    return Site(audience=audience, today=today, briefs=resolved, sources=sources,
                citing=citing, withheld=withheld)


def _forget_gone(kept: KeptResolution, tree: ValidatedTree) -> None:
    if len(kept.scans) > len(tree.entries):
        present = {entry.id for entry in tree.entries}
        for table in (kept.scans, kept.references):
            for gone in table.keys() - present:
                del table[gone]


def _set_backlinks(resolved: dict[str, ResolvedBrief], last: dict[str, ResolvedBrief],
                   brief_id: str, backlinks: list[str]) -> None:
    resolved_brief = resolved[brief_id]
    if resolved_brief is last.get(brief_id):  # the last run's object: never changed in place
        resolved[brief_id] = dataclasses.replace(resolved_brief, backlinks=backlinks)
    else:
        resolved_brief.backlinks = backlinks


def _patch_links(resolved: dict[str, ResolvedBrief], last: dict[str, ResolvedBrief],
                 fresh: list[tuple[ResolvedBrief | None, ResolvedBrief]],
                 citing: dict[str, list[str]]) -> dict[str, list[str]]:
    """Backlinks and citing lists after ``fresh`` briefs replaced the ``last`` ones (the
    same briefs published as last run): what a whole resolve would give, touching only
    what the changed briefs refer to and cite. Lists are in id order."""
    for old, new in fresh:
        assert old is not None
        new.backlinks = old.backlinks  # who refers to it is patched below, if anyone changed
    patched = dict(citing)
    for old, new in fresh:
        assert old is not None
        for target in set(old.refs).symmetric_difference(new.refs) & resolved.keys():
            others = [i for i in resolved[target].backlinks if i != new.id]
            _set_backlinks(resolved, last, target,
                           sorted([*others, new.id]) if target in new.refs else others)
        for source_id in set(old.cited_sources).symmetric_difference(new.cited_sources):
            others = [i for i in patched.get(source_id, []) if i != new.id]
            if source_id in new.cited_sources:
                others = sorted([*others, new.id])
            if others:
                patched[source_id] = others
            else:
                patched.pop(source_id, None)
    return patched if patched != citing else citing
