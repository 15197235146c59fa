"""The Jinja environment of the packs: HTML templates (``templates/pack/``) for print.

The filters are the pages' own where they make text (brief text in the pack's language,
figures, dates, periods: :class:`~briefbook.render.environment.Renderer`'s), and the
pack's where a page would link: a brief shown in the pack links to its chapter, one the
pack does not show is named without a link (the pack is read on paper, off line), and a
withheld one is the word "withheld". Citations are numbered once for the whole pack.
Markdown fields become HTML through the ``markdown`` library, without images or links
that would leave the pack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import markdown

from briefbook.render import charts, mapping
from briefbook.render.citing import Citations, cite_markup
from briefbook.render.environment import Renderer
from briefbook.render.language import language
from briefbook.render.markup import Safe, escape_text
from briefbook.render.packs.svg import printable
from briefbook.render.translated import shown_markdown, text_in
from briefbook.render.view import SiteView

SHARED_FILTERS = ("t", "plain", "figure", "number", "amount", "alternative", "period", "date",
                  "coordinate", "currency_name", "month_day", "anchor")
"""The brief pages' filters the packs use as they are (they make text, never links)."""

MAP_SIZE = (174.0, 120.0)
"""The largest a map is printed, in millimetres (the width of an A4 page's text)."""
CHART_SIZE = (130.0, 70.0)

_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S)
_IMAGE = re.compile(r"<img\b[^>]*>")


def anchor(brief_id: str) -> str:
    """The id of a brief's chapter in the pack."""
    return "b-" + re.sub(r"[^a-z0-9_-]", "-", brief_id.lower())


def css_string(value: object) -> Safe:
    """A CSS string literal of ``value`` (a catalog message, a marking), safe inside a
    ``<style>`` element: quotes, backslashes and ``<`` as CSS escapes."""
    text = re.sub(r"\s+", " ", str(value))
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>&' else c for c in text)
    return Safe(f'"{escaped}"')


def html_of_markdown(text: str) -> Safe:
    """Safe Markdown (see :func:`briefbook.render.markup.safe_markdown`) as HTML, with its
    links as plain text and no images: nothing in a pack points off the paper."""
    made = markdown.markdown(text, extensions=["md_in_html", "tables"])
    return Safe(_IMAGE.sub("", _LINK.sub(r"\1", made)))


def _map_block(context: jinja2.runtime.Context, map_id: str, title: str, items: list[Any],
               countries: list[str], highlight: list[str]) -> Safe:
    """A map for print (see :func:`briefbook.render.mapping.map_block`)."""
    block = mapping.map_block(map_id, title, items, countries, highlight, context["lang"])
    return printable(block, *MAP_SIZE)


class PackRenderer:
    """HTML templates under ``templates/pack/`` with the pack's filters."""

    def __init__(self, templates_dir: Path, site_title: str,
                 languages: tuple[str, ...] = ("en",),
                 titles: dict[str, str] | None = None) -> None:
        pages = Renderer(templates_dir, site_title, languages, titles)
        self.pages = pages
        self.env = jinja2.Environment(
            extensions=["jinja2.ext.i18n"], loader=pages.env.loader,
            undefined=jinja2.StrictUndefined, autoescape=True,
            trim_blocks=True, lstrip_blocks=True)
        self.env.newstyle_gettext = True  # type: ignore[attr-defined]
        self.env.globals.update(pages.env.globals)
        self.env.filters.update({name: pages.env.filters[name] for name in SHARED_FILTERS})
        self.env.filters.update(self._filters())
        self.env.globals["map_block"] = jinja2.pass_context(_map_block)

    def _filters(self) -> dict[str, Callable[..., Any]]:
        return {
            "md": jinja2.pass_context(
                lambda context, value: html_of_markdown(shown_markdown(context, value))),
            "link": jinja2.pass_context(self._link),
            "cite": jinja2.pass_context(
                lambda context, ids: cite_markup(context["cites"], ids, context["lang"])),
            "chart_figures": jinja2.pass_context(self._charts),
            "source_id": lambda source_id: Safe("source-") + escape_text(source_id),
            "pack_anchor": anchor,
            "css_string": css_string,
        }

    @staticmethod
    def _link(context: jinja2.runtime.Context, brief_id: str) -> Safe:
        """A brief's title: a link to its chapter when the pack shows it; 'withheld' when
        the audience may not see it."""
        view: SiteView = context["site"]
        view.reads.add("title", brief_id)
        target = view.site.briefs.get(brief_id)
        if target is None:
            return Safe(f"<em>{escape_text(context['language'].gettext('withheld'))}</em>")
        title = escape_text(text_in(target.brief.title, context["lang"]))
        if brief_id in context["shown"]:
            return Safe(f'<a href="#{anchor(brief_id)}">{title}</a>')
        return title

    @staticmethod
    def _charts(context: jinja2.runtime.Context, figures: list[Any], prefix: str) -> Safe:
        """A figure with the SVG chart of each series among ``figures`` (the table above it
        holds the values; the SVG has its title and description)."""
        lang: str = context["lang"]
        spoken = language(lang)
        blocks = []
        for series in charts.series_of(figures):
            chart_id = re.sub(r"[^a-z0-9-]", "-", f"chart-{prefix}-{series.id}".lower())
            caption = f"{text_in(series.label, lang)} ({charts._unit_caption(series, lang)})."
            if series.targets:
                caption += " " + spoken.gettext("Dashed line: target.")
            if any(f.cumulative for f in series.bars):
                caption += " " + spoken.gettext("Lighter bars: partial-year cumulative totals.")
            blocks.append(f'<figure class="chart" id="{chart_id}">'
                          f"{printable(charts.chart_svg(series, chart_id, lang), *CHART_SIZE)}"
                          f"<figcaption>{escape_text(caption)}</figcaption></figure>")
        return Safe("\n".join(blocks))

    def render(self, template: str, site: SiteView, lang: str, cites: Citations,
               **values: Any) -> str:
        """One template of the pack in ``lang``."""
        spoken = language(lang)
        return self.env.get_template(template).render(
            site=site, lang=lang, language=spoken, cites=cites,
            site_title=self.pages.titles.get(lang, self.pages.titles[self.pages.languages[0]]),
            **spoken.template_functions, **values)
