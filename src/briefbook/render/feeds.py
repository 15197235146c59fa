"""The Atom 1.0 feed of recently reviewed briefs (``feed.xml`` in the site root).

Deterministic: every date comes from the briefs (their ``reviewed`` dates), never
from the clock, so an unchanged site produces the same bytes. Links are relative
to the feed (the site's root) and assume MkDocs' directory URLs (``<id>/``).
"""

from __future__ import annotations

import datetime as dt
import heapq
from xml.sax.saxutils import escape, quoteattr

from briefbook.load.invisible import strip_invisible
from briefbook.render.language import language
from briefbook.render.translated import text_in
from briefbook.resolve.site import ResolvedBrief, Site

FEED_SIZE = 20
TAG_AUTHORITY = "tag:briefbook,2024:"


def recently_reviewed(site: Site, limit: int = FEED_SIZE) -> list[ResolvedBrief]:
    """Published briefs, most recently reviewed first (then by id), at most ``limit``."""
    return heapq.nsmallest(limit, site.briefs.values(),
                           key=lambda b: (-b.brief.reviewed.toordinal(), b.id))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _plain(text: str) -> str:
    """One line, without invisible characters (see :mod:`briefbook.load.invisible`)."""
    return " ".join(strip_invisible(text).split())


def atom_feed(site: Site, title: str, limit: int = FEED_SIZE,
              latest: list[ResolvedBrief] | None = None, lang: str = "en") -> str:
    """The feed as a string of Atom 1.0 XML in ``lang`` (``latest``:
    :func:`recently_reviewed`, if the caller has it for at least ``limit`` briefs)."""
    heading = language(lang).gettext("%(site)s: recently reviewed briefs") % {"site": title}
    entries = recently_reviewed(site, limit) if latest is None else latest[:limit]
    updated = max((b.brief.reviewed for b in entries), default=dt.date(1970, 1, 1))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
        f"  <title>{escape(heading)}</title>",
        f"  <id>{TAG_AUTHORITY}{escape(site.audience)}/feed{'' if lang == 'en' else '/' + lang}"
        "</id>",
        f"  <updated>{_stamp(updated)}</updated>",
        '  <link rel="self" type="application/atom+xml" href="feed.xml"/>',
        '  <link rel="alternate" type="text/html" href="changes/"/>',
        "  <author><name>briefbook</name></author>",
        "  <generator>briefbook</generator>",
    ]
    for resolved in entries:
        brief = resolved.brief
        lines += [
            "  <entry>",
            f"    <title>{escape(_plain(text_in(brief.title, lang)))}</title>",
            f"    <id>{TAG_AUTHORITY}{escape(resolved.id)}@{brief.reviewed.isoformat()}</id>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(resolved.id + '/')}/>",
            f"    <updated>{_stamp(brief.reviewed)}</updated>",
        ]
        if brief.owner:
            owner = escape(strip_invisible(brief.owner))
            lines.append(f"    <author><name>{owner}</name></author>")
        for tag in brief.tags:
            lines.append(f"    <category term={quoteattr(tag)}/>")
        summary = escape(_plain(text_in(brief.summary, lang)))
        lines += [f"    <summary type=\"text\">{summary}</summary>", "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
