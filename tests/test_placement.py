"""A point far outside the country its brief names (issue 22): an error in another
country or when lat and lon are swapped, a warning at sea; nothing within 50 km.

The base tree of the bad-brief corpus, its country ``alpha`` given Kazakhstan's codes
so that it has a shape; each case adds one brief and runs the real load → validate →
resolve path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefbook.pipeline import Settings, check

from .test_validation import BAD, TODAY

HEAD = """kind: gas_field
title: A field
summary: A gas field.
marking: TLP:CLEAR
reviewed: 2026-01-01
country: country/alpha
location:
  near: Somewhere
"""
FIELD = "briefs/gas_field/f.yml"


def _diagnostics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str,
                 text: str) -> list[tuple[str, int, int, str, str]]:
    shutil.copytree(BAD / "_base", tmp_path / "briefs")
    monkeypatch.chdir(tmp_path)
    alpha = tmp_path / "briefs/country/alpha.yml"
    alpha.write_text(alpha.read_text().replace("iso2: XA\niso3: XAA", "iso2: KZ\niso3: KAZ"))
    (tmp_path / "briefs" / target).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "briefs" / target).write_text(text)
    result = check(Settings(briefs_dir=tmp_path / "briefs", today=TODAY, audience="internal"))
    return [(d.path, d.line, d.col, d.severity.value, d.message) for d in result.diagnostics]


def _field(lon: float, lat: float) -> str:
    return HEAD + f"  lat: {lat}\n  lon: {lon}\n  sources: [src-a]\n"


@pytest.mark.parametrize(("lon", "lat"), [(68.25, 43.30), (51.0, 43.0)])
def test_a_point_in_or_near_its_country_is_clean(
    lon: float, lat: float, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Turkistan; and a point in the Caspian 31 km off Kazakhstan's coast (within 50 km)."""
    assert _diagnostics(tmp_path, monkeypatch, "gas_field/f.yml", _field(lon, lat)) == []


def test_a_point_in_another_country(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _diagnostics(tmp_path, monkeypatch, "gas_field/f.yml", _field(66.97, 39.65)) == [
        (FIELD, 9, 8, "error", "the point 66.97, 39.65 (longitude, latitude) lies in "
                               "Uzbekistan, 156 km outside Kazakhstan (country/alpha)")]


def test_lat_and_lon_swapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Swapped, Turkistan falls in the Arctic, outside the shapes: an error all the same."""
    assert _diagnostics(tmp_path, monkeypatch, "gas_field/f.yml", _field(43.30, 68.25)) == [
        (FIELD, 9, 8, "error", "the point 43.3, 68.25 (longitude, latitude) lies outside the "
                               "mapped region, 1,841 km outside Kazakhstan (country/alpha); "
                               "lat and lon look swapped")]


def test_a_point_at_sea_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An offshore field may lie far from its country's land."""
    assert _diagnostics(tmp_path, monkeypatch, "gas_field/f.yml", _field(50.5, 42.5)) == [
        (FIELD, 9, 8, "warning", "the point 50.5, 42.5 (longitude, latitude) lies at sea or in "
                                 "no mapped country, 99 km outside Kazakhstan (country/alpha): "
                                 "right for an offshore site, otherwise check it")]


def test_a_meeting_place_and_a_segment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A meeting's place, and a segment's line: its first far vertex, once per line."""
    meeting = """kind: meeting
title: A meeting
summary: They met.
marking: TLP:CLEAR
reviewed: 2026-01-01
date: 2025-04-22
place: {name: Samarkand, country: country/alpha, lat: 39.65, lon: 66.97, sources: [src-a]}
participants: [person/pat]
sources: [src-a]
"""
    assert _diagnostics(tmp_path, monkeypatch, "meeting/m.yml", meeting) == [
        ("briefs/meeting/m.yml", 7, 55, "error", "the point 66.97, 39.65 (longitude, latitude) "
         "lies in Uzbekistan, 156 km outside Kazakhstan (country/alpha)")]
    corridor = """kind: transport_corridor
title: A railway
summary: A line.
marking: TLP:CLEAR
reviewed: 2026-01-01
mode: rail
status: operational
countries: [country/alpha]
segments:
  - name: Kazakh section
    country: country/alpha
    geometry:
      type: LineString
      coordinates: [[52.86, 43.34], [55.52, 39.24], [54.44, 36.84]]
      sources: [src-a]
"""
    shutil.rmtree(tmp_path / "briefs")
    assert _diagnostics(tmp_path, monkeypatch, "transport_corridor/t.yml", corridor) == [
        ("briefs/transport_corridor/t.yml", 14, 37, "error", "the point 55.52, 39.24 "
         "(longitude, latitude) lies in Turkmenistan, 225 km outside Kazakhstan "
         "(country/alpha)")]


def test_the_preview_shortcut_rechecks_points_when_a_code_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The field is unchanged (its scan kept), but its country's iso3 changes: the live
    preview's resolve must report what a whole resolve reports."""
    from briefbook.errors import Diagnostics
    from briefbook.incremental.resolution import KeptResolution, update_site
    from briefbook.load.files import load_tree
    from briefbook.resolve import resolve
    from briefbook.validate.tree import validate_tree

    _diagnostics(tmp_path, monkeypatch, "gas_field/f.yml", _field(66.97, 39.65))
    briefs, alpha = tmp_path / "briefs", tmp_path / "briefs/country/alpha.yml"
    kept = KeptResolution()

    def both() -> tuple[list[str], list[str]]:
        tree = validate_tree(load_tree(briefs, Diagnostics()), Diagnostics(), TODAY)
        whole, shortcut = Diagnostics(), Diagnostics()
        resolve(tree, whole, audience="internal", today=TODAY)
        update_site(kept, tree, shortcut, audience="internal", today=TODAY)
        return [d.message for d in whole], [d.message for d in shortcut]

    assert both() == ([_far := "the point 66.97, 39.65 (longitude, latitude) lies in "
                       "Uzbekistan, 156 km outside Kazakhstan (country/alpha)"], [_far])
    alpha.write_text(alpha.read_text().replace("iso3: KAZ", "iso3: UZB"))
    assert both() == ([], [])
    alpha.write_text(alpha.read_text().replace("iso3: UZB", "iso3: KAZ"))
    assert both() == ([_far], [_far])
