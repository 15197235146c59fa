"""A currency that has left use is the unit only of figures from before it did.

The check of :class:`~briefbook.models.common.Figure` (a validator there calls
:func:`currencies_in_use`): its own module because it needs both the periods
(``types``) and the currency list (``currencies``), which ``types`` itself imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from .currencies import historic, out_of_use
from .located import LocatedError
from .types import period_bounds


class _Alternative(Protocol):
    unit: str | None


class _Figure(Protocol):
    unit: str
    period: str | None

    @property
    def alternatives(self) -> Sequence[_Alternative]: ...


F = TypeVar("F", bound=_Figure)


def currencies_in_use(figure: F) -> F:
    """``figure`` as it is; ``LocatedError`` at its ``unit`` (or an alternative's) when that
    is a currency that left use before the figure's period ended."""
    if not figure.alternatives and historic(figure.unit) is None:
        return figure  # the common case, checked first
    units = [(("unit",), figure.unit)] + [
        (("alternatives", index, "unit"), alternative.unit)
        for index, alternative in enumerate(figure.alternatives) if alternative.unit]
    for loc, unit in units:
        if unit is None or historic(unit) is None:
            continue
        parts = figure.period.split("..") if figure.period else None
        bounds = (period_bounds(parts[0])[0], period_bounds(parts[-1])[1]) if parts else None
        problem = out_of_use(unit, figure.period, bounds)
        if problem:
            raise LocatedError(problem, loc)
    return figure
