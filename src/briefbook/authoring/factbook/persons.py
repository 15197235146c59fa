"""Person briefs for heads of state and of government, made where none exists yet.

:class:`People` is one import run's register: the person briefs found in the briefs
folder (id → name) and those the run makes. An office holder is linked to an existing
brief that names the same person (``people.find_person``), else to a brief made for
them; a person who holds offices in several imported entities (a monarch of several
realms) gets one brief with a position for each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .items import Edition
from .people import find_person, person_id


@dataclass
class People:
    """Person briefs known (``existing``: id → name) and made in this run (id → data)."""

    existing: dict[str, str] = field(default_factory=dict)
    made: dict[str, dict[str, Any]] = field(default_factory=dict)

    def link(self, holder: dict[str, Any], office: str, country_id: str, country: str,
             edition: Edition) -> str:
        """The id of the person brief for ``holder`` (made or extended when needed)."""
        name = str(holder["name"])
        found = find_person(name, self.existing)
        if found is not None:
            return found
        made_names = {pid: str(data["title"]) for pid, data in self.made.items()}
        brief_id = find_person(name, made_names) or person_id(name)
        data = self.made.setdefault(brief_id, _person(name, country_id, edition))
        title = f"{holder.get('title') or office} of {country}"
        position: dict[str, Any] = {"title": title, "country": country_id}
        if "since" in holder:
            position["start"] = holder["since"]
        position["sources"] = holder["sources"]
        positions: list[dict[str, Any]] = data["positions"]
        if not any(p["title"] == title for p in positions):
            positions.append(position)
            data["summary"] = _summary(positions, edition)
        return brief_id


def _person(name: str, country_id: str, edition: Edition) -> dict[str, Any]:
    return {"kind": "person", "title": name, "summary": "", "sources": [],
            "marking": "TLP:CLEAR", "reviewed": edition.published, "country": country_id,
            "positions": []}


def _since(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value.day} {value.strftime('%B')} {value.year}"
    if isinstance(value, str) and len(value) == 7:
        return dt.date(int(value[:4]), int(value[5:]), 1).strftime("%B %Y")
    return str(value)


def _summary(positions: list[dict[str, Any]], edition: Edition) -> str:
    offices = "; ".join(
        p["title"] + (f" since {_since(p['start'])}" if "start" in p else "") for p in positions)
    return (f"{offices}, as the World Factbook of "
            f"{_since(edition.published)} gives it.")


def person_sources(data: dict[str, Any]) -> list[Any]:
    """The brief-level sources of a made person brief: its positions' citations, once."""
    seen: list[Any] = []
    for position in data["positions"]:
        for source in position["sources"]:
            if source not in seen:
                seen.append(source)
    return seen


def existing_people(briefs_dir: Path) -> dict[str, str]:
    """Id → name of the person briefs under ``briefs_dir/person`` (unreadable ones skipped)."""
    found: dict[str, str] = {}
    folder = briefs_dir / "person"
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        title = data.get("title") if isinstance(data, dict) else None
        if isinstance(title, dict):
            title = title.get("en")
        if isinstance(title, str) and title.strip():
            relative = path.relative_to(briefs_dir).with_suffix("").as_posix()
            found[relative] = title
    return found
