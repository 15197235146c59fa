"""Periods and dates as the Factbook writes them, as briefs write them.

=====================================  ==========================================
Factbook                               brief
=====================================  ==========================================
``(2023 est.)``                        ``period: 2023``, ``status: estimate``
``(2023)``                             ``period: 2023``, ``status: actual``
no date                                no period, ``status: reported``
``(2020-25 est.)``, ``(2022-2024)``    ``period: 2020..2025``, ``2022..2024``
``(FY2015/16)``, ``(FY2024)``          ``period: 2015/16``, ``FY2024``
``(July 2020 est.)``                   ``period: 2020-07``
``(1 January 2018 est.)``              ``period: 2018-01-01``
``since 20 March 2019``                ``2019-03-20`` (a date)
``since January 2025``, ``2019``       ``"2025-01"``, ``2019``
``3/19/2023``                          ``2023-03-19``
=====================================  ==========================================
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = "(?:" + "|".join(month.capitalize() for month in MONTHS) + ")"
_DATE_TEXT = re.compile(rf"(?:(\d{{1,2}})\s+)?(?:({_MONTH})\s+)?(\d{{4}})\b", re.IGNORECASE)
_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_PERIOD = re.compile(
    rf"\(\s*(?P<body>(?:FY\s?)?(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+)?\d{{4}}"
    r"(?:\s*[-/–]\s*\d{2,4})?)(?P<est>\s+est\.?)?\s*\)", re.IGNORECASE)

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class When:
    """A date of a given precision: ``2019-03-20`` (day), ``2025-01-01`` (month), ``2019-01-01``
    (year)."""

    date: dt.date
    precision: Precision

    def value(self) -> dt.date | str | int:
        """As a brief writes a date of this precision: a date, ``"2025-01"`` or ``2025``."""
        if self.precision == "day":
            return self.date
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.year

    def last_day(self) -> dt.date:
        """The last day this date may stand for (the month's or the year's end)."""
        if self.precision == "day":
            return self.date
        if self.precision == "year":
            return dt.date(self.date.year, 12, 31)
        following = dt.date(self.date.year + self.date.month // 12, self.date.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)


@dataclass(frozen=True)
class Dated:
    """A figure's period and status, read from a parenthesis such as ``(2023 est.)``."""

    period: str | int
    status: Literal["actual", "estimate"]


def parse_when(text: str) -> When | None:
    """The first date in ``text``: ``20 March 2019``, ``March 2019``, ``2019``,
    ``3/19/2023``; None when there is none or it does not exist."""
    us = _US_DATE.search(text)
    match = _DATE_TEXT.search(text)
    try:
        if us and (not match or us.start() <= match.start()):
            return When(dt.date(int(us[3]), int(us[1]), int(us[2])), "day")
        if not match or not 1 <= int(match[3]) <= 9999:
            return None
        year = int(match[3])
        if match[2] is None:
            return When(dt.date(year, 1, 1), "year")
        month = MONTHS.index(match[2].lower()) + 1
        if match[1] is None:
            return When(dt.date(year, month, 1), "month")
        return When(dt.date(year, month, int(match[1])), "day")
    except ValueError:
        return None


def _year_range(first: str, last: str) -> str | None:
    start = int(first)
    end = int(last) if len(last) == 4 else int(first[:4 - len(last)] + last)
    return f"{start}..{end}" if end > start else None


def _period_of(body: str) -> str | int | None:
    body = re.sub(r"\s+", " ", body.strip())
    fiscal = re.fullmatch(r"FY ?(\d{4})(?:/(\d{2}|\d{4}))?", body, re.IGNORECASE)
    if fiscal:
        if fiscal[2] is None:
            return f"FY{fiscal[1]}"
        return f"{fiscal[1]}/{fiscal[2][-2:]}"
    pair = re.fullmatch(r"(\d{4}) ?[-–] ?(\d{2}|\d{4})", body)
    if pair:
        return _year_range(pair[1], pair[2])
    slash = re.fullmatch(r"(\d{4})/(\d{2}|\d{4})", body)
    if slash:
        consecutive = (int(slash[1]) + 1) % 100 == int(slash[2][-2:])
        return f"{slash[1]}/{slash[2][-2:]}" if consecutive else _year_range(slash[1], slash[2])
    when = parse_when(body)
    if when is None:
        return None
    value = when.value()
    return value.isoformat() if isinstance(value, dt.date) else value


def take_period(text: str) -> tuple[Dated | None, str]:
    """The first parenthesis in ``text`` that dates it, and the text without it."""
    for match in _PERIOD.finditer(text):
        period = _period_of(match["body"])
        if period is not None:
            status: Literal["actual", "estimate"] = "estimate" if match["est"] else "actual"
            rest = (text[:match.start()] + " " + text[match.end():]).strip()
            return Dated(period, status), re.sub(r"\s{2,}", " ", rest)
    return None, text


def take_since(text: str) -> tuple[When | None, str]:
    """``since 20 March 2019`` in ``text`` (in parentheses or not), and the text without
    it; a bare date in parentheses counts too (``(28 October 2022)``)."""
    match = re.search(r"\(?\s*\bsince\s+([^();]+?)\s*\)?(?=$|[;,)])", text, re.IGNORECASE)
    if match is None:
        match = re.search(r"\((\s*(?:\d{1,2}\s+)?(?:" + _MONTH + r"\s+)?\d{4}\s*)\)", text,
                          re.IGNORECASE)
    if match is None:
        return None, text
    when = parse_when(match[1])
    if when is None:
        return None, text
    rest = (text[:match.start()] + " " + text[match.end():]).strip(" ;,")
    return when, re.sub(r"\s{2,}", " ", rest)
