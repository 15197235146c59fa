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
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.errors import Diagnostics, UsageError
from briefbook.load.files import load_tree
from briefbook.load.folders import BRIEF_SUFFIXES, ID_PATTERN, SOURCES_FILE
from briefbook.models import KINDS
from briefbook.validate.tree import PLACEHOLDER, validate_tree

NEW_MARKING = "TLP:AMBER"


@dataclass
class Picks:
    """Existing ids a skeleton may refer to, by kind, and existing source ids."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def of(self, kind: str, count: int, needed_by: str) -> list[str]:
        """The first ``count`` ids of ``kind``; a UsageError naming what is missing if too few."""
        found = self.ids.get(kind, [])
        if len(found) < count:
            raise UsageError(f"a {needed_by} brief needs {count} {kind} brief(s) to refer to and "
                             f"there are {len(found)}: create one first with "
                             f"briefbook new {kind} {kind}/NAME")
        return found[:count]

    def source(self, needed_by: str) -> str:
        """An existing source id; a UsageError if the registry is empty."""
        if not self.sources:
            raise UsageError(f"a {needed_by} brief must cite a source and briefs/_sources.yml "
                             "defines none: add one there first")
        return self.sources[0]


def _text(what: str) -> str:
    return json.dumps(f"{PLACEHOLDER} {what}", ensure_ascii=False)


def _flow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def _country(p: Picks, today: dt.date) -> list[str]:
    return ["iso2: XX  # ISO 3166-1 alpha-2 code", "iso3: XXX  # ISO 3166-1 alpha-3 code"]


def _person(p: Picks, today: dt.date) -> list[str]:
    return []


def _relation(p: Picks, today: dt.date) -> list[str]:
    return [f"parties: {_flow(p.of('country', 2, 'relation'))}  # change: the countries"]


def _meeting(p: Picks, today: dt.date) -> list[str]:
    source = p.source("meeting")
    return [
        f"date: {today.isoformat()}",
        "place:",
        f"  name: {_text('city or venue')}",
        f"  sources: [{source}]  # change: the source that gives the place",
        f"participants: {_flow(p.of('person', 1, 'meeting'))}  # change: the people who met",
        f"sources: [{source}]  # change: the sources that report the meeting",
    ]


def _in_country(needed_by: str) -> Callable[[Picks, dt.date], list[str]]:
    def lines(p: Picks, today: dt.date) -> list[str]:
        return [f"country: {p.of('country', 1, needed_by)[0]}  # change: the country"]
    return lines


def _corridor(p: Picks, today: dt.date) -> list[str]:
    countries = p.of("country", 1, "transport_corridor")
    return ["mode: rail  # rail, road, multimodal, sea or pipeline",
            "status: planned  # planned, under_construction, operational ...",
            f"countries: {_flow(countries)}  # change: the countries crossed"]


_KIND_LINES: dict[str, Callable[[Picks, dt.date], list[str]]] = {
    "country": _country,
    "person": _person,
    "relation": _relation,
    "meeting": _meeting,
    "gas_field": _in_country("gas_field"),
    "transport_corridor": _corridor,
    "industrial_park": _in_country("industrial_park"),
    "initiative": _person,
}


def skeleton(kind: str, picks: Picks, *, today: dt.date, schema_ref: str,
             marking: str = NEW_MARKING) -> str:
    """The text of a new brief of ``kind``: required fields filled, optional ones listed."""
    model = KINDS[kind]
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# A new {kind} brief. Replace every {PLACEHOLDER}, then run: briefbook validate",
        f"kind: {kind}",
        f"title: {_text('page title')}",
        f"summary: {_text('one or two sentences (Markdown)')}",
        f"marking: {marking}  # TLP:CLEAR is public; TLP:GREEN, TLP:AMBER, TLP:RED are not",
        f"reviewed: {today.isoformat()}",
        *_KIND_LINES[kind](picks, today),
    ]
    written = {line.split(":", 1)[0] for line in lines if not line.startswith((" ", "#"))}
    optional = [name for name in model.model_fields if name not in written]
    if optional:
        lines.append("# Optional (see schema/" + kind + ".json or the guide):")
        for name in optional:
            description = model.model_fields[name].description or ""
            lines.append(f"#   {name}: {description}")
    return "\n".join(lines) + "\n"


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
