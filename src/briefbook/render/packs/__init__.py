"""Briefing packs: a printable document gathering what a meeting, relation or country needs.

The pack is made from the resolved site of one audience (a withheld brief is not in it),
through its own HTML templates (``templates/pack/``): :func:`pack_html` is pure, and
returns the HTML with what it read of the site (a page record, as brief pages have).
:mod:`briefbook.render.packs.printing` (the only module that imports WeasyPrint) prints
it to PDF.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jinja2

from briefbook.errors import ContentError, UsageError
from briefbook.render.citing import Citations
from briefbook.render.environment import template_diagnostics
from briefbook.render.language import N_, language
from briefbook.render.packs.environment import PackRenderer
from briefbook.render.packs.gather import PACK_KINDS, Gathered, gather
from briefbook.render.translated import text_in
from briefbook.render.view import IndexView, Key, Reads, SiteView
from briefbook.resolve.indexes import SiteIndex
from briefbook.resolve.site import Site

__all__ = ["PACK_KINDS", "Pack", "PackRenderer", "pack_html", "pack_ids"]

TEMPLATE = "pack/pack.html.j2"
PAGE_OF = N_("page %(page)s of %(pages)s")
"""The words around the page numbers at the foot of every page ("page 3 of 12")."""


@dataclass(frozen=True)
class Pack:
    """A pack's HTML, ready to print, and what it read of the site."""

    subject: str
    lang: str
    title: str
    marking: str
    html: str
    gathered: Gathered
    reads: frozenset[Key]


def pack_ids(site: Site) -> list[str]:
    """The briefs that have a pack: every published meeting, relation and country."""
    return sorted(i for i, r in site.briefs.items() if r.kind in PACK_KINDS)


def _page_of(lang: str) -> tuple[str, str, str]:
    """``page %(page)s of %(pages)s`` in ``lang``, cut around its two numbers."""
    text = language(lang).gettext(PAGE_OF)
    parts = re.split(r"%\((?:page|pages)\)s", text)
    if len(parts) != 3 or text.index("%(page)s") > text.index("%(pages)s"):
        parts = re.split(r"%\((?:page|pages)\)s", PAGE_OF)
    return parts[0], parts[1], parts[2]


def pack_html(renderer: PackRenderer, site: Site, index: SiteIndex, subject: str, lang: str,
              *, produced: dt.date, commit: str) -> Pack:
    """The HTML of the pack of ``subject`` in ``lang``: raises UsageError when the audience
    may not see it or it has no pack, ContentError on a template bug."""
    resolved = site.briefs.get(subject)
    if resolved is None or resolved.kind not in PACK_KINDS:
        raise UsageError(f"no pack for '{subject}': packs are made for the "
                         f"{', '.join(PACK_KINDS)} briefs the {site.audience} audience may see")
    reads = Reads()
    view = SiteView(site, reads)
    gathered = gather(view, IndexView(index, reads), index, subject)
    marking = site.highest_marking(gathered.brief_ids)
    try:
        html = renderer.render(TEMPLATE, view, lang, Citations(), pack=gathered,
                               marking=marking, audience=site.audience, produced=produced,
                               commit=commit, shown=frozenset(gathered.brief_ids),
                               page_of=_page_of(lang))
    except jinja2.TemplateError as error:
        raise ContentError(template_diagnostics(error, TEMPLATE, f"pack {subject}")) from None
    title = text_in(resolved.brief.title, lang)
    return Pack(subject, lang, title, marking, html, gathered,
                frozenset(reads.keys | {("brief", i) for i in gathered.brief_ids}))
