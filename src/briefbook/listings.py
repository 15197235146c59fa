"""Site-wide pages: home, kind indexes, sources, tags, timeline and recent changes.

Each page is rendered from indexes built once per build (see :mod:`.indexes`),
so no page scans every brief again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from .feeds import FEED_PATH, recently_reviewed
from .figures import format_date
from .indexes import Event, SiteIndex
from .markup import escape_text, markdown_link
from .models import KINDS
from .resolve import ResolvedBrief, Site

if TYPE_CHECKING:
    from .render import Renderer

SITE_TITLE = "Kazakhstan–Turkmenistan briefing book"
CHANGES_SIZE = 50


def _by_kind(listed: list[ResolvedBrief]) -> dict[str, list[ResolvedBrief]]:
    groups: dict[str, list[ResolvedBrief]] = defaultdict(list)
    for resolved in listed:
        groups[resolved.kind].append(resolved)
    return {kind: sorted(groups[kind], key=lambda b: (b.brief.title["en"].casefold(), b.id))
            for kind in KINDS if kind in groups}


def iter_listings(renderer: Renderer, site: Site, index: SiteIndex) -> Iterator[tuple[str, str]]:
    """Every page that is not a brief, as (path relative to the generated folder, text)."""
    everything = site.highest_marking()
    by_kind = _by_kind(list(site.briefs.values()))
    for kind in KINDS:
        page = f"{kind}/index.md"
        listed = by_kind.get(kind, [])
        yield page, renderer.render("kind_index.md.j2", page, site, kind=kind, listed=listed,
                                    marking=site.highest_marking([b.id for b in listed]))
    latest = recently_reviewed(site, 10)
    headline = [(b, figure) for kind in KINDS for b in by_kind.get(kind, [])
                for figure in b.headline]
    yield "index.md", renderer.render("home.md.j2", "index.md", site, latest=latest,
                                      counts={k: len(v) for k, v in by_kind.items()},
                                      headline=headline, marking=everything)
    yield "sources.md", renderer.render("sources.md.j2", "sources.md", site, marking=everything)
    tags = site.by_tag()
    tag_kinds = {tag: [k for k in KINDS if any(b.kind == k for b in listed)]
                 for tag, listed in tags.items()}
    yield "tags/index.md", renderer.render("tags.md.j2", "tags/index.md", site, tags=tags,
                                           tag_kinds=tag_kinds, marking=everything)
    by_tag = index.events_by("tags")
    for tag, listed in tags.items():
        page = f"tags/{tag}.md"
        yield page, renderer.render("tag.md.j2", page, site, tag=tag, groups=_by_kind(listed),
                                    count=len(listed), has_events=tag in by_tag,
                                    marking=site.highest_marking([b.id for b in listed]))
    yield from _timeline_pages(renderer, site, index, by_tag, everything)
    yield "changes.md", renderer.render(
        "changes.md.j2", "changes.md", site, changed=recently_reviewed(site, CHANGES_SIZE),
        feed=FEED_PATH, marking=everything)


TIMELINE = "timeline"


def timeline_filter_page(key: str, *, tag: bool = False) -> str:
    """Path of the timeline page of one country (by brief id) or one tag."""
    return f"{TIMELINE}/tag/{key}.md" if tag else f"{TIMELINE}/{key}.md"


def _timeline_pages(renderer: Renderer, site: Site, index: SiteIndex,
                    by_tag: dict[str, list[Event]], everything: str) -> Iterator[tuple[str, str]]:
    """All events on one page, and a page per country and per tag: every event is listed
    once per filter it matches, so the main page stays one row an event."""
    by_country = index.events_by("countries")
    countries = [(cid, site.briefs[cid].brief.title["en"]) for cid in by_country]
    common = {"timeline_page": TIMELINE, "countries": countries, "tags": list(by_tag)}
    rows = _EventRows(site)
    yield f"{TIMELINE}.md", renderer.render(
        "timeline.md.j2", f"{TIMELINE}.md", site, title="Timeline", scope="",
        rows=rows.of(index.events, f"{TIMELINE}.md"), marking=everything, **common)
    for cid, label in countries:
        page = timeline_filter_page(cid)
        yield page, renderer.render(
            "timeline.md.j2", page, site, title=f"Timeline: {label}",
            scope=f"involving {label}", rows=rows.of(by_country[cid], page),
            marking=_marking_of(site, by_country[cid]), **common)
    for tag, events in by_tag.items():
        page = timeline_filter_page(tag, tag=True)
        yield page, renderer.render(
            "timeline.md.j2", page, site, title=f"Timeline: {tag}",
            scope=f"of briefs tagged {tag}", rows=rows.of(events, page),
            marking=_marking_of(site, events), **common)


class _EventRows:
    """Markdown table rows of events, each made once per folder depth: every filter page
    lies at the same depth, so an event listed on many of them is formatted once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.made: dict[tuple[int, int], Markup] = {}

    def of(self, events: list[Event], page: str) -> list[Markup]:
        depth = page.count("/")
        return [self._row(event, page, depth) for event in events]

    def _row(self, event: Event, page: str, depth: int) -> Markup:
        key = (id(event), depth)
        if key not in self.made:
            target = self.site.briefs[event.brief_id]
            link = markdown_link(target.brief.title["en"], page, f"{event.brief_id}.md")
            self.made[key] = Markup(
                f"| {escape_text(format_date(event.date, event.precision))} "
                f"| {escape_text(event.title['en'])} | {escape_text(event.type)} | {link} |")
        return self.made[key]


def _marking_of(site: Site, events: list[Event]) -> str:
    return site.highest_marking(sorted({event.brief_id for event in events}))
