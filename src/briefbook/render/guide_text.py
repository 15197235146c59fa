"""The prose of the "How to write a brief" page (:mod:`briefbook.render.guide`), in English,
marked for the catalogs: each paragraph or rule is one message, translated where the page
is made. Markdown in them (backticks, bold, links to anchors) stays in every language."""

from __future__ import annotations

from briefbook.render.language import N_

INTRO = (
    N_("A brief is one YAML file under `briefs/`. Its **id** is its path there without "
       "`.yml`, e.g. `country/kazakhstan`: lower-case letters, digits, `-` and `_`, with `/` "
       "between folders. Other briefs refer to it by that id."),
    N_("Start a new brief with `briefbook new KIND ID`; it writes a skeleton that already "
       "validates, with a first line that lets editors using yaml-language-server complete "
       "and check fields from `schema/KIND.json`. Check your work with `briefbook validate`: "
       "it reports every problem in every file as `path:line:col: error: message`."),
)

TEXT_RULE = N_("- **Text** is a string (English) or a mapping of language codes to strings, "
               "e.g. `{en: Astana, ru: Астана}`; English is required. Every field whose type "
               "below is *text* takes languages; *plain text* (publishers' names, telephone "
               "numbers, owners) is written once, in any language.")
MARKDOWN_RULE = N_("- `summary` and `body` are Markdown without HTML; links may only go to "
                   "http, https, mailto or relative addresses.")
DATES_RULE = N_("- **Dates** are written `YYYY-MM-DD` and must exist; `reviewed` cannot be in "
                "the future.")
MARKING_RULE = N_("- **marking** is one of %(markings)s. Only `TLP:CLEAR` reaches the public "
                  "site; `TLP:RED` is never built.")
PERIODS_RULE = N_(
    "- **Periods** are `2023`, `2024-H1`, `2024-Q1`, `2024-05`, `2024-05-27`, a fiscal year "
    "(`FY2024`, taken as the calendar year; `2015/16` for one spanning two years, taken as "
    "the whole of both) or a range such as `2024-01..2024-04`; a range of years is "
    "`2020..2025`, not `2020-25`.")
UNITS_RULE = N_(
    "- **Units** are ISO 4217 codes of currencies in use (`USD`, `KZT`) or one of the "
    "spellings listed under [Figure](#part-figure). A code no longer in use (`TMM`) "
    "may be a figure's unit only when the figure's period ends before it left use. "
    "Other spellings are errors that say what to write (`sq km`: write `km2`).")
SOURCES_RULE = N_("- Every figure, quote, milestone and agreement cites at least one "
                  "**source** by its id in `briefs/_sources.yml`.")
YAML_RULE = N_("- Only plain YAML: no tags (`!!python/...`), no merge keys (`<<`), no "
               "duplicate keys; unknown keys are errors (with a suggestion when one is close).")
ADDRESSES_RULE = N_(
    "- An id is also the brief's **address** (`x.yml` and `x/index.yml` would both be `x/`), "
    "and no two pages share one: an id is not `index` (the home page), %(taken)s, a kind "
    "(or `KIND/index`, its index) or the name of a page in the docs folder, and no brief goes "
    "in %(folders)s, which hold generated pages; a tag is not `index`. `briefbook validate` "
    "reports every id and tag that would take another page's address.")
INVISIBLE_RULE = N_(
    "- **Invisible characters** (bidirectional controls such as U+202E RIGHT-TO-LEFT "
    "OVERRIDE, zero-width spaces and joiners) are warned about in every field but "
    "`summary` and `body`, and left out wherever the site shows one-line text: titles, "
    "names, links, table cells, the page title, the feed. There they could reorder or "
    "disguise the text around them. They are stripped rather than isolated with `<bdi>`, "
    "which would not reach the page title, the search index or the feed. `summary` and "
    "`body` keep them (each is a paragraph of its own, and some scripts need joiners); "
    "the JSON export keeps text as written.")

