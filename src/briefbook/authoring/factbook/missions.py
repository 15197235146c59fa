"""Chiefs of mission, both directions, from the two "Diplomatic representation" fields.

``Diplomatic representation in the US`` is this country's mission in Washington
(``direction: outgoing``); ``... from the US`` is the United States' mission here
(``incoming``). Their leaves fill one mission each: ``chief of mission`` (an office
holder), ``chancery``/``embassy`` (the address), ``telephone``, ``email address and
website``, ``consulate(s) general``/``consulate(s)``. The contract has no place for a
fax number, a mailing address or branch offices: those are kept as facts, labelled
with the field and the leaf.
"""

from __future__ import annotations

import re
from typing import Any

from .figures import fact_item
from .items import Context, Item
from .leaves import Leaf
from .people import parse_holder
from .text import one_line, plain

DIRECTIONS = {"Diplomatic representation in the US": "outgoing",
              "Diplomatic representation from the US": "incoming"}
ADDRESS_KEYS = ("chancery", "embassy")
CONSULATE_KEYS = ("consulate(s) general", "consulate(s)")


def _chief(ctx: Context, leaf: Leaf, topic: str, label: str) -> tuple[dict[str, Any] | None,
                                                                       list[Item]]:
    holder, more = parse_holder(leaf.text)
    if holder is None:
        return None, [fact_item(ctx, leaf, topic, label)]
    return holder.officeholder(ctx.cite(leaf)), ([fact_item(ctx, leaf, topic, label)]
                                                 if more else [])


def _contacts(text: str) -> tuple[str | None, str | None, str]:
    email = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)
    web = re.search(r"https?://[^\s<>\"]+", text)
    rest = text
    for found in (email, web):
        if found:
            rest = rest.replace(found[0], " ")
    return (email[0] if email else None, web[0].rstrip(".,;") if web else None,
            " ".join(rest.split()).strip(" ;,"))


def _fill(ctx: Context, mission: dict[str, Any], leaf: Leaf, key: str, topic: str,
          label: str) -> tuple[bool, list[Item]]:
    """Put the leaf's value in the mission: whether it went in, and the facts made besides."""
    text = one_line(leaf.text)
    if key in ADDRESS_KEYS and "address" not in mission:
        mission["address"] = text
    elif key == "telephone" and "phone" not in mission:
        mission["phone"] = text
    elif key == "email address and website":
        email, web, rest = _contacts(plain(leaf.text))
        if email:
            mission["email"] = email
        if web:
            mission["website"] = web
        extra = [fact_item(ctx, leaf, topic, label)] if rest or not (email or web) else []
        return bool(email or web), extra
    elif key in CONSULATE_KEYS:
        places = [part.strip() for part in re.split(r",(?![^()]*\))", text) if part.strip()]
        kind = "" if key == "consulate(s) general" else " (consulate)"
        mission.setdefault("consulates", []).extend(place + kind for place in places)
    else:
        return False, [fact_item(ctx, leaf, topic, label)]
    return True, []


def mission_items(ctx: Context, leaves: list[Leaf], topic: str, label: str) -> list[Item]:
    """One mission from a "Diplomatic representation" field's leaves (facts besides)."""
    direction = DIRECTIONS.get(leaves[0].path[1], "outgoing")
    mission: dict[str, Any] = {"direction": direction, "counterpart": "United States"}
    items: list[Item] = []
    held: list[Leaf] = []
    for leaf in leaves:
        key = leaf.path[2] if len(leaf.path) > 2 else ""
        leaf_label = f"{label}: {key}" if key else label
        if key == "chief of mission":
            chief, extra = _chief(ctx, leaf, topic, leaf_label)
            if chief is not None:
                mission["chief"] = chief
                held.append(leaf)
            items.extend(extra)
        elif key:
            went_in, extra = _fill(ctx, mission, leaf, key, topic, leaf_label)
            held.extend([leaf] if went_in else [])
            items.extend(extra)
        else:
            items.append(fact_item(ctx, leaf, topic, leaf_label))
    if held:
        mission["sources"] = ctx.cite(*held)
        items.insert(0, Item("missions", mission, tuple(held)))
    return items
