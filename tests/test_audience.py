"""Audience builds: a withheld brief, or a withheld part of a published one, leaves no
trace in any file of the site.

Every text field of the GREEN, AMBER, AMBER+STRICT and RED briefs (and of a source
only they cite, and their ids and tags) carries a unique canary string; so does every
part marked GREEN, AMBER, AMBER+STRICT or RED inside a TLP:CLEAR meeting and relation
(talking points, objectives, points the counterpart may raise, deliverables, open
issues, figures, quotes, and a source only such a part cites). The test builds real
sites in both languages and searches every output file, decompressing .gz files and
Pagefind's search index (its page fragments and word chunks, gzip'd), for the canaries.
"""

from __future__ import annotations

import gzip
import html
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import TODAY, copy_project, run_briefbook
from .pagefind_files import decompressed

CANARY = {
    "TLP:GREEN": "zqxgreen",
    "TLP:AMBER": "zqxamber",
    "TLP:AMBER+STRICT": "zqxstrict",
    "TLP:RED": "zqxred",
}

PORTION_CANARY = {
    "TLP:GREEN": "zqpgreen",
    "TLP:AMBER": "zqpamber",
    "TLP:AMBER+STRICT": "zqpstrict",
    "TLP:RED": "zqpred",
}
"""Canaries of parts marked more strictly than their TLP:CLEAR brief."""

PUBLIC_SOURCES = """\
pub:
  title: Public report
  publisher: Public agency
  url: https://example.org/public
  published: 2025-01-01
"""


def secret_source(canary: str) -> str:
    return f"""\
{canary}-src:
  title: {canary} secret report
  publisher: {canary} agency
  url: https://example.org/{canary}
  published: 2025-01-01
  note: {canary} source note
"""


def secret_meeting(marking: str, canary: str) -> str:
    """A meeting brief with the canary in every text field."""
    return f"""\
kind: meeting
title: {{en: {canary} meeting title, ru: {canary} заголовок}}
summary: {{en: "{canary} summary with **markdown**", ru: "{canary} сводка"}}
marking: "{marking}"
reviewed: 2026-01-01
owner: {canary} owner
tags: [{canary}-tag]
related: [country/alpha]
date: 2025-03-01
format: official
place:
  name: {canary} place
  country: country/alpha
  sources: [{canary}-src]
  alternatives:
    - name: {canary} other place
      sources: [{canary}-src]
participants: [person/pa]
topics: [{canary} topic]
outcomes: [{canary} outcome]
quotes:
  - speaker: person/pa
    text: {canary} quoted words
    note: {canary} quote note
    sources: [{canary}-src]
figures:
  - label: {canary} figure label
    value: 4242.5
    unit: USD
    scale: million
    period: 2024
    series: {canary}-series
    note: {canary} figure note
    sources: [{canary}-src]
    alternatives:
      - value: 4343.5
        note: {canary} alternative note
        sources: [{canary}-src]
milestones:
  - date: 2025-02-01
    title: {canary} milestone
    sources: [{canary}-src]
links:
  - title: {canary} link
    url: https://example.org/{canary}-link
body: {{en: {canary} body text, ru: {canary} текст}}
sources: [{canary}-src]
"""


def secret_corridor(marking: str, canary: str) -> str:
    """A corridor on the map of the public relation's parties, if it were not withheld."""
    return f"""\
kind: transport_corridor
title: {canary} corridor
summary: {canary} corridor summary
marking: "{marking}"
reviewed: 2026-01-01
mode: rail
status: planned
countries: [country/alpha]
termini: [{canary} start, {canary} end]
segments:
  - name: {canary} start–{canary} end
    status: planned
    geometry:
      type: LineString
      coordinates: [[52.9, 43.35], [54.1, 41.0]]
      sources: [{canary}-src]
"""


