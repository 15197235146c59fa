"""The "How to write a brief" page, generated from the models so it cannot drift from them.

Plain Markdown with tables; every description taken from the models goes through
:func:`escape_text`, so no model text can become markup. In every language of the site:
the prose is :mod:`briefbook.render.guide_text`'s, the models' descriptions are taken into
the catalogs by ``scripts/catalog.py``; field names, YAML and examples stay as written.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from briefbook.models import (
    KIND_SINGULAR,
    KINDS,
    Brief,
    Figure,
    Source,
    currencies,
    geometry,
    topics,
    units,
)
from briefbook.models import types as t
from briefbook.models.common import Strict
from briefbook.models.skeleton import Picks, skeleton
from briefbook.render import guide_text as text
from briefbook.render import paths
from briefbook.render.figures import format_amount
from briefbook.render.language import N_, Language, language
from briefbook.render.markup import escape_text

EXAMPLE_PICKS = Picks(
    ids={"country": ["country/kazakhstan", "country/turkmenistan"],
         "person": ["person/kassym-jomart-tokayev"]},
    sources=["trend-2025-04-22"],
)
EXAMPLE_DAY = dt.date(2025, 4, 22)
PART_CONTEXT = "part name"
"""The catalog context of the parts' names in the writers' guide (``Figure``: "Показатель")."""

FIGURE_EXAMPLE = """\
figures:
  - label: Bilateral trade turnover
    value: 563
    unit: USD
    scale: million
    period: 2024
    status: actual
    sources: [inform-2024-05-27]
    alternatives:
      - value: 500
        note: Rounded figure given in a later interview
        sources: [nca-2024-05-03]
"""

_VALIDATOR_NAMES: dict[Any, str] = {
    t._to_text: N_("text"),
    t._to_aliases: N_("lists of names by language"),
    t._to_period: N_("period"),
    units.to_unit: N_("unit"),
    currencies.to_currency: N_("currency code"),
    t._to_url: N_("web address"),
    t._to_date: N_("date (YYYY-MM-DD)"),
    t._to_number: N_("number"),
    t._to_integer: N_("whole number"),
    topics._to_topic: N_("topic (%(topics)s)"),
    geometry.to_latitude: N_("latitude (degrees north, -90 to 90)"),
    geometry.to_longitude: N_("longitude (degrees east, -180 to 180)"),
}
_PLAIN_TYPES = {str: N_("plain text"), bool: N_("true or false"), int: N_("whole number"),
                float: N_("number")}


def _named_by_metadata(metadata: list[Any], spoken: Language) -> str | None:
    for item in metadata:
        name = _VALIDATOR_NAMES.get(getattr(item, "func", None))
        if name:
            return spoken.gettext(name) % {"topics": ", ".join(topics.TOPICS)}
    return None


def type_name(annotation: Any, metadata: list[Any] | None = None, lang: str = "en") -> str:
    """A reader's name for a field type: 'list of brief id', 'text', 'one of: a, b'."""
    spoken = language(lang)
    named = _named_by_metadata(metadata or [], spoken)
    if named:
        return named
    if annotation == geometry.Positions:
        return spoken.gettext("list of positions [longitude, latitude] (see [Places on the "
                              "map](#places))")
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0], list(annotation.__metadata__), lang)
    if origin in (typing.Union, types.UnionType):
        return spoken.gettext(" or ").join(type_name(a, lang=lang) for a in args
                                           if a is not type(None))
    if origin is list:
        return spoken.gettext("list of %(type)s") % {"type": type_name(args[0], lang=lang)}
    if origin is Literal:
        return spoken.gettext("one of: %(values)s") % {
            "values": ", ".join(escape_text(a) for a in args)}
    if origin is dict:
        return spoken.gettext("mapping")
    if annotation is t.BriefRef:
        return spoken.gettext("brief id")
    if annotation is t.SourceRef:
        return spoken.gettext("source id, or a mapping of id and at (where in the source)")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        name = annotation.__name__
        return f"[{part_name(name, spoken)}](#part-{name.lower()})"
    plain = _PLAIN_TYPES.get(annotation)
    return spoken.gettext(plain) if plain else str(annotation)


def part_name(name: str, spoken: Language) -> str:
    """A part's name (a model's: ``Figure``) as the guide shows it in ``spoken``'s language
    (the catalog's entries under the context "part name"; the name itself in English)."""
    return spoken.pgettext(PART_CONTEXT, name)


def _parts(model: type[BaseModel], found: dict[str, type[BaseModel]]) -> None:
    """Collect the nested models (Figure, Place ...) reachable from ``model``."""
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            current = stack.pop()
            if isinstance(current, type) and issubclass(current, Strict) \
                    and not issubclass(current, Brief) and current.__name__ not in found:
                found[current.__name__] = current
                _parts(current, found)
            stack.extend(typing.get_args(current))


def guide_parts() -> dict[str, type[BaseModel]]:
    """Every part (nested model) of every kind of brief and of a source, by name: the
    guide's "Parts" (and what the catalog extracts of them)."""
    found: dict[str, type[BaseModel]] = {}
    models: list[type[BaseModel]] = [*KINDS.values(), Source]
    for model in models:
        _parts(model, found)
    return found


def _row(name: str, info: FieldInfo, spoken: Language) -> str:
    kind = type_name(info.annotation, list(info.metadata), spoken.code)
    required = spoken.gettext("yes") if info.is_required() else spoken.gettext("no")
    description = escape_text(model_text(info.description or "", spoken))
    return f"| `{name}` | {kind} | {required} | {description} |"


