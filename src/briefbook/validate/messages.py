"""Pydantic's validation errors as plain-English diagnostics at ``path:line:col``.

Pydantic reports errors by location (a tuple of keys and indexes); the positions
recorded by the load stage turn each location into a line and column.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Collection
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from briefbook.errors import Diagnostics
from briefbook.load.files import LoadedFile
from briefbook.load.safeyaml import one_line
from briefbook.models.types import LocatedError, SourceRef
from briefbook.validate.forms import pattern_message


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the model found by following ``loc`` from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The model class inside ``list[X]``, ``X | None`` and the like, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _field_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[str, FieldInfo | None]:
    """The innermost field named in ``loc`` and its definition; the parts pydantic adds
    for the members of a union are passed over."""
    current: Any = model
    name, found = "", None
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type)
                                         and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(part)
        if field is not None:
            name, found = part, field
            current = _inner_model(field.annotation)
    return name, found


def _holds(annotation: Any, kind: type) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, kind)
    return any(_holds(arg, kind) for arg in typing.get_args(annotation))


def _pattern_message(error: Any, model: type[BaseModel], loc: tuple[str | int, ...],
                     ids: Collection[str]) -> str:
    name, field = _field_at(model, loc)
    annotation = field.annotation if field is not None else None
    return pattern_message(error.get("input"), error["ctx"]["pattern"], name,
                           source=_holds(annotation, SourceRef), ids=ids,
                           description=(field.description or "") if field is not None else "")


def _message(error: Any, model: type[BaseModel], loc: tuple[str | int, ...],
             ids: Collection[str]) -> tuple[str, bool]:
    """A plain-English message for one pydantic error, and whether it points at the key
    (``ids``: every brief id, to suggest one for a reference given as a name)."""
    kind = error["type"]
    if kind == "missing":
        return f"missing required key '{loc[-1]}'", True
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown key '{loc[-1]}'{hint}", True
    if kind == "too_short" and isinstance(loc[-1], str):
        least = error["ctx"]["min_length"]
        what = "source" if loc[-1] == "sources" else "item"
        return f"'{loc[-1]}' needs at least {least} {what}{'s' if least != 1 else ''}", False
    message = str(error["msg"])
    if message.startswith("Value error, "):
        return message[len("Value error, "):], False
    if kind == "literal_error":
        return f"'{error.get('input')}' is not allowed: expected {error['ctx']['expected']}", False
    if kind == "string_pattern_mismatch":
        return _pattern_message(error, model, loc, ids), False
    value = error.get("input")
    if isinstance(value, dict | list) or value is None:
        return message, False
    return f"{message} (got {value!r})", False


def report_validation_error(
    exc: ValidationError, model: type[BaseModel], file: LoadedFile, diagnostics: Diagnostics,
    prefix: tuple[str | int, ...] = (), ids: Collection[str] = frozenset(),
) -> None:
    """Add one diagnostic per pydantic error, positioned in ``file`` (``ids``: the id of
    every brief file, for suggestions)."""
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        message, at_key = _message(error, model, loc, ids)
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, LocatedError):
            loc, at_key = (*loc, *cause.loc), cause.at_key
        full = (*prefix, *loc)
        if error["type"] == "missing":
            line, col = file.position(full[:-1], key=True) if full[:-1] else (1, 1)
        else:
            line, col = file.position(full, key=at_key)
        diagnostics.error(file.display, line, col, one_line(message))
