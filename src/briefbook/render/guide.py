"""The "How to write a brief" page, generated from the models so it cannot drift from them.

Plain Markdown with tables; every description taken from the models goes through
:func:`escape_text`, so no model text can become markup.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from briefbook.models import KINDS, Brief, Figure, Source, currencies, geometry, topics, units
from briefbook.models import types as t
from briefbook.models.common import Strict
from briefbook.models.skeleton import Picks, skeleton
from briefbook.render import paths
from briefbook.render.markup import escape_text

EXAMPLE_PICKS = Picks(
    ids={"country": ["country/kazakhstan", "country/turkmenistan"],
         "person": ["person/kassym-jomart-tokayev"]},
    sources=["trend-2025-04-22"],
)
EXAMPLE_DAY = dt.date(2025, 4, 22)

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

PLACES = """\
## Places on the map {#places}

A **point** (a gas field's or a park's `location`, a meeting's `place`) is written `lat` and
`lon`, in degrees, with the sources of the place: named keys cannot be given in the wrong
order, the one mistake a map cannot survive. A **line** (a transport corridor's `geometry`,
each segment's) and an **outline** (`location.outline`) are GeoJSON, whose positions are
`[longitude, latitude]`, longitude first. Every geometry cites its sources like any other
fact: the sources that name the places it joins, with `at` saying which part. Where a line
only joins the towns the sources name, say so in its `note`, starting with `coarse`:

```yaml
geometry:
  type: LineString
  coordinates:
    - [52.86, 43.34]   # Uzen (Zhanaozen)
    - [55.52, 39.24]   # Bereket
    - [54.44, 36.84]   # Gorgan
  note: "coarse: straight lines through the stations named by the source"
  sources:
    - {id: tass-2014-12-03, at: "route: the stations of Uzen, Bereket and Gorgan"}
location:
  near: Yoloten
  lat: 37.30
  lon: 62.36
  sources: [research-notes]
```

`briefbook validate` reports, at the number or position at fault: a latitude or longitude
out of range (with a hint when the two look swapped), a position that is not two numbers, a
line of fewer than two positions, a polygon ring that is not closed or crosses itself, a point
with `lat` but no `lon` (or no sources). A point more than 50 km outside the country its brief
names (the field's or park's `country`, the place's `country`) is an error too: the map
would show it in another country. Shapes are Natural Earth's, which are not authoritative;
50 km leaves room for their simplification and for disputed lines."""

_VALIDATOR_NAMES: dict[Any, str] = {
    t._to_text: "text",
    t._to_aliases: "lists of names by language",
    t._to_period: "period",
    units.to_unit: "unit",
    currencies.to_currency: "currency code",
    t._to_url: "web address",
    t._to_date: "date (YYYY-MM-DD)",
    t._to_number: "number",
    t._to_integer: "whole number",
    topics._to_topic: "topic (" + ", ".join(topics.TOPICS) + ")",
    geometry.to_latitude: "latitude (degrees north, -90 to 90)",
    geometry.to_longitude: "longitude (degrees east, -180 to 180)",
}


def _named_by_metadata(metadata: list[Any]) -> str | None:
    for item in metadata:
        name = _VALIDATOR_NAMES.get(getattr(item, "func", None))
        if name:
            return name
    return None


def type_name(annotation: Any, metadata: list[Any] | None = None) -> str:
    """A reader's name for a field type: 'list of brief id', 'text', 'one of: a, b'."""
    named = _named_by_metadata(metadata or [])
    if named:
        return named
    if annotation == geometry.Positions:
        return "list of positions [longitude, latitude] (see [Places on the map](#places))"
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0], list(annotation.__metadata__))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(a) for a in args if a is not type(None))
    if origin is list:
        return "list of " + type_name(args[0])
    if origin is Literal:
        return "one of: " + ", ".join(escape_text(a) for a in args)
    if origin is dict:
        return "mapping"
    if annotation is t.BriefRef:
        return "brief id"
    if annotation is t.SourceRef:
        return "source id, or a mapping of id and at (where in the source)"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#part-{annotation.__name__.lower()})"
    return {str: "plain text", bool: "true or false", int: "whole number",
            float: "number"}.get(annotation, str(annotation))


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


def _row(name: str, info: FieldInfo) -> str:
    kind = type_name(info.annotation, list(info.metadata))
    required = "yes" if info.is_required() else "no"
    description = escape_text(info.description or "")
    return f"| `{name}` | {kind} | {required} | {description} |"


def field_table(model: type[BaseModel], names: list[str]) -> list[str]:
    """A Markdown table of the given fields of ``model``."""
    lines = ["| Field | Type | Required | Description |", "| --- | --- | --- | --- |"]
    lines += [_row(name, model.model_fields[name]) for name in names]
    return lines


def _doc(model: type[BaseModel]) -> str:
    return escape_text((model.__doc__ or "").strip().split("\n\n")[0])


