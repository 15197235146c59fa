"""One Factbook file into one country brief: read, link, assemble, check, repair.

:func:`convert` reads every leaf (``route``), keeps the fields' notes
(``assemble.attach_notes``), links office holders to person briefs (``persons``),
assembles the brief and validates it with the models (``briefbook.models``), the very
check ``briefbook validate`` makes. What the models refuse is not written as refused:
the item is taken out and its leaves are held as facts instead (a figure whose unit the
models do not know becomes the fact of its text), with a notice naming the field and
the model's message. What cannot be repaired so (an envelope field) stays, with a
notice: the brief is then written as it is, and ``briefbook validate`` shows why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from briefbook.models import KINDS

from .assemble import assemble, attach_notes, used
from .identity import Identity, identify
from .items import Context, Edition, Item
from .leaves import Entity, Notice
from .persons import People, person_sources
from .route import fallback, read_leaves

MAX_ROUNDS = 20
OFFICES = {"head_of_state": "Chief of state", "head_of_government": "Head of government"}


@dataclass(frozen=True)
class Conversion:
    """A file's brief (``data``), the leaves it holds (path → the fields holding it:
    ``figures``, ``facts``, ``capital.name`` ...) and the count of the fields' notes it
    keeps, the repeated leaves and the notices."""

    entity: Entity
    identity: Identity
    data: dict[str, Any]
    held: dict[tuple[str, ...], frozenset[str]]
    repeats: dict[tuple[str, ...], tuple[str, ...]]
    notes_kept: int
    notices: tuple[Notice, ...]


def problems(kind: str, data: dict[str, Any], today: dt.date) -> list[tuple[tuple[Any, ...], str]]:
    """What the model of ``kind`` refuses in ``data``: (location, message) each."""
    try:
        KINDS[kind].model_validate(data, context={"today": today})
    except ValidationError as error:
        return [(tuple(e["loc"]), str(e["msg"])) for e in error.errors()]
    except Exception as error:  # a model that breaks on odd data: reported, never raised
        return [((), f"{type(error).__name__}: {error}")]
    return []


def _link_people(ctx: Context, items: list[Item], people: People) -> list[Item]:
    out: list[Item] = []
    for item in items:
        if item.field in OFFICES:
            person = people.link(item.value, OFFICES[item.field], ctx.identity.id,
                                 ctx.identity.title, ctx.edition)
            value = {"name": item.value["name"], "person": person}
            value.update(item.value)
            item = Item(item.field, value, item.origins)
        out.append(item)
    return out


def _culprits(items: list[Item], locations: list[tuple[Any, ...]]) -> set[int]:
    """Indexes (in ``items``) of the items the error locations point at."""
    kept = used(items)
    positions = {id(item): index for index, item in enumerate(items)}
    by_field: dict[str, list[Item]] = {}
    for item in kept:
        name = "capital" if item.field.startswith("capital.") else item.field
        by_field.setdefault(name, []).append(item)
    found: set[int] = set()
    for loc in locations:
        group = by_field.get(str(loc[0])) if loc else None
        if not group:
            continue
        single = len(loc) < 2 or not isinstance(loc[1], int) or loc[0] in ("capital",)
        chosen = group if single else group[loc[1]:loc[1] + 1]
        found.update(positions[id(item)] for item in chosen)
    return found


def _repair(ctx: Context, items: list[Item], errors: list[tuple[tuple[Any, ...], str]]
            ) -> list[Item] | None:
    """Items without those the errors name, their leaves held as facts; None when no
    error names an item."""
    culprits = _culprits(items, [loc for loc, _ in errors])
    if not culprits:
        return None
    for loc, message in errors:
        where = ".".join(str(part) for part in loc)
        ctx.warn(None, f"{where}: {message}: kept as a fact" if where else message)
    out: list[Item] = []
    for index, item in enumerate(items):
        if index not in culprits:
            out.append(item)
        elif item.field != "facts":
            out.extend(fallback(ctx, leaf) for leaf in item.origins
                       if leaf not in ctx.entity.notes)
    return out


def convert(entity: Entity, edition: Edition, people: People,
            known_ids: frozenset[str] = frozenset(),
            identity: Identity | None = None) -> Conversion:
    """The country brief of one Factbook file (never raises on content); ``identity``
    gives its id when the caller chose another than :func:`identify`'s."""
    ctx = Context(entity, identity or identify(entity), edition)
    items, repeats = read_leaves(ctx)
    items, notes_kept = attach_notes(ctx, items)
    items = _link_people(ctx, items, people)
    items = _counterparts(items, known_ids)
    data = assemble(ctx, items)
    for _ in range(MAX_ROUNDS):
        errors = problems("country", data, edition.published)
        if not errors:
            break
        repaired = _repair(ctx, items, errors)
        if repaired is None:
            for loc, message in errors:
                ctx.warn(None, f"does not validate: {'.'.join(map(str, loc))}: {message}")
            break
        items = repaired
        data = assemble(ctx, items)
    held: dict[tuple[str, ...], set[str]] = {}
    for item in used(items):
        for leaf in item.origins:
            held.setdefault(leaf.path, set()).add(item.field)
    return Conversion(entity, ctx.identity, data,
                      {path: frozenset(fields) for path, fields in held.items()}, repeats,
                      notes_kept, tuple(ctx.notices))


def _counterparts(items: list[Item], known_ids: frozenset[str]) -> list[Item]:
    if "country/united-states" not in known_ids:
        return items
    out: list[Item] = []
    for item in items:
        if item.field == "missions":
            value = {key: item.value[key] for key in ("direction", "counterpart")}
            value["counterpart_id"] = "country/united-states"
            value.update(item.value)
            item = Item(item.field, value, item.origins)
        out.append(item)
    return out


def person_brief(data: dict[str, Any]) -> dict[str, Any]:
    """A made person brief, finished: its sources are its positions' citations."""
    return {**data, "sources": person_sources(data)}
