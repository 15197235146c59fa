"""The country contract of a full profile (issue 20): what it accepts, what it refuses (at
the line), and how the page reads: key facts first, then one section a topic."""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path

import pytest

from briefbook.pipeline import Settings, check, render

from .conftest import REPO

BASE = Path(__file__).parent / "bad_briefs" / "_base"
TODAY = dt.date(2026, 11, 22)

PROFILE = """\
kind: country
title: Gamma
summary: A country.
sources: [{id: src-a, at: "Introduction › Background"}]
body: Gamma lies between the mountains and the sea.
marking: TLP:CLEAR
reviewed: 2026-01-01
iso2: XC
iso3: XCC
capital: {name: Gammaville, lat: 51.1667, lon: 71.4167, sources: [src-a]}
currency: KZT
time_zones: ["UTC+05:00"]
government_type: presidential republic
head_of_state: person/pat
head_of_government:
  name: Olzhas Bektenov
  title: Prime Minister
  since: 2024-02
  sources: [{id: src-a, at: "Government › Executive branch › head of government"}]
missions:
  - direction: outgoing
    counterpart: United States
    chief: {name: Magzhan Ilyassov, title: Ambassador, since: 2025-12-16, sources: [src-a]}
    address: 1401 16th Street NW, Washington, DC 20036
    sources: [src-a]
memberships:
  - {organisation: CIS, sources: [src-a]}
  - {organisation: OAS, status: observer, sources: [src-a]}
holidays:
  - {name: Independence Day, date: "12-16", note: "1991", sources: [src-a]}
facts:
  - topic: geography
    label: Climate
    text: continental, cold winters and hot summers
    sources: [{id: src-a, at: "Geography › Climate"}]
figures:
  - {topic: people, label: Population, value: 20432662, unit: people, period: 2025,
     status: estimate, series: population, sources: [src-a]}
  - {topic: economy, label: GDP, value: 262.6, unit: USD, scale: billion, period: 2023,
     series: gdp, sources: [src-a]}
  - {topic: economy, label: Real GDP growth rate, value: 4.8, unit: "%", period: 2024,
     series: growth, sources: [src-a]}
  - {topic: economy, label: Real GDP growth rate, value: 5.1, unit: "%", period: 2023,
     series: growth, sources: [src-a]}
  - {topic: economy, label: Real GDP growth rate, value: 3.2, unit: "%", period: 2022,
     series: growth, sources: [src-a]}
  - {topic: people, label: Obesity, value: 1, unit: "%", qualifier: less_than, sources: [src-a]}
milestones:
  - {date: 2027-01-15, precision: month, title: Senate election, type: election,
     status: scheduled, sources: [src-b]}
"""


def _tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    shutil.copytree(BASE, tmp_path / "briefs")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefs" / "country" / "gamma.yml").write_text(text, encoding="utf-8")
    return tmp_path / "briefs"


def _settings(briefs: Path) -> Settings:
    return Settings(briefs_dir=briefs, templates_dir=REPO / "templates", today=TODAY,
                    audience="internal", jobs=1)


def _errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> list[str]:
    briefs = _tree(tmp_path, monkeypatch, text)
    return [d.format() for d in check(_settings(briefs)).diagnostics if d.severity == "error"]


def test_a_full_profile_validates_and_reads_as_a_profile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch, PROFILE)
    pages, _ = render(_settings(briefs))
    page = pages["country/gamma.md"]
    # The key facts come first, then the background, then the topics in their order.
    order = [page.index(s) for s in ("| Key facts |", "## Background", "## Government",
                                     "## Economy", "## People and society", "## Geography")]
    assert order == sorted(order)
    keyfacts = html.unescape(page[page.index("| Key facts |"):page.index("## Background")])
    for expected in ("Gammaville (51°10′ N, 71°25′ E)", "20,432,662", "USD 262.6 billion (2023)",
                     "presidential republic", "Prime Minister Olzhas Bektenov, since Feb 2024",
                     "Kazakhstani Tenge (KZT)", "UTC+05:00"):
        assert expected in keyfacts
    assert "less than 1 %" in page
    assert 'title="Source 1: Geography › Climate"' in page  # the citation's locator
    assert "**Observer** of OAS" in page and "**Member** of CIS" in page
    assert "**16 December** — Independence Day (1991)" in page
    assert "Gamma in United States" in page and "Ambassador Magzhan Ilyassov" in page
    assert "Senate election</strong>" not in page
    assert 'Senate election <span class="bb-badge">scheduled</span>' in page

    # A charted series shows its latest value in the table; the chart holds the others.
    economy = page[page.index("## Economy"):]
    table = economy[:economy.index("<figure")]
    assert "| 4.8 % | 2024 |" in table and "| 5.1 % |" not in table
    assert 'id="chart-country-gamma-economy-growth"' in economy


