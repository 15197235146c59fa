"""Reading a Factbook file: every leaf with its path, whatever the file holds.

A Factbook file maps sections to fields, fields to subfields, down to leaves
``{"text": "..."}``; a field may also hold a ``"note"`` string beside its leaves. This
module reads any JSON at all into :class:`Leaf` values and never raises: a file that is
not JSON, or not a mapping, gives no leaves and one notice; a value of another shape (a
list, a number, a string where a mapping was expected) is read as well as it can be and
noted. Each leaf keeps the text exactly as published (HTML included): parsing is for
the converter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .text import plain

SEPARATOR = " › "
MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class Leaf:
    """One published value: its path of keys and its text (HTML as published)."""

    path: tuple[str, ...]
    text: str

    @property
    def at(self) -> str:
        """The path as a citation locator: ``Economy › Exports › Exports 2024``."""
        return SEPARATOR.join(self.path)

    @property
    def empty(self) -> bool:
        """True when the Factbook gives nothing: ``NA`` or an empty text."""
        return plain(self.text).strip(" .") in ("", "NA", "N/A")


@dataclass(frozen=True)
class Notice:
    """Something the importer could not read or chose not to do, for one file and place."""

    file: str
    where: str
    message: str

    def format(self) -> str:
        """``kz.json: Economy › Exchange rates: could not read '...'``."""
        return f"{self.file}: {self.where}: {self.message}" if self.where else (
            f"{self.file}: {self.message}")


@dataclass(frozen=True)
class Entity:
    """A Factbook file read: its code (the file name's stem), the name shown in notices,
    its region folder, its leaves and its fields' notes, in the file's order."""

    code: str
    display: str
    region: str | None
    leaves: tuple[Leaf, ...]
    notes: tuple[Leaf, ...]
    proper: int = 0
    """How many leaves are ``{"text": ...}`` as the Factbook writes them (0: not a
    Factbook entity file, such as the repository's meta/categories.json)."""

    def text(self, *path: str) -> str | None:
        """The text of the leaf at ``path``, or None (also for an empty leaf)."""
        for leaf in self.leaves:
            if leaf.path == path and not leaf.empty:
                return leaf.text
        return None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass
class _Walk:
    leaves: list[Leaf]
    notes: list[Leaf]
    notices: list[Notice]
    proper: int = 0


def _visit(found: _Walk, path: tuple[str, ...], value: Any, display: str
           ) -> list[tuple[tuple[str, ...], Any]]:
    """Take one value's leaves into ``found``; its children to visit, in order."""
    where = SEPARATOR.join(path)
    if isinstance(value, dict):
        children: list[tuple[tuple[str, ...], Any]] = []
        for key, child in value.items():
            key = str(key).strip()
            if key == "text" and isinstance(child, str):
                found.leaves.append(Leaf(path, child))
                found.proper += 1
            elif key == "note" and isinstance(child, str) and path:
                found.notes.append(Leaf(path, child))
            else:
                children.append(((*path, key), child))
        return children
    if isinstance(value, str):
        found.leaves.append(Leaf(path, value))
        found.notices.append(Notice(display, where, 'a string, not {"text": ...}: read as text'))
    elif isinstance(value, list):
        found.notices.append(Notice(display, where, "a list, not a field: read item by item"))
        return [((*path, str(i + 1)), item) for i, item in enumerate(value)]
    elif isinstance(value, bool) or value is None:
        found.notices.append(Notice(display, where, f"could not read {_shown(value)}"))
    elif isinstance(value, int | float):
        found.leaves.append(Leaf(path, str(value)))
        found.notices.append(Notice(display, where, 'a number, not {"text": ...}: read as text'))
    return []


def walk(data: Any, display: str) -> tuple[list[Leaf], list[Leaf], list[Notice], int]:
    """Leaves, notes and notices of any JSON value, in order (iteratively: no depth
    limit), and how many leaves were ``{"text": ...}`` as the Factbook writes them."""
    found = _Walk([], [], [])
    stack: list[tuple[tuple[str, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        stack.extend(reversed(_visit(found, path, value, display)))
    return [leaf for leaf in found.leaves if leaf.path], found.notes, found.notices, found.proper


def read_entity(path: Path, display: str | None = None) -> tuple[Entity, list[Notice]]:
    """Read one Factbook file; a file that cannot be read gives an entity without leaves."""
    shown = display or path.name
    entity = Entity(path.stem.lower(), shown, path.parent.name or None, (), ())
    try:
        raw = path.read_bytes()[:MAX_BYTES + 1]
    except OSError as error:
        return entity, [Notice(shown, "", f"could not read the file: {error.strerror or error}")]
    if len(raw) > MAX_BYTES:
        return entity, [Notice(shown, "", f"larger than {MAX_BYTES:,} bytes: not read")]
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return entity, [Notice(shown, "", "not UTF-8 text: not read")]
    except (ValueError, RecursionError) as error:
        return entity, [Notice(shown, "", f"not JSON ({str(error)[:80]}): not read")]
    if not isinstance(data, dict):
        return entity, [Notice(shown, "", f"not a Factbook file (a {type(data).__name__}, "
                                          "not a mapping of sections): not read")]
    leaves, notes, notices, proper = walk(data, shown)
    if not proper:
        return entity, [Notice(shown, "", 'no {"text": ...} leaf: not a Factbook entity file, '
                                          "not read")]
    return Entity(entity.code, shown, entity.region, tuple(leaves), tuple(notes), proper), notices
