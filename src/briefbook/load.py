"""Stage 1, load: find brief files and read them as safe YAML with positions.

Parsing uses libyaml (``CSafeLoader``) to compose a node tree; this module then
builds plain Python values from the nodes itself so that it can

* remember the line and column of every key and value,
* refuse duplicate keys, Python tags, merge keys and recursive aliases,
* bound how far anchors and aliases may expand (billion-laughs documents), measured on
  the node graph before anything is expanded, and how deeply values may nest.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Diagnostics

Loc = tuple[str | int, ...]
Position = tuple[int, int]

SOURCES_FILE = "_sources"
BRIEF_SUFFIXES = (".yml", ".yaml")
MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 50
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")

_ALLOWED_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class LoadedFile:
    """One YAML file: its id, its data, and where each key and value stood."""

    path: Path
    display: str
    id: str
    data: Any = None
    key_positions: dict[Loc, Position] = field(default_factory=dict)
    value_positions: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The 1-based (line, col) of ``loc``, or of its nearest located parent."""
        table = self.key_positions if key else self.value_positions
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if key and probe in self.value_positions:
                return self.value_positions[probe]
            probe = probe[:-1]
        return (1, 1)


@dataclass
class LoadedTree:
    """Everything read from the briefs folder."""

    briefs: list[LoadedFile]
    sources: LoadedFile | None


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it.

    Only the folder is resolved, never the file itself: a symbolic link is reported
    under its own name, not its target's."""
    cwd = Path.cwd().resolve()
    for candidate in (Path(os.path.abspath(path)), path.parent.resolve() / path.name):
        try:
            return candidate.relative_to(cwd).as_posix()
        except ValueError:
            continue
    return str(path)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with line breaks and control characters escaped (``\\n``), for messages that
    quote what a file contains: a diagnostic is always exactly one line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class _Builder:
    """Turns a composed node tree into Python values, recording positions."""

    def __init__(self, loaded: LoadedFile, diagnostics: Diagnostics) -> None:
        self.loaded = loaded
        self.diagnostics = diagnostics
        self.constructor = SafeConstructor()
        self.in_progress: set[int] = set()
        self.failed = False

    def fail(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.diagnostics.error(self.loaded.display, mark.line + 1, mark.column + 1,
                               one_line(message))
        self.failed = True

    def build(self, node: Node, loc: Loc) -> Any:
        self.loaded.value_positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if id(node) in self.in_progress:
            self.fail(node, "recursive alias: an anchor refers to itself")
            return None
        self.in_progress.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                if node.tag != _SEQ_TAG:
                    self.fail(node, f"YAML tag {_short_tag(node.tag)} is not allowed")
                    return None
                return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self._mapping(node, loc)
        finally:
            self.in_progress.discard(id(node))
        return None

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag not in _ALLOWED_SCALAR_TAGS:
            self.fail(node, f"YAML tag {_short_tag(node.tag)} is not allowed")
            return None
        try:
            return SafeConstructor.yaml_constructors[node.tag](self.constructor, node)
        except (ValueError, ConstructorError, OverflowError):
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.fail(node, f"'{_excerpt(node.value)}' is not a real date")
            else:
                self.fail(node, f"'{_excerpt(node.value)}' cannot be read as "
                          f"{_short_tag(node.tag)}")
            return None

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any] | None:
        if node.tag != _MAP_TAG:
            self.fail(node, f"YAML tag {_short_tag(node.tag)} is not allowed")
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag == _MERGE_TAG:
                self.fail(key_node, "merge keys (<<) are not supported: write the keys out")
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in first_seen:
                self.fail(key_node,
                          f"duplicate key '{key}' (first defined at line {first_seen[key]})")
                continue
            first_seen[key] = line
            self.loaded.key_positions[(*loc, key)] = (line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*loc, key))
        return result


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _line_of_offset(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _excerpt(value: str, limit: int = 40) -> str:
    """A value short enough to quote in a one-line message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _check_events(text: str) -> tuple[int, int, str] | None:
    """Scan the event stream (iteratively) for nesting too deep to compose safely."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return (mark.line + 1, mark.column + 1,
                        f"values are nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    return list(node.value) if isinstance(node, SequenceNode) else []


def _measure(root: Node, memo: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """Size and depth of ``root`` once aliases are expanded, computed on the node graph
    (iteratively, each shared node once) so a billion-laughs document is never expanded.
    A recursive alias counts as one value here; the builder reports it."""
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            size, depth = 1, 0
            for child in _children(node):
                child_size, child_depth = memo.get(id(child), (1, 1))
                size, depth = min(size + child_size, MAX_NODES + 1), max(depth, child_depth)
            memo[key] = (size, depth + 1)
            on_path.discard(key)
        elif key not in memo and key not in on_path:
            if isinstance(node, ScalarNode):
                memo[key] = (1, 1)
                continue
            on_path.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return memo[id(root)]


def _oversized(root: MappingNode) -> tuple[Node, str] | None:
    """The top-level value at which the expanded document grows too large or deep, if any."""
    memo: dict[int, tuple[int, int]] = {}
    total = 1
    for _key, value in root.value:
        size, depth = _measure(value, memo)
        total += 1 + size
        if total > MAX_NODES:
            return value, f"document expands to more than {MAX_NODES} values (too many aliases?)"
        if depth >= MAX_DEPTH:
            return value, f"values are nested more than {MAX_DEPTH} levels deep (through aliases)"
    return None


def _compose(text: str, where: str, diagnostics: Diagnostics) -> Node | None:
    """Parse ``text`` to a node tree; report a syntax problem and return None on failure."""
    try:
        deep = _check_events(text)
        if deep is not None:
            diagnostics.error(where, *deep)
            return None
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        diagnostics.error(where, line, col, f"invalid YAML: {problem}")
    except yaml.reader.ReaderError as exc:
        line, col = _line_of_offset(text.encode("utf-8"), len(text[: exc.position].encode("utf-8")))
        diagnostics.error(where, line, col,
                          f"invalid YAML: character U+{exc.character:04X} is not allowed "
                          f"({exc.reason})")
    except yaml.YAMLError as exc:
        diagnostics.error(where, 1, 1, f"invalid YAML: {_excerpt(str(exc).splitlines()[0], 80)}")
    return None


def load_file(path: Path, file_id: str, diagnostics: Diagnostics) -> LoadedFile:
    """Read one YAML file; problems go to ``diagnostics`` and leave ``data`` as None."""
    loaded = LoadedFile(path=path, display=display_path(path), id=file_id)
    where = loaded.display
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diagnostics.error(where, 1, 1, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")
            return loaded
        raw = path.read_bytes()
    except OSError as exc:
        diagnostics.error(where, 1, 1, f"cannot read file: {exc.strerror}")
        return loaded
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(raw, exc.start)
        diagnostics.error(where, line, col, "file is not valid UTF-8 text")
        return loaded
    if not text.strip():
        diagnostics.error(where, 1, 1, "file is empty")
        return loaded
    before = len(diagnostics)
    node = _compose(text, where, diagnostics)
    if node is None:
        if len(diagnostics) == before:
            diagnostics.error(where, 1, 1, "file has no content (only comments)")
        return loaded
    if not isinstance(node, MappingNode):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        diagnostics.error(where, line, col, "the top level must be a mapping of keys to values")
        return loaded
    oversized = _oversized(node)
    if oversized is not None:
        mark = oversized[0].start_mark
        diagnostics.error(where, mark.line + 1, mark.column + 1, oversized[1])
        return loaded
    builder = _Builder(loaded, diagnostics)
    data = builder.build(node, ())
    if not builder.failed:
        loaded.data = data
    return loaded


def file_id(relative: Path) -> str:
    """The brief id of a path relative to the briefs folder: no extension, ``/`` separators."""
    return relative.with_suffix("").as_posix()


def discover(
    briefs_dir: Path, diagnostics: Diagnostics,
) -> tuple[list[tuple[Path, str]], Path | None]:
    """List brief files (path, id) in a stable order, and the sources registry if present."""
    root = briefs_dir.resolve()
    found: dict[str, Path] = {}
    sources: Path | None = None
    for dirpath, dirnames, filenames in os.walk(briefs_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        for name in dirnames:
            if (here / name).is_symlink():
                diagnostics.error(display_path(here / name), 1, 1,
                                  "symbolic links are not allowed under the briefs folder")
        # .yml before .yaml, so that of a duplicated id the .yml file is the one kept.
        for name in sorted(filenames, key=lambda n: (Path(n).stem, not n.endswith(".yml"), n)):
            path = here / name
            if name.startswith(".") or not name.endswith(BRIEF_SUFFIXES):
                continue
            if path.is_symlink():
                target = path.resolve()
                inside = target.is_relative_to(root)
                where = "" if inside else f" (this one points outside it, to {target})"
                diagnostics.error(display_path(path), 1, 1,
                                  "symbolic links are not allowed under the briefs folder" + where)
                continue
            relative = path.relative_to(briefs_dir)
            ident = file_id(relative)
            if ident == SOURCES_FILE:
                if sources is not None:
                    diagnostics.error(display_path(path), 1, 1, "duplicate sources registry: "
                                      f"{display_path(sources)} exists too; keep one")
                    continue
                sources = path
                continue
            if ident in found:
                diagnostics.error(display_path(path), 1, 1, f"duplicate brief id '{ident}': "
                                  f"{display_path(found[ident])} has it too; keep one")
                continue
            if not ID_PATTERN.match(ident):
                diagnostics.error(display_path(path), 1, 1,
                                  f"invalid brief id '{ident}': use lower-case letters, digits, "
                                  "'-' and '_' in file and folder names")
                continue
            found[ident] = path
    return [(found[k], k) for k in sorted(found)], sources


def load_tree(briefs_dir: Path, diagnostics: Diagnostics) -> LoadedTree:
    """Load every brief and the sources registry below ``briefs_dir``."""
    if not briefs_dir.is_dir():
        diagnostics.error(display_path(briefs_dir), 1, 1, "briefs folder not found")
        return LoadedTree([], None)
    files, sources_path = discover(briefs_dir, diagnostics)
    briefs = [load_file(path, ident, diagnostics) for path, ident in files]
    sources = load_file(sources_path, SOURCES_FILE, diagnostics) if sources_path else None
    return LoadedTree(briefs, sources)
