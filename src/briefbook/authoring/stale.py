"""Freshness: which briefs are past their review date.

Every brief has a ``reviewed`` date and a review interval (its own
``review_every`` or its kind's default); it is overdue the day after
``reviewed + interval``. Pages show the badge; ``briefbook stale`` lists them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from briefbook.errors import ContentError, Diagnostics
from briefbook.load.files import load_tree
from briefbook.models import Brief
from briefbook.validate.tree import validate_tree


@dataclass(frozen=True)
class Staleness:
    """One overdue brief: who owns it, when it was reviewed, when it was due."""

    id: str
    title: str
    owner: str | None
    reviewed: dt.date
    due: dt.date
    days_overdue: int


def review_due(brief: Brief) -> dt.date:
    """The date the next review of ``brief`` is due (see :attr:`Brief.review_due`)."""
    return brief.review_due


def is_overdue(brief: Brief, today: dt.date) -> bool:
    """True when the review due date has passed (a review due today is not yet overdue)."""
    return review_due(brief) < today


def overdue(briefs: dict[str, Brief], today: dt.date) -> list[Staleness]:
    """Overdue briefs, most overdue first (then by id)."""
    found = [
        Staleness(brief_id, brief.title["en"], brief.owner, brief.reviewed, review_due(brief),
                  (today - review_due(brief)).days)
        for brief_id, brief in briefs.items() if is_overdue(brief, today)
    ]
    return sorted(found, key=lambda s: (-s.days_overdue, s.id))


def stale_briefs(briefs_dir: Path, today: dt.date) -> tuple[list[Staleness], Diagnostics]:
    """Load and validate every brief (whatever its marking) and list the overdue ones.

    Raises :class:`ContentError` when a brief does not validate: its dates cannot be trusted.
    """
    diagnostics = Diagnostics()
    tree = validate_tree(load_tree(briefs_dir, diagnostics), diagnostics, today)
    if diagnostics.has_errors:
        raise ContentError(diagnostics)
    return overdue({entry.id: entry.brief for entry in tree.entries}, today), diagnostics


def format_table(rows: list[Staleness]) -> list[str]:
    """Aligned text lines: id, owner, reviewed, due, days overdue."""
    header = ("BRIEF", "OWNER", "REVIEWED", "DUE", "OVERDUE")
    cells = [header] + [(s.id, s.owner or "(no owner)", s.reviewed.isoformat(), s.due.isoformat(),
                         f"{s.days_overdue} d") for s in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in cells]
