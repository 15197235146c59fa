"""Backlinks and citing lists of a resolved site: made whole, or patched from the last
run's for the briefs that changed (a live preview; see :func:`briefbook.resolve.resolver.resolve`).

Both are lists of brief ids in id order. A brief kept from the last run is never changed
in place (the last run's keys may hold it): a kept brief whose backlinks change is
replaced by a copy.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefbook.resolve.resolver import ResolvedBrief


def citing_lists(resolved: dict[str, ResolvedBrief]) -> dict[str, list[str]]:
    """The briefs citing each source, in id order."""
    citing: dict[str, list[str]] = defaultdict(list)
    for resolved_brief in resolved.values():
        for source_id in resolved_brief.cited_sources:
            citing[source_id].append(resolved_brief.id)
    return dict(citing)


def link_back(resolved: dict[str, ResolvedBrief], kept: dict[str, ResolvedBrief]) -> None:
    """Set the backlinks of every brief (in id order), replacing a kept brief whose
    backlinks changed by a copy."""
    backlinks: dict[str, list[str]] = {}
    for resolved_brief in resolved.values():
        for target in resolved_brief.refs:
            if target in resolved:
                backlinks.setdefault(target, []).append(resolved_brief.id)
    for brief_id, resolved_brief in resolved.items():
        found = backlinks.get(brief_id, [])
        if resolved_brief.backlinks != found:
            _set_backlinks(resolved, kept, brief_id, found)


def _set_backlinks(resolved: dict[str, ResolvedBrief], kept: dict[str, ResolvedBrief],
                   brief_id: str, backlinks: list[str]) -> None:
    resolved_brief = resolved[brief_id]
    if resolved_brief is kept.get(brief_id):  # the last run's object: never changed in place
        resolved[brief_id] = dataclasses.replace(resolved_brief, backlinks=backlinks)
    else:
        resolved_brief.backlinks = backlinks


def patch_links(resolved: dict[str, ResolvedBrief], kept: dict[str, ResolvedBrief],
                 fresh: list[tuple[ResolvedBrief | None, ResolvedBrief]],
                 citing: dict[str, list[str]]) -> dict[str, list[str]]:
    """Backlinks and citing lists after ``fresh`` briefs replaced the ``kept`` ones (the
    same briefs published as last run): what :func:`link_back` and :func:`citing_lists` would
    give, touching only what the changed briefs refer to and cite. Lists are in id order."""
    for old, new in fresh:
        assert old is not None
        new.backlinks = old.backlinks  # who refers to it is patched below, if anyone changed
    patched = dict(citing)
    for old, new in fresh:
        assert old is not None
        for target in set(old.refs).symmetric_difference(new.refs) & resolved.keys():
            others = [i for i in resolved[target].backlinks if i != new.id]
            _set_backlinks(resolved, kept, target,
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
