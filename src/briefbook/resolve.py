"""Stage 3, resolve: audience filtering, cross-references, sources and backlinks.

The result, :class:`Site`, is everything the render stage needs and nothing it
must not show: briefs withheld from the audience are gone from it, and so are
sources only they cite.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import typing
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .errors import Diagnostics
from .models import Brief, BriefRef, Figure, Source, SourceRef
from .validate import Entry, ValidatedTree

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

Loc = tuple[str | int, ...]


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

    @property
    def kind(self) -> str:
        """The brief's kind."""
        return self.brief.kind

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

    def by_tag(self) -> dict[str, list[ResolvedBrief]]:
        """Published briefs grouped by tag, tags sorted."""
        tags: dict[str, list[ResolvedBrief]] = defaultdict(list)
        for resolved in self.briefs.values():
            for tag in resolved.brief.tags:
                tags[tag].append(resolved)
        return {tag: tags[tag] for tag in sorted(tags)}

    def highest_marking(self, ids: list[str] | None = None) -> str:
        """The most restrictive marking among the given (default: all published) briefs."""
        chosen = self.briefs.values() if ids is None else [self.briefs[i] for i in ids]
        markings = [b.brief.marking for b in chosen] or ["TLP:CLEAR"]
        return max(markings, key=MARKING_ORDER.index)


def _nodes(value: Any, loc: Loc,
           fields_of: Callable[[type[BaseModel]], Iterable[str]]) -> Iterator[tuple[Loc, Any]]:
    """Depth first, with locations: ``value``, then the ``fields_of`` each model and every
    list item. An explicit stack, not recursive generators: a brief has hundreds of nodes."""
    stack: list[tuple[Loc, Any]] = [(loc, value)]
    while stack:
        loc, value = stack.pop()
        yield loc, value
        if isinstance(value, BaseModel):
            names = list(fields_of(type(value)))
            stack.extend([((*loc, name), getattr(value, name)) for name in reversed(names)])
        elif isinstance(value, list):
            stack.extend([((*loc, index), value[index])
                          for index in range(len(value) - 1, -1, -1)])


def walk(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every model, list item and string inside a brief, with its location, depth first."""
    return _nodes(value, loc, lambda model: model.model_fields)


_WANTED = (BriefRef, SourceRef, Figure)


def _holds_wanted(annotation: Any) -> bool:
    """True when a value of this type may be, or contain, a reference or a figure."""
    if isinstance(annotation, type):
        return issubclass(annotation, (BaseModel, BriefRef, SourceRef))
    return any(_holds_wanted(arg) for arg in typing.get_args(annotation))


@functools.cache
def _fields_to_search(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name, info in model.model_fields.items()
                 if _holds_wanted(info.annotation))


def references_in(brief: BaseModel) -> Iterator[tuple[Loc, Any]]:
    """The brief and source references and the figures in a brief, with their locations, in
    the order :func:`walk` meets them; fields whose type holds none are not searched."""
    return ((loc, value) for loc, value in _nodes(brief, (), _fields_to_search)
            if isinstance(value, _WANTED))


def _field_name(loc: Loc) -> str:
    return next((part for part in reversed(loc) if isinstance(part, str)), "")


def resolve(
    tree: ValidatedTree, diagnostics: Diagnostics, *, audience: str, today: dt.date,
    known_ids: set[str] | None = None,
) -> Site:
    """Check cross-references and sources; build the site for ``audience``."""
    all_entries = {entry.id: entry for entry in tree.entries}
    # Ids whose files exist but failed validation: refs to them are not reported again.
    present = set(known_ids or ()) | set(all_entries)
    allowed = AUDIENCES[audience]
    published = {i: e for i, e in all_entries.items() if e.brief.marking in allowed}
    resolved: dict[str, ResolvedBrief] = {}
    used_sources: set[str] = set()
    for entry in tree.entries:
        refs: list[str] = []
        cited: list[str] = []
        headline: list[Figure] = []
        if entry.references is None:
            entry.references = list(references_in(entry.brief))
        for loc, value in entry.references:
            if isinstance(value, SourceRef):
                used_sources.add(value)
                unverifiable = tree.unverifiable_sources
                if value not in tree.sources and unverifiable is not None \
                        and value not in unverifiable:
                    _unknown(entry, loc, diagnostics, f"unknown source '{value}': add it to "
                             "briefs/_sources.yml or fix the id", value, tree.sources)
                elif value not in cited:
                    cited.append(value)
            elif isinstance(value, BriefRef):
                _check_ref(entry, loc, value, all_entries, present, diagnostics)
                if value not in refs and value != entry.id:
                    refs.append(value)
            elif isinstance(value, Figure) and value.headline:
                headline.append(value)
        if entry.id in published:
            resolved[entry.id] = ResolvedBrief(entry.id, entry.brief, entry, refs, [], cited,
                                               headline)
    _warn_unused_sources(tree, used_sources | tree.cited_by_invalid, diagnostics)
    for resolved_brief in resolved.values():
        for target in resolved_brief.refs:
            if target in resolved:
                resolved[target].backlinks.append(resolved_brief.id)
    citing: dict[str, list[str]] = defaultdict(list)
    for resolved_brief in resolved.values():
        for source_id in resolved_brief.cited_sources:
            citing[source_id].append(resolved_brief.id)
    sources = {s: tree.sources[s] for s in sorted(citing) if s in tree.sources}
    return Site(
        audience=audience, today=today, briefs=resolved, sources=sources,
        citing=dict(citing), withheld=frozenset(all_entries) - frozenset(resolved),
    )


def _error(entry: Entry, loc: Loc, diagnostics: Diagnostics, message: str) -> None:
    line, col = entry.file.position(loc)
    diagnostics.error(entry.file.display, line, col, message)


def _unknown(entry: Entry, loc: Loc, diagnostics: Diagnostics, message: str, name: str,
             choices: Iterable[str]) -> None:
    """An unknown id, with the closest known one as a hint."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.7)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    _error(entry, loc, diagnostics, message + hint)


def _check_ref(entry: Entry, loc: Loc, target: str, entries: dict[str, Entry], present: set[str],
               diagnostics: Diagnostics) -> None:
    if target == entry.id:
        _error(entry, loc, diagnostics, f"brief '{target}' refers to itself")
        return
    if target not in present:
        _unknown(entry, loc, diagnostics, f"unknown brief '{target}'", target, present)
        return
    expected = EXPECTED_KIND.get(_field_name(loc))
    if expected and target in entries and entries[target].brief.kind != expected:
        _error(entry, loc, diagnostics, f"'{target}' is a {entries[target].brief.kind} brief; "
                                        f"'{_field_name(loc)}' expects a {expected}")


def _warn_unused_sources(tree: ValidatedTree, used: set[str], diagnostics: Diagnostics) -> None:
    if tree.sources_file is None:
        return
    for source_id in tree.sources:
        if source_id not in used:
            line, col = tree.sources_file.position((source_id,), key=True)
            diagnostics.warning(tree.sources_file.display, line, col,
                                f"source '{source_id}' is not cited by any brief")
