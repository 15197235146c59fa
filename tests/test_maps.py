"""Maps: the country-shape extract, questions about places, and the SVG drawn.

Regenerate the golden SVG after an intended change with
``UPDATE_GOLDENS=1 pytest tests/test_maps.py`` and look at the diff (and at the map).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from shapely.geometry import Point, Polygon

from briefbook.models import places
from briefbook.render import map_labels
from briefbook.render.maps import MapItem, draw_map, map_svg

GOLDEN = Path(__file__).parent / "golden" / "maps"
GEODATA = Path(places.__file__).parent / "geodata"
SVG_NS = "{http://www.w3.org/2000/svg}"
ASTANA, ASHGABAT, TEHRAN = (71.43, 51.13), (58.38, 37.95), (51.39, 35.69)

RAILWAY = [
    MapItem("line", "Uzen – Bolashak", [(52.9, 43.35), (54.1, 41.0)], "operational",
            "../transport_corridor/north-south-railway/"),
    MapItem("line", "Serhetyaka – Bereket – Etrek", [(54.1, 41.0), (54.6, 39.25), (54.1, 37.67)],
            "operational"),
    MapItem("line", "Etrek – Gorgan", [[(54.1, 37.67), (54.43, 36.84)]], "under_construction"),
    MapItem("point", "Uzen", [(52.9, 43.35)]),
    MapItem("point", "Bolashak / Serhetyaka", [(54.1, 41.0)]),
    MapItem("point", "Bereket", [(54.6, 39.25)]),
    MapItem("point", "Etrek", [(54.1, 37.67)]),
    MapItem("point", "Gorgan", [(54.43, 36.84)]),
    MapItem("point", "Galkynysh", [(62.2, 37.3)], link="../gas_field/galkynysh/"),
]


def _svg(block: str) -> ET.Element:
    """The SVG element of a map block, parsed as XML (so it must be well-formed)."""
    start, end = block.index("<svg"), block.index("</svg>") + len("</svg>")
    return ET.fromstring(block[start:end])


def _rings(data: str) -> list[list[tuple[float, float]]]:
    rings = []
    for part in re.findall(r"M([^MZ]+)Z?", data):
        numbers = [float(n) for n in part.split()]
        rings.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return rings


# --- the extract and places --------------------------------------------------------------


def test_the_extract_is_small_and_named() -> None:
    extract = GEODATA / "countries.json"
    assert extract.stat().st_size <= 300 * 1024
    features = json.loads(extract.read_text(encoding="utf-8"))["features"]
    codes = {f["id"] for f in features}
    assert {"KAZ", "TKM", "IRN", "AFG", "UZB", "RUS", "CHN", "TUR", "PAK", "IND", "AZE"} <= codes
    for feature in features:
        props = feature["properties"]
        assert props["name_en"] and props["name_ru"], feature["id"]
        assert props["iso2"] or feature["id"] in {"KAS", "CYN"}
    assert places.country_shapes()["KAZ"].name("ru") == "Казахстан"


def test_the_provenance_records_the_extract_checksum() -> None:
    text = (GEODATA / "PROVENANCE.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((GEODATA / "countries.json").read_bytes()).hexdigest()
    assert digest in text
    assert "world-atlas" in text and "Natural Earth 4.1.0" in text
    assert "not authoritative" in text and "Caspian" in text


@pytest.mark.parametrize(("city", "iso3"), [(ASTANA, "KAZ"), (ASHGABAT, "TKM"), (TEHRAN, "IRN")])
def test_a_capital_falls_inside_its_country(city: tuple[float, float], iso3: str) -> None:
    shape = places.country_shape(iso3)
    assert shape is not None and shape.contains(Point(*city))
    assert places.country_at(*city) == iso3
    assert places.distance_outside_km(iso3, *city) == 0.0


def test_places_outside_the_shapes() -> None:
    assert places.country_at(51.0, 42.0) is None  # the middle of the Caspian Sea
    assert places.country_shape("USA") is None
    assert places.distance_outside_km("USA", *ASTANA) == float("inf")
    # Ashgabat is some 430 km from Kazakhstan (checked against the nearest vertex by
    # brute force); Etrek (Turkmenistan) some 35 km from Iran.
    assert 400 < places.distance_outside_km("KAZ", *ASHGABAT) < 460
    assert 20 < places.distance_outside_km("IRN", 54.1, 37.67) < 60


# --- the SVG -----------------------------------------------------------------------------


def test_a_point_lands_inside_its_country_in_the_svg() -> None:
    svg = _svg(draw_map("astana", "Astana", [MapItem("point", "Astana", [ASTANA])],
                        countries=["KAZ"], highlight=["KAZ"]))
    marker = next(svg.iter(f"{SVG_NS}circle"))  # the map's markers come before the legend's
    x, y = float(marker.get("cx", "")), float(marker.get("cy", ""))
    (kaz,) = [p for p in svg.iter(f"{SVG_NS}path") if p.get("data-iso3") == "KAZ"]
    rings = _rings(kaz.get("d", ""))
    xs = [px for ring in rings for px, _ in ring]
    ys = [py for ring in rings for _, py in ring]
    assert min(xs) < x < max(xs) and min(ys) < y < max(ys)
    assert any(Polygon(ring).contains(Point(x, y)) for ring in rings if len(ring) >= 3)


def test_golden_corridor_svg() -> None:
    svg = map_svg("map-railway", "Kazakhstan–Turkmenistan–Iran railway", RAILWAY[:-1], [],
                  ["KAZ", "TKM", "IRN"])
    golden = GOLDEN / "railway.svg"
    if os.environ.get("UPDATE_GOLDENS") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(svg + "\n", encoding="utf-8")
    assert svg + "\n" == golden.read_text(encoding="utf-8")


def test_a_map_of_the_demo_density_stays_under_60_kb() -> None:
    relation = draw_map("relation", "Kazakhstan and Turkmenistan", RAILWAY,
                        countries=["KAZ", "TKM"], highlight=["KAZ", "TKM"])
    region = draw_map("region", "The region", RAILWAY,
                      countries=["KAZ", "TKM", "IRN", "RUS", "CHN", "TUR", "IND"],
                      highlight=["KAZ"])
    assert len(relation.encode("utf-8")) <= 60 * 1024
    assert len(region.encode("utf-8")) <= 60 * 1024


def test_a_map_is_one_raw_html_block() -> None:
    block = draw_map("map-railway", "Railway", RAILWAY, highlight=["KAZ"])
    assert block.startswith('<figure class="bb-map" id="map-railway">')
    assert block.endswith("</figure>")
    assert "\n\n" not in block and not any(line.startswith(" ") for line in block.splitlines())
    svg = _svg(block)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG_NS}title") is not None and svg.find(f"{SVG_NS}desc") is not None
    assert "Boundaries are not authoritative" in "".join(svg.itertext())
    assert "<figcaption>Railway. Boundaries are not authoritative" in block


def test_labels_are_text() -> None:
    evil = '<script>alert("x")</script> & Co'
    block = draw_map("evil", evil, [MapItem("point", evil, [ASTANA], link='"><script>')])
    assert "<script>" not in block
    assert "&lt;script&gt;" in block
    texts = ["".join(t.itertext()) for t in _svg(block).iter(f"{SVG_NS}text")]
    assert evil in texts


def test_the_text_alternative_lists_every_item_with_its_link() -> None:
    block = draw_map("map-railway", "Railway", RAILWAY, highlight=["KAZ", "TKM", "IRN"])
    listing = block[block.index('<div class="bb-map-list"'):block.index("</div>")]
    for item in RAILWAY:
        assert f">{item.label}<" in listing or f"<li>{item.label}:" in listing, item.label
    assert '<a href="../gas_field/galkynysh/">Galkynysh</a>' in listing
    assert "Kazakhstan, Turkmenistan, Iran" in listing
    assert "under construction" in listing


def test_lines_differ_by_dash_pattern_and_the_legend_says_so() -> None:
    svg = _svg(draw_map("map-railway", "Railway", RAILWAY))
    dashes = {p.get("stroke-dasharray") for p in svg.iter(f"{SVG_NS}path")
              if p.get("fill") == "none" and p.get("stroke") != "#fff"}
    assert dashes == {None, "6 4"}
    legend = ["".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text")]
    assert "operational" in legend and "under construction" in legend


def test_placed_labels_do_not_overlap() -> None:
    crowded = [MapItem("point", f"Place {n}", [(54.0 + n * 0.15, 40.0 + n * 0.15)])
               for n in range(12)]
    svg = _svg(draw_map("crowded", "Crowded", crowded))
    boxes = [map_labels.text_box(float(t.get("x", "")), float(t.get("y", "")),
                                 t.get("text-anchor", "start"), "".join(t.itertext()),
                                 float(t.get("font-size", "")))
             for t in svg.iter(f"{SVG_NS}text") if "".join(t.itertext()).startswith("Place")]
    assert boxes  # some are placed; the rest are left off the picture
    for i, one in enumerate(boxes):
        assert not any(one.overlaps(other) for other in boxes[i + 1:])


def test_names_in_russian() -> None:
    block = draw_map("ru", "Железная дорога", RAILWAY, highlight=["KAZ", "TKM"], lang="ru")
    assert "Казахстан" in block and "Туркменистан" in block
    assert "Границы показаны без официального статуса" in block


@pytest.mark.parametrize("lon_0", [25, 53, 62, 95])
def test_the_pipeline_is_the_projection_proj_finds(lon_0: int) -> None:
    import numpy as np
    from pyproj import Transformer

    from briefbook.render import map_frame

    found = Transformer.from_crs("EPSG:4326", map_frame.proj_string(lon_0), always_xy=True)
    lons, lats = np.linspace(20, 100, 401), np.linspace(15, 60, 401)
    assert np.array_equal(np.array(found.transform(lons, lats)),
                          np.array(map_frame.transformer(lon_0).transform(lons, lats)))


def _markers(svg: ET.Element) -> list[ET.Element]:
    return [c for c in svg.iter(f"{SVG_NS}circle") if c.get("stroke") == "#111"]


def test_markers_that_would_touch_are_one() -> None:
    # Two places a few kilometres apart: one marker with both names.
    pair = [MapItem("point", "Bolashak", [(54.1, 41.0)]),
            MapItem("point", "Serhetyaka", [(54.12, 40.98)])]
    svg = _svg(draw_map("pair", "Pair", pair))
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text")]
    assert "Bolashak / Serhetyaka" in texts
    assert len(_markers(svg)) == 1 + 1  # the marker and the legend's
    # Five in one spot: one marker with their number, explained in the legend; every
    # place is still in the text alternative.
    five = [MapItem("point", f"Well {n}", [(60.0 + n * 0.01, 40.0)]) for n in range(5)]
    block = draw_map("five", "Five", five)
    svg = _svg(block)
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text")]
    assert "5" in texts and "places close together (their number)" in texts
    assert not any(t.startswith("Well") for t in texts)
    assert all(f"<li>Well {n}:" in block for n in range(5))


def test_a_crowded_map_stays_small() -> None:
    # A thousand places spread over the region: at most MAX_MARKERS markers.
    from briefbook.render.map_clusters import MAX_MARKERS

    many = [MapItem("point", f"Field {n}", [(50 + (n * 7919 % 2000) / 100,
                                              36 + (n * 104729 % 1400) / 100)])
            for n in range(1000)]
    svg_text = map_svg("many", "Many", many, [], [])
    assert len(svg_text.encode()) <= 60 * 1024
    assert len(_markers(_svg(svg_text))) <= MAX_MARKERS + 2
