"""Skeleton briefs: the text of a new brief of each kind that validates as written.

Fields that must name other briefs or sources are filled with ids picked from the
existing briefs (:class:`Picks`); text the writer must supply starts with
:data:`PLACEHOLDER`. ``briefbook new`` writes skeletons; the writers' guide shows one
per kind.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from briefbook.errors import UsageError
from briefbook.models.kinds import KINDS

PLACEHOLDER = "TODO"
"""Text starting with this is a placeholder left by ``briefbook new``."""
NEW_MARKING = "TLP:AMBER"


@dataclass
class Picks:
    """Existing ids a skeleton may refer to, by kind, and existing source ids."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def of(self, kind: str, count: int, needed_by: str) -> list[str]:
        """The first ``count`` ids of ``kind``; a UsageError naming what is missing if too few."""
        found = self.ids.get(kind, [])
        if len(found) < count:
            raise UsageError(f"a {needed_by} brief needs {count} {kind} brief(s) to refer to and "
                             f"there are {len(found)}: create one first with "
                             f"briefbook new {kind} {kind}/NAME")
        return found[:count]

    def source(self, needed_by: str) -> str:
        """An existing source id; a UsageError if the registry is empty."""
        if not self.sources:
            raise UsageError(f"a {needed_by} brief must cite a source and briefs/_sources.yml "
                             "defines none: add one there first")
        return self.sources[0]


def _text(what: str) -> str:
    return json.dumps(f"{PLACEHOLDER} {what}", ensure_ascii=False)


def _flow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def _country(p: Picks, today: dt.date) -> list[str]:
    return ["iso2: XX  # ISO 3166-1 alpha-2 code", "iso3: XXX  # ISO 3166-1 alpha-3 code"]


def _person(p: Picks, today: dt.date) -> list[str]:
    return []


def _relation(p: Picks, today: dt.date) -> list[str]:
    return [f"parties: {_flow(p.of('country', 2, 'relation'))}  # change: the countries"]


def _meeting(p: Picks, today: dt.date) -> list[str]:
    source = p.source("meeting")
    return [
        f"date: {today.isoformat()}",
        "place:",
        f"  name: {_text('city or venue')}",
        f"  sources: [{source}]  # change: the source that gives the place",
        f"participants: {_flow(p.of('person', 1, 'meeting'))}  # change: the people who met",
        f"sources: [{source}]  # change: the sources that report the meeting",
    ]


def _in_country(needed_by: str) -> Callable[[Picks, dt.date], list[str]]:
    def lines(p: Picks, today: dt.date) -> list[str]:
        return [f"country: {p.of('country', 1, needed_by)[0]}  # change: the country"]
    return lines


def _corridor(p: Picks, today: dt.date) -> list[str]:
    countries = p.of("country", 1, "transport_corridor")
    return ["mode: rail  # rail, road, multimodal, sea or pipeline",
            "status: planned  # planned, under_construction, operational ...",
            f"countries: {_flow(countries)}  # change: the countries crossed"]


_KIND_LINES: dict[str, Callable[[Picks, dt.date], list[str]]] = {
    "country": _country,
    "person": _person,
    "relation": _relation,
    "meeting": _meeting,
    "gas_field": _in_country("gas_field"),
    "transport_corridor": _corridor,
    "industrial_park": _in_country("industrial_park"),
    "initiative": _person,
}


def skeleton(kind: str, picks: Picks, *, today: dt.date, schema_ref: str,
             marking: str = NEW_MARKING) -> str:
    """The text of a new brief of ``kind``: required fields filled, optional ones listed."""
    model = KINDS[kind]
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# A new {kind} brief. Replace every {PLACEHOLDER}, then run: briefbook validate",
        f"kind: {kind}",
        f"title: {_text('page title')}",
        f"summary: {_text('one or two sentences (Markdown)')}",
        f"marking: {marking}  # TLP:CLEAR is public; TLP:GREEN, TLP:AMBER, TLP:RED are not",
        f"reviewed: {today.isoformat()}",
        *_KIND_LINES[kind](picks, today),
    ]
    written = {line.split(":", 1)[0] for line in lines if not line.startswith((" ", "#"))}
    optional = [name for name in model.model_fields if name not in written]
    if optional:
        lines.append("# Optional (see schema/" + kind + ".json or the guide):")
        for name in optional:
            description = model.model_fields[name].description or ""
            lines.append(f"#   {name}: {description}")
    return "\n".join(lines) + "\n"
