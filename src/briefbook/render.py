"""Stage 4, render: the resolved site through Jinja templates into Markdown pages.

Every ``{{ expression }}`` is escaped as plain text unless it is :class:`Safe`
Markdown produced by one of the filters below, so brief text can never become
markup, a live link or a template.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import figures as fmt
from .markup import Safe, escape_text, relative_link, safe_markdown
from .models import KINDS, Figure
from .resolve import Site

KIND_TITLES = {
    "country": "Countries",
    "person": "People",
    "relation": "Relations",
    "meeting": "Meetings",
    "gas_field": "Gas fields",
    "transport_corridor": "Transport corridors",
    "industrial_park": "Industrial parks",
    "initiative": "Initiatives",
}
KIND_SINGULAR = {
    "country": "Country",
    "person": "Person",
    "relation": "Relation",
    "meeting": "Meeting",
    "gas_field": "Gas field",
    "transport_corridor": "Transport corridor",
    "industrial_park": "Industrial park",
    "initiative": "Initiative",
}


def brief_page(brief_id: str) -> str:
    """Generated Markdown path of a brief: its id plus ``.md`` (a stable URL)."""
    return f"{brief_id}.md"


def kind_page(kind: str) -> str:
    """Generated Markdown path of a kind's index page."""
    return f"{kind}/index.md"


@dataclass
class RenderContext:
    """What the filters need to know about the page being rendered."""

    site: Site
    page: str


def _text(value: Any, lang: str = "en") -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return value.get(lang) or value["en"]
    return str(value)


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    return escape_text(value)


class Renderer:
    """A Jinja environment over the templates folder, with briefbook's filters."""

    def __init__(self, templates_dir: Path) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=True,  # with _finalize: plain values get Markdown escaping
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(self._filters())
        self.env.globals.update(kind_titles=KIND_TITLES, kind_singular=KIND_SINGULAR, kinds=list(KINDS))

    def _filters(self) -> dict[str, Callable[..., Any]]:
        return {
            "t": _text,
            "md": lambda value: safe_markdown(_text(value)) if value else Safe(""),
            "figure": fmt.format_figure,
            "amount": lambda f: fmt.format_amount(f.value, f.unit, f.scale, f.value_max, f.approximate),
            "alternative": fmt.format_alternative,
            "period": fmt.format_period,
            "date": lambda d, precision="day": fmt.format_date(d, precision) if d else "",
            "link": jinja2.pass_context(self._link),
            "page_link": jinja2.pass_context(self._page_link),
            "cite": jinja2.pass_context(self._cite),
            "url": lambda u: Safe(str(u).replace("(", "%28").replace(")", "%29").replace(" ", "%20")),
            "yaml_str": lambda s: Safe(json.dumps(html.escape(str(s)), ensure_ascii=False)),
            "anchor": lambda s: Safe(re.sub(r"[^a-z0-9_-]", "-", str(s).lower())),
        }

    @staticmethod
    def _page_link(context: jinja2.runtime.Context, target: str, label: str) -> Safe:
        """A Markdown link from the current page to another generated page."""
        page: str = context["page"]
        return Safe(f"[{escape_text(label)}]({relative_link(page, target)})")

    @staticmethod
    def _link(context: jinja2.runtime.Context, brief_id: str) -> Safe:
        """A link to a brief, or 'withheld' when the audience may not see it."""
        site: Site = context["site"]
        target = site.briefs.get(brief_id)
        if target is None:
            return Safe("<em>withheld</em>")
        page: str = context["page"]
        title = escape_text(_text(target.brief.title))
        return Safe(f"[{title}]({relative_link(page, brief_page(brief_id))})")

    @staticmethod
    def _cite(context: jinja2.runtime.Context, source_ids: list[str]) -> Safe:
        """Numbered citation markers linking to the brief's list of sources."""
        resolved = context["b"]
        marks = []
        for source_id in source_ids:
            number = resolved.citation_number(source_id)
            marks.append(f'<a href="#source-{number}" class="bb-cite" '
                         f'title="Source {number}">[{number}]</a>')
        return Safe("<sup>" + "".join(marks) + "</sup>") if marks else Safe("")

    def render(self, template: str, page: str, site: Site, **values: Any) -> str:
        """Render one template for the Markdown page at ``page``."""
        return self.env.get_template(template).render(site=site, page=page, **values)


def render_site(site: Site, templates_dir: Path) -> dict[str, str]:
    """Every generated page, by path relative to the generated folder."""
    renderer = Renderer(templates_dir)
    pages: dict[str, str] = {}
    for brief_id in sorted(site.briefs):
        resolved = site.briefs[brief_id]
        page = brief_page(brief_id)
        pages[page] = renderer.render(
            f"{resolved.kind}.md.j2", page, site, b=resolved, brief=resolved.brief,
            progress=lambda target, b=resolved: fmt.progress_towards(target, _all_figures(b.brief)),
        )
    for kind in KINDS:
        page = kind_page(kind)
        listed = site.by_kind(kind)
        pages[page] = renderer.render("kind_index.md.j2", page, site, kind=kind, listed=listed,
                                      marking=site.highest_marking([b.id for b in listed]))
    latest = sorted(site.briefs.values(), key=lambda b: (b.brief.reviewed, b.id), reverse=True)[:10]
    pages["index.md"] = renderer.render("home.md.j2", "index.md", site, latest=latest,
                                        marking=site.highest_marking())
    pages["sources.md"] = renderer.render("sources.md.j2", "sources.md", site,
                                          marking=site.highest_marking())
    tags = site.by_tag()
    pages["tags/index.md"] = renderer.render("tags.md.j2", "tags/index.md", site, tags=tags,
                                             marking=site.highest_marking())
    for tag, listed in tags.items():
        page = f"tags/{tag}.md"
        pages[page] = renderer.render("tag.md.j2", page, site, tag=tag, listed=listed,
                                      marking=site.highest_marking([b.id for b in listed]))
    return pages


def _all_figures(brief: Any) -> list[Figure]:
    from .resolve import walk

    return [value for _, value in walk(brief) if isinstance(value, Figure)]

