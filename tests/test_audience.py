"""Audience builds: a withheld brief leaves no trace in any file of the site.

Every text field of the GREEN, AMBER, AMBER+STRICT and RED briefs (and of a source
only they cite, and their ids and tags) carries a unique canary string. The test builds real
sites and searches every output file, decompressing .gz files, for the canaries.
"""

from __future__ import annotations

import gzip
import html
from pathlib import Path

import pytest

from .conftest import TODAY, copy_project, run_briefbook

CANARY = {
    "TLP:GREEN": "zqxgreen",
    "TLP:AMBER": "zqxamber",
    "TLP:AMBER+STRICT": "zqxstrict",
    "TLP:RED": "zqxred",
}

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
""", "utf-8")
    (briefs / "country" / "alpha-two.yml").write_text(
        PUBLIC_BRIEFS["country/alpha.yml"].replace("Alpha", "Alpha Two").replace(
            "iso2: KZ\niso3: KAZ", "iso2: TM\niso3: TKM"), "utf-8")
    return root


def site_text(site: Path) -> dict[str, str]:
    """Every file of a built site as lower-case text, .gz files decompressed."""
    texts = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
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
    # The relation's map is drawn (its parties' shapes), with no withheld corridor on it.
    assert 'class="bb-map"' in texts["relation/alpha-links/index.html"]
    for canary in CANARY.values():
        assert leaks(texts, canary) == [], f"{canary} leaked into the public site"
    page = texts["relation/alpha-links/index.html"]
    assert page.count("withheld") >= len(CANARY)
    # The home page's map shows the public field and none of the withheld corridors'
    # lines (which have no text of their own on the map).
    for svg in home_maps(texts):
        assert "alpha field" in svg and PLANNED_LINE not in svg
    # The Russian site was searched too, and says "withheld" in Russian.
    assert "ru/relation/alpha-links/index.html" in texts
    assert any(name.startswith("ru/search/") for name in texts)


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
    for canary in ("zqxamber", "zqxstrict", "zqxred"):
        assert leaks(texts, canary) == [], f"{canary} leaked into the community site"


@pytest.mark.slow
def test_internal_site_has_amber_but_never_red(project: Path) -> None:
    texts = build(project, "internal")
    # Proves the canary test can fail: the AMBER text does reach the internal site.
    assert "meeting/zqxamber-meeting/index.html" in texts
    assert leaks(texts, "zqxamber")
    assert leaks(texts, "zqxstrict")
    assert leaks(texts, "zqxred") == [], "TLP:RED must never be built into any site"


@pytest.mark.slow
def test_listing_pages_carry_highest_marking_shown(project: Path) -> None:
    texts = build(project, "internal")
    meetings = html.unescape(texts["meeting/index.html"])
    assert meetings.count(">tlp:amber+strict<") == 2  # top and bottom banners
    alpha = html.unescape(texts["country/index.html"])
    assert alpha.count(">tlp:clear<") == 2
