"""The machine-readable export: ``data/briefs.json`` (format documented in docs/data.md).

Only published briefs, validated and resolved, with the sources they cite. A
reference to a withheld brief is replaced by the string ``"withheld"``, exactly
as the pages show it. Deterministic: keys sorted, no build time in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from briefbook.models import BriefRef
from briefbook.resolve.references import references_in
from briefbook.resolve.resolver import Site

EXPORT_PATH = "data/briefs.json"
FORMAT = "briefbook-briefs"
VERSION = 1
WITHHELD = "withheld"


def _mask_withheld(data: dict[str, Any], brief: Any, withheld: frozenset[str]) -> None:
    """Replace, in the dumped brief, every reference to a withheld brief."""
    for loc, value in references_in(brief):
        if isinstance(value, BriefRef) and value in withheld:
            container: Any = data
            for part in loc[:-1]:
                container = container[part]
            container[loc[-1]] = WITHHELD


def _brief_record(site: Site, brief_id: str) -> dict[str, Any]:
    resolved = site.briefs[brief_id]
    content = resolved.brief.model_dump(mode="json")
    if any(ref in site.withheld for ref in resolved.refs):
        _mask_withheld(content, resolved.brief, site.withheld)
    return {
        "id": brief_id,
        "kind": resolved.kind,
        "path": f"{brief_id}/",
        "review_due": resolved.review_due.isoformat(),
        "refs": sorted(r for r in resolved.refs if r in site.briefs),
        "backlinks": sorted(resolved.backlinks),
        "sources": list(resolved.cited_sources),
        "brief": content,
    }


def _dump(value: Any) -> str:
    # Compact separators keep json on its C encoder (indent= switches to pure Python).
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    # Three C-speed replaces; str.translate with a dict is far slower on long text.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass
class KeptExport:
    """What a live preview keeps of the export between runs (see :func:`export_parts`)."""

    lines: dict[str, tuple[Any, bytes]] = field(default_factory=dict)
    """By brief id: what its line was made from, and the line."""
    sources: tuple[Any, bytes] | None = None
    """The sources section, with the site's sources it was made from (kept objects, the
    very same while the registry and the citations are unchanged)."""


def _brief_line(site: Site, brief_id: str, kept: dict[str, tuple[Any, bytes]] | None) -> bytes:
    """One brief's line of the export; with ``kept`` (a live preview's), made again only
    when something it is made from changed: the resolved brief (kept as the very same
    object while unchanged) and which of its references are withheld."""
    if kept is None:
        return _dump(_brief_record(site, brief_id)).encode()
    resolved = site.briefs[brief_id]
    line = kept.get(brief_id)
    if line is not None and line[0][0] is resolved and line[0][1] is site.withheld:
        return line[1]
    key = (resolved, site.withheld, site.withheld.intersection(resolved.refs))
    if line is None or line[0][0] is not resolved or line[0][2] != key[2]:
        line = (key, _dump(_brief_record(site, brief_id)).encode())
    kept[brief_id] = (key, line[1])
    return line[1]


def export_parts(site: Site, kept: KeptExport | None = None) -> Iterator[bytes]:
    """The export as UTF-8 JSON in pieces: sorted keys, one brief and one source per line.

    Each brief is built, dumped and encoded only when its line is asked for, so the
    export (the largest file of a big site) never exists whole in memory, as Python
    objects or as text. ``<``, ``>`` and ``&`` are written as ``\\u003c``-style escapes
    (same JSON value), so brief text never shows up as markup should the file be
    embedded in or sniffed as HTML. ``kept``: a live preview's lines and sources
    section, made again only when what they show changed (see :func:`_brief_line`); the
    pieces are then those very lines, never copied.
    """
    yield b"{\n" + f'"audience":{_dump(site.audience)},\n'.encode() + b'"briefs":[\n'
    lines = kept.lines if kept is not None else None
    for position, brief_id in enumerate(sorted(site.briefs)):
        if position:
            yield b",\n"
        yield _brief_line(site, brief_id, lines)
    if lines is not None:
        for gone in lines.keys() - site.briefs.keys():
            del lines[gone]
    yield f'\n],\n"format":{_dump(FORMAT)},\n"sources":{{\n'.encode()
    if kept is not None and kept.sources is not None and kept.sources[0] is site.sources:
        yield kept.sources[1]
    else:
        section = b",\n".join(f"{_dump(sid)}:{_dump(source.model_dump(mode='json'))}".encode()
                               for sid, source in sorted(site.sources.items()))
        if kept is not None:
            kept.sources = (site.sources, section)
        yield section
    yield f'\n}},\n"version":{VERSION}\n}}\n'.encode()


def export_bytes(site: Site) -> bytes:
    """The whole export (see :func:`export_parts`)."""
    return b"".join(export_parts(site))


def export_json(site: Site) -> str:
    """:func:`export_bytes` as text."""
    return export_bytes(site).decode("utf-8")
