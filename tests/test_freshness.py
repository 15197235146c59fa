"""Freshness: overdue computation and the ``briefbook stale`` command."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from briefbook.authoring.stale import is_overdue, overdue, review_due
from briefbook.models import KINDS

from .conftest import run_briefbook

CORPUS = Path(__file__).parent / "golden" / "briefs"


def country(reviewed: str, every: int | None = None) -> object:
    data = {"kind": "country", "title": "X", "summary": "s", "marking": "TLP:CLEAR",
            "reviewed": reviewed, "iso2": "XX", "iso3": "XXX", "owner": "Desk"}
    if every:
        data["review_every"] = every
    return KINDS["country"].model_validate(data)


def test_due_date_uses_own_interval_or_kind_default() -> None:
    assert review_due(country("2026-01-01")) == dt.date(2027, 1, 1)  # 365 days for countries
    assert review_due(country("2026-01-01", every=30)) == dt.date(2026, 1, 31)


def test_due_today_is_not_yet_overdue() -> None:
    brief = country("2026-01-01", every=30)
    assert not is_overdue(brief, dt.date(2026, 1, 31))
    assert is_overdue(brief, dt.date(2026, 2, 1))


def test_overdue_sorted_most_overdue_first() -> None:
    briefs = {"b": country("2026-01-01", 30), "a": country("2025-01-01", 30),
              "c": country("2026-11-01")}
    found = overdue(briefs, dt.date(2026, 11, 22))  # type: ignore[arg-type]
    assert [s.id for s in found] == ["a", "b"]
    assert found[1].due == dt.date(2026, 1, 31) and found[1].days_overdue == 295


def test_stale_command_lists_owner_reviewed_and_due(tmp_path: Path) -> None:
    result = run_briefbook("stale", "--briefs", str(CORPUS), "--today", "2026-11-22",
                           cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["BRIEF", "OWNER", "REVIEWED", "DUE", "OVERDUE"]
    assert lines[1].split() == ["country/beta", "Desk", "B", "2024-01-10", "2025-01-09", "682",
                                "d"]
    assert len(lines) == 2  # the AMBER brief is current; everything else too
    assert "1 brief(s) overdue" in result.stderr


def test_stale_fail_exits_1_only_when_something_is_overdue(tmp_path: Path) -> None:
    failing = run_briefbook("stale", "--fail", "--briefs", str(CORPUS), "--today", "2026-11-22",
                            cwd=tmp_path)
    assert failing.returncode == 1 and "country/beta" in failing.stdout


def test_stale_on_fresh_briefs_exits_0_with_fail(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(CORPUS, briefs)
    (briefs / "country" / "beta.yml").write_text(
        (briefs / "country" / "beta.yml").read_text("utf-8").replace("2024-01-10", "2026-11-01"),
        "utf-8")
    result = run_briefbook("stale", "--fail", "--briefs", str(briefs), "--today", "2026-11-22",
                           cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_stale_reports_bad_briefs_as_content_errors(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(CORPUS, briefs)
    (briefs / "country" / "beta.yml").write_text("kind: country\ntitle: Beta\n", "utf-8")
    result = run_briefbook("stale", "--briefs", str(briefs), cwd=tmp_path)
    assert result.returncode == 1
    assert "beta.yml:" in result.stderr and "Traceback" not in result.stderr