def test_the_export_keeps_locators_and_the_new_fields(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch, PROFILE)
    pages, _ = render(_settings(briefs))
    exported = next(b["brief"] for b in json.loads(pages["data/briefs.json"])["briefs"]
                    if b["id"] == "country/gamma")
    assert exported["facts"][0]["sources"] == [{"id": "src-a", "at": "Geography › Climate"}]
    assert exported["head_of_government"]["since"] == "2024-02-01"
    assert exported["head_of_government"]["since_precision"] == "month"
    assert exported["head_of_state"]["person"] == "person/pat"
    assert exported["figures"][5]["status"] == "reported"


@pytest.mark.parametrize(("change", "expected"), [
    (("iso2: XC\niso3: XCC\n", ""),
     "briefs/country/gamma.yml:1:7: error: missing required key 'iso2': a state has ISO 3166 "
     "codes (set 'entity' to territory, organisation, disputed or other for one without)"),
    (("status: scheduled, ", ""),
     "briefs/country/gamma.yml:49:12: error: 2027-01-15 is in the future (today is 2026-11-22): "
     "an event still to come needs 'status: scheduled'"),
    (('time_zones: ["UTC+05:00"]', 'time_zones: ["GMT+5"]'),
     "briefs/country/gamma.yml:12:14: error: 'GMT+5' is not a time zone: write UTC, UTC+05:00 "
     "or UTC-03:30"),
    (('date: "12-16"', 'date: "16-12"'),
     "briefs/country/gamma.yml:30:36: error: '16-12' is not a day of the year: write MM-DD, "
     "e.g. 12-16"),
    (("topic: geography", "topic: weather"),
     "briefs/country/gamma.yml:32:12: error: 'weather' is not a topic: use one of government, "
     "economy, energy, transport, people, geography, environment, communications, military, "
     "space, transnational, trade, investment, diplomacy"),
    (("qualifier: less_than,", "qualifier: less_than, approximate: true,"),
     "briefs/country/gamma.yml:47:93: error: 'approximate' contradicts qualifier 'less_than': "
     "keep one"),
    (("since: 2024-02\n", "since: 2024-13\n"),
     "briefs/country/gamma.yml:18:10: error: '2024-13': month 13 does not exist (write "
     "YYYY-MM-DD, YYYY-MM or YYYY)"),
    (("  name: Olzhas Bektenov\n", ""),
     "briefs/country/gamma.yml:16:10: error: give 'person' (the id of a person brief) or "
     "'name'"),
])
def test_profile_mistakes_are_errors_at_their_line(
        change: tuple[str, str], expected: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert change[0] in PROFILE
    assert _errors(tmp_path, monkeypatch, PROFILE.replace(*change)) == [expected]


def test_a_territory_needs_no_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = PROFILE.replace("iso2: XC\niso3: XCC\n", "entity: territory\n")
    briefs = _tree(tmp_path, monkeypatch, text)
    pages, _ = render(_settings(briefs))
    assert "| Entity | territory |" in pages["country/gamma.md"]


def test_a_head_of_state_of_the_wrong_kind_names_the_field_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = PROFILE.replace("head_of_state: person/pat", "head_of_state: country/alpha")
    assert _errors(tmp_path, monkeypatch, text) == [
        "briefs/country/gamma.yml:14:16: error: 'country/alpha' is a country brief; "
        "'head_of_state' expects a person"]


def test_a_scheduled_event_that_has_passed_asks_for_its_outcome(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch, PROFILE)
    settings = _settings(briefs)
    pages, _ = render(Settings(**{**vars(settings), "today": dt.date(2027, 3, 1)}))
    assert ('Senate election <span class="bb-badge">was scheduled; outcome not yet recorded'
            in pages["country/gamma.md"])


def test_names_in_languages_and_other_spellings_reach_the_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = PROFILE.replace("{organisation: CIS,", "{organisation: {en: CIS, ru: СНГ},") + \
        "aliases: {en: [Gamma Land], ru: [Гамма]}\n"
    briefs = _tree(tmp_path, monkeypatch, text)
    with (briefs / "person" / "pat.yml").open("a", encoding="utf-8") as handle:
        handle.write("aliases: {en: [Patt Example, Pat Exampel], ru: [Пэт Экзампл]}\n")
    pages, _ = render(_settings(briefs))
    country, person = pages["country/gamma.md"], pages["person/pat.md"]
    assert "**Member** of CIS" in country
    assert ('<p class="bb-aliases">Also written: <span lang="en">Gamma Land</span>, '
            '<span lang="ru">Гамма</span></p>') in country
    assert ('Also written: <span lang="en">Patt Example</span>, <span lang="en">Pat '
            'Exampel</span>, <span lang="ru">Пэт Экзампл</span></p>') in person
    exported = {b["id"]: b["brief"] for b in json.loads(pages["data/briefs.json"])["briefs"]}
    assert exported["country/gamma"]["memberships"][0]["organisation"] == {"en": "CIS",
                                                                           "ru": "СНГ"}
    assert exported["person/pat"]["aliases"]["ru"] == ["Пэт Экзампл"]
    assert "Also written" not in pages["country/alpha.md"]
