"""A published brief as one audience may read it: :func:`published`.

Portions (:mod:`briefbook.models.portions`) whose marking the audience may not read are
taken out of the brief here, before anything else sees it, so no later stage (pages,
search, export, feed, backlinks, citing lists, the sources page) can show them; what
the brief refers to and cites is then what the kept portions refer to and cite.
"""

from __future__ import annotations

from collections.abc import Collection

from briefbook.models.portions import redact
from briefbook.resolve.checks import Scan, World, scan_brief
from briefbook.resolve.references import references_in
from briefbook.resolve.site import ResolvedBrief, highest_marking
from briefbook.validate.tree import Entry


def published(entry: Entry, scan: Scan, world: World, allowed: Collection[str]
              ) -> ResolvedBrief:
    """The :class:`ResolvedBrief` of ``entry`` (whose marking ``allowed`` holds) for an
    audience that may read the markings ``allowed``; ``scan`` is the whole brief's."""
    brief, kept = redact(entry.brief, allowed)
    if brief is not entry.brief:  # some portions withheld: refer and cite as what is kept
        scan = scan_brief(entry, world, references_in(brief))
    return ResolvedBrief(entry.id, brief, entry, list(scan.refs), [], list(scan.cited),
                         list(scan.headline), highest_marking({brief.marking, *kept}))
