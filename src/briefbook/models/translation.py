"""Translation coverage: how many of a brief's text fields have a given language.

A brief's human-readable fields are :data:`~briefbook.models.types.Text`:
``{en: ..., ru: ...}``. Which fields those are is read from the models' annotations
(the ``Text`` validator in a field's metadata), never guessed from a value's shape:
other fields are mappings too (names by language, say). Every occurrence counts once:
a figure's label once per figure, a meeting's topics once per topic; an optional
field left out is not counted.
"""

from __future__ import annotations

import types
import typing
from collections import abc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel

from .types import Text

_TEXT_MARK = typing.get_args(Text)[1]
"""The validator that makes a field :data:`Text` (Text is ``Annotated[dict, it, ...]``)."""

Found = list[tuple[str, dict[str, str]]]
Reader = Callable[[Any, str, Found], None]
"""Finds the text fields in a value of one annotation, appending (path, text) pairs."""

_SEQUENCES = (list, tuple, set, frozenset, abc.Sequence, abc.MutableSequence, abc.Set)
_MAPPINGS = (dict, abc.Mapping, abc.MutableMapping)


@dataclass(frozen=True)
class Coverage:
    """How many of the text fields of a brief (or of several) have ``lang``."""

    lang: str
    total: int
    translated: int
    missing: tuple[str, ...] = ()
    """Dotted paths of the fields without ``lang`` (``figures[2].label``)."""

    @property
    def ratio(self) -> float:
        """The share translated, 0 to 1 (1 when there is nothing to translate)."""
        return self.translated / self.total if self.total else 1.0

    @property
    def percent(self) -> int:
        """The share in whole per cent, never 100 while a field lacks the language nor 0
        while one has it."""
        share = round(100 * self.ratio)
        if self.translated < self.total:
            share = min(share, 99)
        return max(share, 1) if self.translated else share

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(self.lang, self.total + other.total,
                        self.translated + other.translated, self.missing + other.missing)


def _is_text(metadata: tuple[Any, ...] | list[Any]) -> bool:
    return any(item == _TEXT_MARK for item in metadata)


def _text(value: Any, path: str, found: Found) -> None:
    if isinstance(value, dict):
        found.append((path, value))


def _model(value: Any, path: str, found: Found) -> None:
    if isinstance(value, BaseModel):
        for name, reader in _plan(type(value)):
            field = getattr(value, name)
            if field is not None:
                reader(field, f"{path}.{name}" if path else name, found)


def _sequence(item: Reader) -> Reader:
    def read(value: Any, path: str, found: Found) -> None:
        for index, element in enumerate(value if isinstance(value, list | tuple) else ()):
            if element is not None:
                item(element, f"{path}[{index}]", found)
    return read


def _mapping(item: Reader) -> Reader:
    def read(value: Any, path: str, found: Found) -> None:
        for key, element in value.items() if isinstance(value, dict) else ():
            if element is not None:
                item(element, f"{path}.{key}", found)
    return read


def _union(arms: list[tuple[Any, Reader]]) -> Reader:
    """One of several declared types: the arm the value's class belongs to."""
    if len(arms) == 1:
        return arms[0][1]

    def read(value: Any, path: str, found: Found) -> None:
        for arm, reader in arms:
            if isinstance(value, _origin(arm)):
                reader(value, path, found)
                return
    return read


def _origin(annotation: Any) -> type:
    """The runtime class of values of ``annotation`` (``dict`` for Text)."""
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation) or annotation
    if origin in _MAPPINGS:
        return dict
    if origin in _SEQUENCES:
        return list if origin is not tuple else tuple
    return origin if isinstance(origin, type) else object


def reader_of(annotation: Any, metadata: tuple[Any, ...] | list[Any] = ()) -> Reader | None:
    """What finds the text fields in a value of ``annotation`` (with a field's
    ``metadata``, where pydantic keeps a top-level ``Annotated``'s); None when the
    annotation can hold no text."""
    if _is_text(metadata):
        return _text
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        return reader_of(args[0], args[1:])
    if origin in (typing.Union, types.UnionType):
        arms = [(arm, reader) for arm in args if arm is not type(None)
                for reader in [reader_of(arm)] if reader is not None]
        return _union(arms) if arms else None
    if origin in _SEQUENCES and args:
        item = reader_of(args[0])
        return _sequence(item) if item is not None else None
    if origin in _MAPPINGS and len(args) == 2:
        item = reader_of(args[1])
        return _mapping(item) if item is not None else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model
    return None


_PLANS: dict[type[BaseModel], tuple[tuple[str, Reader], ...]] = {}


def _plan(model: type[BaseModel]) -> tuple[tuple[str, Reader], ...]:
    """The fields of ``model`` that can hold text, each with its reader (made once a
    class; nested models are read by their own plans, so recursive models are fine)."""
    plan = _PLANS.get(model)
    if plan is None:
        plan = _PLANS[model] = tuple(
            (name, reader) for name, field in model.model_fields.items()
            for reader in [reader_of(field.annotation, field.metadata)] if reader is not None)
    return plan


def text_fields(model: BaseModel) -> Iterator[tuple[str, dict[str, str]]]:
    """Every text field present in ``model`` (a validated brief, or any model), with its
    dotted path (``figures[2].label``), in the order of the model's fields."""
    found: Found = []
    _model(model, "", found)
    yield from found


def coverage(model: BaseModel, lang: str) -> Coverage:
    """How many of the text fields of ``model`` have ``lang``, and which lack it."""
    missing: list[str] = []
    total = 0
    for path, text in text_fields(model):
        total += 1
        if lang not in text:
            missing.append(path)
    return Coverage(lang, total, total - len(missing), tuple(missing))


def translated_share(model: BaseModel, lang: str) -> tuple[int, int]:
    """(fields with ``lang``, text fields) of ``model``."""
    found = coverage(model, lang)
    return found.translated, found.total