def meeting_portions(marking: str, canary: str) -> str:
    """Every kind of part of a meeting, marked ``marking``, with ``canary`` in each text."""
    return f"""\
  - text: {{en: {canary} objective, ru: {canary} цель}}
    refs: [country/alpha]
    sources: [{canary}-src]
    marking: "{marking}"
""", f"""\
  - topic: trade
    text: {{en: {canary} talking point, ru: {canary} тезис}}
    sources: [{canary}-src]
    marking: "{marking}"
""", f"""\
  - text: {canary} they may raise
    response: {canary} line to take
    marking: "{marking}"
""", f"""\
  - text: {canary} deliverable
    marking: "{marking}"
""", f"""\
  - label: {canary} portion figure
    headline: true
    value: 5151.5
    unit: USD
    scale: million
    period: 2023
    series: {canary}-portion-series
    note: {canary} portion figure note
    sources: [{canary}-src]
    marking: "{marking}"
""", f"""\
  - speaker: person/pa
    text: {canary} portion quote
    sources: [{canary}-src]
    marking: "{marking}"
"""


def public_meeting() -> str:
    """A TLP:CLEAR meeting holding a part of every kind at every stricter marking."""
    parts: list[list[str]] = [[], [], [], [], [], []]
    for marking, canary in PORTION_CANARY.items():
        for index, text in enumerate(meeting_portions(marking, canary)):
            parts[index].append(text)
    fields = ("objectives", "talking_points", "counterpart_may_raise", "deliverables",
              "figures", "quotes")
    own = ("  - text: Public objective\n", "  - text: Public talking point\n",
           "  - text: Public counterpart point\n", "  - text: Public deliverable\n",
           "  - {label: Public figure, value: 1, unit: USD, period: 2023, sources: [pub]}\n",
           "  - {speaker: person/pa, text: Public quote, sources: [pub]}\n")
    body = "".join(f"{name}:\n{first}{''.join(texts)}"
                   for name, first, texts in zip(fields, own, parts, strict=True))
    return f"""\
kind: meeting
title: Public meeting
summary: A public meeting with parts marked more strictly.
marking: TLP:CLEAR
reviewed: 2026-01-01
date: 2025-03-02
place: {{name: Alpha city, country: country/alpha, sources: [pub]}}
participants: [person/pa]
sources: [pub]
{body}"""


def open_issues() -> str:
    """The public relation's open issues and figures, one of each a stricter marking."""
    issues = "".join(f"""\
  - text: {{en: {canary} open issue, ru: {canary} вопрос}}
    sources: [{canary}-src]
    marking: "{marking}"
""" for marking, canary in PORTION_CANARY.items())
    figures = "".join(f"""\
  - label: {canary} relation figure
    value: 6161.5
    unit: USD
    period: 2024
    sources: [{canary}-src]
    marking: "{marking}"
""" for marking, canary in PORTION_CANARY.items())
    sections = "".join(f"""\
  - title: {canary} section heading
    body: {{en: {canary} section text, ru: {canary} текст раздела}}
    sources: [{canary}-src]
    marking: "{marking}"
""" for marking, canary in PORTION_CANARY.items())
    return (f"open_issues:\n  - text: Public open issue\n{issues}figures:\n{figures}"
            f"sections:\n  - title: Public section\n    body: Public section text\n{sections}")


PUBLIC_BRIEFS = {
    "country/alpha.yml": """\
kind: country
title: Alpha
summary: A public country.
marking: TLP:CLEAR
reviewed: 2026-01-01
iso2: KZ
iso3: KAZ
figures:
  - label: Population
    value: 5
    unit: people
    scale: million
    period: 2024
    sources: [pub]
""",
    "gas_field/alpha-field.yml": """\
kind: gas_field
title: Alpha field
summary: A public gas field, so that the home page has a map.
marking: TLP:CLEAR
reviewed: 2026-01-01
country: country/alpha
location:
  lat: 46.0
  lon: 56.0
  sources: [pub]
""",
    "person/pa.yml": """\
kind: person
title: Person A
summary: A public person.
marking: TLP:CLEAR
reviewed: 2026-01-01
country: country/alpha
""",
}


