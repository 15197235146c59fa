"""Stage 1, load: find brief files and read them as safe YAML with positions.

The YAML itself is read by :mod:`briefbook.load.safeyaml` (safe tags only, no duplicate or
merge keys, bounded aliases and nesting); this module finds the files, turns paths
into ids, and enforces what holds for whole files: size, encoding, symbolic links,
duplicate ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefbook.errors import Diagnostics
from briefbook.load.fastyaml import FALLBACK, fast_load
from briefbook.load.folders import SOURCES_FILE, discover, display_path
from briefbook.load.invisible import bytes_hold_invisible
from briefbook.load.packed import unpack_values
from briefbook.load.safeyaml import (  # noqa: F401  (MAX_* and one_line are part of this module's API)
    MAX_DEPTH,
    MAX_NODES,
    Loc,
    Position,
    Positions,
    line_of_offset,
    one_line,
    read_mapping,
)
from briefbook.models.skeleton import PLACEHOLDER

MAX_FILE_BYTES = 1024 * 1024


def text_may_hold(text: str, word: str) -> bool:
    """False only when no string value of this YAML text can contain ``word``: YAML
    can spell a character differently only through a backslash escape, and folding
    joins lines with a space, so a value holds ``word`` only if the text does (or
    uses a backslash)."""
    return word in text or "\\" in text


def bytes_may_hold(raw: bytes, word: str) -> bool:
    """:func:`text_may_hold` on a file's UTF-8 bytes, without decoding them."""
    return word.encode() in raw or b"\\" in raw


def needs_scan(raw: bytes) -> bool:
    """False only when no string value of a brief file's bytes can start with
    :data:`PLACEHOLDER` or hold an invisible character (see
    :mod:`briefbook.load.invisible`): validation need not look at each value then."""
    return bytes_may_hold(raw, PLACEHOLDER) or bytes_hold_invisible(raw)


@dataclass
class LoadedFile:
    """One YAML file: its id, its data, and where each key and value stood."""

    path: Path
    display: str
    id: str
    data: Any = None
    key_positions: dict[Loc, Position] = field(default_factory=dict)
    value_positions: dict[Loc, Position] = field(default_factory=dict)
    positions_read: bool = True
    """False when the values came from the fast path (or a cache): positions are then
    read from the file the first time a diagnostic needs one."""
    needs_scan: bool = True
    """False when the file's bytes show that no value starts with :data:`PLACEHOLDER` or
    holds an invisible character (:func:`needs_scan`), so validation need not look."""
    digest: str = ""
    """SHA-256 of the file's bytes, when the loader computed it."""
    packed: bytes | None = None
    """The values, still packed (:mod:`briefbook.load.packed`; parsed by another process):
    :meth:`unpack` turns them into ``data`` only when a stage needs them."""

    def unpack(self) -> None:
        """Turn :attr:`packed` values into :attr:`data`."""
        if self.packed is not None:
            self.data, self.packed = unpack_values(self.packed), None

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The 1-based (line, col) of ``loc``, or of its nearest located parent."""
        if not self.positions_read:
            self._read_positions()
        table = self.key_positions if key else self.value_positions
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if key and probe in self.value_positions:
                return self.value_positions[probe]
            probe = probe[:-1]
        return (1, 1)

    def _read_positions(self) -> None:
        self.positions_read = True
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return
        read_mapping(text, self.display, Positions(self.key_positions, self.value_positions),
                     Diagnostics())


@dataclass
class LoadedTree:
    """Everything read from the briefs folder."""

    briefs: Iterable[LoadedFile]
    """A list, or (from the cached loader) an iterator that reads each file when asked."""
    sources: LoadedFile | None
    ids: frozenset[str]
    """The id of every brief file, known before any is read (the files are found first)."""



def digest(data: bytes) -> str:
    """SHA-256 of some bytes, as hex: the identity of a file's contents."""
    return hashlib.sha256(data).hexdigest()


def read_bounded(path: str | Path) -> bytes:
    """The file's bytes, reading at most one byte past MAX_FILE_BYTES (raises OSError)."""
    with open(path, "rb") as stream:
        return stream.read(MAX_FILE_BYTES + 1)


def load_file(path: Path, file_id: str, diagnostics: Diagnostics, *,
              raw: bytes | None = None, display: str | None = None) -> LoadedFile:
    """Read one YAML file; problems go to ``diagnostics`` and leave ``data`` as None.

    ``raw`` (from :func:`read_bounded`) and ``display`` spare a caller that already has
    them a second read and a second path resolution."""
    loaded = LoadedFile(path=path, display=display or display_path(path), id=file_id)
    where = loaded.display
    try:
        if raw is None:
            raw = read_bounded(path)
        if len(raw) > MAX_FILE_BYTES:
            size = path.stat().st_size
            diagnostics.error(where, 1, 1, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")
            return loaded
    except OSError as exc:
        diagnostics.error(where, 1, 1, f"cannot read file: {exc.strerror}")
        return loaded
    fast = fast_values(raw)
    if fast is not None:
        loaded.data, loaded.needs_scan = fast
        loaded.positions_read = False
        return loaded
    # The careful path: report what keeps the file off the fast path, with its position.
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = line_of_offset(raw, exc.start)
        diagnostics.error(where, line, col, "file is not valid UTF-8 text")
        return loaded
    if not text.strip():
        diagnostics.error(where, 1, 1, "file is empty")
        return loaded
    loaded.needs_scan = needs_scan(raw)
    positions = Positions(loaded.key_positions, loaded.value_positions)
    loaded.data = read_mapping(text, where, positions, diagnostics)
    return loaded


def fast_values(raw: bytes) -> tuple[Any, bool] | None:
    """(values, whether validation must look at each value: :func:`needs_scan`) of a brief
    file's bytes when they are on the fast path (libyaml events, positions read later if
    needed); None when :func:`load_file` must take the careful path: too large, not UTF-8,
    empty, or YAML the fast path leaves to the careful reader (which reports any problem)."""
    if len(raw) > MAX_FILE_BYTES:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if not text.strip():
        return None
    data = fast_load(text)
    return None if data is FALLBACK else (data, needs_scan(raw))


def load_tree(briefs_dir: Path, diagnostics: Diagnostics) -> LoadedTree:
    """Load every brief and the sources registry below ``briefs_dir``."""
    if not briefs_dir.is_dir():
        diagnostics.error(display_path(briefs_dir), 1, 1, "briefs folder not found")
        return LoadedTree([], None, frozenset())
    files, sources_path = discover(briefs_dir, diagnostics)
    briefs = [load_file(Path(path), ident, diagnostics) for path, ident in files]
    sources = load_file(sources_path, SOURCES_FILE, diagnostics) if sources_path else None
    return LoadedTree(briefs, sources, frozenset(ident for _, ident in files))