def _intro() -> list[str]:
    markings = ", ".join(f"`{m}`" for m in typing.get_args(t.Marking))
    return [
        "# How to write a brief", "",
        "A brief is one YAML file under `briefs/`. Its **id** is its path there without "
        "`.yml`, e.g. `country/kazakhstan`: lower-case letters, digits, `-` and `_`, with `/` "
        "between folders. Other briefs refer to it by that id.", "",
        "Start a new brief with `briefbook new KIND ID`; it writes a skeleton that already "
        "validates, with a first line that lets editors using yaml-language-server complete and "
        "check fields from `schema/KIND.json`. Check your work with `briefbook validate`: it "
        "reports every problem in every file as `path:line:col: error: message`.", "",
        "## Rules for every file", "",
        "- **Text** is a string (English) or a mapping of language codes to strings, "
        "e.g. `{en: Astana, ru: Астана}`; English is required. Every field whose type below "
        "is *text* takes languages; *plain text* (publishers' names, telephone numbers, "
        "owners) is written once, in any language.",
        "- `summary` and `body` are Markdown without HTML; links may only go to http, https, "
        "mailto or relative addresses.",
        "- **Dates** are written `YYYY-MM-DD` and must exist; `reviewed` cannot be in the future.",
        f"- **marking** is one of {markings}. Only `TLP:CLEAR` reaches the public site; "
        "`TLP:RED` is never built.",
        "- **Periods** are `2023`, `2024-H1`, `2024-Q1`, `2024-05`, `2024-05-27`, a fiscal year "
        "(`FY2024`, taken as the calendar year; `2015/16` for one spanning two years, taken as "
        "the whole of both) or a range such as `2024-01..2024-04`; a range of years is "
        "`2020..2025`, not `2020-25`.",
        _units_rule(),
        "- Every figure, quote, milestone and agreement cites at least one **source** by its id "
        "in `briefs/_sources.yml`.",
        "- Only plain YAML: no tags (`!!python/...`), no merge keys (`<<`), no duplicate keys; "
        "unknown keys are errors (with a suggestion when one is close).",
        _addresses_rule(),
        "- **Invisible characters** (bidirectional controls such as U+202E RIGHT-TO-LEFT "
        "OVERRIDE, zero-width spaces and joiners) are warned about in every field but "
        "`summary` and `body`, and left out wherever the site shows one-line text: titles, "
        "names, links, table cells, the page title, the feed. There they could reorder or "
        "disguise the text around them. They are stripped rather than isolated with `<bdi>`, "
        "which would not reach the page title, the search index or the feed. `summary` and "
        "`body` keep them (each is a paragraph of its own, and some scripts need joiners); "
        "the JSON export keeps text as written.",
        "",
    ]


def _units_rule() -> str:
    return ("- **Units** are ISO 4217 codes of currencies in use (`USD`, `KZT`) or one of the "
            "spellings listed under [Figure](#part-figure). A code no longer in use (`TMM`) "
            "may be a figure's unit only when the figure's period ends before it left use. "
            "Other spellings are errors that say what to write (`sq km`: write `km2`).")


def units_table() -> list[str]:
    """Every unit spelling with how pages show it, what it means and its dimension, from the
    unit registry itself."""
    lines = ["| Unit | Shown as | Meaning | Dimension |", "| --- | --- | --- | --- |"]
    lines += [f"| `{info.code}` | {escape_text(info.symbol) if info.symbol else '(nothing)'} "
              f"| {escape_text(info.description)} | {info.dimension} |"
              for info in units.UNITS.values()]
    return lines


def _addresses_rule() -> str:
    """Which ids and tags are taken, from the page paths themselves."""
    kinds = {paths.kind_page(kind) for kind in KINDS}
    taken = [f"`{paths.address(page).strip('/')}`" for page in paths.site_wide_pages()
             if page.endswith(".md") and page not in kinds and page != paths.HOME]
    folders = " or ".join(f"`{folder}/`" for folder in paths.page_families())
    return ("- An id is also the brief's **address** (`x.yml` and `x/index.yml` would both "
            "be `x/`), and no two pages share one: an id is not `index` (the home page), "
            + ", ".join(taken) + ", a kind (or `KIND/index`, its index) or the name of a "
            f"page in the docs folder, and no brief goes in {folders}, which hold generated "
            "pages; a tag is not `index`. `briefbook validate` reports every id and tag that "
            "would take another page's address.")


def render_guide(lang: str = "en") -> str:
    """The whole guide page as Markdown, in ``lang``."""
    lines = _intro()
    envelope = list(Brief.model_fields)
    lines += ["## Fields every brief has", "", *field_table(Brief, envelope), ""]
    parts: dict[str, type[BaseModel]] = {}
    for kind, model in KINDS.items():
        _parts(model, parts)
        own = [name for name in model.model_fields if name not in envelope]
        lines += [
            f"## {kind.replace('_', ' ').capitalize()} {{#kind-{kind}}}", "",
            f"{_doc(model)} Kind `{kind}`; reviewed every {model.default_review_days} days "
            "unless `review_every` says otherwise.", "",
            *field_table(model, own), "",
            f"What `briefbook new {kind} {kind}/NAME` writes:", "",
            "```yaml",
            skeleton(kind, EXAMPLE_PICKS, today=EXAMPLE_DAY,
                     schema_ref=f"../../schema/{kind}.json").rstrip("\n"),
            "```", "",
        ]
    _parts(Source, parts)
    lines += ["## Parts", "", "Mappings used inside briefs.", ""]
    for name in sorted(parts):
        part = parts[name]
        lines += [f"### {name} {{#part-{name.lower()}}}", "", _doc(part), "",
                  *field_table(part, list(part.model_fields)), ""]
        if part is Figure:
            lines += ["Example:", "", "```yaml", FIGURE_EXAMPLE.rstrip("\n"), "```", "",
                      "Units besides ISO 4217 currency codes:", "", *units_table(), ""]
    lines += [*PLACES.splitlines(), ""]
    lines += [
        "## Sources {#part-source}", "",
        "`briefs/_sources.yml` maps each source id (lower-case letters, digits, `-`, `_`, `.`) "
        "to a source. A source no brief cites is reported as a warning.", "",
        *field_table(Source, list(Source.model_fields)), "",
    ]
    return "\n".join(lines)
