"""Stage 3, resolve: audience filtering, cross-references, sources and backlinks.

:func:`resolve` turns the validated tree into the :class:`~briefbook.resolve.site.Site`
of one audience, reporting every unknown or mistyped reference and unknown source.
A live preview redoes only what an edit changed with
:func:`briefbook.incremental.resolution.update_site`, which must give the same site.
"""

from __future__ import annotations

import datetime as dt

from briefbook.errors import Diagnostics
from briefbook.resolve.checks import check_codes, scan_brief, warn_unused_sources, world_of
from briefbook.resolve.links import backlinks_of, citing_lists
from briefbook.resolve.publish import published
from briefbook.resolve.references import references_in
from briefbook.resolve.site import AUDIENCES, ResolvedBrief, Site
from briefbook.validate.tree import ValidatedTree


def resolve(tree: ValidatedTree, diagnostics: Diagnostics, *, audience: str, today: dt.date,
            known_ids: set[str] | None = None) -> Site:
    """Check cross-references and sources; build the site for ``audience``."""
    world = world_of(tree, known_ids)
    allowed = AUDIENCES[audience]
    resolved: dict[str, ResolvedBrief] = {}
    used_sources: set[str] = set()
    for entry in tree.entries:
        scan = scan_brief(entry, world, references_in(entry.brief))
        diagnostics.extend(scan.problems)
        used_sources |= scan.used
        if entry.brief.marking in allowed:
            resolved[entry.id] = published(entry, scan, world, allowed)
    check_codes(tree.entries, diagnostics)
    warn_unused_sources(tree, used_sources | tree.cited_by_invalid, diagnostics)
    for brief_id, backlinks in backlinks_of(resolved).items():
        resolved[brief_id].backlinks = backlinks
    citing = citing_lists(resolved)
    return Site(audience=audience, today=today, briefs=resolved,
                sources={s: tree.sources[s] for s in sorted(citing) if s in tree.sources},
                citing=citing, withheld=frozenset(e.id for e in tree.entries) - resolved.keys())
