"""Input and output failures are one clear line, not a traceback (issue 19): a full disk,
a read-only folder, a file where a folder should be. Exit 1, and nothing half-written:
the output folder is the one before the run."""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, TODAY, run_briefbook
from .test_write_safety import _mutates, _snapshot, _trees, _write

ERRORS = {errno.ENOSPC: "space", errno.EACCES: "permission", errno.EROFS: "read-only"}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _sweep(tmp_path: Path, number: int, before: list[dict[str, bytes]],
           after: dict[str, bytes], fault: dict[str, Any]) -> list[str]:
    """Write ``after`` over the trees ``before`` (written first, in a new folder each time),
    every call that changes the file system failing with OSError(``number``) from the
    k-th on, for k = 1, 2, ... until a write gets through. What went wrong: an error that
    is not one OutputError line naming a path, a folder that is neither tree, a next run
    that did not write its tree, files left beside the output."""
    from briefbook.errors import OutputError

    problems: list[str] = []
    for at in range(1, 1000):
        folder = tmp_path / f"{len(before)}-{at}"
        out = folder / "out"
        for pages in before:
            _write(out, pages)
        fault.update(at=at, calls=0, root=str(folder))
        try:
            _write(out, after)
        except OutputError as error:
            message = str(error)
            if str(folder) not in message or ERRORS[number] not in message.lower() \
                    or "\n" in message:
                problems.append(f"failing from call {at}: {message!r}")
            if _snapshot(out) != (before[-1] if before else None):
                problems.append(f"failing from call {at}: the folder is not the one before")
        except Exception as error:  # noqa: BLE001 - what the test is looking for
            problems.append(f"failing from call {at}: {type(error).__name__}: {error}")
        else:
            if _snapshot(out) != after:
                problems.append(f"failing from call {at}: got through, with another tree")
        finally:
            fault["at"] = 0
        _write(out, after)
        if _snapshot(out) != after:
            problems.append(f"failing from call {at}: the next run did not write its tree")
        for thread in threading.enumerate():
            if thread.name == "briefbook-delete":
                thread.join()
        if sorted(p.name for p in folder.iterdir()) not in (["out"], [".out.spare", "out"]):
            problems.append(f"failing from call {at}: left {sorted(os.listdir(folder))}")
        if fault["calls"] < at:  # the write got through before the first failure: all tried
            return problems
    return [*problems, "the write never got through"]


def fault_sweep_scenario(tmp_path: Path, number: int, transition: str) -> list[str]:
    """:func:`_sweep` for a first write, a few pages changed (over a spare tree holding
    another version of every page), or a page where a folder was with a large page."""
    trees = _trees(per_folder=4)
    before, after = {"first": ([], trees[0]), "few": ([trees[2], trees[0]], trees[1]),
                     "shapes": ([trees[1], trees[2]], trees[3])}[transition]
    fault: dict[str, Any] = {"at": 0, "calls": 0, "root": ""}

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if fault["at"] and _mutates(event, args) and fault["root"] in str(args[:2]):
            fault["calls"] += 1
            if fault["calls"] >= fault["at"]:
                raise OSError(number, os.strerror(number), str(args[0]))

    sys.addaudithook(hook)
    return _sweep(tmp_path, number, before, after, fault)


@pytest.mark.parametrize("number,transition", [
    (errno.ENOSPC, "first"), (errno.ENOSPC, "few"), (errno.ENOSPC, "shapes"),
    (errno.EACCES, "few"), (errno.EROFS, "few")],
    ids=lambda value: errno.errorcode.get(value, value) if isinstance(value, int) else value)
def test_a_failure_at_any_step_is_one_clear_error_and_changes_nothing(
        tmp_path: Path, number: int, transition: str) -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        problems = pool.submit(fault_sweep_scenario, tmp_path, number, transition).result(
            timeout=300)
    assert problems == [], "\n".join(problems[:10])


def _render(out: Path, templates: Path = REPO / "templates") -> tuple[str, ...]:
    # Without the packs: the Markdown alone fits the 2 MB disk below (the packs' PDFs,
    # printed by default where no mkdocs.yml says otherwise, would fill it at once).
    return ("render", "--briefs", str(REPO / "briefs"), "--templates", str(templates),
            "--out", str(out), "--today", TODAY, "--no-packs")


def _one_clear_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def test_an_output_folder_under_a_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", "utf-8")
    done = run_briefbook(*_render(tmp_path / "a-file" / "generated"), cwd=tmp_path)
    _one_clear_line(done, str(tmp_path / "a-file"), "not a folder")


def test_an_output_folder_that_is_a_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "generated").write_text("x", "utf-8")
    done = run_briefbook(*_render(tmp_path / "generated"), cwd=tmp_path)
    _one_clear_line(done, str(tmp_path / "generated"), "not a folder")
    assert (tmp_path / "generated").read_text("utf-8") == "x"


@contextmanager
def mounted(folder: Path, *options: str) -> Iterator[None]:
    """``mount OPTIONS`` on ``folder`` for the test; skipped where this process cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *options, str(folder)], capture_output=True, timeout=60)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=60)


def _fill(file: Path) -> None:
    """Fill the file system of ``file`` up with it."""
    with file.open("wb", buffering=0) as stream:
        try:
            while True:
                stream.write(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC


def _every_page_changes(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    return templates


def _change_every_page(templates: Path) -> None:
    with (templates / "brief.md.j2").open("a", encoding="utf-8") as stream:
        stream.write("\nA line every brief page gains.\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a tmpfs is Linux's")
def test_a_full_disk_is_one_clear_error_and_the_output_stays_whole(tmp_path: Path) -> None:
    small = tmp_path / "small"
    templates = _every_page_changes(tmp_path)
    with mounted(small, "-t", "tmpfs", "-o", "size=2m", "tmpfs"):
        out = small / "generated"
        assert run_briefbook(*_render(out, templates), cwd=tmp_path).returncode == 0
        before = tree(out)
        _fill(small / "filler")
        _change_every_page(templates)
        done = run_briefbook(*_render(out, templates), cwd=tmp_path)
        _one_clear_line(done, str(small), "space")
        assert tree(out) == before
        (small / "filler").unlink()
        assert run_briefbook(*_render(out, templates), cwd=tmp_path).returncode == 0
        fresh = tmp_path / "fresh"
        assert run_briefbook(*_render(fresh, templates), cwd=tmp_path).returncode == 0
        assert tree(out) == tree(fresh)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="bind mounts are Linux's")
def test_a_read_only_output_folder_is_one_clear_error(tmp_path: Path) -> None:
    templates = _every_page_changes(tmp_path)
    out = tmp_path / "generated"
    assert run_briefbook(*_render(out, templates), cwd=tmp_path).returncode == 0
    before = tree(out)
    _change_every_page(templates)
    with mounted(out, "--bind", str(out)):
        remount = subprocess.run(["mount", "-o", "remount,bind,ro", str(out)],
                                 capture_output=True, timeout=60)
        if remount.returncode != 0:
            pytest.skip("cannot make a read-only bind mount here")
        done = run_briefbook(*_render(out, templates), cwd=tmp_path)
        _one_clear_line(done, str(out), "read-only")
        assert tree(out) == before


def test_a_site_folder_under_a_file_is_one_clear_error(tmp_path: Path) -> None:
    from .conftest import copy_project

    project = copy_project(tmp_path / "project")
    (project / "a-file").write_text("x", "utf-8")
    done = run_briefbook("build", "--today", TODAY, "--site-dir", "a-file/site", cwd=project)
    _one_clear_line(done, "a-file")
