"""The validate stage's shortcut for a live preview: :func:`update_validated`.

It gives what :func:`briefbook.validate.validate_tree` gives, without validating again
a file whose bytes (by digest) are those of the last run: its entry is the last run's
very object and its diagnostics are reported again. The registry likewise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from briefbook.errors import Diagnostic, Diagnostics
from briefbook.load.files import LoadedFile, LoadedTree
from briefbook.models import Source
from briefbook.validate.tree import (
    Entry,
    ValidatedTree,
    source_ids_in,
    validate_file,
    validate_registry,
)


@dataclass
class KeptValidation:
    """What the validate shortcut keeps from one run to the next (for one date)."""

    briefs: dict[str, tuple[str, Entry, list[Diagnostic]]] = field(default_factory=dict)
    """By display path: the file digest, the valid entry and its diagnostics."""
    registry: tuple[str, dict[str, Source], set[str] | None, list[Diagnostic]] | None = None
    """The registry's digest, valid sources, unverifiable source ids and diagnostics."""


def update_validated(kept: KeptValidation, tree: LoadedTree, diagnostics: Diagnostics,
                     today: dt.date) -> ValidatedTree:
    """:func:`briefbook.validate.validate_tree`, reusing ``kept`` (brought up to date)."""
    entries: list[Entry] = []
    cited_by_invalid: set[str] = set()
    ids: set[str] = set()
    seen: set[str] = set()
    for file in tree.briefs:
        ids.add(file.id)
        seen.add(file.display)
        reused = kept.briefs.get(file.display) if file.digest else None
        if reused is not None and reused[0] == file.digest and reused[1].id == file.id:
            entries.append(reused[1])
            diagnostics.extend(reused[2])
            continue
        entry, found = validate_file(file, today, tree.ids)
        diagnostics.extend(found)
        if entry is not None:
            entries.append(entry)
            if file.digest:
                kept.briefs[file.display] = (file.digest, entry, found)
        else:
            cited_by_invalid.update(source_ids_in(file.data))
            kept.briefs.pop(file.display, None)
    for display in set(kept.briefs) - seen:
        del kept.briefs[display]
    sources, unverifiable = _registry(kept, tree.sources, diagnostics)
    return ValidatedTree(entries, sources, tree.sources, cited_by_invalid, unverifiable, ids)


def _registry(kept: KeptValidation, file: LoadedFile | None, diagnostics: Diagnostics
              ) -> tuple[dict[str, Source], set[str] | None]:
    if kept.registry is not None and file is not None and file.digest \
            and kept.registry[0] == file.digest:
        diagnostics.extend(kept.registry[3])
        return kept.registry[1], kept.registry[2]
    sources, unverifiable, found = validate_registry(file)
    diagnostics.extend(found)
    kept.registry = (file.digest, sources, unverifiable, found) \
        if file is not None and file.digest else None
    return sources, unverifiable
