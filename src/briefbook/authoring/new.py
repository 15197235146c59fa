"""``briefbook new``: write a skeleton brief that validates as written.

Decision: the skeleton is valid against the real tree, not on its own terms. Fields
that must name other briefs (a meeting's participants, a relation's parties) or
sources are filled with ids picked from the existing briefs and ``_sources.yml``, and
marked for the writer to change; when the tree has nothing suitable (no person brief
for a meeting, no source at all), the command refuses and says what to create first.
Text the writer must supply starts with ``TODO``, which ``briefbook validate``
reports as a warning until it is replaced. New briefs start as TLP:AMBER, so nothing
reaches the public site before someone decides it should.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from briefbook.errors import Diagnostics, UsageError
from briefbook.load.files import load_tree
from briefbook.load.folders import BRIEF_SUFFIXES, ID_PATTERN, SOURCES_FILE
from briefbook.models import KINDS
from briefbook.models.skeleton import Picks, skeleton
from briefbook.validate.tree import validate_tree


def collect_picks(briefs_dir: Path) -> Picks:
    """Ids of the valid briefs (by kind) and sources under ``briefs_dir``."""
    diagnostics = Diagnostics()
    tree = validate_tree(load_tree(briefs_dir, diagnostics), diagnostics, dt.date.max)
    picks = Picks(sources=sorted(tree.sources))
    for entry in tree.entries:
        picks.ids.setdefault(entry.brief.kind, []).append(entry.id)
    return picks


def write_skeleton(kind: str, brief_id: str, briefs_dir: Path,
                   today: dt.date | None = None) -> Path:
    """Write a skeleton of ``kind`` at ``briefs_dir/<brief_id>.yml`` and return its path.

    ``brief_id`` may leave out the kind folder (``kazakhstan`` for ``country/kazakhstan``).
    Raises :class:`UsageError` for an unknown kind, a bad id, an existing brief, or a
    tree lacking the briefs or sources the kind must refer to.
    """
    if kind not in KINDS:
        raise UsageError(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    if "/" not in brief_id:
        brief_id = f"{kind}/{brief_id}"
    if not ID_PATTERN.match(brief_id) or brief_id == SOURCES_FILE:
        raise UsageError(f"invalid brief id '{brief_id}': use lower-case letters, digits, "
                         "'-' and '_', with '/' between folders (e.g. country/kazakhstan)")
    if not briefs_dir.is_dir():
        raise UsageError(f"briefs folder not found: {briefs_dir}")
    for suffix in BRIEF_SUFFIXES:
        existing = briefs_dir / f"{brief_id}{suffix}"
        if existing.exists() or existing.is_symlink():
            raise UsageError(f"{existing} already exists; not overwriting it")
    path = briefs_dir / f"{brief_id}.yml"
    schema_file = briefs_dir.resolve().parent / "schema" / f"{kind}.json"
    schema_ref = Path(os.path.relpath(schema_file, path.parent.resolve())).as_posix()
    text = skeleton(kind, collect_picks(briefs_dir), today=today or dt.date.today(),
                    schema_ref=schema_ref)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(f"{path} already exists; not overwriting it") from None
    return path
