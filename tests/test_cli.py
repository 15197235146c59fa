"""The command line: exit codes, output formats, ``new`` and ``schema``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from briefbook.cli import main
from briefbook.models import KINDS

REPO = Path(__file__).resolve().parents[1]
BASE = Path(__file__).parent / "bad_briefs" / "_base"
TODAY = "2026-11-22"


def run(args: list[str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """Run ``briefbook ARGS`` in-process, as the console script does."""
    monkeypatch.setattr(sys, "argv", ["briefbook", *args])
    try:
        main()
        code: int = 0
    except SystemExit as exited:
        code = exited.code if isinstance(exited.code, int) else 0 if exited.code is None else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(BASE, tmp_path / "briefs")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "briefs"


def _break(tree: Path, count: int) -> None:
    """Give ``count`` briefs a bad marking (one error each)."""
    text = (tree / "country/alpha.yml").read_text()
    for i in range(count):
        body = text.replace("TLP:CLEAR", "TLP:WHITE").replace("person/pat", "person/none")
        body = body.replace("head_of_state: person/none\n", "")
        (tree / f"country/broken-{i:02d}.yml").write_text(body)


def test_validate_clean_tree_exits_0(tree: Path, capsys, monkeypatch) -> None:
    code, out, err = run(["validate", "--today", TODAY], capsys, monkeypatch)
    assert (code, out) == (0, "")
    assert err == "briefbook: 3 brief(s) valid\n"


def test_validate_leaves_nothing_behind_where_nothing_is_generated(
    tree: Path, capsys, monkeypatch
) -> None:
    """Checking briefs from any folder writes no cache there (no generated folder beside it)."""
    before = sorted(p.name for p in tree.parent.iterdir())
    code, _, _ = run(["validate", "--today", TODAY], capsys, monkeypatch)
    assert code == 0
    assert sorted(p.name for p in tree.parent.iterdir()) == before


def test_validate_errors_exit_1_with_compiler_lines(tree: Path, capsys, monkeypatch) -> None:
    _break(tree, 2)
    code, out, err = run(["validate", "--today", TODAY], capsys, monkeypatch)
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith("briefs/country/broken-00.yml:4:10: error: 'TLP:WHITE' is not")
    assert lines[1].startswith("briefs/country/broken-01.yml:4:10: error: 'TLP:WHITE' is not")
    assert lines[-1] == "briefbook: 2 error(s)"


def test_warnings_alone_exit_0(tree: Path, capsys, monkeypatch) -> None:
    with (tree / "_sources.yml").open("a") as handle:
        handle.write("src-unused:\n  title: Unused\n  publisher: Nobody\n")
    code, _, err = run(["validate", "--today", TODAY], capsys, monkeypatch)
    assert code == 0
    assert "briefs/_sources.yml:10:1: warning: source 'src-unused' is not cited" in err


def test_usage_error_exits_2(tree: Path, capsys, monkeypatch) -> None:
    code, _, err = run(["validate", "--format", "xml"], capsys, monkeypatch)
    assert code == 2
    assert "xml" in err


def test_github_format_annotates_first_ten_then_lists_all(tree: Path, capsys,
                                                          monkeypatch) -> None:
    _break(tree, 12)
    code, out, _ = run(["validate", "--today", TODAY, "--format", "github"], capsys, monkeypatch)
    assert code == 1
    lines = out.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    plain = [line for line in lines if not line.startswith("::")]
    assert len(annotations) == 10 and len(plain) == 12
    assert annotations[0].startswith(
        "::error file=briefs/country/broken-00.yml,line=4,col=10::'TLP:WHITE' is not allowed")
    assert lines[:10] == annotations


def test_json_format(tree: Path, capsys, monkeypatch) -> None:
    _break(tree, 1)
    code, out, _ = run(["validate", "--today", TODAY, "--format", "json"], capsys, monkeypatch)
    assert code == 1
    items = json.loads(out)
    assert len(items) == 1
    assert items[0]["path"] == "briefs/country/broken-00.yml"
    assert (items[0]["line"], items[0]["col"], items[0]["severity"]) == (4, 10, "error")


def test_new_writes_a_skeleton_for_every_kind_that_validates(tree: Path, capsys,
                                                              monkeypatch) -> None:
    for kind in KINDS:
        code, _, err = run(["new", kind, f"new-{kind.replace('_', '-')}"], capsys, monkeypatch)
        assert code == 0, err
    code, _, err = run(["validate"], capsys, monkeypatch)
    assert code == 0, err
    assert f"briefbook: {3 + len(KINDS)} brief(s) valid" in err
    problems = [line for line in err.splitlines() if ": warning: " in line or ": error: " in line]
    assert problems and all("placeholder text left in" in line for line in problems)


def test_new_modeline_points_at_the_kind_schema(tree: Path, capsys, monkeypatch) -> None:
    run(["new", "meeting", "meeting/2026-01-01-talks"], capsys, monkeypatch)
    path = tree / "meeting/2026-01-01-talks.yml"
    first = path.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/meeting.json"
    assert (path.parent / first.split("=", 1)[1]).resolve() == tree.parent / "schema/meeting.json"


def test_new_refuses_to_overwrite(tree: Path, capsys, monkeypatch) -> None:
    before = (tree / "country/alpha.yml").read_text()
    code, _, err = run(["new", "country", "country/alpha"], capsys, monkeypatch)
    assert code == 2
    assert "already exists" in err
    assert (tree / "country/alpha.yml").read_text() == before


def test_new_refuses_a_yaml_twin(tree: Path, capsys, monkeypatch) -> None:
    (tree / "person/sam.yaml").write_text("kind: person\n")
    code, _, err = run(["new", "person", "sam"], capsys, monkeypatch)
    assert code == 2 and "person/sam.yaml already exists" in err
    assert not (tree / "person/sam.yml").exists()


@pytest.mark.parametrize("args, message", [
    (["new", "contry", "x"], "unknown kind 'contry'"),
    (["new", "country", "Country/X"], "invalid brief id 'Country/X'"),
    (["new", "country", "country/../../etc"], "invalid brief id"),
    (["new", "meeting", "m"], "needs 1 person brief(s)"),
])
def test_new_usage_errors(tree: Path, capsys, monkeypatch, args: list[str], message: str) -> None:
    shutil.rmtree(tree / "person")
    code, _, err = run(args, capsys, monkeypatch)
    assert code == 2
    assert message in err


def test_new_needs_a_source_for_a_meeting(tree: Path, capsys, monkeypatch) -> None:
    (tree / "_sources.yml").unlink()
    code, _, err = run(["new", "meeting", "m"], capsys, monkeypatch)
    assert code == 2 and "must cite a source" in err


def test_schema_check(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["schema", "--check", "--out", "out"], capsys, monkeypatch)[0] == 1
    assert run(["schema", "--out", "out"], capsys, monkeypatch)[0] == 0
    assert run(["schema", "--check", "--out", "out"], capsys, monkeypatch)[0] == 0
    assert {p.name for p in (tmp_path / "out").iterdir()} == (
        {f"{k}.json" for k in KINDS} | {"sources.json"})


def test_real_briefs_validate_without_errors(capsys, monkeypatch) -> None:
    """The one test that reads the demo content: it must have no errors."""
    monkeypatch.chdir(REPO)
    code, _, err = run(["validate"], capsys, monkeypatch)
    assert code == 0, err
