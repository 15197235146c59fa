"""Golden tests: a fixed corpus of every kind rendered with a fixed date, compared byte for byte.

Regenerate after an intended change with ``UPDATE_GOLDENS=1 pytest tests/test_golden.py``
and review the diff of tests/golden/expected/ before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from briefbook.models import KINDS
from briefbook.pipeline import Settings, render

GOLDEN = Path(__file__).parent / "golden"
EXPECTED = GOLDEN / "expected"
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
TODAY = dt.date(2026, 11, 22)


def _rendered() -> dict[str, str]:
    pages, _ = render(Settings(briefs_dir=GOLDEN / "briefs", templates_dir=TEMPLATES,
                               audience="public", today=TODAY, languages=("en", "ru")))
    return pages


PAGES = _rendered()


def _expected_files() -> set[str]:
    return {p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*") if p.is_file()}


def test_update_goldens_when_asked() -> None:
    if os.environ.get("UPDATE_GOLDENS") != "1":
        pytest.skip("set UPDATE_GOLDENS=1 to rewrite tests/golden/expected/")
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for path, text in PAGES.items():
        target = EXPECTED / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


def test_the_corpus_covers_every_kind() -> None:
    assert {path.split("/")[0] for path in PAGES if path.count("/") == 1} >= set(KINDS)
    for kind in KINDS:
        assert any(p.startswith(f"{kind}/") and not p.endswith("index.md") for p in PAGES), kind


def test_every_kind_has_a_golden_russian_page() -> None:
    for kind in KINDS:
        assert any(p.startswith(f"ru/{kind}/") and not p.endswith("index.md") for p in PAGES), kind
    assert "ru/index.md" in PAGES and "ru/writing-briefs.md" in PAGES


def test_the_same_files_are_generated() -> None:
    assert set(PAGES) == _expected_files()


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden(path: str) -> None:
    expected = (EXPECTED / path).read_bytes().decode("utf-8")
    assert PAGES[path] == expected, f"{path} differs; if intended, run UPDATE_GOLDENS=1"
