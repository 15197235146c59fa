"""Briefs as YAML a person can read and edit, marked as the importer's own.

Figures, memberships, holidays and citations are one flow mapping each, on one line
(``{topic: economy, label: Exports, value: 91.908, unit: USD, ...}``); facts,
missions, office holders and milestones are block mappings; text of several paragraphs
is a literal block. The first line of an imported file is a comment that names the
importer and holds the SHA-256 of the rest of the file: a file whose first line still
matches the rest was not changed by anyone since, and may be regenerated; any other file
is somebody's, and the importer leaves it alone (``output.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import yaml

MARK = "# briefbook import factbook"
_MARK_LINE = re.compile(r"^# briefbook import factbook .*sha256:([0-9a-f]{64})\s*$")
FLOW_LISTS = frozenset({"figures", "memberships", "holidays", "sources", "time_zones", "tags",
                        "consulates"})
WIDTH = 1_000_000


class _Flow(dict[str, Any]):
    """A mapping written on one line (or as few as the width allows)."""


class _FlowList(list[Any]):
    """A list of plain values written on one line: ``tags: [central-asia]``."""


class _Dumper(yaml.SafeDumper):
    """Safe YAML, with flow mappings where marked and literal blocks for paragraphs."""


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if "\n" in data and not re.search(r"[ \t]\n|\n[ \t]|[^\S\n]$|^\s", data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_str(data)


_Dumper.add_representer(_Flow, _flow)
_Dumper.add_representer(_FlowList, _flow_list)
_Dumper.add_representer(str, _text)


def _shaped(value: Any, key: str = "") -> Any:
    """``value`` with the mappings of flow lists marked :class:`_Flow`."""
    if isinstance(value, dict):
        shaped = {k: _shaped(v, k) for k, v in value.items()}
        return _Flow(shaped) if key in FLOW_LISTS else shaped
    if isinstance(value, list):
        items = [_shaped(item, key) for item in value]
        plain = key in FLOW_LISTS and not any(isinstance(i, dict | list) for i in items)
        return _FlowList(items) if plain else items
    return value


def dump(data: dict[str, Any]) -> str:
    """The YAML text of a brief's mapping (without the importer's mark)."""
    text = yaml.dump(_shaped(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=WIDTH, default_flow_style=False)
    return text


def digest(text: str) -> str:
    """SHA-256 of a text's UTF-8 bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def marked(body: str, origin: str, edition_id: str) -> str:
    """``body`` under the importer's first line (naming the file and holding the digest)."""
    return f"{MARK} ({edition_id}, {origin}) sha256:{digest(body)}\n{body}"


def unchanged_import(text: str) -> str | None:
    """The body of a file the importer wrote and nobody changed since, else None."""
    first, _, rest = text.partition("\n")
    match = _MARK_LINE.match(first)
    if match is None or digest(rest) != match[1]:
        return None
    return rest


def today_iso(day: dt.date) -> str:
    """A date as YAML writes it."""
    return day.isoformat()
