"""Stage 3, resolve: audience filtering, cross-references, sources and backlinks.

The result, :class:`Site`, is everything the render stage needs and nothing it
must not show: briefs withheld from the audience are gone from it, and so are
sources only they cite.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from briefbook.errors import Diagnostic, Diagnostics
from briefbook.models import Brief, BriefRef, Figure, Source, SourceRef
from briefbook.resolve.links import citing_lists, link_back, patch_links
from briefbook.resolve.references import Loc, field_name, references_in
from briefbook.validate.tree import Entry, ValidatedTree

AUDIENCES: dict[str, frozenset[str]] = {
    "public": frozenset({"TLP:CLEAR"}),
    "community": frozenset({"TLP:CLEAR", "TLP:GREEN"}),
    "internal": frozenset({"TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT"}),
}
"""Markings each audience may see. TLP:RED is in none: it is never built into a site."""

MARKING_ORDER = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]

# Reference fields whose target must be of a given kind.
EXPECTED_KIND: dict[str, str] = {
    "participants": "person",
    "speaker": "person",
    "head_of_state": "person",
    "country": "country",
    "countries": "country",
    "parties": "country",
    "proposed_by": "country",
    "part_of": "transport_corridor",
}

@dataclass
class ResolvedBrief:
    """A published brief with what other stages computed about it."""

    id: str
    brief: Brief
    entry: Entry
    refs: list[str] = field(default_factory=list)
    backlinks: list[str] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    headline: list[Figure] = field(default_factory=list)
    """Figures anywhere in the brief marked for the home page."""
    kind: str = field(init=False)
    """The brief's kind (read often enough to be worth a field)."""
    scan: Any = field(default=None, repr=False, compare=False)
    """The search of the brief's references it was made from (see :func:`resolve`)."""
    content_key: tuple[str, Brief] = field(init=False, repr=False, compare=False)
    """The brief's id and content: all that a listing shows of it, for memo keys."""

    def __post_init__(self) -> None:
        self.kind = self.brief.kind
        self.content_key = (self.id, self.brief)

    @property
    def review_due(self) -> dt.date:
        """The date the next review is due."""
        return self.brief.reviewed + dt.timedelta(days=self.brief.review_days)

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
    world: Any = field(default=None, repr=False, compare=False)
    """What the references were checked against. The next run of a live preview uses
    this very object when its own is equal, so that each unchanged brief's check, kept
    under it, is found by identity."""

    def highest_marking(self, ids: list[str] | None = None) -> str:
        """The most restrictive marking among the given (default: all published) briefs."""
        chosen = self.briefs.values() if ids is None else [self.briefs[i] for i in ids]
        return highest_marking({b.brief.marking for b in chosen})


def highest_marking(markings: set[str]) -> str:
    """The most restrictive of ``markings`` (TLP:CLEAR when there are none)."""
    return max(markings or {"TLP:CLEAR"}, key=MARKING_ORDER.index)


@dataclass(frozen=True)
class _World:
    """All that the checks of one brief's references read about the other briefs."""

    present: frozenset[str]
    kinds: dict[str, str]
    sources: frozenset[str]
    unverifiable: frozenset[str] | None


@dataclass
class _Scan:
    """What one brief refers to and cites, and the problems with it, in a given world."""

    refs: list[str]
    cited: list[str]
    headline: list[Figure]
    used: set[str]
    problems: list[Diagnostic]


def _scan(entry: Entry, world: _World, remember: bool) -> _Scan:
    """Check the references of one brief; with ``remember``, kept with the entry for as
    long as the world (a one-shot run keeps neither: 5 MB a thousand briefs)."""
    kept = entry.derived.get("scan")
    if kept is not None and kept[0] is world:
        return kept[1]
    if "references" in entry.derived:
        references = entry.derived["references"]
    else:
        references = list(references_in(entry.brief))
        if remember:
            entry.derived["references"] = references
    scan, problems = _Scan([], [], [], set(), []), Diagnostics()
    for loc, value in references:
        if isinstance(value, SourceRef):
            scan.used.add(value)
            if value not in world.sources and world.unverifiable is not None \
                    and value not in world.unverifiable:
                _unknown(entry, loc, problems, f"unknown source '{value}': add it to "
                         "briefs/_sources.yml or fix the id", value, sorted(world.sources))
            elif value not in scan.cited:
                scan.cited.append(value)
        elif isinstance(value, BriefRef):
            _check_ref(entry, loc, value, world, problems)
            if value not in scan.refs and value != entry.id:
                scan.refs.append(value)
        elif isinstance(value, Figure) and value.headline:
            scan.headline.append(value)
    scan.problems = problems.items
    if remember:
        entry.derived["scan"] = (world, scan)
    return scan


