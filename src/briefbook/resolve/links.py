"""Backlinks and citing lists of a resolved site, both lists of brief ids in id order."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefbook.resolve.site import ResolvedBrief


def citing_lists(resolved: dict[str, ResolvedBrief]) -> dict[str, list[str]]:
    """The briefs citing each source, in id order."""
    citing: dict[str, list[str]] = defaultdict(list)
    for resolved_brief in resolved.values():
        for source_id in resolved_brief.cited_sources:
            citing[source_id].append(resolved_brief.id)
    return dict(citing)


def backlinks_of(resolved: dict[str, ResolvedBrief]) -> dict[str, list[str]]:
    """The published briefs that refer to each brief, in id order (briefs nobody refers to
    are left out)."""
    backlinks: dict[str, list[str]] = {}
    for resolved_brief in resolved.values():
        for target in resolved_brief.refs:
            if target in resolved:
                backlinks.setdefault(target, []).append(resolved_brief.id)
    return backlinks