PLACES_INTRO = N_(
    "A **point** (a gas field's or a park's `location`, a meeting's `place`) is written `lat` and\n"
    "`lon`, in degrees, with the sources of the place: named keys cannot be given in the wrong\n"
    "order, the one mistake a map cannot survive. A **line** (a transport corridor's `geometry`,\n"
    "each segment's) and an **outline** (`location.outline`) are GeoJSON, whose positions are\n"
    "`[longitude, latitude]`, longitude first. Every geometry cites its sources like any other\n"
    "fact: the sources that name the places it joins, with `at` saying which part. Where a line\n"
    "only joins the towns the sources name, say so in its `note`, starting with `coarse`:")
PLACES_EXAMPLE = """\
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
  sources: [research-notes]"""
PLACES_CHECKS = N_(
    "`briefbook validate` reports, at the number or position at fault: a latitude or longitude\n"
    "out of range (with a hint when the two look swapped), a position that is not two numbers, a\n"
    "line of fewer than two positions, a polygon ring that is not closed or crosses "
    "itself, a point\n"
    "with `lat` but no `lon` (or no sources). A point more than 50 km outside the "
    "country its brief\n"
    "names (the field's or park's `country`, the place's `country`) is an error too: the map\n"
    "would show it in another country. Shapes are Natural Earth's, which are not authoritative;\n"
    "50 km leaves room for their simplification and for disputed lines.")

SOURCES_TEXT = N_("`briefs/_sources.yml` maps each source id (lower-case letters, digits, "
                  "`-`, `_`, `.`) to a source. A source no brief cites is reported as a "
                  "warning.")
KIND_TEXT = N_("%(doc)s Kind `%(kind)s`; reviewed every %(days)s days unless `review_every` "
               "says otherwise.")

PORTIONS_RULE = N_(
    "- **Portion markings**: a figure, a quote, a section of text (`sections`) and every "
    "point of a meeting's or relation's preparation (below) may carry a `marking` of its "
    "own, as strict as its brief's or stricter; a less strict one is an error at its line. "
    "A site built for an audience leaves out every part that audience may not read, "
    "everywhere: page, search, export, feed, briefing pack. A part whose marking differs "
    "from its brief's is labelled with it, and the page's banners show the highest marking "
    "on the page. Mark the part rather than raise the whole brief: the rest stays readable "
    "by everyone the brief is for. `summary` and `body` take no marking: write what needs "
    "one as a section of its own (`sections`: a `title`, a `body`, its `sources` and its "
    "`marking`), shown after the body under its own heading.")
PREPARATION_TEXT = N_(
    "A meeting brief also holds its preparation: `objectives` (what our side wants from the "
    "meeting), `talking_points` (the points to make; the page groups them by their "
    "`topic`), `counterpart_may_raise` (what the other side may bring up, each with the "
    "`response` to give) and `deliverables` (what should come out of it). A relation brief "
    "holds `open_issues`, the questions the parties have not settled. Each point is a "
    "mapping with `text` and, optionally, `refs` (the briefs it concerns, linked on the "
    "page), `sources` (wherever it states a fact) and `marking`:")
PREPARATION_EXAMPLE = """\
talking_points:
  - topic: energy
    text:
      en: Kazakhstan is ready to take part in developing Galkynysh.
      ru: Казахстан готов участвовать в освоении Галкыныша.
    refs: [gas_field/galkynysh]
    sources: [nca-2024-10-10]
  - topic: energy
    text: Ask on what terms a consortium could take part.
    marking: TLP:AMBER"""
PREPARATION_NAMES = N_(
    "Why these names: `counterpart_may_raise`, not `expected_from_counterpart`, which reads "
    "as well as what the other side is expected to deliver; `deliverables`, the word of "
    "summit preparation, for what we seek, kept apart from `outcomes`, what did come out; "
    "`open_issues`, not `issues`, which could be any subject; `refs`, as elsewhere, for "
    "brief ids.")
