"""Periods a figure covers: ``2023``, ``2024-H1``, ``2024-Q1``, ``2024-05``, ``2024-05-27``,
fiscal years (``FY2024``, ``2015/16``) and ranges of any two (``2024-01..2024-04``)."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Any, NoReturn

from pydantic import BeforeValidator, WithJsonSchema

_FORMS = ("2023, 2024-H1, 2024-Q1, 2024-05, 2024-05-27, a fiscal year (FY2024, 2015/16) "
          "or a range like 2024-01..2024-04")


def _to_period(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError("a period is a year, half, quarter, month, date, fiscal year or range")
    if isinstance(value, int):
        value = str(value)
    elif isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ValueError("a period is a year, half, quarter, month, date, fiscal year or range")
    parts = value.split("..")
    if len(parts) > 2:
        raise ValueError(f"'{value}' has more than one '..'")
    for part in parts:
        period_bounds(part)
    if len(parts) == 2 and period_bounds(parts[0])[0] > period_bounds(parts[1])[0]:
        raise ValueError(f"the range '{value}' ends before it starts")
    return value


_PERIOD_RE = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|\d{2})(?:-(\d{2}))?)?$")
_FISCAL_RE = re.compile(r"^(?:FY(\d{4})|(?:FY)?(\d{4})/(\d{2}))$")
_YEARS_RE = re.compile(r"^(\d{4})-(\d{2}|\d{4})$")


def period_bounds(text: str) -> tuple[date, date]:
    """First and last day of a single period such as ``2024``, ``2024-H1``, ``2024-05-27``.

    Fiscal years: ``FY2024`` is the calendar year 2024 (fiscal years start in different
    months in different countries, and a figure does not say which; the Factbook's FY2024
    is the year its data are for). ``2015/16`` (also ``FY2015/16``), a year that spans two
    calendar years, is the whole of both, 2015-01-01 to 2016-12-31: the smallest span sure to
    hold it whichever month it starts in, so a range or a chart never puts it before 2016.
    """
    fiscal = _FISCAL_RE.match(text)
    if fiscal:
        return _fiscal_bounds(text, fiscal)
    match = _PERIOD_RE.match(text)
    if not match:
        _not_a_period(text)
    year, middle, day = int(match[1]), match[2], match[3]
    if year < 1:
        raise ValueError(f"'{text}' is not a period: years start at 0001")
    if middle is None:
        return date(year, 1, 1), date(year, 12, 31)
    if middle.startswith("H"):
        half = int(middle[1])
        return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (
            date(year, 7, 1), date(year, 12, 31))
    if middle.startswith("Q"):
        quarter = int(middle[1])
        start = date(year, 3 * quarter - 2, 1)
        return start, _month_end(year, 3 * quarter)
    month = int(middle)
    if not 1 <= month <= 12:
        years = _years_hint(text, year, middle) if day is None and month > 12 else None
        raise ValueError(years or f"'{text}': month {month} does not exist")
    if day is None:
        return date(year, month, 1), _month_end(year, month)
    try:
        exact = date(year, month, int(day))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None
    return exact, exact


def _fiscal_bounds(text: str, match: re.Match[str]) -> tuple[date, date]:
    """The bounds of ``FY2024`` or ``2015/16`` (see :func:`period_bounds`)."""
    first = int(match[1] or match[2])
    last = first if match[1] else first + 1
    if not match[1] and int(match[3]) != last % 100:
        raise ValueError(f"'{text}' is not a period: a year that spans two is written with "
                         f"the next year's last two digits, like {first}/{last % 100:02d}")
    if first < 1 or last > 9999:
        raise ValueError(f"'{text}' is not a period: years run from 0001 to 9999")
    return date(first, 1, 1), date(last, 12, 31)


def _years_hint(text: str, first: int, second: str) -> str | None:
    """``'2020-25' looks like a range of years: write 2020..2025``, when it can be one."""
    last = int(second)
    if len(second) == 2:
        last += first - first % 100
        if last <= first:
            last += 100
    if not first < last <= 9999:
        return None
    return f"'{text}' looks like a range of years: write {first}..{last}"


def _not_a_period(text: str) -> NoReturn:
    years = _YEARS_RE.match(text)
    hint = _years_hint(text, int(years[1]), years[2]) if years else None
    raise ValueError(hint or f"'{text}' is not a period: use {_FORMS}")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


Period = Annotated[
    str,
    BeforeValidator(_to_period),
    WithJsonSchema({
        "anyOf": [{"type": "string"}, {"type": "integer"}],
        "description": _FORMS,
    }),
]
"""The period a figure covers, as written (``2024-H1``, ``FY2024``, ``2015/16..2017/18``)."""
