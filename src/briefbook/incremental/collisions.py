"""The page-collision check's shortcut for a live preview: :func:`update_collisions`.

:func:`briefbook.render.collisions.check_collisions` reads every brief's kind and tags:
a few milliseconds per thousand briefs, spent on every save although a save almost
never changes an id, a kind or a tag. The shortcut gives what the check gives, running
it only when something it reads changed: the brief files (ids and paths), the
hand-written pages, or the kind or tags of a brief that is not the very entry of the
last run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from briefbook.errors import Diagnostic, Diagnostics
from briefbook.render.collisions import check_collisions
from briefbook.validate.tree import Entry


@dataclass
class KeptCollisions:
    """What the last check read, and what it found."""

    files: dict[str, str] | None = None
    hand_written: list[tuple[str, str]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    found: list[Diagnostic] = field(default_factory=list)


def update_collisions(kept: KeptCollisions, files: Mapping[str, str], entries: list[Entry],
                      hand_written: list[tuple[str, str]], diagnostics: Diagnostics) -> None:
    """:func:`~briefbook.render.collisions.check_collisions`, reusing ``kept`` (brought up
    to date). A collision found last time is looked for again whenever a brief changed,
    since the place of a tag it reports may have moved."""
    if _unchanged(kept, files, entries, hand_written):
        kept.entries = entries
        diagnostics.extend(kept.found)
        return
    found = Diagnostics()
    check_collisions(files, entries, hand_written, found)
    kept.files, kept.hand_written = dict(files), list(hand_written)
    kept.entries, kept.found = entries, found.items
    diagnostics.extend(kept.found)


def _unchanged(kept: KeptCollisions, files: Mapping[str, str], entries: list[Entry],
               hand_written: list[tuple[str, str]]) -> bool:
    """Whether the check would find what it found last time: the same files and pages,
    and the same entries, or (when it found nothing) entries with the same ids, kinds and
    tags."""
    if kept.files != files or kept.hand_written != hand_written \
            or len(kept.entries) != len(entries):
        return False
    changed = [(old, new) for old, new in zip(kept.entries, entries, strict=True)
               if old is not new]
    return not changed or not kept.found and all(
        (old.id, old.brief.kind, old.brief.tags) == (new.id, new.brief.kind, new.brief.tags)
        for old, new in changed)
