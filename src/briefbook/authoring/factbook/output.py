"""Writing imported briefs without ever overwriting somebody's work.

* A brief file that does not exist is written (with the importer's first line, see
  ``emit.py``).
* A file whose first line is the importer's and whose digest still matches the rest was
  written by the importer and changed by nobody since: it is written again when the
  import gives other content ("regenerated"), else left ("unchanged").
* Any other file (written by hand, or imported and then edited: the digest no longer
  matches) is left alone and reported as skipped, with the number of its top-level
  fields whose value differs from the import's (fields only one of them has count too).
  Merging field by field was the other choice; it was not made because a hand-edited
  brief's figures and facts cannot be told apart from imported ones, and a merge that
  guesses could silently undo a writer's correction.
* ``briefs/_sources.yml`` is never rewritten: the edition's entry is appended as text
  when its id is missing (the file is created when there is none).

Files are written to a temporary name beside the target and renamed onto it, so a run
that dies leaves either the old file or the new one.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from briefbook.errors import io_failure

from .emit import dump, marked, unchanged_import
from .items import Edition

Status = Literal["written", "regenerated", "unchanged", "skipped"]
SOURCES_HEADER = ("# The sources registry: every source is defined once here and cited by id "
                  "from any brief.\n")


@dataclass(frozen=True)
class Outcome:
    """What became of one brief file: written, regenerated, unchanged or skipped (with
    the number of fields that differ)."""

    path: Path
    status: Status
    differs: int = 0


def _write_text(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise io_failure(error) from error


def differing_fields(existing: Any, new: dict[str, Any]) -> int:
    """How many top-level fields differ between a brief file's values and the import's."""
    if not isinstance(existing, dict):
        return len(new)
    keys = set(existing) | set(new)
    return sum(1 for key in keys if existing.get(key) != new.get(key))


def _read_values(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def write_brief(path: Path, data: dict[str, Any], origin: str, edition: Edition, *,
                schema_line: str = "", dry_run: bool = False) -> Outcome:
    """Write (or leave) one imported brief at ``path`` by the rules above."""
    body = schema_line + dump(data)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return Outcome(path, "skipped", differing_fields(None, data))
    if not path.exists():
        if not dry_run:
            _write_text(path, marked(body, origin, edition.source_id))
        return Outcome(path, "written")
    try:
        current = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return Outcome(path, "skipped", differing_fields(None, data))
    previous = unchanged_import(current)
    if previous is None:
        new_values = _read_values(body)
        return Outcome(path, "skipped", differing_fields(_read_values(current), new_values))
    if previous == body:
        return Outcome(path, "unchanged")
    if not dry_run:
        _write_text(path, marked(body, origin, edition.source_id))
    return Outcome(path, "regenerated")


def ensure_source(briefs_dir: Path, edition: Edition, *, dry_run: bool = False) -> str:
    """Append the edition's entry to ``_sources.yml`` when missing: 'present', 'added'
    or 'created'."""
    path = briefs_dir / "_sources.yml"
    entry = edition.registry_entry()
    if not path.exists():
        if not dry_run:
            _write_text(path, SOURCES_HEADER + entry)
        return "created"
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise io_failure(OSError(str(error)), "read") from error
    if re.search(rf"^{re.escape(edition.source_id)}\s*:", text, re.MULTILINE):
        return "present"
    if not dry_run:
        separator = "" if not text or text.endswith("\n") else "\n"
        try:
            with path.open("a", encoding="utf-8", newline="\n") as stream:
                stream.write(separator + entry)
        except OSError as error:
            raise io_failure(error) from error
    return "added"
