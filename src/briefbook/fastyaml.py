"""The fast path of the load stage: plain ``yaml.load`` speed for well-formed briefs.

Almost every brief is an ordinary mapping with no aliases, tags, merge keys or
duplicate keys. For those, libyaml's ``CSafeLoader`` with a stricter constructor
gives the same values as :mod:`briefbook.safeyaml` at a fraction of the cost,
without recording positions. Anything unusual (an alias, a tag, a duplicate key,
a bad date, deep nesting, a syntax error) makes :func:`fast_load` return
:data:`FALLBACK`, and the careful path in :mod:`briefbook.safeyaml` reads the file
again to report the problem at its exact line and column.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.cyaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import Resolver

from .safeyaml import MAX_DEPTH, MAX_NODES

FALLBACK = object()
"""Returned when the file needs the careful path (which reports why)."""

# libyaml composes nested flow collections recursively in C; far past this many
# brackets the careful path's iterative event scan must look first.
_MAX_BRACKETS = 2_000
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Unusual(Exception):
    """The document needs the careful path."""


class _StrictConstructor(SafeConstructor):
    """SafeConstructor that refuses aliases, unusual tags, merge and duplicate keys, and
    reads YAML 1.1-only plain scalars (``no``, ``1:30``) as text, like the careful path."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Unusual("alias")
        return super().construct_object(node, deep=deep)

    def construct_undefined(self, node: Node) -> Any:
        raise _Unusual("tag")

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, MappingNode):
            raise _Unusual("not a mapping")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG:
                raise _Unusual("key")
            key = key_node.value
            if key in result:
                raise _Unusual("duplicate key")
            result[key] = self.construct_object(value_node, deep=deep)
        return result

    def construct_yaml_bool(self, node: ScalarNode) -> Any:
        if not node.style and node.value.lower() not in ("true", "false"):
            return node.value
        return super().construct_yaml_bool(node)

    def construct_yaml_int(self, node: ScalarNode) -> Any:
        if not node.style and ":" in node.value:
            return node.value
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: ScalarNode) -> Any:
        if not node.style and ":" in node.value:
            return node.value
        return super().construct_yaml_float(node)


_StrictConstructor.yaml_constructors = {
    tag: constructor for tag, constructor in SafeConstructor.yaml_constructors.items()
    if tag in {
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float", "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp",
        "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
    }
}
for _tag, _name in (("bool", "construct_yaml_bool"), ("int", "construct_yaml_int"),
                    ("float", "construct_yaml_float")):
    _StrictConstructor.yaml_constructors[f"tag:yaml.org,2002:{_tag}"] = getattr(
        _StrictConstructor, _name)
_StrictConstructor.yaml_constructors[None] = _StrictConstructor.construct_undefined


class _FastLoader(CParser, _StrictConstructor, Resolver):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _StrictConstructor.__init__(self)
        Resolver.__init__(self)


def _within_bounds(data: Any) -> bool:
    """Nesting at most MAX_DEPTH and at most MAX_NODES values (iteratively)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_NODES:
            return False
        if isinstance(value, dict):
            stack.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value)
    return True


def fast_load(text: str) -> Any:
    """The mapping ``text`` holds, or :data:`FALLBACK` when the careful path must read it."""
    if text.count("[") + text.count("{") > _MAX_BRACKETS:
        return FALLBACK
    loader = _FastLoader(text)
    try:
        data = loader.get_single_data()
    except Exception:  # noqa: BLE001 - any problem at all is reported by the careful path
        return FALLBACK
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return FALLBACK
    if not _surely_within_bounds(text) and not _within_bounds(data):
        return FALLBACK
    return data


# Leading spaces and block indicators: "- - - x" nests three levels on one line.
_INDENT = re.compile(r"^[ ?:-]*", re.MULTILINE)


def _surely_within_bounds(text: str) -> bool:
    """A cheap sufficient test: too short for MAX_NODES values, and too little indentation
    and too few brackets for nesting deeper than MAX_DEPTH (every two block levels move a
    line's content at least one column right; flow levels each need a bracket)."""
    if len(text) >= 2 * MAX_NODES:
        return False
    deepest_indent = max(len(match) for match in _INDENT.findall(text))
    brackets = text.count("[") + text.count("{")
    return 2 * (deepest_indent + 1) + brackets <= MAX_DEPTH
