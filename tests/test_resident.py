"""A long-lived process (the live preview) regenerates from what it kept in memory.

After every edit in a sequence, run in one process, the output and the diagnostics
must be exactly what a run from scratch gives: whatever the process reused from
the previous run must never show through.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefbook.errors import ContentError
from briefbook.pipeline import Settings, generate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synth_corpus import write_corpus  # noqa: E402

TODAY = dt.date(2026, 11, 22)
Edit = Callable[[Path], None]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(settings: Settings) -> tuple[str, list[str]]:
    """'ok' or 'stopped', and every diagnostic, as a user would see them."""
    try:
        _, diagnostics = generate(settings)
    except ContentError as error:
        return "stopped", [d.format() for d in error.diagnostics]
    return "ok", [d.format() for d in diagnostics]


def _replace(relative: str, old: str, new: str) -> Edit:
    def edit(briefs: Path) -> None:
        path = briefs / relative
        text = path.read_text("utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), "utf-8")
    return edit


def _check_sequence(briefs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    edits: list[tuple[str, Edit]], audience: str = "public") -> None:
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    out = tmp_path / "live" / "generated"
    live = Settings(briefs_dir=briefs, templates_dir=ROOT / "templates", out_dir=out,
                    today=TODAY, audience=audience, jobs=1, resident=True)
    _run(live)
    for number, (name, edit) in enumerate(edits):
        edit(briefs)
        outcome = _run(live)
        monkeypatch.setenv("BRIEFBOOK_CACHE", "0")
        scratch_out = tmp_path / f"scratch-{number}" / "generated"
        scratch = Settings(briefs_dir=briefs, templates_dir=ROOT / "templates",
                           out_dir=scratch_out, today=TODAY, audience=audience, jobs=1)
        expected = _run(scratch)
        monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
        assert outcome == expected, name
        if expected[0] == "ok":
            assert _tree(out) == _tree(scratch_out), name
        shutil.rmtree(scratch_out.parent, ignore_errors=True)


def _first(briefs: Path, kind: str, position: int = 0) -> str:
    return sorted(briefs.glob(f"{kind}/*.yml"))[position].relative_to(briefs).as_posix()


def test_a_sequence_of_edits_matches_runs_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs = tmp_path / "briefs"
    write_corpus(briefs, 90)
    meeting, person = _first(briefs, "meeting", 1), _first(briefs, "person")
    country, relation = _first(briefs, "country"), _first(briefs, "relation")
    initiative = _first(briefs, "initiative", -1)
    added = briefs / "meeting" / "meeting-added.yml"

    def add_brief(folder: Path) -> None:
        added.write_text((folder / meeting).read_text("utf-8").replace("title: {en: \"",
                                                                        "title: {en: \"New "))

    edits: list[tuple[str, Edit]] = [
        ("nothing", lambda _: None),
        ("summary", _replace(meeting, "summary: >-\n", "summary: >-\n  Edited summary.\n")),
        ("body", _replace(meeting, "body: |\n", "body: |\n  An edited paragraph.\n")),
        ("person title", _replace(person, 'title: {en: "', 'title: {en: "Renamed ')),
        ("country title", _replace(country, 'title: {en: "', 'title: {en: "Renamed ')),
        ("tags", _replace(meeting, "tags: [", "tags: [topic-new, ")),
        ("meeting date", _replace(meeting, "\ndate: 20", "\ndate: 19")),
        ("withheld", _replace(person, "marking: TLP:CLEAR", "marking: TLP:AMBER")),
        ("published again", _replace(person, "marking: TLP:AMBER", "marking: TLP:CLEAR")),
        ("reviewed", _replace(relation, "reviewed: 20", "reviewed: 19")),
        ("registry", _replace("_sources.yml", "publisher: Synthetic News Agency",
                              "publisher: Renamed Agency")),
        ("broken yaml", _replace(meeting, "summary: >-\n", "summary: [\n")),
        ("mended yaml", _replace(meeting, "summary: [\n", "summary: >-\n")),
        ("invalid value", _replace(meeting, "marking: TLP:CLEAR", "marking: TLP:PURPLE")),
        ("valid again", _replace(meeting, "marking: TLP:PURPLE", "marking: TLP:CLEAR")),
        ("tampered output", lambda _: (tmp_path / "live" / "generated" / f"{meeting[:-4]}.md")
         .write_text("edited by hand", "utf-8")),
        ("added", add_brief),
        ("deleted", lambda _: added.unlink()),
        ("unreferenced deleted", lambda folder: (folder / initiative).unlink()),
    ]
    _check_sequence(briefs, tmp_path, monkeypatch, edits)


def test_demo_briefs_for_the_internal_audience(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs", briefs)
    meeting = "meeting/2025-04-22-informal-meeting.yml"
    person = "person/serdar-berdimuhamedov.yml"
    edits: list[tuple[str, Edit]] = [
        ("meeting title", _replace(meeting, "  en: Informal meeting", "  en: Retitled meeting")),
        ("amber", _replace(person, "marking: TLP:CLEAR", "marking: TLP:AMBER")),
        ("red", _replace(person, "marking: TLP:AMBER", "marking: TLP:RED")),
        ("clear", _replace(person, "marking: TLP:RED", "marking: TLP:CLEAR")),
    ]
    _check_sequence(briefs, tmp_path, monkeypatch, edits, audience="internal")