def field_table(model: type[BaseModel], names: list[str], lang: str = "en") -> list[str]:
    """A Markdown table of the given fields of ``model``."""
    spoken = language(lang)
    heads = [spoken.gettext(h) for h in (N_("Field"), N_("Type"), N_("Required"),
                                         N_("Description"))]
    lines = ["| " + " | ".join(heads) + " |", "| --- | --- | --- | --- |"]
    lines += [_row(name, model.model_fields[name], spoken) for name in names]
    return lines


def model_text(text: str, spoken: Language) -> str:
    """A description or docstring of the models in ``spoken`` (``scripts/catalog.py`` takes
    them into the catalogs from the models themselves); English where not translated."""
    return spoken.gettext(text) if text else text


def _doc(model: type[BaseModel], spoken: Language) -> str:
    return escape_text(model_text((model.__doc__ or "").strip().split("\n\n")[0], spoken))


def _intro(spoken: Language) -> list[str]:
    _ = spoken.gettext
    markings = ", ".join(f"`{m}`" for m in typing.get_args(t.Marking))
    return [
        "# " + _("How to write a brief"), "",
        _(text.INTRO[0]), "", _(text.INTRO[1]), "",
        "## " + _("Rules for every file"), "",
        _(text.TEXT_RULE), _(text.MARKDOWN_RULE), _(text.DATES_RULE),
        _(text.MARKING_RULE) % {"markings": markings},
        _(text.PERIODS_RULE), _(text.UNITS_RULE), _(text.SOURCES_RULE), _(text.YAML_RULE),
        _addresses_rule(spoken), _(text.INVISIBLE_RULE), _(text.PORTIONS_RULE),
        "",
        "## " + _("Meeting preparation") + " {#preparation}", "",
        _(text.PREPARATION_TEXT), "", "```yaml", text.PREPARATION_EXAMPLE, "```", "",
        _(text.PREPARATION_NAMES), "",
    ]


def units_table(lang: str = "en") -> list[str]:
    """Every unit spelling with how pages show it, what it means and its dimension, from the
    unit registry itself."""
    spoken = language(lang)
    heads = [spoken.gettext(h) for h in (N_("Unit"), N_("Shown as"), N_("Meaning"),
                                         N_("Dimension"))]
    lines = ["| " + " | ".join(heads) + " |", "| --- | --- | --- | --- |"]
    nothing = spoken.gettext("(nothing)")
    for info in units.UNITS.values():
        shown = escape_text(formats_unit(info.code, lang)) if info.symbol else ""
        lines.append(f"| `{info.code}` | {shown or nothing} "
                     f"| {escape_text(model_text(info.description, spoken))} "
                     f"| {model_text(info.dimension, spoken)} |")
    return lines


def formats_unit(code: str, lang: str) -> str:
    """How a page in ``lang`` writes a unit: its amount's words without the number."""
    shown = format_amount(1, code, None, lang=lang)
    return shown.replace("1", "", 1).strip()


def _addresses_rule(spoken: Language) -> str:
    """Which ids and tags are taken, from the page paths themselves."""
    kinds = {paths.kind_page(kind) for kind in KINDS}
    taken = [f"`{paths.address(page).strip('/')}`" for page in paths.site_wide_pages()
             if page.endswith(".md") and page not in kinds and page != paths.HOME]
    folders = spoken.gettext(" or ").join(f"`{folder}/`" for folder in paths.page_families())
    return spoken.gettext(text.ADDRESSES_RULE) % {"taken": ", ".join(taken), "folders": folders}


def _kind_section(kind: str, model: type[Brief], own: list[str], spoken: Language
                  ) -> list[str]:
    """A kind's section: what it is, its own fields and the skeleton ``briefbook new``
    writes."""
    _ = spoken.gettext
    title = _(KIND_SINGULAR[kind])
    return [
        f"## {title} {{#kind-{kind}}}", "",
        _(text.KIND_TEXT) % {"doc": _doc(model, spoken), "kind": kind,
                             "days": model.default_review_days}, "",
        *field_table(model, own, spoken.code), "",
        _("What `briefbook new %(kind)s %(kind)s/NAME` writes:") % {"kind": kind}, "",
        "```yaml",
        skeleton(kind, EXAMPLE_PICKS, today=EXAMPLE_DAY,
                 schema_ref=f"../../schema/{kind}.json").rstrip("\n"),
        "```", "",
    ]


def render_guide(lang: str = "en") -> str:
    """The whole guide page as Markdown, in ``lang``."""
    spoken = language(lang)
    _ = spoken.gettext
    lines = _intro(spoken)
    envelope = list(Brief.model_fields)
    lines += ["## " + _("Fields every brief has"), "", *field_table(Brief, envelope, lang), ""]
    for kind, model in KINDS.items():
        own = [name for name in model.model_fields if name not in envelope]
        lines += _kind_section(kind, model, own, spoken)
    parts = guide_parts()
    lines += ["## " + _("Parts"), "", _("Mappings used inside briefs."), ""]
    for name in sorted(parts, key=lambda n: spoken.sort_key(part_name(n, spoken))):
        part = parts[name]
        lines += [f"### {part_name(name, spoken)} {{#part-{name.lower()}}}", "",
                  _doc(part, spoken), "",
                  *field_table(part, list(part.model_fields), lang), ""]
        if part is Figure:
            lines += [_("Example:"), "", "```yaml", FIGURE_EXAMPLE.rstrip("\n"), "```", "",
                      _("Units besides ISO 4217 currency codes:"), "", *units_table(lang), ""]
    lines += ["## " + _("Places on the map") + " {#places}", "", _(text.PLACES_INTRO), "",
              "```yaml", text.PLACES_EXAMPLE, "```", "", _(text.PLACES_CHECKS), ""]
    lines += [
        "## " + _("Sources") + " {#part-source}", "", _(text.SOURCES_TEXT), "",
        *field_table(Source, list(Source.model_fields), lang), "",
    ]
    return "\n".join(lines)
