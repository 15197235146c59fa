"""The write stage harms nothing it does not own and never shows half a folder: paths read
back from the manifest are checked, the new tree replaces the old in one atomic step,
and what a dead run left beside the output is cleaned at the next start (issue 19)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from .conftest import TODAY, copy_project, run_briefbook

MANIFEST = ".briefbook-manifest.json"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def isolated(scenario: Callable[..., Any], *args: Any) -> Any:
    """Run ``scenario`` in a fresh interpreter (its audit hooks die with it)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(scenario, *args).result(timeout=120)


# --- 1. a tampered manifest -------------------------------------------------------------

@pytest.mark.parametrize("entry", ["../docs/about.md", "absolute"])
def test_a_tampered_manifest_deletes_nothing_outside_the_folder(tmp_path: Path,
                                                                entry: str) -> None:
    project = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("not briefbook's", "utf-8")
    about = project / "docs" / "about.md"
    kept = {about: about.read_bytes(), elsewhere: elsewhere.read_bytes()}
    args = ("render", "--today", TODAY)
    assert run_briefbook(*args, cwd=project).returncode == 0
    out = project / "generated"
    expected = tree(out)
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    victim = about if entry != "absolute" else elsewhere
    name = entry if entry != "absolute" else str(elsewhere)
    manifest["files"][name] = hashlib.sha256(victim.read_bytes()).hexdigest()
    (out / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    done = run_briefbook(*args, cwd=project)
    assert done.returncode == 0, done.stderr
    assert {path: path.read_bytes() for path in kept} == kept
    assert tree(out) == expected  # rebuilt from scratch: the manifest is a true one again
    notes = [line for line in done.stderr.splitlines() if MANIFEST in line]
    assert len(notes) == 1 and "from scratch" in notes[0], done.stderr


@pytest.mark.parametrize("files", [
    {"a.md": "0" * 64, "a.md/b.md": "0" * 64},  # a file and a folder at once
    {"a.md": "not a digest"},
    {"a.md": 1},
    ["a.md"],
    {MANIFEST: "0" * 64},
])
def test_a_manifest_that_cannot_be_true_is_not_trusted(tmp_path: Path, files: object) -> None:
    from briefbook.write.manifest import read_manifest

    out = tmp_path / "generated"
    out.mkdir()
    (out / "a.md").write_text("a", "utf-8")
    (out / MANIFEST).write_text(json.dumps({"files": files}), "utf-8")
    assert read_manifest(out) == {}
