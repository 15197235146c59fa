"""Site-wide pages: home, kind indexes, sources, tags, timeline and recent changes.

Each page is rendered from indexes built once per build (see :mod:`.indexes`),
so no page scans every brief again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .feeds import FEED_PATH, recently_reviewed
from .figures import format_date
from .indexes import Event, SiteIndex
from .markup import escape_text, markdown_link
from .memo import Memo
from .models import KINDS
from .resolve import ResolvedBrief, Site
from .write import Hashed

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


def _key(value: Any) -> Any:
    """``value`` as a memo key: a brief stands for its id and its content (all a listing
    template may read of it: derived lists such as backlinks must be passed as values)."""
    if isinstance(value, ResolvedBrief):
        return value.id, value.brief
    if isinstance(value, list | tuple):
        return tuple(_key(item) for item in value)
    if isinstance(value, dict):
        return tuple((name, _key(item)) for name, item in value.items())
    return value


class _Pages:
    """Renders site-wide pages, through the live preview's memo when there is one."""

    def __init__(self, renderer: Renderer, site: Site, memo: Memo | None) -> None:
        self.renderer, self.site, self.memo = renderer, site, memo

    def interned(self, name: str, value: Any) -> Any:
        """``value``, or the equal value the memo kept under ``name`` (see Memo.interned)."""
        return value if self.memo is None else self.memo.interned(name, value)

    def render(self, page: str, template: str, *, key: Any = None, also: Any = None,
               lazy: dict[str, Callable[[], Any]] | None = None, **values: Any) -> str | Hashed:
        """``template`` rendered for ``page``. ``key`` (default: the values) and ``also``
        (what else of the site the template reads) decide when the memo's copy will do;
        ``lazy`` values are made only if the page is rendered (``key`` must cover them)."""
        def produce() -> str:
            made = {name: make() for name, make in (lazy or {}).items()}
            return self.renderer.render(template, page, self.site, **values, **made)
        if self.memo is None:
            return produce()
        memo_key = (template, _key(values) if key is None else key, also)
        return Hashed(*self.memo.page(page, memo_key, produce))


def iter_listings(renderer: Renderer, site: Site, index: SiteIndex,
                  memo: Memo | None = None) -> Iterator[tuple[str, str | Hashed]]:
    """Every page that is not a brief, as (path relative to the generated folder, text)."""
    pages = _Pages(renderer, site, memo)
    everything = site.highest_marking()
    by_kind = _by_kind(list(site.briefs.values()))
    for kind in KINDS:
        page = f"{kind}/index.md"
        listed = by_kind.get(kind, [])
        yield page, pages.render(page, "kind_index.md.j2", kind=kind, listed=listed,
                                 marking=site.highest_marking([b.id for b in listed]))
    latest = recently_reviewed(site, 10)
    headline = [(b, figure) for kind in KINDS for b in by_kind.get(kind, [])
                for figure in b.headline]
    yield "index.md", pages.render("index.md", "home.md.j2", also=site.sources, latest=latest,
                                   counts={k: len(v) for k, v in by_kind.items()},
                                   headline=headline, marking=everything)
    # The sources page links every citing brief by its title.
    citing = {sid: [site.briefs[i].brief.title for i in ids] for sid, ids in site.citing.items()}
    yield "sources.md", pages.render("sources.md", "sources.md.j2", also=(site.sources, citing),
                                     marking=everything)
    tags = site.by_tag()
    tag_kinds = {tag: [k for k in KINDS if k in {b.kind for b in listed}]
                 for tag, listed in tags.items()}
    # The tags page shows each tag's count and kinds, not its briefs.
    counts = [(tag, len(listed)) for tag, listed in tags.items()]
    yield "tags/index.md", pages.render("tags/index.md", "tags.md.j2", tags=tags,
                                        tag_kinds=tag_kinds, marking=everything,
                                        key=(counts, tag_kinds, everything))
    by_tag = index.events_by("tags")
    for tag, listed in tags.items():
        page = f"tags/{tag}.md"
        yield page, pages.render(page, "tag.md.j2", tag=tag, groups=_by_kind(listed),
                                 count=len(listed), has_events=tag in by_tag,
                                 marking=site.highest_marking([b.id for b in listed]))
    yield from _timeline_pages(pages, site, index, by_tag, everything)
    yield "changes.md", pages.render(
        "changes.md", "changes.md.j2", changed=recently_reviewed(site, CHANGES_SIZE),
        feed=FEED_PATH, marking=everything)


TIMELINE = "timeline"


def timeline_filter_page(key: str, *, tag: bool = False) -> str:
    """Path of the timeline page of one country (by brief id) or one tag."""
    return f"{TIMELINE}/tag/{key}.md" if tag else f"{TIMELINE}/{key}.md"


def _timeline_pages(pages: _Pages, site: Site, index: SiteIndex, by_tag: dict[str, list[Event]],
                    everything: str) -> Iterator[tuple[str, str | Hashed]]:
    """All events on one page, and a page per country and per tag: every event is listed
    once per filter it matches, so the main page stays one row an event."""
    by_country = index.events_by("countries")
    countries = [(cid, site.briefs[cid].brief.title["en"]) for cid in by_country]
    common = {"timeline_page": TIMELINE, "countries": countries, "tags": list(by_tag)}
    rows = _EventRows(site)
    # A row shows its event and the title of the event's brief: the memo key holds both.
    titles = pages.interned("event titles", {
        event.brief_id: site.briefs[event.brief_id].brief.title for event in index.events})

    def timeline(page: str, title: str, scope: str, events: list[Event], marking: str) -> Any:
        key = (title, scope, marking, common, events, titles)
        return pages.render(page, "timeline.md.j2", key=key, title=title, scope=scope,
                            lazy={"rows": lambda: rows.of(events, page)}, marking=marking,
                            **common)

    yield f"{TIMELINE}.md", timeline(f"{TIMELINE}.md", "Timeline", "", index.events,
                                     everything)
    for cid, label in countries:
        page = timeline_filter_page(cid)
        yield page, timeline(page, f"Timeline: {label}", f"involving {label}",
                             by_country[cid], _marking_of(site, by_country[cid]))
    for tag, events in by_tag.items():
        page = timeline_filter_page(tag, tag=True)
        yield page, timeline(page, f"Timeline: {tag}", f"of briefs tagged {tag}", events,
                             _marking_of(site, events))


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
