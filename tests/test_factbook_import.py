"""``briefbook import factbook``: the twelve shared Factbook files become briefs that
validate and build; one country's YAML is golden; nothing hand-written is overwritten; no
input makes the importer raise.

Regenerate the golden file after an intended change with
``UPDATE_GOLDENS=1 pytest tests/test_factbook_import.py`` and review its diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefbook.authoring.factbook import EDITION, import_factbook
from briefbook.authoring.factbook.figures import read_parts
from briefbook.authoring.factbook.government import _membership
from briefbook.authoring.factbook.identity import iso_codes
from briefbook.authoring.factbook.output import unchanged_import
from briefbook.authoring.factbook.people import parse_holder, same_person
from briefbook.authoring.factbook.periods import take_period
from briefbook.authoring.factbook.places import coordinates, utc_offset
from briefbook.authoring.factbook.quantity import parse
from briefbook.authoring.factbook.text import markdown, name_case, plain
from briefbook.errors import Diagnostics
from briefbook.load.files import load_tree
from briefbook.validate.tree import validate_tree

from .conftest import REPO, TODAY, copy_project, run_briefbook

SHARED = Path(os.environ.get("FACTBOOK_DATA", REPO.parent / "shared" / "data" / "factbook"))
GOLDEN = Path(__file__).parent / "golden" / "factbook" / "turkmenistan.yml"
TWELVE = ["aj", "af", "ch", "in", "ir", "kg", "kz", "rs", "ti", "tu", "tx", "uz"]
needs_data = pytest.mark.skipif(not SHARED.is_dir(), reason=f"no Factbook data in {SHARED}")


# --- the value readers ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("$563 million (2023 est.)", (563, None, "USD", "million", None, 2023, "estimate")),
    ("-$9.448 billion (2023 est.)", (-9.448, None, "USD", "billion", None, 2023, "estimate")),
    ("less than 1%", (1, None, "%", None, "less_than", None, None)),
    ("about 3,500 (2020)", (3500, None, None, None, "about", 2020, "actual")),
    ("10-20%", (10, 20, "%", None, None, None, None)),
    ("2,724,900 sq km", (2724900, None, "km2", None, None, None, None)),
    ("1.955 million bbl/day (2023 est.)", (1.955, None, "bbl/day", "million", None, 2023,
                                           "estimate")),
    ("27.624 million kW (2023 est.)", (27.624, None, "kW", "million", None, 2023, "estimate")),
    ("106.201 billion kWh (2023 est.)", (106.201, None, "kWh", "billion", None, 2023,
                                         "estimate")),
    ("269.83 million metric tonnes of CO2 (2023 est.)", (269.83, None, "t CO2", "million",
                                                         None, 2023, "estimate")),
    ("38.4 micrograms per cubic meter (2019 est.)", (38.4, None, "ug/m3", None, None, 2019,
                                                     "estimate")),
    ("8.1 deaths/1,000 population (2025 est.)", (8.1, None, "per 1000 population", None, None,
                                                 2025, "estimate")),
    ("32.1 years (2025 est.)", (32.1, None, "years", None, None, 2025, "estimate")),
    ("12 nm", (12, None, "nmi", None, None, None, None)),
    ("172.936 million Btu/person (2023 est.)", (172.936, None, "Btu/person", "million", None,
                                                2023, "estimate")),
    ("3.73 liters of pure alcohol (2019 est.)", (3.73, None, "l/person", None, None, 2019,
                                                 "estimate")),
    ("1.19% annual rate of change (2020-25 est.)", (1.19, None, "%", None, None, "2020..2025",
                                                    "estimate")),
    ("1,903.1 kt (2022-2024 est.)", (1903.1, None, "kt", None, None, "2022..2024", "estimate")),
])
def test_quantities(text: str, expected: tuple[object, ...]) -> None:
    q = parse(text)
    assert q is not None
    period = q.dated.period if q.dated else None
    status = q.dated.status if q.dated else None
    assert (q.value, q.value_max, q.unit, q.scale, q.qualifier, period, status) == expected


@pytest.mark.parametrize(("text", "period"), [
    ("(FY2015/16)", "2015/16"), ("(FY2024)", "FY2024"), ("(July 2020 est.)", "2020-07"),
    ("(1 January 2018 est.)", "2018-01-01"), ("(2019/21)", "2019..2021"),
])
def test_periods(text: str, period: str) -> None:
    dated, rest = take_period(text)
    assert dated is not None and dated.period == period and rest == ""


def test_a_year_alone_is_not_a_quantity() -> None:
    assert parse("previous 1937, 1978; latest 1995") is None


def test_lists_become_named_parts() -> None:
    parts, dated = read_parts("Kazakh 71%, Russian 14.9%, Gambia, The 4%, other <1% (2023 est.)")
    assert [(name, q.value, q.qualifier) for name, q, _ in parts] == [
        ("Kazakh", 71, None), ("Russian", 14.9, None), ("Gambia, The", 4, None),
        ("other", 1, "less_than")]
    assert dated is not None and dated.period == 2023


def test_names_officeholders_and_people() -> None:
    assert name_case("Kasym-Zhomart TOKAYEV") == "Kasym-Zhomart Tokayev"
    assert name_case("XI Jinping") == "Xi Jinping"
    assert name_case("King CHARLES III") == "King Charles III"
    holder, more = parse_holder("President Kasym-Zhomart TOKAYEV (since 20 March 2019)")
    assert holder is not None and not more
    assert (holder.title, holder.name, holder.since and holder.since.value()) == (
        "President", "Kasym-Zhomart Tokayev", dt.date(2019, 3, 20))
    holder, more = parse_holder(
        "Ambassador (vacant); Charg&eacute; d'Affaires Deborah ROBINSON (since January 2025)")
    assert holder is not None and more
    assert (holder.title, holder.name, holder.since and holder.since.value()) == (
        "Chargé d'Affaires", "Deborah Robinson", "2025-01")
    assert same_person("Kassym-Jomart Tokayev", "Kasym-Zhomart Tokayev")
    assert not same_person("Serdar Berdimuhamedov", "Gurbanguly Berdimuhamedov")


def test_places_memberships_and_codes() -> None:
    assert coordinates("51 10 N, 71 25 E") == (51.1667, 71.4167)
    assert coordinates("33 27 S, 70 40 W") == (-33.45, -70.6667)
    assert utc_offset("UTC+5 (10 hours ahead of Washington, DC)") == "UTC+05:00"
    assert utc_offset("UTC+5.5") == "UTC+05:30"
    assert utc_offset("UTC 0") == "UTC"
    assert _membership("NAM (observer)") == {"organisation": "NAM", "status": "observer"}
    assert _membership("ICC (NGOs)") == {"organisation": "ICC", "note": "NGOs"}
    assert iso_codes("Kazakhstan") == ("KZ", "KAZ")
    assert iso_codes("Burma") == ("MM", "MMR")
    assert iso_codes("Gaza, Gaza Strip") is None


def test_html_becomes_text_and_markdown() -> None:
    fragment = "<p>a <strong>bold</strong> &amp; <em>b</em> &lt;x&gt;</p><p>[c](d)</p>"
    assert plain(fragment) == "a bold & b <x>\n\n[c](d)"
    assert markdown(fragment) == "a **bold** & *b* \\<x\\>\n\n\\[c\\](d)"


# --- whole imports ----------------------------------------------------------------------

def _project(tmp_path: Path) -> Path:
    """A project with the repository's configuration and templates and no briefs yet."""
    empty = tmp_path / "empty"
    empty.mkdir()
    return copy_project(tmp_path / "project", briefs=empty)


