"""Figures and facts from leaves: the generic readers every table row ends in.

* :func:`fact_item` holds a leaf's text as a fact (plain text, no HTML).
* :func:`figure_items` reads one number with its unit, scale, qualifier and period
  (``quantity.parse``); a strict reading accepts nothing around the number but a
  parenthesis (kept as the note), a loose one keeps any text around it as the note.
  A text that is not one number is held as a fact instead.
* :func:`composition_items` reads lists such as ``Kazakh 71%, Russian 14.9% (2023 est.)``
  as one figure per part, labelled ``Ethnic groups: Kazakh``, sharing the period.
* :func:`age_items` reads ``27.6% (male 2,883,200/female 2,712,772)`` as three figures.
"""

from __future__ import annotations

import re
from typing import Any

from .items import Context, Item
from .leaves import Leaf
from .periods import Dated, take_period
from .quantity import Quantity, parse
from .text import name_case, one_line, plain, slug, strip_key_echo

DEFAULT_UNIT = "count"


def fact_item(ctx: Context, leaf: Leaf, topic: str, label: str, text: str | None = None) -> Item:
    """A fact holding ``text`` (by default the leaf's own text, made plain)."""
    body = paragraph(text if text is not None else plain(leaf.text))
    fact = {"topic": topic, "label": label, "text": body or "NA", "sources": ctx.cite(leaf)}
    return Item("facts", fact, (leaf,))


def paragraph(text: str) -> str:
    """A text on one line: a fact is one paragraph (it is shown in a table's cell)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return " ".join(line if line[-1:] in ".;:!?" else line + ";" for line in lines[:-1]) + (
        (" " if len(lines) > 1 else "") + lines[-1] if lines else "")


def _aside(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", text).strip(" ;,")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text


def _is_aside(text: str) -> bool:
    text = text.strip(" ;,")
    return not text or (text.startswith("(") and text.endswith(")") and text.count("(") == 1)


def figure_value(q: Quantity, topic: str, label: str, unit: str | None,
                 series: str | None = None, dated: Dated | None = None) -> dict[str, Any]:
    """A figure's mapping (without sources) from a reading ``q``."""
    dated = q.dated or dated
    figure: dict[str, Any] = {"topic": topic,
                              "label": f"{label} (% of {q.of})" if q.of and q.unit == "%"
                              else label,
                              "value": int(q.value) if q.value.is_integer() else q.value}
    if q.value_max is not None:
        figure["value_max"] = int(q.value_max) if q.value_max.is_integer() else q.value_max
    figure["unit"] = q.unit or unit or DEFAULT_UNIT
    if q.scale:
        figure["scale"] = q.scale
    if dated is not None:
        figure["period"] = dated.period
    if q.qualifier:
        figure["qualifier"] = q.qualifier
    figure["status"] = dated.status if dated is not None else "reported"
    if series:
        figure["series"] = series
    return figure


def figure_items(ctx: Context, leaf: Leaf, topic: str, label: str, *, unit: str | None = None,
                 series: str | None = None, loose: bool = False) -> list[Item]:
    """One figure from the leaf, or a fact when the text is not one number."""
    text = strip_key_echo(one_line(leaf.text), leaf.path[-1])
    q = parse(text)
    if q is None or not (loose or (not q.before and _is_aside(q.after))):
        return [fact_item(ctx, leaf, topic, label)]
    figure = figure_value(q, topic, label, unit, series)
    note = "; ".join(part for part in (_aside(q.before), _aside(q.after)) if part)
    if note:
        figure["note"] = note
    figure["sources"] = ctx.cite(leaf)
    return [Item("figures", figure, (leaf,))]


_TOP_LEVEL = re.compile(r"[,;]\s+(?![^()]*\))")


def _parts(text: str) -> list[str]:
    """The parts of a list; a part without a digit belongs to the next one (``Gambia,
    The 4%``: the Factbook's inverted names hold a comma)."""
    parts: list[str] = []
    pending = ""
    for part in (part.strip() for part in _TOP_LEVEL.split(text)):
        if not part:
            continue
        part = f"{pending}, {part}" if pending else part
        pending = "" if re.search(r"\d", part) else part
        if not pending:
            parts.append(part)
    return parts + ([pending] if pending else [])


def _part_name(q: Quantity) -> tuple[str, str]:
    """The name of a part and what else it says: ``Kazakh 71%`` or ``1.2 million Almaty``."""
    before, after = q.before.rstrip(" (-:–").strip(), q.after.lstrip(" )").strip()
    if before:
        return before, _aside(after)
    head = re.match(r"^([^()]+?)\s*(\(.*\))?$", after)
    if head is None:
        return after, ""
    return name_case(head[1]), _aside(head[2] or "")


def read_parts(text: str) -> tuple[list[tuple[str, Quantity, str]], Dated | None] | None:
    """Each named number of a list, with the list's period; None when a part has no
    number or no name."""
    dated, rest = take_period(text)
    if dated is not None and not rest.strip():
        return None
    found: list[tuple[str, Quantity, str]] = []
    for part in _parts(rest):
        q = parse(part)
        if q is None:
            return None
        name, note = _part_name(q)
        if not name or len(name) > 120:
            return None
        found.append((name, q, note))
    return (found, dated) if found else None


def composition_items(ctx: Context, leaf: Leaf, topic: str, label: str, *,
                      unit: str | None = None) -> list[Item]:
    """One figure per part of a list (``Ethnic groups: Kazakh`` ...), or a fact."""
    read = read_parts(one_line(leaf.text))
    if read is None:
        return figure_items(ctx, leaf, topic, label, unit=unit)
    parts, dated = read
    items = []
    for name, q, note in parts:
        figure = figure_value(q, topic, f"{label}: {name}", unit, dated=dated)
        if note:
            figure["note"] = note
        figure["sources"] = ctx.cite(leaf)
        items.append(Item("figures", figure, (leaf,)))
    return items


_SEXES = re.compile(r"male ([\d,]+)\s*/\s*female ([\d,]+)")


def age_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """``27.6% (male 2,883,200/female 2,712,772)``: the share, then the people by sex."""
    text = one_line(leaf.text)
    sexes = _SEXES.search(text)
    if sexes is None:
        return figure_items(ctx, leaf, topic, label)
    share = parse(text[:sexes.start()].rstrip(" (") + text[sexes.end():].lstrip(")"))
    if share is None or share.before or not _is_aside(share.after):
        return [fact_item(ctx, leaf, topic, label)]
    items = [Item("figures", {**figure_value(share, topic, label, "%"),
                              "sources": ctx.cite(leaf)}, (leaf,))]
    for sex, count in (("male", sexes[1]), ("female", sexes[2])):
        value = int(count.replace(",", ""))
        figure: dict[str, Any] = {"topic": topic, "label": f"{label}, {sex}", "value": value,
                                  "unit": "people"}
        if share.dated is not None:
            figure["period"] = share.dated.period
        figure["status"] = share.dated.status if share.dated else "reported"
        figure["sources"] = ctx.cite(leaf)
        items.append(Item("figures", figure, (leaf,)))
    return items


def series_id(label: str) -> str:
    """The series id of a year-keyed field: the slug of its label."""
    return slug(label)[:60].strip("-") or "series"
