"""What a conversion makes: items of a brief, each with the Factbook leaves it holds.

An :class:`Item` is one value for one field of the brief (a figure, a fact, a
membership, the capital's name ...) with the leaves it carries: coverage counts a leaf
as held only when an item that came from it is in the written brief. The
:class:`Context` is one conversion's working state (the entity, the edition, the
notices so far), made per file and passed along: the package keeps no state of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .identity import Identity
from .leaves import SEPARATOR, Entity, Leaf, Notice
from .text import plain


@dataclass(frozen=True)
class Edition:
    """The Factbook edition imported: its source id in ``briefs/_sources.yml`` and the
    entry written there when it is missing."""

    source_id: str = "cia-world-factbook-2026"
    title: str = "The World Factbook"
    publisher: str = "CIA"
    url: str = "https://www.cia.gov/the-world-factbook/"
    published: dt.date = dt.date(2026, 1, 22)
    note: str = ("Last edition: the CIA withdrew the Factbook in February 2026. Imported from "
                 "the CC0 JSON extract of factbook/factbook.json, commit 783ed27.")

    def registry_entry(self) -> str:
        """The source's entry, as text to append to ``briefs/_sources.yml``."""
        return (f"{self.source_id}:\n"
                f"  title: {self.title}\n"
                f"  publisher: {self.publisher}\n"
                f"  url: {self.url}\n"
                f"  published: {self.published.isoformat()}\n"
                f"  language: en\n"
                f"  note: >-\n    {self.note}\n")


EDITION = Edition()
"""The edition of 22 January 2026, the last one."""

_YEAR_KEY = re.compile(r"^(?P<field>.+?)\s+(?P<year>\d{4})$")


def locator(path: tuple[str, ...]) -> str:
    """Where a leaf is in the Factbook, for a citation: ``Economy › Exports`` for the
    leaf ``Exports 2024`` of ``Exports`` (the year is the figure's period), the full path
    otherwise."""
    if len(path) >= 2:
        match = _YEAR_KEY.match(path[-1])
        field, parent = (match["field"].lower() if match else ""), path[-2].lower()
        if match and (field.endswith(parent) or parent.endswith(field)):
            return SEPARATOR.join(path[:-1])
    return SEPARATOR.join(path)


@dataclass(frozen=True)
class Item:
    """One value of the brief (``field`` names it: ``figures``, ``facts``, ``capital.name``
    ...) and the leaves whose content it carries."""

    field: str
    value: Any
    origins: tuple[Leaf, ...]


@dataclass
class Context:
    """One file's conversion under way: what it reads, and the notices it has given."""

    entity: Entity
    identity: Identity
    edition: Edition
    notices: list[Notice] = field(default_factory=list)

    def cite(self, *leaves: Leaf) -> list[dict[str, str]]:
        """The citations of values taken from ``leaves``: ``{id, at}`` each, once."""
        places = dict.fromkeys(locator(leaf.path) for leaf in leaves)
        return [{"id": self.edition.source_id, "at": at} for at in places]

    def warn(self, leaf: Leaf | None, message: str) -> None:
        """Note that something at ``leaf`` could not be read as it should."""
        where = leaf.at if leaf is not None else ""
        self.notices.append(Notice(self.entity.display, where, message))

    def could_not_read(self, leaf: Leaf, what: str) -> None:
        """The usual notice: ``could not read '...' as <what>: kept as a fact``."""
        shown = plain(leaf.text).replace("\n", " ")
        shown = shown if len(shown) <= 70 else shown[:67] + "..."
        self.warn(leaf, f"could not read '{shown}' as {what}: kept as a fact")
