"""Items into a brief's mapping, in the order a reader expects a country brief.

Fields come in the contract's order: the envelope (title, summary, sources, marking,
reviewed date, tags), who and what the entity is (entity, ISO codes, capital,
currency, time zones, government type, office holders), its relations (missions,
memberships), holidays, the background as the body, then figures, facts and
milestones in the file's order (which is the topics' order). The summary is made from
the long name, the government type and the location; the brief's own ``sources`` cite
the leaves the summary and the body come from. The Factbook's notes on a field are
kept on the first figure or fact read from the field, or as a fact of their own.
"""

from __future__ import annotations

import re
from typing import Any

from .figures import paragraph
from .items import Context, Item
from .leaves import SEPARATOR, Leaf
from .table import label_for, rule_for, topic_for
from .text import one_line, plain

SCALARS = ("title", "currency", "government_type", "head_of_state", "head_of_government",
           "body")
LISTS = ("missions", "memberships", "holidays", "figures", "facts", "milestones")
ORDER = ("kind", "title", "summary", "sources", "marking", "reviewed", "tags", "entity",
         "iso2", "iso3", "capital", "currency", "time_zones", "government_type",
         "head_of_state", "head_of_government", "missions", "memberships", "holidays", "body",
         "figures", "facts", "milestones")


def _summary(ctx: Context) -> tuple[str, list[Leaf]]:
    entity = ctx.entity
    paths = (("Government", "Country name", "conventional long form"),
             ("Government", "Government type"), ("Geography", "Location"))
    found = {path: entity.text(*path) for path in paths}
    used = [leaf for leaf in entity.leaves if leaf.path in found and found[leaf.path]]
    long_name = ctx.identity.long_name or ctx.identity.title
    kind = one_line(found[paths[1]] or "")
    where = one_line(found[paths[2]] or "").rstrip(".")
    sentence = long_name
    if kind:
        sentence += f" ({kind})"
    if where:
        sentence += f", in {where}"
    if not kind and not where:
        sentence += f", as the World Factbook of {ctx.edition.published.isoformat()} describes it"
    return sentence.rstrip(".") + ".", used


def _capital(ctx: Context, items: list[Item]) -> dict[str, Any] | None:
    name = next((item for item in items if item.field == "capital.name"), None)
    if name is None:
        return None
    capital: dict[str, Any] = {"name": name.value}
    leaves = list(name.origins)
    place = next((item for item in items if item.field == "capital.coordinates"), None)
    if place is not None:
        capital["lat"], capital["lon"] = place.value
        leaves.extend(place.origins)
    capital["sources"] = ctx.cite(*leaves)
    return capital


def _note_target(items: list[Item], path: tuple[str, ...], leaves: int) -> int | None:
    """Where a field's note goes: the item of a field of one leaf, or the first figure of
    a field of several (a series); None for a fact of its own."""
    for index, item in enumerate(items):
        if item.field in ("figures", "facts") and any(
                o.path[:len(path)] == path for o in item.origins):
            return index if leaves == 1 or item.field == "figures" else None
    return None


def attach_notes(ctx: Context, items: list[Item]) -> tuple[list[Item], int]:
    """The fields' notes on their figure or fact (or as facts); how many were kept."""
    out = list(items)
    kept = 0
    for note in ctx.entity.notes:
        text = re.sub(r"^note( \d+)?\s*[:-]\s*", "", plain(note.text), flags=re.I).strip()
        if not text:
            continue
        kept += 1
        leaves = sum(1 for leaf in ctx.entity.leaves if leaf.path[:len(note.path)] == note.path)
        index = _note_target(out, note.path, leaves)
        if index is None:
            rule = rule_for(note.path)
            fact = {"topic": topic_for(note.path, rule),
                    "label": f"{label_for(note.path, rule)} (note)", "text": paragraph(text),
                    "sources": ctx.cite(note)}
            out.append(Item("facts", fact, (note,)))
            continue
        item = out[index]
        value = dict(item.value)
        if item.field == "figures":
            value["note"] = f"{value['note']}; {text}" if value.get("note") else text
        else:
            value["text"] = paragraph(f"{value['text']}\n{text}")
        value["sources"] = value.pop("sources")  # last, as in every other figure
        out[index] = Item(item.field, value, item.origins)
    return out, kept


def used(items: list[Item]) -> list[Item]:
    """The items :func:`assemble` puts in the brief: the first of each single field (the
    capital's name and coordinates, the currency ...), every item of a list field."""
    seen: set[str] = set()
    kept: list[Item] = []
    for item in items:
        single = item.field in SCALARS or item.field.startswith("capital.")
        if single and item.field in seen:
            continue
        if single or item.field in LISTS or item.field == "time_zones":
            seen.add(item.field)
            kept.append(item)
    if "capital.name" not in seen:
        kept = [item for item in kept if item.field != "capital.coordinates"]
    return kept


def assemble(ctx: Context, items: list[Item]) -> dict[str, Any]:
    """The brief's mapping from its items, in ``ORDER``."""
    identity = ctx.identity
    summary, summary_leaves = _summary(ctx)
    body = [item for item in items if item.field == "body"]
    data: dict[str, Any] = {
        "kind": "country", "title": identity.title, "summary": summary,
        "sources": ctx.cite(*summary_leaves, *(o for item in body for o in item.origins)),
        "marking": "TLP:CLEAR", "reviewed": ctx.edition.published,
    }
    if ctx.entity.region and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", ctx.entity.region):
        data["tags"] = [ctx.entity.region]
    if identity.kind != "state":
        data["entity"] = identity.kind
    if identity.iso2 and identity.iso3:
        data["iso2"], data["iso3"] = identity.iso2, identity.iso3
    capital = _capital(ctx, items)
    if capital is not None:
        data["capital"] = capital
    zones = list(dict.fromkeys(item.value for item in items if item.field == "time_zones"))
    if zones:
        data["time_zones"] = zones
    for item in items:
        if item.field in SCALARS and item.field not in data:
            data[item.field] = item.value
    for name in LISTS:
        values = [item.value for item in items if item.field == name]
        if values:
            data[name] = values
    if not data["sources"]:
        data["sources"] = [{"id": ctx.edition.source_id, "at": SEPARATOR.join(("Introduction",))}]
    return {key: data[key] for key in ORDER if key in data}
