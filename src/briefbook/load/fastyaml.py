"""The fast path of the load stage: faster than plain ``yaml.load`` for well-formed briefs.

Almost every brief is an ordinary mapping with no aliases, anchors, tags, merge keys
or duplicate keys. For those, this module builds the values straight from libyaml's
event stream (no node graph, no Python constructor machinery), resolving plain
scalars with PyYAML's own implicit resolvers and constructors under the careful
path's rules, so it gives the same values as :mod:`briefbook.load.safeyaml` in about half
the time ``yaml.load`` with ``CSafeLoader`` takes, without recording positions.
Anything unusual (an alias or anchor, a tag, a duplicate key, a bad date, deep
nesting, a syntax error) makes :func:`fast_load` return :data:`FALLBACK`, and the
careful path reads the file again to report the problem at its exact line and column.
"""

from __future__ import annotations

from typing import Any

from yaml.constructor import SafeConstructor
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.events import (
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from briefbook.load.safeyaml import MAX_DEPTH, MAX_NODES

FALLBACK = object()
"""Returned when the file needs the careful path (which reports why)."""

# Far past this many brackets the careful path's iterative event scan must look first.
_MAX_BRACKETS = 2_000
_STR_TAG = "tag:yaml.org,2002:str"


class _Unusual(Exception):
    """The document needs the careful path."""


class _ScalarConstructor(SafeConstructor):
    """SafeConstructor's scalars, but YAML 1.1-only plain scalars (``no``, ``1:30``) read
    as text, like the careful path."""

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


_CONSTRUCTOR = _ScalarConstructor()
_SCALARS = {
    f"tag:yaml.org,2002:{name}": getattr(_CONSTRUCTOR, f"construct_yaml_{name}")
    for name in ("null", "bool", "int", "float", "timestamp")
}
_RESOLVERS: dict[str, list[Any]] = {
    first: [*resolvers, *Resolver.yaml_implicit_resolvers.get(None, [])]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items() if first is not None
}


def _plain_scalar(value: str, style: str | None) -> Any:
    """The value of an untagged plain scalar, resolved as PyYAML's SafeLoader would."""
    for tag, pattern in _RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            construct = _SCALARS.get(tag)
            if construct is None:  # a merge key or '=' in value position
                raise _Unusual(tag)
            return construct(ScalarNode(tag, value, style=style))
    return value


def _plain(event: Any) -> bool:
    """No tag and no anchor: nothing the careful path must judge."""
    return event.tag is None and event.anchor is None


def _build(get_event: Any) -> dict[str, Any]:
    """The root mapping of one document, built from its events (raises _Unusual)."""
    event = get_event()
    if type(event) is not MappingStartEvent or not _plain(event):
        raise _Unusual("not a mapping")
    root: dict[str, Any] = {}
    # Open collections, innermost last. A collection is put in its parent when it
    # starts, so closing one only has to pop it.
    open_collections: list[Any] = [root]
    top: Any = root
    in_mapping = True
    key: str | None = None
    values = 1
    while True:
        event = get_event()
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            open_collections.pop()
            if not open_collections:
                return root
            top = open_collections[-1]
            in_mapping, key = type(top) is dict, None
            continue
        if in_mapping and key is None:
            if kind is not ScalarEvent or not _plain(event):
                raise _Unusual("key")
            key = event.value
            if key in top or (key == "<<" and event.implicit[0]):
                raise _Unusual("duplicate or merge key")
            continue
        values += 1
        if values > MAX_NODES or len(open_collections) >= MAX_DEPTH:
            raise _Unusual("too large or too deep")
        if kind is ScalarEvent:
            if not _plain(event):
                raise _Unusual("tag or anchor")
            value = _plain_scalar(event.value, event.style) if event.implicit[0] \
                else event.value
        elif (kind is MappingStartEvent or kind is SequenceStartEvent) and _plain(event):
            value = {} if kind is MappingStartEvent else []
        else:
            raise _Unusual("alias, tag or anchor")
        if in_mapping:
            top[key] = value
            key = None
        else:
            top.append(value)
        if kind is not ScalarEvent:
            open_collections.append(value)
            top, in_mapping = value, kind is MappingStartEvent


def fast_load(text: str) -> Any:
    """The mapping ``text`` holds, or :data:`FALLBACK` when the careful path must read it."""
    if text.count("[") + text.count("{") > _MAX_BRACKETS:
        return FALLBACK
    parser = CParser(text)
    try:
        get_event = parser.get_event
        get_event()  # stream start
        get_event()  # document start
        data = _build(get_event)
        if type(get_event()) is not DocumentEndEvent or type(get_event()) is not StreamEndEvent:
            return FALLBACK  # a second document
        return data
    except Exception:  # noqa: BLE001 - any problem at all is reported by the careful path
        return FALLBACK
    finally:
        parser.dispose()
