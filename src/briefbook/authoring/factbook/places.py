"""Place and time: the capital with its coordinates, time zones, national holidays.

* ``Astana`` and ``51 10 N, 71 25 E`` make ``capital: {name: Astana, lat: 51.1667,
  lon: 71.4167}`` (degrees and minutes to decimal degrees, south and west negative).
* ``UTC+5 (10 hours ahead of Washington, DC ...)`` makes ``time_zones: ["UTC+05:00"]``
  (``UTC+5.5`` is ``UTC+05:30``); the Factbook gives the capital's zone.
* ``Independence Day, 16 December (1991)`` makes a holiday ``{name: Independence Day,
  date: "12-16", note: "1991"}``; several holidays are separated by ``;``.
"""

from __future__ import annotations

import re
from typing import Any

from .figures import fact_item
from .items import Context, Item
from .leaves import Leaf
from .periods import MONTHS
from .text import one_line

_COORDINATES = re.compile(
    r"(\d{1,2})\s+(\d{1,2})(?:\s+(\d{1,2}))?\s*([NS])\s*,\s*(\d{1,3})\s+(\d{1,2})(?:\s+(\d{1,2}))?\s*([EW])")
_UTC = re.compile(r"^UTC\s*(?:([+-\u2212])\s*(\d{1,2})(?:[.:](\d{1,2}))?)?(?![\d.:])")


def coordinates(text: str) -> tuple[float, float] | None:
    """Decimal latitude and longitude of ``51 10 N, 71 25 E``, or None."""
    match = _COORDINATES.search(text)
    if match is None:
        return None
    lat = int(match[1]) + int(match[2]) / 60 + int(match[3] or 0) / 3600
    lon = int(match[5]) + int(match[6]) / 60 + int(match[7] or 0) / 3600
    if lat > 90 or lon > 180 or int(match[2]) >= 60 or int(match[6]) >= 60:
        return None
    return (round(-lat if match[4] == "S" else lat, 4),
            round(-lon if match[8] == "W" else lon, 4))


def utc_offset(text: str) -> str | None:
    """``UTC+05:00`` for ``UTC+5 (...)``, ``UTC+05:30`` for ``UTC+5.5``, ``UTC`` for
    ``UTC 0``; None when unreadable."""
    match = _UTC.match(text.strip())
    if match is None:
        return None
    if match[1] is None:
        return "UTC"
    hours, fraction = int(match[2]), match[3]
    if fraction is None:
        minutes = 0
    elif match[0][match.start(3) - 1] == ".":
        minutes = round(float("0." + fraction) * 60)
    else:
        minutes = int(fraction)
    if hours > 14 or minutes >= 60:
        return None
    if hours == 0 and minutes == 0:
        return "UTC"
    sign = "-" if match[1] in "-\u2212" else "+"
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def capital_name_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """The capital's name (the first of several), and a fact when the text says more."""
    text = one_line(leaf.text)
    first = re.split(r";(?![^()]*\))", text)[0].strip()
    first = re.sub(r"\s*\bnote\s*[-:].*$", "", first).strip()
    if not first or len(first) > 100:
        return [fact_item(ctx, leaf, topic, label)]
    items = [Item("capital.name", first, (leaf,))]
    if first != text:
        items.append(fact_item(ctx, leaf, topic, label))
    return items


def _read_as(ctx: Context, leaf: Leaf, topic: str, label: str, field: str, found: Any,
             what: str) -> list[Item]:
    """``found`` (what a parser read of the leaf) as ``field``; when it read nothing, a
    warning that the leaf is not ``what``, and the text kept as a fact."""
    if found is None:
        ctx.could_not_read(leaf, what)
        return [fact_item(ctx, leaf, topic, label)]
    return [Item(field, found, (leaf,))]


def capital_coordinates_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """The capital's latitude and longitude."""
    return _read_as(ctx, leaf, topic, label, "capital.coordinates",
                    coordinates(one_line(leaf.text)), "coordinates")


def time_zone_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """The capital's time zone as ``UTC+05:00``."""
    return _read_as(ctx, leaf, topic, label, "time_zones", utc_offset(one_line(leaf.text)),
                    "a time zone")


_HOLIDAY = re.compile(
    r"^(?P<name>[^;]+?),\s*(?:(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)|(?P<month2>[A-Za-z]+)\s+"
    r"(?P<day2>\d{1,2}))\b\s*(?:\((?P<year>[^()]*)\))?(?P<rest>.*)$")


def _holiday(text: str) -> dict[str, Any] | None:
    match = _HOLIDAY.match(text.strip())
    if match is None:
        name = text.strip()
        return {"name": name} if name and len(name) <= 80 and not re.search(r"\d", name) else None
    month_name = (match["month"] or match["month2"]).lower()
    if month_name not in MONTHS:
        return None
    month, day = MONTHS.index(month_name) + 1, int(match["day"] or match["day2"])
    if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    holiday: dict[str, Any] = {"name": match["name"].strip(), "date": f"{month:02d}-{day:02d}"}
    note = "; ".join(part for part in ((match["year"] or "").strip(),
                                       match["rest"].strip(" ,;")) if part)
    if note:
        holiday["note"] = note
    return holiday


def holiday_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """National holidays; a text that is not a list of holidays is kept as a fact."""
    text = one_line(leaf.text)
    holidays = [_holiday(part) for part in re.split(r";(?![^()]*\))", text) if part.strip()]
    if not holidays or any(h is None for h in holidays):
        return [fact_item(ctx, leaf, topic, label)]
    return [Item("holidays", {**h, "sources": ctx.cite(leaf)}, (leaf,))
            for h in holidays if h is not None]
