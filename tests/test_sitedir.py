"""The swap that puts a built site in place (briefbook.engines.sitedir), unit by unit:
no moment without the site, the fallback's two renames, and leftovers of dead runs."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import briefbook.write.swap
from briefbook.engines import sitedir
from briefbook.errors import UsageError
from briefbook.write.exchange import exchange


def _site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, "utf-8")
    return folder


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True, timeout=60)
    return int(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    first, second = _site(tmp_path / "a", "a"), _site(tmp_path / "b", "b")
    assert exchange(first, second)
    assert (first / "index.html").read_text() == "b" and (second / "index.html").read_text() == "a"
    with pytest.raises(OSError):
        exchange(first, tmp_path / "missing")


def test_a_reader_never_finds_the_site_missing(tmp_path: Path) -> None:
    target = _site(tmp_path / "site", "0")
    missing: list[int] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            if not (target / "index.html").exists():
                missing.append(1)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for number in range(1, 200):
            with sitedir.staged(target) as staging:
                _site(staging, str(number))
    finally:
        stop.set()
        reader.join(timeout=30)
    assert (target / "index.html").read_text() == "199"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    if exchange(_site(tmp_path / "x", "x"), _site(tmp_path / "y", "y")):
        assert missing == []


def test_the_fallback_swaps_with_two_renames(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefbook.write.swap, "exchange", lambda first, second: False)
    target = _site(tmp_path / "site", "old")
    with sitedir.staged(target) as staging:
        _site(staging, "new")
    assert (target / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_deletes_its_folder_and_keeps_the_site(tmp_path: Path) -> None:
    target = _site(tmp_path / "site", "old")
    with pytest.raises(RuntimeError), sitedir.staged(target) as staging:
        _site(staging, "half")
        raise RuntimeError("failed")
    assert (target / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_dead_runs_go_and_those_of_live_runs_stay(tmp_path: Path) -> None:
    target = _site(tmp_path / "site", "current")
    dead, alive = _dead_pid(), os.getppid()
    _site(tmp_path / f".site.new-{dead}", "killed")
    _site(tmp_path / f".site.old-{dead}", "replaced")
    _site(tmp_path / f".site.new-{alive}", "running")
    _site(tmp_path / ".site.new-0", "not a run's")
    _site(tmp_path / ".other.new-1", "not this site's")
    sitedir.clear_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.new-1", ".site.new-0", f".site.new-{alive}", "site"]
    assert (target / "index.html").read_text() == "current"


def test_a_site_a_kill_left_beside_its_path_is_put_back(tmp_path: Path) -> None:
    # Killed between the fallback's two renames: the old site is beside, none in place.
    dead = _dead_pid()
    _site(tmp_path / f".site.old-{dead}", "previous")
    _site(tmp_path / f".site.new-{dead}", "unfinished")
    sitedir.clear_leftovers(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (tmp_path / "site" / "index.html").read_text() == "previous"


def test_a_file_where_the_site_goes_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder")
    with pytest.raises(UsageError):
        sitedir.site_folder(tmp_path / "site")
