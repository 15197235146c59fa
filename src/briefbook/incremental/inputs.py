"""What each brief page is rendered from, as a fingerprint the cache compares across runs.

A brief page depends only on the brief, the briefs it refers to and that refer to it,
the briefs in the site-index entries kept under its id (their whole files, and the
entries themselves), the sources registry, the templates, briefbook's own code, the
audience and the date (see :mod:`briefbook.incremental.cache`). A template that reads anything
else about other briefs must add it here.
"""

from __future__ import annotations

import hashlib
from typing import Any

from briefbook.load.folders import SOURCES_FILE
from briefbook.render.environment import brief_page
from briefbook.resolve.indexes import SiteIndex
from briefbook.resolve.resolver import Site

KeptInputs = dict[str, tuple[tuple[Any, ...], frozenset[str], str]]
"""By page: what its fingerprint was made from (compared by identity), the briefs it
shows, and the fingerprint (see :func:`brief_page_inputs`)."""

_NO_GROUPS: dict[str, list[str]] = {}
_NO_RELATIONS: list[str] = []
_NO_NEIGHBOURS: tuple[str | None, str | None] = (None, None)


def fingerprint(settings_key: str, brief_id: str, shown: set[str], file_digests: dict[str, str],
                registry_digest: str, index_entries: str = "") -> str:
    """SHA-256 of everything a brief page is rendered from (see the module docstring)."""
    h = hashlib.sha256(
        f"{settings_key}\0{brief_id}\0{file_digests[brief_id]}\0{registry_digest}\0"
        f"{index_entries}".encode()
    )
    for other in sorted(shown):
        h.update(f"\0{other}={file_digests.get(other, '-')}".encode())
    return h.hexdigest()


def brief_page_inputs(settings_key: str, site: Site, index: SiteIndex,
                      file_digests: dict[str, str], kept: KeptInputs | None = None,
                      last_digests: dict[str, str] | None = None) -> dict[str, str]:
    """The fingerprint of every brief page, by page.

    With ``kept`` and ``last_digests`` (a live preview's, from its last run), a page made
    from the very same brief and index entries as last run, showing no brief whose file
    changed since, keeps its fingerprint without hashing: the inputs are the same."""
    registry = file_digests.get(SOURCES_FILE, "-")
    changed: set[str] | None = None
    if kept is not None and last_digests is not None \
            and last_digests.get(SOURCES_FILE, "-") == registry:
        changed = {i for i, digest in file_digests.items() if last_digests.get(i) != digest}
        changed |= last_digests.keys() - file_digests.keys()
    inputs = {}
    for brief_id, resolved in site.briefs.items():
        page = brief_page(brief_id)
        groups = index.backlinks_by_kind.get(brief_id, _NO_GROUPS)
        relations = index.relations_of.get(brief_id, _NO_RELATIONS)
        neighbours = index.neighbours.get(brief_id, _NO_NEIGHBOURS)
        if changed is not None and kept is not None:
            last = kept.get(page)
            if last is not None and last[0][0] is resolved and last[0][1] is groups \
                    and last[0][2] is relations and last[0][3] == neighbours \
                    and brief_id not in changed and changed.isdisjoint(last[1]):
                inputs[page] = last[2]
                continue
        # A country page lists meetings that name it only through their participants.
        shown = {*resolved.refs, *resolved.backlinks, *relations, *filter(None, neighbours)}
        shown.update(other for ids in groups.values() for other in ids)
        inputs[page] = fingerprint(settings_key, brief_id, shown, file_digests, registry,
                                   repr((groups, relations, neighbours)))
        if kept is not None:
            kept[page] = ((resolved, groups, relations, neighbours), frozenset(shown),
                          inputs[page])
    if kept is not None:
        for gone in kept.keys() - inputs.keys():
            del kept[gone]
    return inputs
