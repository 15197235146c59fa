"""Citations: a source id, or a source id with where in the source (``{id: ..., at: ...}``).

:class:`briefbook.models.types.SourceRef` is the id as a string with an ``at`` attribute;
this module validates and serialises it, so that a locator reaches the page, the export
and the digest that decides whether a page is rendered again.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic_core import CoreSchema, core_schema

from .located import REF_PATTERN, LocatedError

Ref = TypeVar("Ref", bound=str)


def core_schema_of(cls: type[str]) -> CoreSchema:
    """Pydantic's schema of a citation class: validated here, written by :func:`source_ref_out`."""
    return core_schema.no_info_plain_validator_function(
        lambda value: to_source_ref(cls, value),
        serialization=core_schema.plain_serializer_function_ser_schema(source_ref_out))


def json_schema(description: str) -> dict[str, Any]:
    """The JSON Schema of a citation: an id, or an object with ``id`` and ``at``."""
    plain = {"type": "string", "pattern": REF_PATTERN}
    return {"description": description + "; or {id: ..., at: where in the source}",
            "anyOf": [plain, {
                "type": "object", "required": ["id"], "additionalProperties": False,
                "properties": {"id": {**plain, "description": "Id of the source"}, "at": {
                    "type": "string", "minLength": 1,
                    "description": "Where in the source: section and field, page, table"}},
            }]}


_SOURCE_ID_WORDS = ("a source id is lower-case letters, digits, '-' and '_' (the key of the "
                    "source in briefs/_sources.yml)")


def to_source_ref(cls: type[Ref], value: Any) -> Ref:
    """``value`` (an id, or ``{id, at}``) as a ``cls``, the locator in its ``at``."""
    if isinstance(value, cls):
        return value
    if isinstance(value, dict):
        extra = sorted(str(key) for key in value if key not in ("id", "at"))
        if extra:
            raise LocatedError(f"unknown key '{extra[0]}': a citation has 'id' and 'at'",
                               (extra[0],), at_key=True)
        if "id" not in value:
            raise ValueError("a citation needs the 'id' of its source")
        at = value.get("at")
        if at is not None and (not isinstance(at, str) or not at.strip()):
            raise LocatedError("'at' must be text saying where in the source", ("at",))
        ident = value["id"]
        if not isinstance(ident, str) or not re.match(REF_PATTERN, ident):
            raise LocatedError(f"{ident!r} is not a source id: {_SOURCE_ID_WORDS}", ("id",))
        ref = cls(ident)
        if at is not None:
            setattr(ref, "at", at.strip())  # noqa: B010 (a str subclass's own attribute)
        return ref
    if not isinstance(value, str) or not re.match(REF_PATTERN, value):
        raise ValueError(f"{value!r} is not a source id: {_SOURCE_ID_WORDS}")
    return cls(value)


def source_ref_out(ref: Any) -> str | dict[str, str]:
    """A citation as YAML/JSON writes it: the id, or ``{id, at}`` when it has a locator."""
    at = getattr(ref, "at", None)
    return str(ref) if at is None else {"id": str(ref), "at": at}
