"""``briefbook import factbook``: Factbook files in, briefs and a report out.

:func:`import_factbook` finds the files (a folder is searched for ``*.json``), reads
each (``leaves``), keeps those ``--only`` names (Factbook codes such as ``kz``, or ISO
codes such as ``KZ``), gives each an id (two entities of one name: the second id gets
its Factbook code), converts them (``convert``), writes them by the never-overwrite
rules (``output``), then the person briefs made on the way, then the sources registry's
entry. Everything a file holds that could not be read is a notice, never an exception;
only a failure to write is an error (``OutputError``).
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from .convert import Conversion, convert, person_brief, problems
from .coverage import Coverage, coverage_of
from .identity import Identity, identify
from .items import EDITION, Edition
from .leaves import Entity, Notice, read_entity
from .output import Outcome, ensure_source, write_brief
from .persons import People, existing_people
from .table import SECTION_TOPICS


@dataclass(frozen=True)
class FileResult:
    """One file imported: its conversion, what became of its brief, its coverage."""

    conversion: Conversion
    outcome: Outcome
    coverage: Coverage


@dataclass(frozen=True)
class ImportReport:
    """A whole run: the files, the person briefs, the registry entry, notices, time."""

    files: tuple[FileResult, ...]
    persons: tuple[Outcome, ...]
    source: str
    notices: tuple[Notice, ...]
    seconds: float

    def lines(self) -> list[str]:
        """What ``briefbook import factbook`` prints of each file and person brief."""
        lines = []
        for result in self.files:
            outcome = result.outcome
            extra = f" ({outcome.differs} field(s) differ)" if outcome.status == "skipped" else ""
            lines.append(f"{result.conversion.entity.display} -> {outcome.path}: "
                         f"{outcome.status}{extra}")
        return lines + [f"person -> {outcome.path}: {outcome.status}" for outcome in self.persons]

    def summary(self, dry_run: bool) -> str:
        """The run's one-line summary (on stderr)."""
        counts = {status: sum(1 for r in self.files if r.outcome.status == status)
                  for status in ("written", "regenerated", "unchanged", "skipped")}
        would = "would be " if dry_run else ""
        return (f"briefbook: {len(self.files)} file(s) imported in {self.seconds:.1f} s ("
                + ", ".join(f"{n} {would}{s}" for s, n in counts.items() if n)
                + f"), {len(self.persons)} person brief(s), {len(self.notices)} warning(s); "
                f"source {self.source}")


def find_files(paths: Sequence[Path]) -> list[tuple[Path, str]]:
    """The JSON files named or found under the folders named, with the name notices use
    (the path below the folder given)."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*.json")):
                found.append((file, file.relative_to(path).as_posix()))
        else:
            found.append((path, path.name))
    return found


def _known_ids(briefs_dir: Path) -> set[str]:
    if not briefs_dir.is_dir():
        return set()
    return {p.relative_to(briefs_dir).with_suffix("").as_posix()
            for p in briefs_dir.rglob("*.yml") if not p.name.startswith("_")}


def _schema_line(briefs_dir: Path, kind: str, brief_id: str) -> str:
    path = briefs_dir / f"{brief_id}.yml"
    schema = briefs_dir.resolve().parent / "schema" / f"{kind}.json"
    relative = Path(os.path.relpath(schema, path.parent.resolve())).as_posix()
    return f"# yaml-language-server: $schema={relative}\n"


def _chosen(entities: list[tuple[Entity, Identity]], only: Collection[str],
            notices: list[Notice]) -> list[tuple[Entity, Identity]]:
    wanted = {code.strip().lower() for code in only if code.strip()}
    chosen: list[tuple[Entity, Identity]] = []
    ids: set[str] = set()
    for entity, identity in entities:
        if not entity.leaves:
            continue  # unreadable: reading it said why
        if not any(leaf.path[0] in SECTION_TOPICS for leaf in entity.leaves):
            notices.append(Notice(entity.display, "", "no Factbook section in it: not imported"))
            continue
        codes = {entity.code, (identity.iso2 or "").lower(), (identity.iso3 or "").lower()}
        if wanted and not codes & wanted:
            continue
        if identity.id in ids:
            new_id = f"{identity.id}-{entity.code}"
            notices.append(Notice(entity.display, "", f"{identity.id} is another file's id: "
                                                      f"this one is {new_id}"))
            identity = dataclasses.replace(identity, id=new_id)
        ids.add(identity.id)
        chosen.append((entity, identity))
    return chosen


def import_factbook(paths: Sequence[Path], briefs_dir: Path, only: Collection[str] = (), *,
                    edition: Edition = EDITION, dry_run: bool = False) -> ImportReport:
    """Import Factbook files into ``briefs_dir`` (see the module's docstring)."""
    started = time.perf_counter()
    notices: list[Notice] = []
    entities: list[tuple[Entity, Identity]] = []
    for path, display in find_files(paths):
        entity, read_notices = read_entity(path, display)
        notices.extend(read_notices)
        entities.append((entity, identify(entity)))
    chosen = _chosen(entities, only, notices)
    known = frozenset(_known_ids(briefs_dir) | {identity.id for _, identity in chosen})
    people = People(existing_people(briefs_dir))
    results: list[FileResult] = []
    for entity, identity in chosen:
        conversion = convert(entity, edition, people, known, identity)
        notices.extend(conversion.notices)
        outcome = write_brief(briefs_dir / f"{identity.id}.yml", conversion.data,
                              entity.display, edition, dry_run=dry_run,
                              schema_line=_schema_line(briefs_dir, "country", identity.id))
        results.append(FileResult(conversion, outcome, coverage_of(conversion)))
    persons = _write_people(briefs_dir, people, edition, notices, dry_run)
    source = ensure_source(briefs_dir, edition, dry_run=dry_run)
    return ImportReport(tuple(results), persons, source, tuple(notices),
                        time.perf_counter() - started)


def _write_people(briefs_dir: Path, people: People, edition: Edition, notices: list[Notice],
                  dry_run: bool) -> tuple[Outcome, ...]:
    outcomes: list[Outcome] = []
    for brief_id, made in sorted(people.made.items()):
        data = person_brief(made)
        for loc, message in problems("person", data, edition.published):
            where = ".".join(str(part) for part in loc)
            notices.append(Notice(f"{brief_id}.yml", where, f"does not validate: {message}"))
        outcomes.append(write_brief(briefs_dir / f"{brief_id}.yml", data, "office holders",
                                    edition, dry_run=dry_run,
                                    schema_line=_schema_line(briefs_dir, "person", brief_id)))
    return tuple(outcomes)
