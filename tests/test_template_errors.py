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