def resolve(
    tree: ValidatedTree, diagnostics: Diagnostics, *, audience: str, today: dt.date,
    known_ids: set[str] | None = None, previous: Site | None = None, remember: bool = False,
) -> Site:
    """Check cross-references and sources; build the site for ``audience``.

    With ``previous`` (the last run's site, kept by a live preview), a brief whose entry
    and resolved values are unchanged is the very :class:`ResolvedBrief` of that site:
    later stages can then tell an unchanged brief by identity. Kept objects are never
    changed in place (last run's keys may hold them); a changed one is replaced."""
    all_entries = {entry.id: entry for entry in tree.entries}
    # Ids whose files exist but failed validation: refs to them are not reported again.
    world = _World(
        frozenset(known_ids or ()) | frozenset(all_entries),
        {i: e.brief.kind for i, e in all_entries.items()}, frozenset(tree.sources),
        None if tree.unverifiable_sources is None else frozenset(tree.unverifiable_sources))
    if previous is not None and previous.world == world:
        world = previous.world
    allowed = AUDIENCES[audience]
    same_settings = previous is not None and (previous.audience, previous.today) == (
        audience, today)
    kept = previous.briefs if previous is not None and same_settings else {}
    resolved: dict[str, ResolvedBrief] = {}
    used_sources: set[str] = set()
    fresh: list[tuple[ResolvedBrief | None, ResolvedBrief]] = []
    for entry in tree.entries:
        scan = _scan(entry, world, remember)
        if scan.problems:
            diagnostics.extend(scan.problems)
        used_sources |= scan.used
        if entry.brief.marking in allowed:
            old = kept.get(entry.id)
            if old is not None and old.scan is scan and old.entry is entry:
                resolved[entry.id] = old
                continue
            refs, cited, headline = scan.refs, scan.cited, scan.headline
            if remember:  # the scan is kept with its lists; a one-shot run's is dropped
                refs, cited, headline = list(refs), list(cited), list(headline)
            resolved[entry.id] = ResolvedBrief(entry.id, entry.brief, entry, refs, [], cited,
                                               headline, scan=scan if remember else None)
            fresh.append((old, resolved[entry.id]))
    _warn_unused_sources(tree, used_sources | tree.cited_by_invalid, diagnostics)
    if previous is not None and same_settings and resolved.keys() == kept.keys():
        # The same briefs are published: patch what the changed ones changed.
        citing = patch_links(resolved, kept, fresh, previous.citing)
    else:
        link_back(resolved, kept)
        citing = citing_lists(resolved)
    sources = {s: tree.sources[s] for s in sorted(citing) if s in tree.sources}
    withheld = frozenset(all_entries) - frozenset(resolved)
    if previous is not None:
        sources = previous.sources if previous.sources == sources else sources
        withheld = previous.withheld if previous.withheld == withheld else withheld
    return Site(audience=audience, today=today, briefs=resolved, sources=sources,
                citing=citing, withheld=withheld, world=world)


def _error(entry: Entry, loc: Loc, diagnostics: Diagnostics, message: str) -> None:
    line, col = entry.file.position(loc)
    diagnostics.error(entry.file.display, line, col, message)


def _unknown(entry: Entry, loc: Loc, diagnostics: Diagnostics, message: str, name: str,
             choices: Iterable[str]) -> None:
    """An unknown id, with the closest known one as a hint."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.7)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    _error(entry, loc, diagnostics, message + hint)


def _check_ref(entry: Entry, loc: Loc, target: str, world: _World,
               diagnostics: Diagnostics) -> None:
    if target == entry.id:
        _error(entry, loc, diagnostics, f"brief '{target}' refers to itself")
        return
    if target not in world.present:
        _unknown(entry, loc, diagnostics, f"unknown brief '{target}'", target,
                 sorted(world.present))
        return
    expected = EXPECTED_KIND.get(field_name(loc))
    kind = world.kinds.get(target)
    if expected and kind is not None and kind != expected:
        _error(entry, loc, diagnostics, f"'{target}' is a {kind} brief; "
                                        f"'{field_name(loc)}' expects a {expected}")


def _warn_unused_sources(tree: ValidatedTree, used: set[str], diagnostics: Diagnostics) -> None:
    if tree.sources_file is None:
        return
    for source_id in tree.sources:
        if source_id not in used:
            line, col = tree.sources_file.position((source_id,), key=True)
            diagnostics.warning(tree.sources_file.display, line, col,
                                f"source '{source_id}' is not cited by any brief")