def make_corpus(root: Path) -> Path:
    """Write the public briefs plus one withheld-marking meeting per canary."""
    briefs = root / "briefs"
    for name, text in PUBLIC_BRIEFS.items():
        (briefs / name).parent.mkdir(parents=True, exist_ok=True)
        (briefs / name).write_text(text, "utf-8")
    sources = PUBLIC_SOURCES
    related = []
    for marking, canary in CANARY.items():
        (briefs / "meeting" / f"{canary}-meeting.yml").parent.mkdir(parents=True, exist_ok=True)
        (briefs / "meeting" / f"{canary}-meeting.yml").write_text(
            secret_meeting(marking, canary), "utf-8")
        sources += secret_source(canary)
        (briefs / "transport_corridor").mkdir(exist_ok=True)
        (briefs / "transport_corridor" / f"{canary}-line.yml").write_text(
            secret_corridor(marking, canary), "utf-8")
        related.append(f"meeting/{canary}-meeting")
    for canary in PORTION_CANARY.values():
        sources += secret_source(canary)
    (briefs / "meeting" / "public-meeting.yml").write_text(public_meeting(), "utf-8")
    (briefs / "_sources.yml").write_text(sources, "utf-8")
    # A public brief that refers to every withheld one: the refs must show as "withheld".
    (briefs / "relation").mkdir()
    (briefs / "relation" / "alpha-links.yml").write_text(f"""\
kind: relation
title: Alpha links
summary: A public relation that refers to withheld briefs.
marking: TLP:CLEAR
reviewed: 2026-01-01
parties: [country/alpha, country/alpha-two]
related: [{", ".join(related)}]
{open_issues()}""", "utf-8")
    (briefs / "country" / "alpha-two.yml").write_text(
        PUBLIC_BRIEFS["country/alpha.yml"].replace("Alpha", "Alpha Two").replace(
            "iso2: KZ\niso3: KAZ", "iso2: TM\niso3: TKM"), "utf-8")
    return root


def site_text(site: Path) -> dict[str, str]:
    """Every file of a built site as lower-case text, .gz files and the search index's
    files decompressed."""
    texts = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta"):
                data = decompressed(path)
            if path.suffix == ".pdf":  # a briefing pack: its text, as a reader sees it
                data = "\n".join(page.extract_text() for page in
                                 PdfReader(io.BytesIO(data)).pages).encode("utf-8")
            texts[str(path.relative_to(site))] = data.decode("utf-8", "replace").lower()
    return texts


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("audience")
    make_corpus(root)
    return copy_project(root, briefs=root / "briefs")


def build(project: Path, audience: str) -> dict[str, str]:
    site = project / f"site-{audience}"
    result = run_briefbook("build", "--audience", audience, "--site-dir", str(site),
                           "--today", TODAY, cwd=project)
    assert result.returncode == 0, result.stderr
    return site_text(site)


PLANNED_LINE = 'fill="none" stroke="#6a1b9a"'
"""A planned line's stroke on a map (lower case, as :func:`site_text` gives it): the
withheld corridors are planned, and no public brief is."""


def home_maps(texts: dict[str, str]) -> list[str]:
    """The SVG of the home page's map in every language."""
    maps = []
    for name in ("index.html", "ru/index.html"):
        page = texts[name]
        start = page.index('id="map-home"')
        maps.append(page[start:page.index("</svg>", start)])
    return maps


def leaks(texts: dict[str, str], canary: str) -> list[str]:
    return sorted(name for name, text in texts.items() if canary in text)


@pytest.mark.slow
def test_public_site_contains_no_withheld_brief(project: Path) -> None:
    texts = build(project, "public")
    assert "alpha links" in texts["relation/alpha-links/index.html"]
    # The site's packs are scanned too, text extracted: the public meeting's, in each language.
    assert "public" in texts["packs/meeting/public-meeting.pdf"]
    assert "ru/packs/meeting/public-meeting.pdf" in texts
    assert not any(name.startswith(("packs/meeting/", "ru/packs/meeting/"))
                   and canary in name for name in texts for canary in CANARY.values())
    # The relation's map is drawn (its parties' shapes), with no withheld corridor on it.
    assert 'class="bb-map"' in texts["relation/alpha-links/index.html"]
    for canary in [*CANARY.values(), *PORTION_CANARY.values()]:
        assert leaks(texts, canary) == [], f"{canary} leaked into the public site"
    meeting = html.unescape(texts["meeting/public-meeting/index.html"])
    for part in ("objective", "talking point", "counterpart point", "deliverable", "figure",
                 "quote"):
        assert f"public {part}" in meeting
    assert meeting.count(">tlp:clear<") == 2 and "bb-portion-marking" not in meeting
    page = texts["relation/alpha-links/index.html"]
    assert "public section text" in page and "public section text" in texts[
        "packs/relation/alpha-links.pdf"]
    assert page.count("withheld") >= len(CANARY)
    # The home page's map shows the public field and none of the withheld corridors'
    # lines (which have no text of their own on the map).
    for svg in home_maps(texts):
        assert "alpha field" in svg and PLANNED_LINE not in svg
    # The Russian site was searched too, and says "withheld" in Russian.
    assert "ru/relation/alpha-links/index.html" in texts
    assert any(name.startswith("pagefind/fragment/ru_") for name in texts)


