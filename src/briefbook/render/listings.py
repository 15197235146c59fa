"""Site-wide pages: home, kind indexes, sources, tags, timeline and recent changes.

Each page comes as a :class:`SitePage`: its path, a key and a way to make it. The
key is everything the page is made from besides what its template reads of the site
(which is recorded, see :mod:`briefbook.render.view`): the template and the values
handed to it, where a value that is costly to make is a :class:`Lazy` function call,
keyed by the function and its arguments. Nothing else reaches the page, so a live
preview that finds a page's key and recorded reads unchanged may reuse the page.
Every page is made from indexes built once per build, so no page scans every brief
again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from briefbook.models import KINDS
from briefbook.render.figures import format_date
from briefbook.render.language import N_, language
from briefbook.render.mapping import PLACE_KINDS
from briefbook.render.markup import escape_text, markdown_link
from briefbook.render.paths import (
    CHANGES,
    FEED_PATH,
    HOME,
    SOURCES,
    TAGS,
    TIMELINE,
    brief_page,
    kind_page,
    tag_page,
    timeline_filter_page,
)
from briefbook.render.translated import text_in
from briefbook.render.view import Reads, SiteView
from briefbook.resolve.indexes import Event, SiteIndex
from briefbook.resolve.site import ResolvedBrief, Site, highest_marking

if TYPE_CHECKING:
    from briefbook.render.environment import Rendered, Renderer

CHANGES_SIZE = 50
EVENT_TYPES = {"agreement": N_("agreement"), "opening": N_("opening"),
               "milestone": N_("milestone"), "announcement": N_("announcement"),
               "decision": N_("decision"), "election": N_("election"), "meeting": N_("meeting"),
               "declaration": N_("declaration")}
"""The types of event on the timeline (a scheduled one is "election, scheduled")."""


class Lazy:
    """A value made only if its page is rendered: ``func(view, *args, aid)`` (``aid``, if
    given, is a helper of the run that is not part of the key, such as a shared cache)."""

    __slots__ = ("aid", "args", "func")

    def __init__(self, func: Callable[..., Any], *args: Any, aid: Any = None) -> None:
        self.func, self.args, self.aid = func, args, aid

    def key(self) -> tuple[Any, ...]:
        return (self.func, self.args)

    def make(self, view: SiteView) -> Any:
        return self.func(view, *self.args) if self.aid is None else \
            self.func(view, *self.args, self.aid)


@dataclass(frozen=True)
class SitePage:
    """A site-wide page: where it goes, what it is made from, and how to make it."""

    path: str
    key: Any
    make: Callable[[], Rendered | str]


@dataclass
class _Overview:
    """What the listings read of every brief, gathered in one pass over the site."""

    titles: dict[str, Any]
    markings: dict[str, Any]
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
        titles[brief_id], markings[brief_id] = brief.title, resolved.marking
        members[resolved.kind].append(resolved)
        if resolved.headline:
            headlined.append(resolved)
        for tag in brief.tags:
            tags[tag].append(resolved)
            tag_kinds[tag].add(resolved.kind)
    return _Overview(titles, markings, members, headlined, {t: tags[t] for t in sorted(tags)},
                     {t: [k for k in KINDS if k in tag_kinds[t]] for t in sorted(tags)})


def _by_title(view: SiteView, listed: list[ResolvedBrief], lang: str) -> list[ResolvedBrief]:
    """Briefs in the order of their titles in ``lang``, as its readers sort (Russian:
    Cyrillic titles first, «Ашхабад» before «Бишкек» before «Astana»)."""
    key = language(lang).sort_key
    return sorted(listed, key=lambda b: (key(text_in(b.brief.title, lang)), b.id))


def _by_kind(view: SiteView, listed: list[ResolvedBrief], lang: str
             ) -> dict[str, list[ResolvedBrief]]:
    groups: dict[str, list[ResolvedBrief]] = defaultdict(list)
    for resolved in listed:
        groups[resolved.kind].append(resolved)
    return {kind: _by_title(view, groups[kind], lang) for kind in KINDS if kind in groups}


def _highest(view: SiteView, listed: list[ResolvedBrief]) -> str:
    return highest_marking({b.brief.marking for b in listed})


def _headline(view: SiteView, headlined: list[ResolvedBrief], lang: str
              ) -> list[tuple[ResolvedBrief, Any]]:
    return [(b, figure) for group in _by_kind(view, headlined, lang).values()
            for b in group for figure in b.headline]


class _Listings:
    """Makes the :class:`SitePage` of each listing with one renderer and site."""

    def __init__(self, renderer: Renderer, site: Site, lang: str) -> None:
        self.renderer, self.site, self.lang = renderer, site, lang

    def page(self, path: str, template: str, **values: Any) -> SitePage:
        key = (self.lang, template, tuple((name, value.key() if isinstance(value, Lazy) else value)
                               for name, value in sorted(values.items())))

        def make() -> Rendered:
            reads = Reads()
            view = SiteView(self.site, reads)
            made = {name: value.make(view) if isinstance(value, Lazy) else value
                    for name, value in values.items()}
            return self.renderer.render(template, path, self.site, reads=reads, lang=self.lang,
                                        **made)
        return SitePage(path, key, make)


def listing_pages(renderer: Renderer, site: Site, index: SiteIndex,
                  latest: list[ResolvedBrief], lang: str) -> Iterator[SitePage]:
    """Every listing page in ``lang``, at its path in that language's site. ``latest``:
    the most recently reviewed briefs (:func:`~briefbook.render.feeds.recently_reviewed`)."""
    pages = _Listings(renderer, site, lang)
    overview = _overview(site)
    everything = highest_marking(set(overview.markings.values()))
    members = overview.members
    for kind in KINDS:
        listed = members.get(kind, [])
        yield pages.page(kind_page(kind), "kind_index.md.j2", kind=kind,
                         listed=Lazy(_by_title, listed, lang), marking=Lazy(_highest, listed))
    counts = {k: len(v) for k, v in members.items()}
    yield pages.page(HOME, "home.md.j2", latest=latest[:10], counts=counts, marking=everything,
                     headline=Lazy(_headline, overview.headlined, lang),
                     places=[b.id for kind in PLACE_KINDS for b in members.get(kind, [])],
                     countries=_parties(members.get("relation", [])))
    yield pages.page(SOURCES, "sources.md.j2", marking=everything)
    yield from _tag_pages(pages, index, everything, overview)
    yield from _timeline_pages(pages, site, index, everything)
    yield pages.page(CHANGES, "changes.md.j2", changed=latest, feed=FEED_PATH, marking=everything)


def _parties(relations: list[ResolvedBrief]) -> list[str]:
    """The ids of the relations' parties, each once (the countries the home page's map
    shows whole)."""
    parties: list[str] = [party for b in relations for party in getattr(b.brief, "parties", ())]
    return list(dict.fromkeys(parties))


def _tag_pages(pages: _Listings, index: SiteIndex, everything: str,
               overview: _Overview) -> Iterator[SitePage]:
    tags = overview.tags
    yield pages.page(TAGS, "tags.md.j2", tags=tags, tag_kinds=overview.tag_kinds,
                     marking=everything)
    by_tag = index.events_by("tags")
    for tag, listed in tags.items():
        yield pages.page(tag_page(tag), "tag.md.j2", tag=tag, count=len(listed),
                         has_events=tag in by_tag, groups=Lazy(_by_kind, listed, pages.lang),
                         marking=Lazy(_highest, listed))


def _timeline_pages(pages: _Listings, site: Site, index: SiteIndex, everything: str
                    ) -> Iterator[SitePage]:
    """All events on one page, and a page per country and per tag: every event is listed
    once per filter it matches, so the main page stays one row an event."""
    by_country = index.events_by("countries")
    by_tag = index.events_by("tags")
    lang = pages.lang
    spoken = language(lang)
    countries = [(cid, text_in(site.briefs[cid].brief.title, lang)) for cid in by_country]
    rows = _EventRows(lang)

    def timeline(page: str, title: str, scope: str, events: list[Event], marking: Any
                 ) -> SitePage:
        return pages.page(page, "timeline.md.j2", title=title, scope=scope,
                          countries=countries, tags=list(by_tag),
                          rows=Lazy(_rows, events, page, aid=rows), marking=marking)

    yield timeline(TIMELINE, spoken.gettext("Timeline"), "", index.events, everything)
    for cid, label in countries:
        events = by_country[cid]
        yield timeline(timeline_filter_page(cid),
                       spoken.gettext("Timeline: %(filter)s") % {"filter": label},
                       spoken.gettext("involving %(country)s") % {"country": label},
                       events, Lazy(_marking_of, events))
    for tag, events in by_tag.items():
        yield timeline(timeline_filter_page(tag, tag=True),
                       spoken.gettext("Timeline: %(filter)s") % {"filter": tag},
                       spoken.gettext("of briefs tagged %(tag)s") % {"tag": tag},
                       events, Lazy(_marking_of, events))


class _EventRows:
    """Markdown table rows of events in one language, each made once per folder depth:
    every filter page lies at the same depth, so an event listed on many of them is
    formatted once."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.made: dict[tuple[int, int], Markup] = {}

    def row(self, view: SiteView, event: Event, page: str, depth: int) -> Markup:
        view.reads.add("title", event.brief_id)  # read on every page that shows it
        key = (id(event), depth)
        if key not in self.made:
            lang = self.lang
            target = view.site.briefs[event.brief_id]
            link = markdown_link(text_in(target.brief.title, lang), page,
                                 brief_page(event.brief_id))
            self.made[key] = Markup(
                f"| {escape_text(format_date(event.date, event.precision, lang))} "
                f"| {escape_text(text_in(event.title, lang))} "
                f"| {escape_text(event_type(event.type, lang))} | {link} |")
        return self.made[key]


def event_type(text: str, lang: str) -> str:
    """An event's type in ``lang``: 'election', 'election, scheduled' ('выборы, запланировано')."""
    spoken = language(lang)
    kind, _, scheduled = text.partition(", ")
    shown = spoken.gettext(EVENT_TYPES[kind]) if kind in EVENT_TYPES else kind
    return spoken.gettext("%(type)s, scheduled") % {"type": shown} if scheduled else shown


def _rows(view: SiteView, events: list[Event], page: str, rows: _EventRows) -> list[Markup]:
    depth = page.count("/")
    return [rows.row(view, event, page, depth) for event in events]


def _marking_of(view: SiteView, events: list[Event]) -> str:
    ids = sorted({event.brief_id for event in events})
    for brief_id in ids:
        view.reads.add("marking", brief_id)
    return highest_marking({view.site.briefs[i].brief.marking for i in ids})
