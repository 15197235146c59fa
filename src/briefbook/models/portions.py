"""Portion markings: parts of a brief that carry a TLP marking of their own.

A *portion* is any model inside a brief with a ``marking`` field: a figure (wherever it
stands), a quote, a talking point, an objective, a point the counterpart may raise, a
deliverable, an open issue. Its marking, when given, is stricter than or equal to its
brief's (:func:`looser_portions` finds those that are not, for the validate stage);
:func:`redact` gives the brief as one audience may read it (for the resolve stage).
"""

from __future__ import annotations

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


def _portion_fields(model: BaseModel) -> Iterator[tuple[str, Any]]:
    values = model.__dict__
    for name in fields_holding(type(model), (BaseModel,)):
        yield name, values[name]


def portions(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every portion inside ``model`` that gives its own marking, with its location."""
    for name, value in _portion_fields(model):
        items = enumerate(value) if type(value) is list else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                where = (*loc, name) if index is None else (*loc, name, index)
                marking = getattr(item, "marking", None)
                if marking is not None and "marking" in type(item).model_fields:
                    yield where, marking
                yield from portions(item, where)


def looser_portions(brief: Brief) -> Iterator[tuple[Loc, str]]:
    """The location of every portion marked less strictly than ``brief``, with a message."""
    for loc, marking in portions(brief):
        if stricter(brief.marking, marking):
            yield (*loc, "marking"), (
                f"this part is marked {marking}, less strict than its brief's "
                f"{brief.marking}: a part may only be as strict or stricter")


def redact(model: Any, allowed: Collection[str]) -> tuple[Any, set[str]]:
    """``model`` without the portions whose marking is not in ``allowed`` (a list loses
    the item, an optional field becomes empty), and the markings of the portions kept.
    ``model`` itself when nothing is removed; never changes it (validated briefs are
    shared and unchangeable): what changes is copied."""
    update: dict[str, Any] = {}
    kept: set[str] = set()
    for name, value in _portion_fields(model):
        items = value if type(value) is list else [value]
        new = []
        for item in items:
            marking = getattr(item, "marking", None) if isinstance(item, BaseModel) else None
            if marking is not None and marking not in allowed:
                continue
            if marking is not None:
                kept.add(marking)
            if isinstance(item, BaseModel):
                item, inner = redact(item, allowed)
                kept |= inner
            new.append(item)
        if any(a is not b for a, b in zip(new, items, strict=False)) or len(new) < len(items):
            update[name] = new if type(value) is list else (new[0] if new else None)
    if not update:
        return model, kept
    copy = type(model).model_construct(_fields_set=set(model.model_fields_set),
                                       **{**model.__dict__, **update})
    share_fields_sets(copy)
    return copy, kept
