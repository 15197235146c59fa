"""Portion markings: parts of a brief that carry a TLP marking of their own.

A *portion* is any model inside a brief with a ``marking`` field: a figure (wherever it
stands), a quote, a talking point, an objective, a point the counterpart may raise, a
deliverable, an open issue. Its marking, when given, is stricter than or equal to its
brief's (:func:`looser_portions` finds those that are not, for the validate stage);
:func:`redact` gives the brief as one audience may read it (for the resolve stage).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Collection, Iterator
from typing import Any

from pydantic import BaseModel, Field

from .common import PORTION_MARKING, Brief, Sources, Strict
from .sharing import fields_holding, share_fields_sets
from .topics import Topic
from .types import BriefRef, Marking, Text

MARKING_ORDER = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")
"""Markings from the least to the most restrictive."""

Loc = tuple[str | int, ...]
M = typing.TypeVar("M", bound=BaseModel)


def stricter(marking: str, than: str) -> bool:
    """Whether ``marking`` is more restrictive than ``than``."""
    return MARKING_ORDER.index(marking) > MARKING_ORDER.index(than)


class Point(Strict):
    """A point of a meeting's or relation's preparation, with its briefs and sources."""

    text: Text = Field(description="The point, one or two sentences")
    refs: list[BriefRef] = Field(default_factory=list,
                                 description="Ids of the briefs it is about (linked on the page)")
    sources: Sources = Field(default_factory=list,
                             description="Ids of sources for any fact it states")
    marking: Marking | None = Field(None, description=PORTION_MARKING)


class TalkingPoint(Point):
    """A point to make in the meeting, optionally under a topic."""

    topic: Topic | None = Field(None, description="What the point is about (trade, energy, "
                                "transport ...): the page groups points by topic")


class CounterpartPoint(Point):
    """What the other side may raise, and optionally the line to take in reply."""

    response: Text | None = Field(None, description="The line to take if it is raised")


def _classes(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _classes(argument)


@functools.cache
def portion_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that may hold a portion (a model with a ``marking`` of its
    own), directly or deeper: the only ones the walks below look into."""
    return tuple(name for name in fields_holding(model, (BaseModel,))
                 if any(("marking" in part.model_fields and not issubclass(part, Brief))
                        or portion_fields(part)
                        for part in _classes(model.model_fields[name].annotation)))


def _items(model: BaseModel) -> Iterator[tuple[Loc, Any]]:
    values = model.__dict__
    for name in portion_fields(type(model)):
        value = values[name]
        if type(value) is list:
            yield from (((name, index), item) for index, item in enumerate(value))
        elif value is not None:
            yield (name,), value


def portions(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every portion inside ``model`` that gives its own marking, with its location."""
    for where, item in _items(model):
        if isinstance(item, BaseModel):
            marking = getattr(item, "marking", None)
            if marking is not None:
                yield (*loc, *where), marking
            if portion_fields(type(item)):
                yield from portions(item, (*loc, *where))


def looser_portions(brief: Brief) -> Iterator[tuple[Loc, str]]:
    """The location of every portion marked less strictly than ``brief``, with a message."""
    for loc, marking in portions(brief):
        if stricter(brief.marking, marking):
            yield (*loc, "marking"), (
                f"this part is marked {marking}, less strict than its brief's "
                f"{brief.marking}: a part may only be as strict or stricter")


def _shown(item: Any, allowed: Collection[str], kept: set[str]) -> Any:
    """``item`` as the audience reads it: None when withheld, redacted inside."""
    if not isinstance(item, BaseModel):
        return item
    marking = getattr(item, "marking", None)
    if marking is not None:
        if marking not in allowed:
            return None
        kept.add(marking)
    if portion_fields(type(item)):
        item, inner = redact(item, allowed)
        kept |= inner
    return item


def redact(model: M, allowed: Collection[str]) -> tuple[M, set[str]]:
    """``model`` without the portions whose marking is not in ``allowed`` (a list loses
    the item, an optional field becomes empty), and the markings of the portions kept.
    ``model`` itself when nothing is removed; never changes it (validated briefs are
    shared and unchangeable): what changes is copied."""
    update: dict[str, Any] = {}
    kept: set[str] = set()
    values = model.__dict__
    for name in portion_fields(type(model)):
        value = values[name]
        if type(value) is list:
            new: list[Any] | None = None
            for index, item in enumerate(value):
                shown = _shown(item, allowed, kept)
                if shown is not item and new is None:
                    new = value[:index]
                if new is not None and shown is not None:
                    new.append(shown)
            if new is not None:
                update[name] = new
        elif value is not None and (shown := _shown(value, allowed, kept)) is not value:
            update[name] = shown
    if not update:
        return model, kept
    copy = type(model).model_construct(_fields_set=set(model.model_fields_set),
                                       **{**values, **update})
    share_fields_sets(copy)
    return copy, kept
