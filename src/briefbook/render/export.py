"""The machine-readable export: ``data/briefs.json`` (format documented in docs/data.md).

Only published briefs, validated and resolved, with the sources they cite. A
reference to a withheld brief is replaced by the string ``"withheld"``, exactly
as the pages show it. Deterministic: keys sorted, no build time in it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from briefbook.models import BriefRef
from briefbook.resolve.references import references_in
from briefbook.resolve.site import Site

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


def brief_line(site: Site, brief_id: str) -> bytes:
    """One brief's line of the export."""
    return _dump(_brief_record(site, brief_id)).encode()


def sources_section(site: Site) -> bytes:
    """The export's sources, one per line."""
    return b",\n".join(f"{_dump(sid)}:{_dump(source.model_dump(mode='json'))}".encode()
                       for sid, source in sorted(site.sources.items()))


def export_parts(site: Site, line: Callable[[Site, str], bytes] = brief_line,
                 sources: Callable[[Site], bytes] = sources_section) -> Iterator[bytes]:
    """The export as UTF-8 JSON in pieces: sorted keys, one brief and one source per line.

    Each brief is built, dumped and encoded only when its line is asked for, so the
    export (the largest file of a big site) never exists whole in memory, as Python
    objects or as text. ``<``, ``>`` and ``&`` are written as ``\\u003c``-style escapes
    (same JSON value), so brief text never shows up as markup should the file be
    embedded in or sniffed as HTML. ``line`` and ``sources`` make the pieces (a
    shortcut may give kept ones, which must be the same bytes).
    """
    yield b"{\n" + f'"audience":{_dump(site.audience)},\n'.encode() + b'"briefs":[\n'
    for position, brief_id in enumerate(sorted(site.briefs)):
        if position:
            yield b",\n"
        yield line(site, brief_id)
    yield f'\n],\n"format":{_dump(FORMAT)},\n"sources":{{\n'.encode()
    yield sources(site)
    yield f'\n}},\n"version":{VERSION}\n}}\n'.encode()


def export_bytes(site: Site) -> bytes:
    """The whole export (see :func:`export_parts`)."""
    return b"".join(export_parts(site))


def export_json(site: Site) -> str:
    """:func:`export_bytes` as text."""
    return export_bytes(site).decode("utf-8")
