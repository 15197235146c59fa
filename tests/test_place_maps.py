"""Maps on the demo's place-bound pages (issue 22): drawn, labelled, small, and only from
what the page may show."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from briefbook.pipeline import Settings, render

from .conftest import REPO

PAGES = ["transport_corridor/kazakhstan-turkmenistan-iran-railway.md",
         "transport_corridor/turkmenbashi-garabogaz-highway.md", "gas_field/galkynysh.md",
         "industrial_park/spk-turkistan.md", "meeting/2025-04-22-informal-meeting.md",
         "relation/kazakhstan-turkmenistan.md", "country/kazakhstan.md",
         "country/turkmenistan.md"]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    settings = Settings(briefs_dir=REPO / "briefs", templates_dir=REPO / "templates",
                        today=dt.date(2026, 11, 22), audience="public", jobs=1)
    found, _ = render(settings)
    return found


def _map(page: str) -> str:
    found = re.search(r'<figure class="bb-map".*?</figure>', page, re.S)
    assert found, "no map on the page"
    return found.group(0)


@pytest.mark.parametrize("name", PAGES)
def test_every_place_bound_page_has_a_small_accessible_map(pages: dict[str, str],
                                                           name: str) -> None:
    figure = _map(pages[name])
    assert 'role="img"' in figure and "<title" in figure and "<desc" in figure
    assert "Boundaries are not authoritative" in figure
    assert len(figure.encode()) <= 60_000
    assert "\n\n" not in figure  # one raw HTML block for Markdown


def test_the_railway_map_names_its_termini_and_junctions(pages: dict[str, str]) -> None:
    page = pages["transport_corridor/kazakhstan-turkmenistan-iran-railway.md"]
    svg = _map(page)
    for town in ("Uzen", "Bolashak", "Serhetyaka", "Etrek", "Gorgan"):
        assert f">{town}</text>" in svg
    listed = page[page.index("On this map:"):]
    assert "Etrek–Gorgan &#40;Iranian section&#41; (operational)" in listed.split("\n")[0]


def test_the_relation_map_links_every_place_between_the_parties(pages: dict[str, str]) -> None:
    page = pages["relation/kazakhstan-turkmenistan.md"]
    listed = page[page.index("On this map:"):].split("\n")[0]
    for target in ("kazakhstan-turkmenistan-iran-railway.md", "turkmenbashi-garabogaz-highway.md",
                   "galkynysh.md", "spk-turkistan.md"):
        assert target in listed


def test_a_country_outside_the_map_data_gets_no_map(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    (briefs / "country").mkdir(parents=True)
    (briefs / "_sources.yml").write_text("s:\n  title: S\n  publisher: P\n", "utf-8")
    (briefs / "country" / "x.yml").write_text(
        "kind: country\ntitle: X\nsummary: s\nmarking: TLP:CLEAR\nreviewed: 2026-01-01\n"
        "iso2: QQ\niso3: QQQ\ncapital: Q\n", "utf-8")
    settings = Settings(briefs_dir=briefs, templates_dir=REPO / "templates",
                        today=dt.date(2026, 11, 22), audience="public", jobs=1)
    found, _ = render(settings)
    assert "bb-map" not in found["country/x.md"]


GOLDEN = Path(__file__).parent / "golden" / "maps"


@pytest.mark.parametrize(("name", "golden"), [
    ("gas_field/galkynysh.md", "galkynysh-page.svg"),
    ("relation/kazakhstan-turkmenistan.md", "relation-page.svg"),
    ("transport_corridor/kazakhstan-turkmenistan-iran-railway.md", "railway-page.svg"),
])
def test_demo_maps_match_their_golden_svg(pages: dict[str, str], name: str, golden: str) -> None:
    """The demo's field, relation and corridor maps as drawn from the briefs (rewrite with
    UPDATE_GOLDENS=1 after an intended change, and look at the map)."""
    svg = re.search(r"<svg.*?</svg>", _map(pages[name]), re.S)
    assert svg
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDENS") == "1":
        path.write_text(svg.group(0) + "\n", encoding="utf-8")
    assert svg.group(0) + "\n" == path.read_text(encoding="utf-8")


def test_no_demo_page_carries_more_than_60_kb_of_svg(pages: dict[str, str]) -> None:
    """Every page of the demo in every language, the home page's overview included: its
    maps and charts together stay within 60 KB of SVG (issue 22)."""
    assert "index.md" in pages and "ru/index.md" in pages
    assert 'id="map-home"' in pages["index.md"] and 'id="map-home"' in pages["ru/index.md"]
    sizes = {name: sum(len(svg.encode()) for svg in re.findall(r"<svg.*?</svg>", page, re.S))
             for name, page in pages.items()}
    assert sum(1 for size in sizes.values() if size) >= 2 * len(PAGES)
    assert {name: size for name, size in sizes.items() if size > 60 * 1024} == {}
