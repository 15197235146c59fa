"""Safe YAML: libyaml composes a node tree, then values are built here by hand.

Building the values ourselves lets us remember the line and column of every key and
value, and refuse what a brief never needs: tags other than the plain ones (so a
``!!python/...`` tag is an error, never executed), merge keys, duplicate keys and
recursive aliases. Before anything is built, nesting depth is checked on the event
stream and the size that aliases would expand to is measured on the node graph, so a
billion-laughs document is refused in milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefbook.errors import Diagnostics
from briefbook.load.invisible import INVISIBLE

Loc = tuple[str | int, ...]
Position = tuple[int, int]

MAX_NODES = 100_000
MAX_DEPTH = 50

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


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + re.escape(INVISIBLE) + "]")


def one_line(text: str) -> str:
    """``text`` with line breaks, control characters and invisible characters escaped
    (``\\n``, ``\\u202e``), for messages that quote what a file contains: a diagnostic is
    always exactly one line, shown in the order it is written."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class _Builder:
    """Turns a composed node tree into Python values, recording positions."""

    def __init__(self, where: str, positions: Positions, diagnostics: Diagnostics) -> None:
        self.where = where
        self.positions = positions
        self.diagnostics = diagnostics
        self.constructor = SafeConstructor()
        self.in_progress: set[int] = set()
        self.failed = False

    def fail(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.diagnostics.error(self.where, mark.line + 1, mark.column + 1,
                               one_line(message))
        self.failed = True

    def build(self, node: Node, loc: Loc) -> Any:
        self.positions.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
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
        if not node.style and _yaml11_only(node):
            # Read as YAML 1.2 (and as editors do): 'NO' is Norway and 1:30 is text.
            return node.value
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
            self.positions.keys[(*loc, key)] = (line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*loc, key))
        return result


def _yaml11_only(node: ScalarNode) -> bool:
    """True for plain scalars YAML 1.1 reads as booleans or base-60 numbers but 1.2 as text."""
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() not in ("true", "false")
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return ":" in node.value
    return False


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def line_of_offset(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _excerpt(value: str, limit: int = 40) -> str:
    """A value short enough to quote in a one-line message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _where(mark: Any) -> Position:
    """The 1-based (line, col) of a libyaml mark (1, 1 when there is none)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _check_events(text: str) -> tuple[int, int, str] | None:
    """Scan the event stream (iteratively, before composing anything) for nesting too deep
    to compose safely and for more values than a brief could need."""
    depth = values = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.NodeEvent):
            values += 1
            if values > MAX_NODES:
                line, col = _where(event.start_mark)
                return line, col, f"document has more than {MAX_NODES} values"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line, col = _where(event.start_mark)
                return line, col, f"values are nested more than {MAX_DEPTH} levels deep"
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
        line, col = line_of_offset(text.encode("utf-8"), len(text[: exc.position].encode("utf-8")))
        diagnostics.error(where, line, col,
                          f"invalid YAML: character U+{exc.character:04X} is not allowed "
                          f"({exc.reason})")
    except yaml.YAMLError as exc:
        diagnostics.error(where, 1, 1, f"invalid YAML: {_excerpt(str(exc).splitlines()[0], 80)}")
    return None


@dataclass
class Positions:
    """1-based (line, col) of each key and each value, by location in the document."""

    keys: dict[Loc, Position] = field(default_factory=dict)
    values: dict[Loc, Position] = field(default_factory=dict)


def read_mapping(text: str, where: str, positions: Positions, diagnostics: Diagnostics) -> Any:
    """The mapping a YAML document holds, or None after reporting why it cannot be used."""
    before = len(diagnostics)
    node = _compose(text, where, diagnostics)
    if node is None:
        if len(diagnostics) == before:
            diagnostics.error(where, 1, 1, "file has no content (only comments)")
        return None
    if not isinstance(node, MappingNode):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        diagnostics.error(where, line, col, "the top level must be a mapping of keys to values")
        return None
    oversized = _oversized(node)
    if oversized is not None:
        mark = oversized[0].start_mark
        diagnostics.error(where, mark.line + 1, mark.column + 1, oversized[1])
        return None
    builder = _Builder(where, positions, diagnostics)
    data = builder.build(node, ())
    return None if builder.failed else data
