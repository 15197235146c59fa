"""Validated briefs share, and never change, the sets of fields their YAML gave; and which
fields of a model may hold a model or a reference (for the walks over a brief)."""

from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import BaseModel


class _SharedFieldsSet(set[str]):
    """A set of given fields shared by many models: a ``set`` (which pydantic's
    serializer requires) that refuses every change."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a validated brief is not changed: build a new one")

    add = discard = remove = pop = clear = update = _refuse
    intersection_update = difference_update = symmetric_difference_update = _refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse


_FIELDS_SETS: dict[frozenset[str], _SharedFieldsSet] = {}


def _may_hold(annotation: Any, kinds: tuple[type, ...]) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, kinds)
    return any(_may_hold(arg, kinds) for arg in typing.get_args(annotation))


@functools.cache
def fields_holding(model: type[BaseModel], kinds: tuple[type, ...]) -> tuple[str, ...]:
    """The fields of a model class whose type may be, or contain (in a list, or as an
    option), a value of one of ``kinds``."""
    return tuple(name for name, info in model.model_fields.items()
                 if _may_hold(info.annotation, kinds))


def share_fields_sets(model: BaseModel) -> None:
    """Give ``model`` and every model inside it a shared, unchangeable copy of the set of
    the fields its YAML gave (pydantic makes one set per model: a third of a validated brief's
    memory, 40 MB at 10,000 briefs, and memory that every forked render worker copies).

    Validated briefs are never changed: setting a field of one is now an error."""
    stack = [model]
    while stack:
        current = stack.pop()
        fields = frozenset(current.__pydantic_fields_set__)
        shared = _FIELDS_SETS.get(fields)
        if shared is None:
            shared = _FIELDS_SETS[fields] = _SharedFieldsSet(fields)
        object.__setattr__(current, "__pydantic_fields_set__", shared)
        values = current.__dict__
        for name in fields_holding(type(current), (BaseModel,)):
            value = values[name]
            if type(value) is list:
                stack.extend(value)
            elif value is not None:
                stack.append(value)
