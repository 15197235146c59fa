"""The checks of one brief's references, citations and points against the rest of the
content.

:func:`scan_brief` reads only the brief and a :class:`World` (the ids, kinds and
sources that exist), so a brief whose world and content are unchanged scans the same:
the incremental layer keeps scans on that understanding. :func:`check_codes` looks
across briefs (no two may have the same ISO code), so it is never part of a scan.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from briefbook.errors import Diagnostic, Diagnostics
from briefbook.models import REFERENCE_KINDS, BriefRef, Figure, SourceRef
from briefbook.resolve.placement import check_placement
from briefbook.resolve.references import Loc, field_name
from briefbook.validate.tree import Entry, ValidatedTree


@dataclass(frozen=True)
class World:
    """All that the checks of one brief's references read about the other briefs."""

    present: frozenset[str]
    kinds: dict[str, str]
    sources: frozenset[str]
    unverifiable: frozenset[str] | None
    codes: dict[str, str]
    """The iso3 of each country brief that has one, by id (for :mod:`.placement`)."""


def world_of(tree: ValidatedTree, known_ids: set[str] | None) -> World:
    """The world of ``tree``: ``known_ids`` are files that exist but failed validation (a
    reference to one is not reported again)."""
    entries = tree.entries
    return World(
        frozenset(known_ids or ()) | frozenset(e.id for e in entries),
        {e.id: e.brief.kind for e in entries}, frozenset(tree.sources),
        None if tree.unverifiable_sources is None else frozenset(tree.unverifiable_sources),
        {e.id: code for e in entries if e.brief.kind == "country"
         and isinstance(code := getattr(e.brief, "iso3", None), str)})


@dataclass
class Scan:
    """What one brief refers to and cites, and the problems with it, in a given world."""

    refs: list[str]
    cited: list[str]
    headline: list[Figure]
    used: set[str]
    problems: list[Diagnostic]


def scan_brief(entry: Entry, world: World, references: list[tuple[Loc, object]]) -> Scan:
    """Check the references of one brief (``references``: what
    :func:`~briefbook.resolve.references.references_in` found in it)."""
    scan, problems = Scan([], [], [], set(), []), Diagnostics()
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
    check_placement(entry, world.codes, problems)
    scan.problems = problems.items
    return scan


def _error(entry: Entry, loc: Loc, diagnostics: Diagnostics, message: str) -> None:
    line, col = entry.file.position(loc)
    diagnostics.error(entry.file.display, line, col, message)


def _unknown(entry: Entry, loc: Loc, diagnostics: Diagnostics, message: str, name: str,
             choices: Iterable[str]) -> None:
    """An unknown id, with the closest known one as a hint."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.7)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    _error(entry, loc, diagnostics, message + hint)


def _check_ref(entry: Entry, loc: Loc, target: str, world: World,
               diagnostics: Diagnostics) -> None:
    if target == entry.id:
        _error(entry, loc, diagnostics, f"brief '{target}' refers to itself")
        return
    if target not in world.present:
        _unknown(entry, loc, diagnostics, f"unknown brief '{target}'", target,
                 sorted(world.present))
        return
    expected = REFERENCE_KINDS.get(field_name(loc))
    kind = world.kinds.get(target)
    if expected and kind is not None and kind != expected:
        _error(entry, loc, diagnostics, f"'{target}' is a {kind} brief; "
                                        f"'{_written_name(loc)}' expects a {expected}")


def _written_name(loc: Loc) -> str:
    """The field as the author wrote it: ``head_of_state`` for the ``person`` that a plain
    ``head_of_state: person/x`` became, else the innermost field."""
    names = [part for part in loc if isinstance(part, str)]
    if len(names) >= 2 and names[-1] == "person" and isinstance(loc[-1], str):
        return names[-2]
    return field_name(loc)


CODE_FIELDS = ("iso2", "iso3")
"""The fields of a brief that hold an ISO 3166 code, which no two briefs may share."""


def check_codes(entries: Iterable[Entry], diagnostics: Diagnostics) -> None:
    """An error at the ``iso2`` or ``iso3`` of each brief (in ``entries``' order, id order)
    whose code an earlier brief has, naming that brief's file. Briefs without a code (an
    entity that has none) are passed over. It looks across all briefs, so it is done whole
    on every run, never kept with one brief's scan: one pass over the entries."""
    first: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        for name in CODE_FIELDS:
            code = getattr(entry.brief, name, None)
            if not isinstance(code, str):
                continue
            holder = first.setdefault((name, code), entry)
            if holder is not entry:
                _error(entry, (name,), diagnostics,
                       f"{name} '{code}' is already the code of {holder.id} "
                       f"({holder.file.display}): two briefs cannot have the same ISO code")


def warn_unused_sources(tree: ValidatedTree, used: set[str], diagnostics: Diagnostics) -> None:
    """A warning at every source of the registry that no brief cites."""
    if tree.sources_file is None:
        return
    for source_id in tree.sources:
        if source_id not in used:
            line, col = tree.sources_file.position((source_id,), key=True)
            diagnostics.warning(tree.sources_file.display, line, col,
                                f"source '{source_id}' is not cited by any brief")
