"""A broken template is reported at its file and line, without a traceback, and writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import REPO, TODAY, run_briefbook


def test_template_error_is_positioned_and_stops_the_build(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    person = templates / "brief.md.j2"
    lines = person.read_text("utf-8").splitlines()
    lines.append("{{ brief.title | no_such_filter }}")
    person.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_briefbook("render", "--briefs", str(REPO / "briefs"), "--templates",
                           str(templates), "--out", str(tmp_path / "out"), "--today", TODAY,
                           cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"templates/brief.md.j2:{len(lines)}:1: error: template error" in result.stderr
    assert "no_such_filter" in result.stderr
    assert not (tmp_path / "out").exists()


def test_undefined_value_in_template_is_an_error(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    (templates / "tags.md.j2").write_text("# Tags\n\n{{ no_such_variable }}\n", "utf-8")
    result = run_briefbook("render", "--briefs", str(REPO / "briefs"), "--templates",
                           str(templates), "--out", str(tmp_path / "out"), "--today", TODAY,
                           cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "templates/tags.md.j2:3:1: error: template error" in result.stderr
    assert "Traceback" not in result.stderr


def test_error_late_in_the_build_leaves_the_previous_output_alone(tmp_path: Path) -> None:
    """Pages are written to a staging folder as they are rendered: an error in a page
    rendered after hundreds of others must still leave the old output exactly as it was."""
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    out = tmp_path / "out"
    args = ("render", "--briefs", str(REPO / "briefs"), "--templates", str(templates),
            "--out", str(out), "--today", TODAY)
    assert run_briefbook(*args, cwd=tmp_path).returncode == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    # Every brief page changes (so the new tree is being staged), and changes.md, rendered
    # last of the listings, fails.
    with (templates / "brief.md.j2").open("a", encoding="utf-8") as stream:
        stream.write("\nA line every brief page gains.\n")
    (templates / "changes.md.j2").write_text("# Changes\n\n{{ no_such_variable }}\n", "utf-8")
    result = run_briefbook(*args, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "templates/changes.md.j2:3:1: error: template error" in result.stderr
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not (tmp_path / ".out.new").exists() and not (tmp_path / ".out.old").exists()