@pytest.mark.slow
def test_community_site_adds_green_only(project: Path) -> None:
    texts = build(project, "community")
    assert leaks(texts, "zqxgreen"), "the community site must publish TLP:GREEN briefs"
    # The GREEN corridor is on the relation's map here: the public site's leaves it off.
    page = texts["relation/alpha-links/index.html"]
    assert "zqxgreen corridor" in page[page.index('class="bb-map"'):]
    # And on the home page's map (the line the public site's leaves off), both languages.
    assert all(PLANNED_LINE in svg for svg in home_maps(texts))
    assert "zqxgreen corridor" in texts["index.html"][texts["index.html"].index("map-home"):]
    assert leaks({k: v for k, v in texts.items() if k.startswith("ru/")}, "zqxgreen"), \
        "the Russian site publishes them too"
    for canary in ("zqxamber", "zqxstrict", "zqxred", "zqpamber", "zqpstrict", "zqpred"):
        assert leaks(texts, canary) == [], f"{canary} leaked into the community site"
    # The GREEN parts of the public meeting and relation are published, in both languages,
    # labelled, and the pages' banners say TLP:GREEN.
    for name in ("meeting/public-meeting/index.html", "relation/alpha-links/index.html"):
        for prefix in ("", "ru/"):
            page = html.unescape(texts[prefix + name])
            assert "zqpgreen" in page
            assert page.count('class="bb-marking bb-marking--green') == 2, prefix + name
            assert ">tlp:green</span>" in page
    assert "zqpgreen portion figure" in texts["index.html"], "a headline figure"


@pytest.mark.slow
def test_internal_site_has_amber_but_never_red(project: Path) -> None:
    texts = build(project, "internal")
    # Proves the canary test can fail: the AMBER text does reach the internal site.
    assert "meeting/zqxamber-meeting/index.html" in texts
    assert leaks(texts, "zqxamber")
    assert leaks(texts, "zqxstrict")
    assert leaks(texts, "zqxred") == [], "TLP:RED must never be built into any site"
    # Parts: the internal site has the AMBER and AMBER+STRICT ones (the test can fail),
    # never a RED one; every page showing one says so in its banners.
    for canary in ("zqpgreen", "zqpamber", "zqpstrict"):
        for name in ("relation/alpha-links/index.html", "packs/relation/alpha-links.pdf"):
            assert f"{canary} section text" in texts[name], (canary, name)
        found = leaks(texts, canary)
        assert "meeting/public-meeting/index.html" in found
        assert "ru/relation/alpha-links/index.html" in found
        assert "data/briefs.json" in found
        # The search index has them (each language's pages, and their words).
        assert any(name.startswith("pagefind/fragment/en_") for name in found)
        assert any(name.startswith("pagefind/fragment/ru_") for name in found)
        assert any(name.startswith("pagefind/index/") for name in found)
    assert leaks(texts, "zqpred") == [], "a TLP:RED part must never be built into any site"
    for name in ("meeting/public-meeting/index.html", "ru/meeting/public-meeting/index.html",
                 "relation/alpha-links/index.html", "country/alpha/index.html", "index.html"):
        assert texts[name].count('class="bb-marking bb-marking--amber-strict') == 2, name


@pytest.mark.slow
def test_listing_pages_carry_highest_marking_shown(project: Path) -> None:
    texts = build(project, "internal")
    meetings = html.unescape(texts["meeting/index.html"])
    assert meetings.count(">tlp:amber+strict<") == 2  # top and bottom banners
    alpha = html.unescape(texts["country/index.html"])
    assert alpha.count(">tlp:clear<") == 2
