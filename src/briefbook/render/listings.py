"""Site-wide pages: home, kind indexes, sources, tags, timeline and recent changes.

Each page is rendered from indexes built once per build (see :mod:`.indexes`),
so no page scans every brief again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from briefbook.incremental.memo import Memo, made
from briefbook.models import KINDS
from briefbook.render.feeds import FEED_PATH
from briefbook.render.figures import format_date
from briefbook.render.markup import escape_text, markdown_link
from briefbook.resolve.indexes import Event, SiteIndex
from briefbook.resolve.resolver import ResolvedBrief, Site, highest_marking
from briefbook.write.tree import Hashed

if TYPE_CHECKING:
    from briefbook.render.environment import Renderer

SITE_TITLE = "Kazakhstan–Turkmenistan briefing book"
CHANGES_SIZE = 50


def _by_title(listed: list[ResolvedBrief]) -> list[ResolvedBrief]:
    return sorted(listed, key=lambda b: (b.brief.title["en"].casefold(), b.id))


def _by_kind(listed: list[ResolvedBrief]) -> dict[str, list[ResolvedBrief]]:
    groups = _members(listed)
    return {kind: _by_title(groups[kind]) for kind in KINDS if kind in groups}


def _members(listed: Iterable[ResolvedBrief]) -> dict[str, list[ResolvedBrief]]:
    """Briefs grouped by kind, in the order given."""
    groups: dict[str, list[ResolvedBrief]] = defaultdict(list)
    for resolved in listed:
        groups[resolved.kind].append(resolved)
    return groups


def _keys(listed: list[ResolvedBrief]) -> list[tuple[str, Any]]:
    """What a listing shows of each brief, for a memo key: its id and content (an
    unchanged brief's are the very objects of the last run)."""
    return [b.content_key for b in listed]


@dataclass
class _Overview:
    """What the listings read of every brief, gathered in one pass over the site (one
    pass per listing touched every brief's objects again: a tenth of a regeneration)."""

    titles: dict[str, Any]
    markings: dict[str, str]
    members: dict[str, list[ResolvedBrief]]
    """Briefs by kind, in the site's order."""
    headlined: list[ResolvedBrief]
    tags: dict[str, list[ResolvedBrief]]
    """Briefs by tag, tags sorted."""
    tag_kinds: dict[str, list[str]]
    """The kinds of the briefs of each tag, in the order of KINDS."""


def _overview(site: Site) -> _Overview:
    titles, markings = {}, {}
    members: dict[str, list[ResolvedBrief]] = defaultdict(list)
    headlined = []
    tags: dict[str, list[ResolvedBrief]] = defaultdict(list)
    tag_kinds: dict[str, set[str]] = defaultdict(set)
    for brief_id, resolved in site.briefs.items():
        brief = resolved.brief
        titles[brief_id], markings[brief_id] = brief.title, brief.marking
        members[resolved.kind].append(resolved)
        if resolved.headline:
            headlined.append(resolved)
        for tag in brief.tags:
            tags[tag].append(resolved)
            tag_kinds[tag].add(resolved.kind)
    return _Overview(titles, markings, members, headlined, {t: tags[t] for t in sorted(tags)},
                     {t: [k for k in KINDS if k in tag_kinds[t]] for t in sorted(tags)})


def _highest(site: Site, listed: list[ResolvedBrief]) -> str:
    return site.highest_marking([b.id for b in listed])


class _Pages:
    """Renders site-wide pages, through the live preview's memo when there is one.

    A memo key is compared with ``==`` to the one the page was last rendered under: it
    must hold everything the template reads. A listed brief is keyed by
    :attr:`ResolvedBrief.content_key`, which an unchanged brief keeps from run to run
    (so comparing it is an identity check); anything else a template reads of it
    (backlinks, say) must be in the key too."""

    def __init__(self, renderer: Renderer, site: Site, memo: Memo | None) -> None:
        self.renderer, self.site, self.memo = renderer, site, memo

    def interned(self, name: str, value: Any) -> Any:
        """``value``, or the equal value the memo kept under ``name`` (see Memo.interned)."""
        return value if self.memo is None else self.memo.interned(name, value)

    def derived(self, name: str, source: Any, make: Callable[[], Any]) -> Any:
        """``make()``, or what it gave last run if ``source`` is the same object."""
        return make() if self.memo is None else self.memo.derived(name, source, make)

    def render(self, page: str, template: str, *, key: Any = None, also: Any = None,
               lazy: dict[str, Callable[[], Any]] | None = None, **values: Any) -> str | Hashed:
        """``template`` rendered for ``page``. ``key`` (default: the values) and ``also``
        (what else of the site the template reads) decide when the memo's copy will do;
        ``lazy`` values are made only if the page is rendered (``key`` must cover them)."""
        def produce() -> str:
            lazily = {name: make() for name, make in (lazy or {}).items()}
            return self.renderer.render(template, page, self.site, **values, **lazily)
        return made(self.memo, page, (template, values if key is None else key, also), produce)


def iter_listings(renderer: Renderer, site: Site, index: SiteIndex, latest: list[ResolvedBrief],
                  memo: Memo | None = None) -> Iterator[tuple[str, str | Hashed]]:
    """Every page that is not a brief, as (path relative to the generated folder, text).
    ``latest``: the most recently reviewed briefs (:func:`~.feeds.recently_reviewed`)."""
    pages = _Pages(renderer, site, memo)
    overview = _overview(site)
    # Titles and markings of every brief, for keys: equal to last run's, they are the
    # very objects kept then, and compare in a blink.
    titles = pages.interned("titles", overview.titles)
    markings = pages.interned("markings", overview.markings)
    everything = highest_marking(set(markings.values()))
    members = overview.members
    for kind in KINDS:
        page, listed = f"{kind}/index.md", members.get(kind, [])
        yield page, pages.render(
            page, "kind_index.md.j2", key=(kind, _keys(listed)), kind=kind, lazy={
                "listed": partial(_by_title, listed), "marking": partial(_highest, site, listed)})
    headlined = overview.headlined
    counts = {k: len(v) for k, v in members.items()}
    yield "index.md", pages.render(
        "index.md", "home.md.j2", key=(_keys(latest[:10]), _keys(headlined), counts, everything),
        also=site.sources, latest=latest[:10], counts=counts, marking=everything,
        lazy={"headline": lambda: [(b, figure) for group in _by_kind(headlined).values()
                                   for b in group for figure in b.headline]})
    # The sources page links every citing brief by its title.
    yield "sources.md", pages.render("sources.md", "sources.md.j2",
                                     key=(site.citing, titles, everything), also=site.sources,
                                     marking=everything)
    yield from _tag_pages(pages, site, index, everything, overview)
    yield from _timeline_pages(pages, site, index, everything, titles, markings)
    yield "changes.md", pages.render("changes.md", "changes.md.j2",
                                     key=(_keys(latest), everything), changed=latest,
                                     feed=FEED_PATH, marking=everything)


def _tag_pages(pages: _Pages, site: Site, index: SiteIndex, everything: str,
               overview: _Overview) -> Iterator[tuple[str, str | Hashed]]:
    tags, tag_kinds = overview.tags, overview.tag_kinds
    # The tags page shows each tag's count and kinds, not its briefs.
    counts = [(tag, len(listed)) for tag, listed in tags.items()]
    yield "tags/index.md", pages.render("tags/index.md", "tags.md.j2", tags=tags,
                                        tag_kinds=tag_kinds, marking=everything,
                                        key=(counts, tag_kinds, everything))
    by_tag = pages.derived("events by tag", index.events, lambda: index.events_by("tags"))
    for tag, listed in tags.items():
        page = f"tags/{tag}.md"
        yield page, pages.render(page, "tag.md.j2", key=(tag, _keys(listed), tag in by_tag),
                                 tag=tag, count=len(listed), has_events=tag in by_tag, lazy={
                                     "groups": partial(_by_kind, listed),
                                     "marking": partial(_highest, site, listed)})


TIMELINE = "timeline"


def timeline_filter_page(key: str, *, tag: bool = False) -> str:
    """Path of the timeline page of one country (by brief id) or one tag."""
    return f"{TIMELINE}/tag/{key}.md" if tag else f"{TIMELINE}/{key}.md"


def _timeline_pages(pages: _Pages, site: Site, index: SiteIndex, everything: str,
                    titles: dict[str, Any], markings: dict[str, str],
                    ) -> Iterator[tuple[str, str | Hashed]]:
    """All events on one page, and a page per country and per tag: every event is listed
    once per filter it matches, so the main page stays one row an event."""
    by_country = pages.derived("events by country", index.events,
                               lambda: index.events_by("countries"))
    by_tag = pages.derived("events by tag", index.events, lambda: index.events_by("tags"))
    countries = [(cid, site.briefs[cid].brief.title["en"]) for cid in by_country]
    common = {"timeline_page": TIMELINE, "countries": countries, "tags": list(by_tag)}
    rows = _EventRows(site)

    def timeline(page: str, title: str, scope: str, events: list[Event],
                 marking: Callable[[], str]) -> Any:
        # A row shows its event and the title of the event's brief; the marking comes
        # from the markings of the events' briefs.
        key = (title, scope, common, events, titles, markings)
        return pages.render(page, "timeline.md.j2", key=key, title=title, scope=scope,
                            lazy={"rows": lambda: rows.of(events, page), "marking": marking},
                            **common)

    yield f"{TIMELINE}.md", timeline(f"{TIMELINE}.md", "Timeline", "", index.events,
                                     lambda: everything)
    for cid, label in countries:
        page, events = timeline_filter_page(cid), by_country[cid]
        yield page, timeline(page, f"Timeline: {label}", f"involving {label}", events,
                             partial(_marking_of, site, events))
    for tag, events in by_tag.items():
        page = timeline_filter_page(tag, tag=True)
        yield page, timeline(page, f"Timeline: {tag}", f"of briefs tagged {tag}", events,
                             partial(_marking_of, site, events))


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
