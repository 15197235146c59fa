"""Sending each leaf to its reader, as the table says (``table.RULES``).

Leaves are read in the file's order. A leaf whose path below the section and text are
those of a leaf already read in another section (the Factbook gives ``Land use``,
``Climate`` and ``Urbanization`` under both Geography and Environment) is not read
twice: it is held by the first. The two field-level targets, ``mission`` and
``exchange``, get all the leaves of their field at once.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

from .figures import age_items, composition_items, fact_item, figure_items, series_id
from .government import (
    body_items,
    election_items,
    government_type_items,
    holder_items,
    independence_items,
    membership_items,
    title_items,
)
from .items import Context, Item
from .leaves import Leaf
from .missions import mission_items
from .money import exchange_items
from .places import capital_coordinates_items, capital_name_items, holiday_items, time_zone_items
from .table import Rule, label_for, rule_for, topic_for, year_of

Reader = Callable[[Context, Leaf, str, str, Rule], list[Item]]
FieldReader = Callable[[Context, list[Leaf], str, str], list[Item]]


def _auto(ctx: Context, leaf: Leaf, topic: str, label: str, rule: Rule) -> list[Item]:
    series = rule.series or (series_id(label) if year_of(leaf.path) is not None else None)
    return figure_items(ctx, leaf, topic, label, unit=rule.unit, series=series, loose=rule.loose)


READERS: MappingProxyType[str, Reader] = MappingProxyType({
    "auto": _auto,
    "fact": lambda ctx, leaf, topic, label, rule: [fact_item(ctx, leaf, topic, label)],
    "composition": lambda ctx, leaf, topic, label, rule: composition_items(
        ctx, leaf, topic, label, unit=rule.unit),
    "age": lambda ctx, leaf, topic, label, rule: age_items(ctx, leaf, topic, label),
    "title": lambda ctx, leaf, topic, label, rule: title_items(ctx, leaf, topic, label),
    "body": lambda ctx, leaf, topic, label, rule: body_items(ctx, leaf, topic, label),
    "government_type": lambda ctx, leaf, topic, label, rule: government_type_items(
        ctx, leaf, topic, label),
    "capital_name": lambda ctx, leaf, topic, label, rule: capital_name_items(
        ctx, leaf, topic, label),
    "capital_coordinates": lambda ctx, leaf, topic, label, rule: capital_coordinates_items(
        ctx, leaf, topic, label),
    "time_zone": lambda ctx, leaf, topic, label, rule: time_zone_items(ctx, leaf, topic, label),
    "head_of_state": lambda ctx, leaf, topic, label, rule: holder_items(
        ctx, leaf, topic, label, field="head_of_state"),
    "head_of_government": lambda ctx, leaf, topic, label, rule: holder_items(
        ctx, leaf, topic, label, field="head_of_government"),
    "memberships": lambda ctx, leaf, topic, label, rule: membership_items(
        ctx, leaf, topic, label),
    "holidays": lambda ctx, leaf, topic, label, rule: holiday_items(ctx, leaf, topic, label),
    "next_election": lambda ctx, leaf, topic, label, rule: election_items(
        ctx, leaf, topic, label, next_one=True),
    "last_election": lambda ctx, leaf, topic, label, rule: election_items(
        ctx, leaf, topic, label, next_one=False),
    "independence": lambda ctx, leaf, topic, label, rule: independence_items(
        ctx, leaf, topic, label),
})
"""Readers of one leaf, by target."""

FIELD_READERS: MappingProxyType[str, FieldReader] = MappingProxyType({
    "mission": mission_items,
    "exchange": exchange_items,
})
"""Readers of all the leaves of a field at once, by target."""


def fallback(ctx: Context, leaf: Leaf) -> Item:
    """The fact that holds a leaf when what was read from it cannot be kept."""
    rule = rule_for(leaf.path)
    return fact_item(ctx, leaf, topic_for(leaf.path, rule), label_for(leaf.path, rule))


def _duplicates(leaves: tuple[Leaf, ...]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Leaves that repeat one of another section: path → the first one's path."""
    first: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}
    repeats: dict[tuple[str, ...], tuple[str, ...]] = {}
    for leaf in leaves:
        if len(leaf.path) < 2:
            continue
        key = (leaf.path[1:], leaf.text.strip())
        seen = first.setdefault(key, leaf.path)
        if seen != leaf.path and seen[0] != leaf.path[0]:
            repeats[leaf.path] = seen
    return repeats


def _read_field(ctx: Context, rule: Rule, leaves: list[Leaf]) -> list[Item]:
    path = leaves[0].path
    reader = FIELD_READERS[rule.target]
    label = rule.label or label_for(path[:2], rule)
    try:
        return reader(ctx, leaves, topic_for(path, rule), label)
    except Exception as error:  # a reader's bug must not stop the import: hold the facts
        ctx.warn(leaves[0], f"could not read the field ({type(error).__name__}): kept as facts")
        return [fallback(ctx, leaf) for leaf in leaves]


def _read_leaf(ctx: Context, rule: Rule, leaf: Leaf) -> list[Item]:
    reader = READERS.get(rule.target, _auto)
    try:
        return reader(ctx, leaf, topic_for(leaf.path, rule), label_for(leaf.path, rule), rule)
    except Exception as error:  # as above: one leaf's surprise is a notice, not a crash
        ctx.warn(leaf, f"could not read it ({type(error).__name__}): kept as a fact")
        return [fallback(ctx, leaf)]


def read_leaves(ctx: Context) -> tuple[list[Item], dict[tuple[str, ...], tuple[str, ...]]]:
    """Every item the entity's leaves give, in the file's order, and the repeated leaves
    (path → the path of the leaf that holds their content)."""
    leaves = tuple(leaf for leaf in ctx.entity.leaves if not leaf.empty)
    repeats = _duplicates(leaves)
    items: list[Item] = []
    fields: dict[tuple[str, ...], tuple[Rule, list[Leaf]]] = {}
    for leaf in leaves:
        if leaf.path in repeats:
            continue
        rule = rule_for(leaf.path)
        if rule.target in FIELD_READERS:
            group = fields.get(leaf.path[:2])
            if group is None:
                fields[leaf.path[:2]] = group = (rule, [])
                items.append(Item("@field", leaf.path[:2], ()))
            group[1].append(leaf)
        else:
            items.extend(_read_leaf(ctx, rule, leaf))
    done: list[Item] = []
    for item in items:
        if item.field == "@field":
            rule, group_leaves = fields[item.value]
            done.extend(_read_field(ctx, rule, group_leaves))
        else:
            done.append(item)
    return done, repeats
