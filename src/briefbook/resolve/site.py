"""What the resolve stage produces: the :class:`Site` of one build and its briefs.

The site is everything the render stage needs and nothing it must not show: briefs
withheld from the audience are gone from it, and so are sources only they cite.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from briefbook.models import Brief, Figure, Source, portions
from briefbook.validate.tree import Entry

AUDIENCES: dict[str, frozenset[str]] = {
    "public": frozenset({"TLP:CLEAR"}),
    "community": frozenset({"TLP:CLEAR", "TLP:GREEN"}),
    "internal": frozenset({"TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT"}),
}
"""Markings each audience may see. TLP:RED is in none: it is never built into a site."""

MARKING_ORDER = list(portions.MARKING_ORDER)


@dataclass
class ResolvedBrief:
    """A published brief with what the resolve stage found about it."""

    id: str
    brief: Brief
    entry: Entry
    refs: list[str] = field(default_factory=list)
    backlinks: list[str] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    headline: list[Figure] = field(default_factory=list)
    """Figures anywhere in the brief marked for the home page."""
    marking: str = ""
    """The highest marking of what this audience reads of the brief: the brief's, or a
    stricter portion's (:mod:`briefbook.resolve.publish`); the page's banners show it."""
    kind: str = field(init=False)
    """The brief's kind (read often enough to be worth a field)."""
    content_key: tuple[str, Brief] = field(init=False, repr=False, compare=False)
    """The brief's id and content: all that a listing shows of it, for memo keys."""

    def __post_init__(self) -> None:
        self.kind = self.brief.kind
        self.marking = self.marking or self.brief.marking
        self.content_key = (self.id, self.brief)

    @property
    def review_due(self) -> dt.date:
        """The date the next review is due."""
        return self.brief.review_due

    def citation_number(self, source_id: str) -> int:
        """1-based number of a source in this brief's source list."""
        return self.cited_sources.index(source_id) + 1


@dataclass
class Site:
    """The resolved, audience-filtered content of one build."""

    audience: str
    today: dt.date
    briefs: dict[str, ResolvedBrief]
    sources: dict[str, Source]
    citing: dict[str, list[str]]
    withheld: frozenset[str]

    def highest_marking(self, ids: list[str] | None = None) -> str:
        """The most restrictive marking among the given (default: all published) briefs,
        their published portions included."""
        chosen = self.briefs.values() if ids is None else [self.briefs[i] for i in ids]
        return highest_marking({b.marking for b in chosen})


def highest_marking(markings: set[str]) -> str:
    """The most restrictive of ``markings`` (TLP:CLEAR when there are none)."""
    return max(markings or {"TLP:CLEAR"}, key=MARKING_ORDER.index)
