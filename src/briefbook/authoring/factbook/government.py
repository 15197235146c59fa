"""Government: the title and background, office holders, memberships, elections.

* ``Country name › conventional short form`` is the title; ``Introduction ›
  Background`` the body (Markdown); ``Government type`` the government type.
* ``chief of state`` and ``head of government`` become office holders
  (``people.parse_holder``), linked to person briefs by the converter.
* ``International organization participation`` becomes memberships: ``NAM
  (observer)`` is ``{organisation: NAM, status: observer}``; an aside that is not a
  status (``ICC (NGOs)``) is the membership's note.
* ``expected date of next election`` becomes a milestone, scheduled when it falls after
  the edition's date (a date the edition already gives as past is kept as a fact: the
  Factbook does not say what happened); ``most recent election date`` and
  ``Independence`` become milestones that happened.
"""

from __future__ import annotations

import re
from typing import Any

from .figures import fact_item
from .items import Context, Item
from .leaves import Leaf
from .people import parse_holder
from .periods import When, parse_when
from .text import markdown, one_line

STATUSES = {
    "observer": "observer", "observers": "observer", "associate member": "associate",
    "associate": "associate", "associate members": "associate", "partner": "partner",
    "dialogue partner": "dialogue_partner", "dialog partner": "dialogue_partner",
    "candidate": "candidate", "candidate country": "candidate", "applicant": "applicant",
    "signatory": "signatory", "suspended": "other",
}
"""Factbook asides that are a membership's status; any other aside is its note."""


def title_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """The conventional short name is the title (the identity has read it already)."""
    return [Item("title", ctx.identity.title, (leaf,))]


def body_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """The background, as the brief's Markdown body."""
    text = markdown(leaf.text)
    return [Item("body", text, (leaf,))] if text else []


def government_type_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """The government type, as published."""
    return [Item("government_type", one_line(leaf.text), (leaf,))]


def holder_items(ctx: Context, leaf: Leaf, topic: str, label: str, *, field: str) -> list[Item]:
    """An office holder for ``field``; the whole text as a fact too when it says more."""
    holder, more = parse_holder(leaf.text)
    if holder is None:
        ctx.could_not_read(leaf, "an office holder")
        return [fact_item(ctx, leaf, topic, label)]
    items = [Item(field, holder.officeholder(ctx.cite(leaf)), (leaf,))]
    if more:
        items.append(fact_item(ctx, leaf, topic, label))
    return items


def _membership(part: str) -> dict[str, Any] | None:
    asides = [aside.strip() for aside in re.findall(r"\(([^()]*)\)", part)]
    name = re.sub(r"\([^()]*\)", " ", part)
    name = " ".join(name.split())
    if not name or "(" in name or ")" in name:
        return None
    membership: dict[str, Any] = {"organisation": name}
    notes: list[str] = []
    for aside in asides:
        head, _, rest = aside.partition(",")
        status = STATUSES.get(head.strip().lower())
        if status is not None and "status" not in membership:
            membership["status"] = status
            aside = aside if status == "other" else rest.strip()
        if aside:
            notes.append(aside)
    if notes:
        membership["note"] = "; ".join(notes)
    return membership


def membership_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """One membership per organisation; a fact when the list cannot be read."""
    text = one_line(leaf.text)
    parts = [part for part in re.split(r",(?![^()]*\))", text) if part.strip()]
    found = [_membership(part) for part in parts]
    if not found or any(m is None for m in found):
        ctx.could_not_read(leaf, "a list of organisations")
        return [fact_item(ctx, leaf, topic, label)]
    return [Item("memberships", {**m, "sources": ctx.cite(leaf)}, (leaf,))
            for m in found if m is not None]


def _milestone(ctx: Context, leaf: Leaf, when: When, title: str, status: str,
               kind: str = "election") -> Item:
    milestone: dict[str, Any] = {"date": when.date, "precision": when.precision,
                                 "title": title, "type": kind}
    if status == "scheduled":
        milestone["status"] = "scheduled"
    milestone["sources"] = ctx.cite(leaf)
    return Item("milestones", milestone, (leaf,))


def _election_title(ctx: Context, leaf: Leaf) -> str:
    chamber = ctx.entity.text(*leaf.path[:-1], "chamber name")
    if chamber:
        return f"{one_line(chamber)} election"
    if leaf.path[1] == "Executive branch":
        head = ctx.entity.text(*leaf.path[:-1], "chief of state") or ""
        return "Presidential election" if "President" in head else "Executive election"
    legislature = ctx.entity.text(leaf.path[0], "Legislative branch", "legislature name")
    return f"{one_line(legislature)} election" if legislature else f"{leaf.path[1]} election"


def _when_and_rest(text: str) -> tuple[When | None, str]:
    text = re.sub(r"^(?:by|in|on|expected|scheduled for)\s+", "", text.strip(), flags=re.I)
    when = parse_when(text)
    if when is None:
        return None, text
    rest = re.sub(r"^(?:\d{1,2}\s+)?(?:[A-Za-z]+\s+)?\d{4}|^\d{1,2}/\d{1,2}/\d{4}", "", text)
    return when, rest.strip(" ,;")


def election_items(ctx: Context, leaf: Leaf, topic: str, label: str, *,
                   next_one: bool) -> list[Item]:
    """The next election (scheduled) or the most recent one (happened) as a milestone."""
    when, rest = _when_and_rest(one_line(leaf.text))
    if when is None or len(rest) > 160:
        return [fact_item(ctx, leaf, topic, label)]
    title = _election_title(ctx, leaf) + (f" ({rest.strip('()')})" if rest else "")
    if next_one:
        if when.last_day() <= ctx.edition.published:
            return [fact_item(ctx, leaf, topic, label)]
        return [_milestone(ctx, leaf, when, title, "scheduled")]
    if when.date > ctx.edition.published:
        return [fact_item(ctx, leaf, topic, label)]
    return [_milestone(ctx, leaf, when, title, "happened")]


def independence_items(ctx: Context, leaf: Leaf, topic: str, label: str) -> list[Item]:
    """Independence as a milestone: ``16 December 1991 (from the Soviet Union)``."""
    text = one_line(leaf.text)
    when = parse_when(text)
    start = re.match(r"^(\d{1,2}\s+[A-Za-z]+\s+\d{4}|[A-Za-z]+\s+\d{4}|\d{4})\s*", text)
    if when is None or start is None or when.date > ctx.edition.published:
        return [fact_item(ctx, leaf, topic, label)]
    rest = text[start.end():].strip()
    if re.fullmatch(r"\([^()]*\)", rest) or not rest:
        return [_milestone(ctx, leaf, when, f"Independence {rest}".strip(), "happened",
                           "milestone")]
    return [_milestone(ctx, leaf, when, "Independence", "happened", "milestone"),
            fact_item(ctx, leaf, topic, label)]
