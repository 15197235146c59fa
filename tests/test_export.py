"""The JSON export: published briefs only, withheld refs masked, deterministic."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from briefbook.pipeline import Settings, check
from briefbook.render.export import export_json

CORPUS = Path(__file__).parent / "golden" / "briefs"


def exported(audience: str = "public", today: str = "2026-11-22") -> str:
    result = check(Settings(briefs_dir=CORPUS, audience=audience,
                            today=dt.date.fromisoformat(today)))
    assert result.site is not None
    return export_json(result.site)


def test_briefs_sorted_with_sources_and_resolved_links() -> None:
    data = json.loads(exported())
    ids = [b["id"] for b in data["briefs"]]
    assert ids == sorted(ids) and len(ids) == 11
    relation = next(b for b in data["briefs"] if b["id"] == "relation/alpha-beta")
    assert relation["path"] == "relation/alpha-beta/"
    assert relation["sources"][0] == "yearbook-2022"
    assert relation["backlinks"] == ["meeting/2025-04-22-summit"]
    assert relation["brief"]["figures"][1]["value"] == 563
    assert relation["brief"]["figures"][4]["alternatives"][0]["value"] == 22.5
    assert set(data["sources"]) == {s for b in data["briefs"] for s in b["sources"]}


def test_withheld_refs_and_sources_are_masked() -> None:
    text = exported()
    assert "secret" not in text.lower() and "SHOULD NOT APPEAR" not in text
    relation = next(b for b in json.loads(text)["briefs"] if b["id"] == "relation/alpha-beta")
    assert relation["brief"]["related"] == ["meeting/2025-04-22-summit", "withheld"]
    assert "secret-talks" in exported("internal")


def test_deterministic_and_independent_of_build_day() -> None:
    assert exported(today="2026-11-22") == exported(today="2027-01-15")
    text = exported()
    assert "<" not in text and "&" not in text  # escaped as \u003c, \u0026
    assert "Statistics Office <Alpha>" in json.loads(text)["sources"]["yearbook-2022"]["publisher"]
    assert list(json.loads(text)) == sorted(json.loads(text))