def _errors(briefs: Path) -> list[str]:
    diagnostics = Diagnostics()
    validate_tree(load_tree(briefs, diagnostics), diagnostics, dt.date.fromisoformat(TODAY))
    return [d.format() for d in diagnostics.errors]


@pytest.fixture(scope="module")
def twelve(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(tmp_path_factory.mktemp("factbook"))
    report = import_factbook([SHARED], root / "briefs")
    assert sorted(r.conversion.entity.code for r in report.files) == sorted(TWELVE)
    assert {r.outcome.status for r in report.files} == {"written"}
    return root


@needs_data
def test_the_twelve_import_and_validate(twelve: Path) -> None:
    assert _errors(twelve / "briefs") == []
    assert len(list((twelve / "briefs" / "country").glob("*.yml"))) == 12


@needs_data
def test_kazakhstan_and_turkmenistan_hold_nine_tenths(tmp_path: Path) -> None:
    report = import_factbook([SHARED], tmp_path / "briefs", only=["kz", "tx"], dry_run=True)
    for result in report.files:
        assert result.coverage.share >= 0.9, result.coverage
        assert result.coverage.as_figures + result.coverage.as_fields >= (
            0.6 * result.coverage.leaves), result.coverage
    assert not (tmp_path / "briefs").exists()


@needs_data
@pytest.mark.slow
def test_the_twelve_build(twelve: Path) -> None:
    result = run_briefbook("build", "--site-dir", str(twelve / "site"), "--today", TODAY,
                           cwd=twelve)
    assert result.returncode == 0, result.stderr
    page = (twelve / "site" / "country" / "kazakhstan" / "index.html").read_text("utf-8")
    assert "Astana" in page and "Tokayev" in page


@needs_data
def test_golden_turkmenistan(tmp_path: Path) -> None:
    import_factbook([SHARED / "central-asia" / "tx.json"], tmp_path / "briefs")
    written = (tmp_path / "briefs" / "country" / "turkmenistan.yml").read_text("utf-8")
    if os.environ.get("UPDATE_GOLDENS") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(written, "utf-8")
    assert written == GOLDEN.read_text("utf-8")


# --- never overwrite ----------------------------------------------------------------------

@needs_data
def test_hand_written_and_edited_briefs_are_never_overwritten(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(REPO / "briefs", briefs)
    hand = (briefs / "country" / "kazakhstan.yml").read_bytes()
    sources = (briefs / "_sources.yml").read_text("utf-8")
    first = import_factbook([SHARED / "central-asia"], briefs, only=["kz", "kg"])
    outcomes = {r.conversion.entity.code: r.outcome for r in first.files}
    assert outcomes["kz"].status == "skipped" and outcomes["kz"].differs > 0
    assert outcomes["kg"].status == "written"
    assert (briefs / "country" / "kazakhstan.yml").read_bytes() == hand
    registry = (briefs / "_sources.yml").read_text("utf-8")
    assert registry.startswith(sources) and registry.count(EDITION.source_id + ":") == 1
    # The person brief that exists under another spelling is used, not written again.
    assert not (briefs / "person" / "kasym-zhomart-tokayev.yml").exists()

    again = import_factbook([SHARED / "central-asia"], briefs, only=["kg"])
    assert again.files[0].outcome.status == "unchanged" and again.source == "present"
    assert (briefs / "_sources.yml").read_text("utf-8") == registry

    kyrgyzstan = briefs / "country" / "kyrgyzstan.yml"
    assert unchanged_import(kyrgyzstan.read_text("utf-8")) is not None
    edited = kyrgyzstan.read_text("utf-8").replace("owner", "owner").replace(
        "kind: country", "kind: country\nowner: Central Asia desk")
    kyrgyzstan.write_text(edited, "utf-8")
    third = import_factbook([SHARED / "central-asia"], briefs, only=["kg"])
    assert third.files[0].outcome.status == "skipped" and third.files[0].outcome.differs == 1
    assert kyrgyzstan.read_text("utf-8") == edited


@needs_data
def test_an_untouched_import_is_regenerated(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    import_factbook([SHARED / "central-asia" / "kg.json"], briefs)
    path = briefs / "country" / "kyrgyzstan.yml"
    text = path.read_text("utf-8")
    body = unchanged_import(text)
    assert body is not None
    stale = body.replace("TLP:CLEAR", "TLP:GREEN")
    from briefbook.authoring.factbook.emit import marked

    path.write_text(marked(stale, "kg.json", EDITION.source_id), "utf-8")
    report = import_factbook([SHARED / "central-asia" / "kg.json"], briefs)
    assert report.files[0].outcome.status == "regenerated"
    assert path.read_text("utf-8") == text


# --- warnings, never a crash ----------------------------------------------------------------

ODD_FILES = {
    "empty.json": b"",
    "notjson.json": b"{not json",
    "list.json": b"[1, 2, 3]",
    "latin1.json": "{\"Geography\": {\"Climate\": {\"text\": \"\xe9t\xe9\"}}}".encode("latin-1"),
    "na.json": json.dumps({"Economy": {"Exports": {"Exports 2024": {"text": "NA"}}},
                           "Government": {"Country name": {
                               "conventional short form": {"text": "Oddland"}}}}).encode(),
    "shapes.json": json.dumps({
        "Government": {"Country name": {"conventional short form": {"text": "Ünïcødé 国"}},
                       "Capital": {"name": ["a", "b"], "geographic coordinates": 5,
                                   "time difference": {"text": "UTC+99"}},
                       "Executive branch": {"chief of state": {"text": "nobody"}},
                       "National holiday": {"text": "Day, 31 February (2000)"}},
        "Economy": {"Exchange rates": {"Currency": {"text": "nothing per US dollar"},
                                       "Exchange rates 2024": {"text": "12 (2024 est.)"}},
                    "Real GDP growth rate": {"Real GDP growth rate 2024": {"text": "-"},
                                             "note": None}},
        "People and Society": {"Ethnic groups": {"text": "<p>a 50%, b</p>"}, "x": True},
    }).encode(),
}


def test_odd_files_give_warnings_not_crashes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in ODD_FILES.items():
        (folder / name).write_bytes(content)
    report = import_factbook([folder], tmp_path / "briefs")
    shown = [notice.format() for notice in report.notices]
    for name in ("empty.json", "notjson.json", "list.json", "latin1.json"):
        assert any(line.startswith(f"{name}: ") for line in shown), name
    assert {r.conversion.entity.code for r in report.files} == {"na", "shapes"}
    assert _errors(tmp_path / "briefs") == []


_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["NA", "$563 million (2023 est.)", "less than 1%", "10-20% (2020-25 est.)",
                     "President Kasym-Zhomart TOKAYEV (since 20 March 2019)", "<p>x</p>",
                     "51 10 N, 71 25 E", "UTC+5.5", "Independence Day, 16 December (1991)",
                     "tenge (KZT) per US dollar -", "NAM (observer), UN", "3/19/2023",
                     "Kazakh 71%, Russian 14.9% (2023 est.)", "(FY2015/16)", "-$-,.%"]))
_KEYS = st.sampled_from(["Government", "Economy", "Geography", "People and Society",
                         "Country name", "conventional short form", "Capital", "name",
                         "Executive branch", "chief of state", "Exchange rates", "Currency",
                         "Exchange rates 2024", "National holiday", "note", "text", "x"])
_JSON = st.recursive(
    st.one_of(_TEXT, st.builds(lambda t: {"text": t}, _TEXT), st.integers(), st.none(),
              st.booleans(), st.floats(allow_nan=True)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_JSON)
def test_any_json_gives_warnings_never_an_exception_and_valid_briefs(data: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in" / "xx.json"
        path.parent.mkdir()
        path.write_text(json.dumps(data), "utf-8")
        report = import_factbook([path], Path(folder) / "briefs")
        for notice in report.notices:
            assert notice.format().startswith("xx.json")
        assert _errors(Path(folder) / "briefs") == []
