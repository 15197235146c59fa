"""Two runs over the same input give byte-identical output trees."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from briefbook.pipeline import Settings, generate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synth_corpus import write_corpus  # noqa: E402


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _generated(briefs: Path, out: Path) -> dict[str, bytes]:
    settings = Settings(briefs_dir=briefs, templates_dir=ROOT / "templates", out_dir=out,
                        today=dt.date(2026, 11, 22))
    generate(settings)
    return _tree(out)


@pytest.mark.parametrize("corpus", ["demo", "synthetic"])
def test_two_renders_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: str
) -> None:
    monkeypatch.setenv("BRIEFBOOK_CACHE", "0")  # both runs do all the work
    briefs = ROOT / "briefs"
    if corpus == "synthetic":
        briefs = tmp_path / "briefs"
        write_corpus(briefs, 80)
    trees = []
    for run in ("one", "two"):
        out = tmp_path / run / "generated"
        trees.append(_generated(briefs, out))
    assert trees[0].keys() == trees[1].keys()
    assert len(trees[0]) > 10
    for path in trees[0]:
        assert trees[0][path] == trees[1][path], path


def test_cached_run_matches_uncached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = tmp_path / "briefs"
    write_corpus(briefs, 80)
    trees = []
    for run, cache in (("cold", "0"), ("warm", "1"), ("warm", "1")):
        monkeypatch.setenv("BRIEFBOOK_CACHE", cache)
        out = tmp_path / run / "generated"
        trees.append(_generated(briefs, out))
    assert trees[0] == trees[1] == trees[2]
