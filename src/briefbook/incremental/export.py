"""The export's shortcut for a live preview: :func:`update_export`.

Each brief's line of ``data/briefs.json`` is made again only when something it is
made from changed: the resolved brief (the very same object while unchanged) and
which of its references are withheld; the sources section while the site's sources
are the same object. The pieces are those very lines, never copied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefbook.render.export import brief_line, export_parts, sources_section
from briefbook.resolve.site import Site


@dataclass
class KeptExport:
    """What the export shortcut keeps from one run to the next."""

    lines: dict[str, tuple[Any, bytes]] = field(default_factory=dict)
    """By brief id: what its line was made from, and the line."""
    sources: tuple[Any, bytes] | None = None
    """The sources section, with the site's sources it was made from."""

    def line(self, site: Site, brief_id: str) -> bytes:
        """:func:`~briefbook.render.export.brief_line`, kept while its inputs are the same."""
        resolved = site.briefs[brief_id]
        line = self.lines.get(brief_id)
        if line is not None and line[0][0] is resolved and line[0][1] is site.withheld:
            return line[1]
        key = (resolved, site.withheld, site.withheld.intersection(resolved.refs))
        if line is None or line[0][0] is not resolved or line[0][2] != key[2]:
            line = (key, brief_line(site, brief_id))
        self.lines[brief_id] = (key, line[1])
        return line[1]

    def sources_section(self, site: Site) -> bytes:
        """:func:`~briefbook.render.export.sources_section`, kept while the sources are."""
        if self.sources is None or self.sources[0] is not site.sources:
            self.sources = (site.sources, sources_section(site))
        return self.sources[1]


def update_export(kept: KeptExport, site: Site) -> list[bytes]:
    """The export's pieces (see :func:`~briefbook.render.export.export_parts`), whole."""
    parts = list(export_parts(site, kept.line, kept.sources_section))
    for gone in kept.lines.keys() - site.briefs.keys():
        del kept.lines[gone]
    return parts



