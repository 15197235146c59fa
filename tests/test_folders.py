"""Finding brief files: what a live preview keeps of each folder between runs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import briefbook.incremental.signatures
import briefbook.load.folders
from briefbook.errors import Diagnostics
from briefbook.incremental.folders import KeptFolders, update_discover
from briefbook.load.folders import discover

from .conftest import racy_window


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("kind: country\n")


def _listed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders os.scandir lists from now on."""
    listed: list[str] = []
    real = os.scandir

    def counting(path: str) -> object:
        listed.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(briefbook.load.folders.os, "scandir", counting)
    return listed


def _ids(root: Path, kept: KeptFolders | None, diagnostics: Diagnostics | None = None
         ) -> list[str]:
    found = Diagnostics() if diagnostics is None else diagnostics
    files, _ = discover(root, found) if kept is None else update_discover(kept, root, found)
    return [ident for _, ident in files]


def test_a_preview_lists_again_only_the_folders_whose_files_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    racy_window(monkeypatch, 0)
    root = tmp_path / "briefs"
    _tree(root, ["a.yml", "b/x.yml", "b/y.yml", "c/z.yml", "_sources.yml"])
    kept = KeptFolders()
    assert _ids(root, kept) == ["a", "b/x", "b/y", "c/z"]
    listed = _listed(monkeypatch)

    (root / "b" / "x.yml").write_text("kind: person\n")  # edited in place: same files
    assert _ids(root, kept) == ["a", "b/x", "b/y", "c/z"]
    assert listed == []

    _tree(root, ["b/w.yml"])
    (root / "c" / "z.yml").rename(root / "c" / "v.yml")
    assert _ids(root, kept) == ["a", "b/w", "b/x", "b/y", "c/v"]
    assert sorted(listed) == ["b", "c"]

    listed.clear()
    _tree(root, ["d/e/f.yml"])  # a new folder changes its parent, the top folder
    (root / "b" / "y.yml").unlink()
    assert _ids(root, kept) == ["a", "b/w", "b/x", "c/v", "d/e/f"]
    assert sorted(listed) == ["b", "briefs", "d", "e"]
    assert update_discover(kept, root, Diagnostics())[1] == root / "_sources.yml"
    assert _ids(root, kept) == _ids(root, None)  # the same as a walk from scratch


def test_a_folder_changed_within_a_clock_tick_is_listed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file added in the same tick as the listing may leave the folder's signature as
    it was: the folder is trusted only once the tick is over."""
    root = tmp_path / "briefs"
    _tree(root, ["a.yml"])
    kept = KeptFolders()
    racy_window(monkeypatch, 600 * 10**9)
    assert _ids(root, kept) == ["a"]
    listed = _listed(monkeypatch)
    assert _ids(root, kept) == ["a"]
    assert listed == ["briefs"]
    later = time.time_ns() + 601 * 10**9
    monkeypatch.setattr(briefbook.incremental.signatures.time, "time_ns", lambda: later)
    assert _ids(root, kept) == ["a"]  # listed once more, settled: kept from here on
    assert _ids(root, kept) == ["a"]
    assert listed == ["briefs", "briefs"]


def test_a_folder_with_a_problem_is_listed_and_reported_on_every_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    racy_window(monkeypatch, 0)
    root = tmp_path / "briefs"
    _tree(root, ["good/a.yml", "bad/Upper.yml", "bad/b.yml", "bad/b.yaml"])
    kept = KeptFolders()
    first = Diagnostics()
    assert _ids(root, kept, first) == ["bad/b", "good/a"]
    listed = _listed(monkeypatch)
    second = Diagnostics()
    assert _ids(root, kept, second) == ["bad/b", "good/a"]
    assert listed == ["bad"]
    messages = [d.message for d in second]
    assert messages == [d.message for d in first]
    assert any("duplicate brief id 'bad/b'" in m for m in messages)
    assert any("invalid brief id 'bad/Upper'" in m for m in messages)
