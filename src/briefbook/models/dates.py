"""Dates known to the day, the month or only the year ("since 1997", "since March 2019").

A field ``start`` that accepts such dates keeps a :class:`datetime.date` (the first day of
the month or year) and the precision in a sibling field ``start_precision``, as milestones
and agreements already do with ``precision``: code that sorts or compares dates is not
changed, and pages show only what is known.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from .types import LocatedError

Precision = Literal["day", "month", "year"]

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_RE = re.compile(r"^\d{4}$")


def _partial(value: Any, name: str) -> tuple[Any, Precision | None]:
    """``value`` as a date and its precision, or unchanged (and None) when it is a full
    date or not a partial one (the field's own validator reports it then)."""
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int) and 1 <= value <= 9999:
        return dt.date(value, 1, 1), "year"
    if not isinstance(value, str):
        return value, None
    text = value.strip()
    if _YEAR_RE.match(text) and int(text) >= 1:
        return dt.date(int(text), 1, 1), "year"
    month = _MONTH_RE.match(text)
    if month:
        if not 1 <= int(month[2]) <= 12:
            raise LocatedError(f"'{text}': month {int(month[2])} does not exist "
                               "(write YYYY-MM-DD, YYYY-MM or YYYY)", (name,))
        return dt.date(int(month[1]), int(month[2]), 1), "month"
    return value, None


def split_partial_dates(data: Any, *names: str) -> Any:
    """For a model's ``mode="before"`` validator: each of ``names`` given as a year
    (``1997``) or a month (``"2019-03"``) becomes a date plus ``<name>_precision``."""
    if not isinstance(data, dict):
        return data
    changed = None
    for name in names:
        if name not in data:
            continue
        value, precision = _partial(data[name], name)
        if precision is not None:
            if f"{name}_precision" in data:
                raise LocatedError(f"'{name}' is given as a {precision}: leave out "
                                   f"'{name}_precision'", (f"{name}_precision",), at_key=True)
            changed = dict(data) if changed is None else changed
            changed[name] = value
            changed[f"{name}_precision"] = precision
    return data if changed is None else changed
