"""Dates at the calendar's edges (0001-01-01 and 9999-12-31): nothing raises.

A review due date past 9999-12-31 is held there (never overdue); periods, milestones
and meetings in year 1 or 9999 render; a year 0 is a positioned error.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from briefbook.authoring.stale import is_overdue, review_due, stale_briefs
from briefbook.models import KINDS
from briefbook.pipeline import Settings, check, render

from .conftest import REPO, run_briefbook

BASE = Path(__file__).parent / "bad_briefs" / "_base"
LAST = dt.date(9999, 12, 31)
FIRST = dt.date(1, 1, 1)


def _tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(BASE, tmp_path / "briefs")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "briefs"


def _settings(briefs: Path, today: dt.date) -> Settings:
    return Settings(briefs_dir=briefs, templates_dir=REPO / "templates", today=today,
                    audience="internal", jobs=1)


def _gamma(reviewed: str = "2026-01-01", period: str = "2024", milestone: str = "2020-01-01",
           precision: str = "day") -> str:
    return (f"kind: country\ntitle: Gamma\nsummary: A country.\nmarking: TLP:CLEAR\n"
            f"reviewed: {reviewed}\niso2: XC\niso3: XCC\nfigures:\n"
            f"  - label: Trade\n    value: 12\n    unit: USD\n    period: '{period}'\n"
            f"    sources: [src-a]\n"
            f"  - label: Trade\n    value: 20\n    unit: USD\n    status: target\n"
            f"    period: '{period}'\n    sources: [src-a]\n"
            f"milestones:\n  - date: {milestone}\n    precision: {precision}\n"
            f"    title: Edge\n    sources: [src-b]\n"
            # An event after today has not happened: it is scheduled.
            + ("    status: scheduled\n" if milestone > "2026-11-22" else ""))


def test_review_due_past_the_last_day_is_held_there() -> None:
    brief = KINDS["country"].model_validate(
        {"kind": "country", "title": "X", "summary": "s", "marking": "TLP:CLEAR",
         "reviewed": "9999-12-31", "iso2": "XX", "iso3": "XXX", "review_every": 3650},
        context={"today": LAST})
    assert review_due(brief) == LAST
    assert not is_overdue(brief, LAST)


def test_add_days_holds_at_both_ends() -> None:
    from briefbook.models.types import add_days

    assert add_days(dt.date(9999, 12, 1), 365) == LAST
    assert add_days(dt.date(1, 1, 31), -365) == FIRST
    assert add_days(dt.date(2024, 2, 28), 1) == dt.date(2024, 2, 29)


def test_render_and_stale_reviewed_on_the_last_day(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``reviewed: 9999-12-31`` (possible with ``--today 9999-12-31``): the pages, the
    export and ``stale`` show the review due that day, not an OverflowError."""
    briefs = _tree(tmp_path, monkeypatch)
    (briefs / "country/gamma.yml").write_text(_gamma(reviewed="9999-12-31"))
    pages, _ = render(_settings(briefs, LAST))
    assert "next review due 31 Dec 9999" in pages["country/gamma.md"]
    assert "Review overdue" not in pages["country/gamma.md"]
    exported = {b["id"]: b for b in json.loads(pages["data/briefs.json"])["briefs"]}
    assert exported["country/gamma"]["review_due"] == "9999-12-31"
    rows, _ = stale_briefs(briefs, LAST)
    assert "country/gamma" not in {row.id for row in rows}
    assert {row.id for row in rows} == {"country/alpha", "country/beta", "person/pat"}


@pytest.mark.parametrize("command", [["validate"], ["stale"], ["render", "--out", "generated"]])
def test_commands_on_the_last_day(command: list[str], tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    (briefs / "country/gamma.yml").write_text(_gamma(reviewed="9999-12-31"))
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    result = run_briefbook(command[0], "--today", "9999-12-31", *command[1:], cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("period", ["0001", "0001-H1", "0001-Q1", "0001-01", "0001-01-01",
                                    "9999", "9999-H2", "9999-Q4", "9999-12", "9999-12-31",
                                    "0001-01..9999-12-31"])
def test_periods_at_the_edges_render(period: str, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    (briefs / "country/gamma.yml").write_text(_gamma(period=period))
    pages, diagnostics = render(_settings(briefs, dt.date(2026, 11, 22)))
    assert not diagnostics.has_errors
    assert "USD 12" in pages["country/gamma.md"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_milestones_at_the_edges_render(day: str, precision: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    (briefs / "country/gamma.yml").write_text(_gamma(milestone=day, precision=precision))
    pages, _ = render(_settings(briefs, dt.date(2026, 11, 22)))
    assert "Edge" in pages["country/gamma.md"] and "Edge" in pages["timeline.md"]


def test_year_zero_is_a_positioned_error(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    (briefs / "country/gamma.yml").write_text(_gamma(period="0000-Q1"))
    found = [d.format() for d in check(_settings(briefs, dt.date(2026, 11, 22))).diagnostics]
    assert found == [
        "briefs/country/gamma.yml:12:13: error: '0000-Q1' is not a period: years start at 0001",
        "briefs/country/gamma.yml:18:13: error: '0000-Q1' is not a period: years start at 0001"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_meetings_at_the_edges_render(day: str, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    (briefs / "meeting").mkdir()
    for name, date in (("m", day), ("n", "2025-04-22")):
        (briefs / f"meeting/{name}.yml").write_text(
            f"kind: meeting\ntitle: Meeting {name}\nsummary: They met.\nmarking: TLP:CLEAR\n"
            f"reviewed: 2026-01-01\ndate: {date}\nplace:\n  name: Turkistan\n"
            "  sources: [src-a]\nparticipants: [person/pat]\nsources: [src-a]\n")
    pages, _ = render(_settings(briefs, dt.date(2026, 11, 22)))
    assert "Meeting m" in pages["timeline.md"] and "Meeting m" in pages["meeting/n.md"]
