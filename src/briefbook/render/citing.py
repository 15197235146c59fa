"""Citations on a page: the numbers of its sources, and the markers that link to them."""

from __future__ import annotations

import html

from briefbook.load.invisible import strip_invisible
from briefbook.render.language import DEFAULT, language
from briefbook.render.markup import Safe


class Citations:
    """Numbers of the sources cited on one page, in order of first citation.

    A brief page starts from the brief's own sources; figures gathered from other
    briefs (a country page showing its relations' figures) add theirs at the end.
    """

    def __init__(self, initial: list[str] | None = None) -> None:
        self.order: list[str] = []
        self._numbers: dict[str, int] = {}
        for source_id in initial or []:
            self.number(source_id)

    def number(self, source_id: str) -> int:
        """1-based number of a source on this page (numbering it if new)."""
        if source_id not in self._numbers:
            self.order.append(source_id)
            self._numbers[source_id] = len(self.order)
        return self._numbers[source_id]


def cite_markup(cites: Citations, source_ids: list[str], lang: str = DEFAULT) -> Safe:
    """``<sup>[1][2]</sup>``: each number links to the source in the page's list, once
    however many parts of the source are cited; their locators (``at``) go in its title
    ("Source 1: p. 4", in the page's language)."""
    source = language(lang).gettext("Source %(number)s")
    places: dict[int, list[str]] = {}
    for source_id in source_ids:
        at = getattr(source_id, "at", None)  # where in the source: a SourceRef's locator
        found = places.setdefault(cites.number(source_id), [])
        if at and at not in found:
            found.append(at)
    marks = []
    for number, where in places.items():
        detail = html.escape(strip_invisible(": " + "; ".join(where)), quote=True) if where else ""
        marks.append(f'<a href="#source-{number}" class="bb-cite" '
                     f'title="{html.escape(source % {"number": number})}{detail}">'
                     f"[{number}]</a>")
    return Safe("<sup>" + "".join(marks) + "</sup>") if marks else Safe("")
