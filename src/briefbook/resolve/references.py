"""Finding what a brief refers to: every brief and source reference and every figure
inside a validated brief, with its location (for diagnostics and the export)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from briefbook.models import BriefRef, Figure, SourceRef
from briefbook.models.common import fields_holding

Loc = tuple[str | int, ...]
_SEARCHED = (BaseModel, BriefRef, SourceRef)
"""What the reference search looks into: models, and the references themselves."""


def walk(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every model, list item and string inside a brief, with its location, depth first.
    An explicit stack, not recursive generators: a brief has hundreds of nodes."""
    stack: list[tuple[Loc, Any]] = [(loc, value)]
    while stack:
        loc, value = stack.pop()
        yield loc, value
        if isinstance(value, BaseModel):
            names = list(type(value).model_fields)
            stack.extend([((*loc, name), getattr(value, name)) for name in reversed(names)])
        elif isinstance(value, list):
            stack.extend([((*loc, index), value[index])
                          for index in range(len(value) - 1, -1, -1)])


def references_in(brief: BaseModel) -> list[tuple[Loc, Any]]:
    """The brief and source references and the figures in a brief, with their locations, in
    the order :func:`walk` meets them; fields whose type holds none are not searched."""
    found: list[tuple[Loc, Any]] = []
    _collect(brief, (), found)
    return found


def _collect(model: BaseModel, loc: Loc, found: list[tuple[Loc, Any]]) -> None:
    # Recursive, with no node for each string or number: a brief is a few levels deep,
    # and walking every node was most of the resolve stage's time.
    if isinstance(model, Figure):
        found.append((loc, model))
    values = model.__dict__
    for name in fields_holding(type(model), _SEARCHED):
        value = values[name]
        if type(value) is list:
            for index, item in enumerate(value):
                if isinstance(item, (BriefRef, SourceRef)):
                    found.append(((*loc, name, index), item))
                elif isinstance(item, BaseModel):
                    _collect(item, (*loc, name, index), found)
        elif isinstance(value, (BriefRef, SourceRef)):
            found.append(((*loc, name), value))
        elif isinstance(value, BaseModel):
            _collect(value, (*loc, name), found)


def field_name(loc: Loc) -> str:
    """The name of the innermost field in a location."""
    return next((part for part in reversed(loc) if isinstance(part, str)), "")
