"""Stage 4, render: the resolved site through Jinja templates into Markdown pages.

Every ``{{ expression }}`` is escaped as plain text unless it is :class:`Safe`
Markdown produced by one of the filters below, so brief text can never become
markup, a live link or a template.
"""

from __future__ import annotations

import html
import json
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import jinja2
from jinja2.compiler import CodeGenerator, Frame

if TYPE_CHECKING:
    from briefbook.resolve.indexes import SiteIndex

from briefbook.errors import ContentError, Diagnostics
from briefbook.load.folders import display_path
from briefbook.load.invisible import strip_invisible
from briefbook.models import KIND_SINGULAR, KIND_TITLES, KINDS, Figure
from briefbook.render import charts, mapping, paths, portions, profile
from briefbook.render import figures as fmt
from briefbook.render.citing import Citations as Citations
from briefbook.render.citing import cite_markup
from briefbook.render.language import language
from briefbook.render.markup import Safe, escape_text, markdown_link, safe_url
from briefbook.render.paths import brief_page
from briefbook.render.translated import shown, shown_markdown
from briefbook.render.translated import text_in as _text
from briefbook.render.view import IndexView, Key, Reads, SiteView
from briefbook.resolve.site import Site


def _in_language(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter formatting in the page's language: ``function(lang, value, ...)`` called
    with the language of the page being rendered (``context["lang"]``)."""
    def in_language(context: jinja2.runtime.Context, *args: Any, **kwargs: Any) -> Any:
        return function(context["lang"], *args, **kwargs)
    return jinja2.pass_context(in_language)


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    return escape_text(value)


class _FinalizedOutput(CodeGenerator):
    """Compiles ``{{ x }}`` to ``_finalize(x)`` instead of ``escape(_finalize(x))``.

    ``_finalize`` already returns :class:`Safe` for every value (escaping whatever is
    not Safe), so Jinja's own ``escape`` call would only copy each value into a second
    Markup object: a fifth of the time of a big page. tests/test_escaping.py holds
    the guarantee this relies on.
    """

    def _output_child_pre(self, node: jinja2.nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src:
            self.write("(" + finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)


class Rendered(NamedTuple):
    """A page's Markdown and what it read of the site (see :mod:`briefbook.render.view`)."""

    text: str
    reads: frozenset[Key]


class Renderer:
    """A Jinja environment over the templates folder, with briefbook's filters.

    One renderer serves one run, or every run of a live preview: Jinja notices edited
    template files itself, and what the filters make is kept under the very objects
    it was made from (kept objects are never changed, so a reused one is current)."""

    def __init__(self, templates_dir: Path, site_title: str,
                 languages: tuple[str, ...] = ("en",),
                 titles: dict[str, str] | None = None) -> None:
        self.languages = languages
        """The site's languages, the default first (its pages at the top of the tree)."""
        self.titles = {lang: (titles or {}).get(lang) or site_title for lang in languages}
        """The site's title in each language."""
        # By language and folder of the page (what they show is the same on every page
        # there).
        self._source_entries: dict[tuple[str, str, str], tuple[Any, Safe]] = {}
        self._links: dict[tuple[str, str, str], tuple[Any, Safe]] = {}
        self.env = jinja2.Environment(
            extensions=["jinja2.ext.i18n"],
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=True,  # with _finalize: plain values get Markdown escaping
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.code_generator_class = _FinalizedOutput
        # {% trans %} blocks pass their variables to gettext, which fills them in
        # (Language.template_functions: each page gets its language's functions).
        self.env.newstyle_gettext = True  # type: ignore[attr-defined]
        self.env.filters.update(self._filters())
        from briefbook.models.translation import translated_share  # (translated, total)

        self.env.globals.update(kind_titles=KIND_TITLES, kind_singular=KIND_SINGULAR,
                                translated_share=translated_share,
                                kinds=list(KINDS),
                                progress=fmt.progress_towards,
                                paths=paths, topic_sections=profile.topic_sections,
                                table_rows=profile.table_rows,
                                key_figures=profile.key_figures,
                                page_marking=portions.page_marking,
                                talking_points=portions.by_topic,
                                map_countries=mapping.countries_of,
                                places_near=mapping.places_near, map_entries=mapping.entries,
                                map_items=_in_language(mapping.items_in),
                                map_overview=_in_language(mapping.overview_in),
                                map_block=_in_language(mapping.map_block_in))

    def _filters(self) -> dict[str, Callable[..., Any]]:
        return {
            "t": jinja2.pass_context(shown),
            "plain": jinja2.pass_context(lambda context, value: _text(value, context["lang"])),
            "md": jinja2.pass_context(shown_markdown),
            "figure": _in_language(lambda lang, figure, with_period=True:
                                   fmt.format_figure(figure, with_period=with_period,
                                                     lang=lang)),
            "number": _in_language(lambda lang, value: fmt.format_number(value, lang)),
            "amount": _in_language(lambda lang, figure: fmt.figure_amount(figure, lang)),
            "alternative": _in_language(lambda lang, alternative, figure:
                                        fmt.format_alternative(alternative, figure, lang)),
            "period": _in_language(lambda lang, period: fmt.format_period(period, lang)),
            "date": _in_language(lambda lang, day, precision="day":
                                 fmt.format_date(day, precision, lang) if day else ""),
            "link": jinja2.pass_context(lambda context, brief_id: self._link(context, brief_id)),
            "page_link": jinja2.pass_context(self._page_link),
            "source_entry": jinja2.pass_context(
                lambda context, source_id: self._source_entry(context, source_id)),
            "cite": jinja2.pass_context(self._cite),
            "charts": jinja2.pass_context(self._charts),
            "url": safe_url,
            "coordinate": _in_language(lambda lang, value, positive, negative:
                                       profile.coordinate(value, positive, negative, lang)),
            "currency_name": _in_language(lambda lang, code: profile.currency_name(code, lang)),
            "month_day": _in_language(lambda lang, text: profile.month_day(text, lang)),
            "yaml_str": lambda s: Safe(json.dumps(html.escape(strip_invisible(str(s))),
                                                  ensure_ascii=False)),
            "anchor": lambda s: Safe(re.sub(r"[^a-z0-9_-]", "-", str(s).lower())),
        }

    def compile_all(self) -> None:
        """Compile every template now (worker processes forked afterwards share the
        compiled code); a broken one is reported, positioned, when a page uses it."""
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(".j2")):
            try:
                self.env.get_template(name)
            except jinja2.TemplateError:
                pass

    def _source_entry(self, context: jinja2.runtime.Context, source_id: str) -> Safe:
        """One source as listed on a page (``_source_entry.md.j2``), made once per folder:
        the same sources are listed on thousands of pages."""
        view: SiteView = context["site"]
        page: str = context["page"]
        view.reads.add("source", source_id)
        key = (context["lang"], page.rpartition("/")[0], source_id)
        source = view.site.sources[source_id]
        kept = self._source_entries.get(key)
        # An edited template is new code: a live preview then starts again from scratch,
        # with new source objects, so the identity check catches that too.
        if kept is None or kept[0] is not source:
            text = self.env.get_template("_source_entry.md.j2").render(
                site=view, page=page, sid=source_id, s=source,
                **self._language_values(context["lang"]))
            kept = self._source_entries[key] = (source, Safe(text.rstrip("\n")))
        return kept[1]

    @staticmethod
    def _page_link(context: jinja2.runtime.Context, target: str, label: str) -> Safe:
        """A Markdown link from the current page to another generated page."""
        page: str = context["page"]
        return markdown_link(label, page, target)

    def _link(self, context: jinja2.runtime.Context, brief_id: str) -> Safe:
        """A link to a brief, or 'withheld' when the audience may not see it."""
        view: SiteView = context["site"]
        page: str = context["page"]
        view.reads.add("title", brief_id)
        lang = context["lang"]
        key = (lang, page.rpartition("/")[0], brief_id)
        target = view.site.briefs.get(brief_id)
        kept = self._links.get(key)  # listings link to the same briefs again and again
        if kept is None or kept[0] is not target:
            withheld = escape_text(context["language"].gettext("withheld"))
            kept = self._links[key] = (target, Safe(f"<em>{withheld}</em>") if target is None
                                       else markdown_link(_text(target.brief.title, lang), page,
                                                          brief_page(brief_id)))
        return kept[1]

    @staticmethod
    def _cite(context: jinja2.runtime.Context, source_ids: list[str]) -> Safe:
        """Numbered citation markers linking to the page's list of sources."""
        return cite_markup(context["cites"], source_ids, context["lang"])

    @staticmethod
    def _charts(context: jinja2.runtime.Context, figures: list[Figure], prefix: str,
                grid: bool = False) -> Safe:
        """Raw HTML blocks with the chart of each series among ``figures``; with ``grid``,
        one block, a ``bb-charts`` division holding them all (a hook for the style sheets)."""
        cites: Citations = context["cites"]
        lang: str = context["lang"]
        blocks = [charts.chart_block(series, f"chart-{prefix}-{series.id}",
                                     lambda ids: cite_markup(cites, ids, lang), lang)
                  for series in charts.series_of(figures)]
        if grid and blocks:
            return Safe('\n<div class="bb-charts">\n' + "\n".join(blocks) + "\n</div>\n\n")
        return Safe("".join(f"\n{block}\n\n" for block in blocks))

    def _language_values(self, lang: str) -> dict[str, Any]:
        """What every template of a page in ``lang`` is given besides its values."""
        spoken = language(lang)
        return {"lang": lang, "language": spoken, "site_title": self.titles[lang],
                "languages": self.languages, **spoken.template_functions}

    def render(self, template: str, page: str, site: Site, index: SiteIndex | None = None,
               reads: Reads | None = None, lang: str | None = None, **values: Any
               ) -> Rendered:
        """Render one template for the Markdown page at ``page`` in ``lang`` (by default
        the site's first language), recording what it reads of ``site`` and ``index``
        (into ``reads``, if the caller already recorded some)."""
        values.setdefault("cites", Citations())
        values.update(self._language_values(lang or self.languages[0]))
        reads = Reads() if reads is None else reads
        if index is not None:
            values["index"] = IndexView(index, reads)
        try:
            text = self.env.get_template(template).render(site=SiteView(site, reads),
                                                          page=page, **values)
        except jinja2.TemplateError as error:
            raise ContentError(template_diagnostics(error, template, page)) from None
        return Rendered(text, frozenset(reads.keys))


def template_diagnostics(error: jinja2.TemplateError, template: str, page: str) -> Diagnostics:
    """A template bug as a positioned diagnostic (``templates/x.md.j2:LINE:1``), not a traceback."""
    path, line = template, 1
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        path, line = error.filename, error.lineno or 1
    else:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if frame.filename.endswith(".j2")]
        if frames:
            path, line = frames[-1].filename, frames[-1].lineno or 1
    diagnostics = Diagnostics()
    diagnostics.error(display_path(Path(path)), line, 1,
                      f"template error while rendering {page}: {error.message or error}")
    return diagnostics
