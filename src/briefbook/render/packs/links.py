"""The line on a brief's page that links its briefing pack, with its size.

A pack is printed before the pages that link it (see :mod:`briefbook.write.packs`):
what a page shows of it is its *facts*, the number of pages and bytes as one short
string (``"18|205824"``), which the page reads as the key ``("pack", <pack file>)``
and the incremental machinery records as it records any read, so a page is rendered
again exactly when its pack's facts change.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from briefbook.render.formats import number
from briefbook.render.language import N_, language
from briefbook.render.markup import Safe, escape_text

KILOBYTES = N_("%(kb)s KB")
MEGABYTES = N_("%(mb)s MB")

PackFacts = Mapping[str, str]
"""The facts of each pack printed, by the path of its file in the generated folder."""


def facts(pages: int, size: int) -> str:
    """A pack's facts as pages and links read them."""
    return f"{pages}|{size}"


def _size(size: int, lang: str) -> str:
    spoken = language(lang)
    if size < 1024 * 1024:
        return spoken.gettext(KILOBYTES) % {"kb": number(max(1, round(size / 1024)), lang)}
    return spoken.gettext(MEGABYTES) % {"mb": number(round(size / 1024 / 1024, 1), lang)}


def pack_line(fact: str | None, page: str, pack: str, lang: str) -> Safe | None:
    """The Markdown link from the page at ``page`` to the pack rendered at ``pack``
    (both in the language's own tree), or None without facts (no pack printed)."""
    if not fact or "|" not in fact:
        return None
    pages, size = (int(part) for part in fact.split("|", 1))
    words = language(lang).ngettext("Briefing pack (PDF, %(num)s page, %(size)s)",
                                    "Briefing pack (PDF, %(num)s pages, %(size)s)", pages) % {
        "num": number(pages, lang), "size": _size(size, lang)}
    href = posixpath.relpath(pack, posixpath.dirname(page) or ".")
    return Safe(f"[{escape_text(words)}]({href})")
