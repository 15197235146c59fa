"""The machine-readable export: ``data/briefs.json`` (format documented in docs/data.md).

Only published briefs, validated and resolved, with the sources they cite. A
reference to a withheld brief is replaced by the string ``"withheld"``, exactly
as the pages show it. Deterministic: keys sorted, no build time in it.
"""

from __future__ import annotations

import json
from typing import Any

from .models import BriefRef
from .resolve import Site, walk

EXPORT_PATH = "data/briefs.json"
FORMAT = "briefbook-briefs"
VERSION = 1
WITHHELD = "withheld"


def _mask_withheld(data: dict[str, Any], brief: Any, withheld: frozenset[str]) -> None:
    """Replace, in the dumped brief, every reference to a withheld brief."""
    for loc, value in walk(brief):
        if isinstance(value, BriefRef) and value in withheld:
            container: Any = data
            for part in loc[:-1]:
                container = container[part]
            container[loc[-1]] = WITHHELD


def export_data(site: Site) -> dict[str, Any]:
    """The export as plain JSON-ready data."""
    briefs = []
    for brief_id in sorted(site.briefs):
        resolved = site.briefs[brief_id]
        content = resolved.brief.model_dump(mode="json")
        if any(ref in site.withheld for ref in resolved.refs):
            _mask_withheld(content, resolved.brief, site.withheld)
        briefs.append({
            "id": brief_id,
            "kind": resolved.kind,
            "path": f"{brief_id}/",
            "review_due": resolved.review_due.isoformat(),
            "refs": sorted(r for r in resolved.refs if r in site.briefs),
            "backlinks": sorted(resolved.backlinks),
            "sources": list(resolved.cited_sources),
            "brief": content,
        })
    return {
        "format": FORMAT,
        "version": VERSION,
        "audience": site.audience,
        "briefs": briefs,
        "sources": {sid: source.model_dump(mode="json") for sid, source in site.sources.items()},
    }


def _dump(value: Any) -> str:
    # Compact separators keep json on its C encoder (indent= switches to pure Python).
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def export_json(site: Site) -> str:
    """The export as JSON text: sorted keys, one brief and one source per line, UTF-8.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``-style escapes (same JSON value), so
    brief text never shows up as markup should the file be embedded in or sniffed as HTML.
    """
    data = export_data(site)
    parts = []
    for key in sorted(data):
        if key == "briefs":
            body = ",\n".join(_dump(brief) for brief in data["briefs"])
            parts.append(f'"briefs":[\n{body}\n]')
        elif key == "sources":
            body = ",\n".join(f"{_dump(sid)}:{_dump(source)}"
                              for sid, source in sorted(data["sources"].items()))
            parts.append(f'"sources":{{\n{body}\n}}')
        else:
            parts.append(f"{_dump(key)}:{_dump(data[key])}")
    lines = ["{", ",\n".join(parts), "}"]
    text = "\n".join(lines)
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text + "\n"
