"""The write stage harms nothing it does not own and never shows half a folder: paths read
back from the manifest are checked, the new tree replaces the old in one atomic step,
and what a dead run left beside the output is cleaned at the next start (issue 19)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, TODAY, copy_project, run_briefbook

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


# --- 5. readers never see half a folder ---------------------------------------------------

def _page(name: str, version: str) -> bytes:
    return f"# {name}\n\n{version}\n".encode()


def _trees(per_folder: int = 25) -> list[dict[str, bytes]]:
    """Trees written one after the other: a first write, a few pages changed (one deleted,
    one added), every page changed, a page where a folder was and a large page."""
    from briefbook.write.scratch import LARGE

    first = {f"{folder}/p{i}.md": _page(f"{folder}{i}", "v1")
             for folder in ("a", "b", "c/d") for i in range(per_folder)}
    first["index.md"] = b"# Home\n"
    few = dict(first)
    few.update({"a/p1.md": b"changed", "c/d/p3.md": b"changed", "new/page.md": b"added"})
    del few["b/p2.md"]
    every = {path: data + b"again" for path, data in few.items()}
    shapes = {path: data for path, data in every.items() if not path.startswith("b/")}
    shapes["b"] = b"a page where a folder was"
    shapes["data/big.json"] = b"[" + b"1," * LARGE + b"1]"
    return [first, few, every, shapes, first]


def _snapshot(out: Path) -> dict[str, bytes] | str | None:
    """What a reader of ``out`` sees now: its pages, or what is wrong with it."""
    if not out.is_dir():
        return None
    pages = tree(out)
    try:
        recorded = json.loads(pages.pop(MANIFEST))["files"]
    except (KeyError, ValueError):
        return "no readable manifest"
    if recorded != {p: hashlib.sha256(data).hexdigest() for p, data in pages.items()}:
        return "pages that are not the manifest's"
    return pages


_MUTATING = ("os.rename", "os.link", "os.remove", "os.rmdir", "os.mkdir", "shutil.rmtree",
             "os.truncate", "os.symlink", "ctypes.call_function")


def _mutates(event: str, args: tuple[Any, ...]) -> bool:
    if event == "open":
        mode, flags = args[1], args[2]
        return bool(set(mode or "") & set("wax+")) or bool(flags & (os.O_WRONLY | os.O_RDWR))
    return event in _MUTATING


def readers_view_scenario(tmp_path: Path) -> list[str]:
    """Write each of :func:`_trees`, looking at the output folder before every call that
    changes a file system (so after each one): what the reader saw that was neither the
    tree before the write nor the tree after it."""
    from briefbook.write.tree import TreeWriter

    out = tmp_path / "out"
    watch: dict[str, Any] = {"allowed": None, "busy": False, "seen": []}

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if watch["allowed"] is None or watch["busy"] or not _mutates(event, args):
            return
        watch["busy"] = True
        try:
            seen = _snapshot(out)
        finally:
            watch["busy"] = False
        if seen not in watch["allowed"]:
            shown = sorted(seen)[:3] if isinstance(seen, dict) else seen
            watch["seen"].append(f"before {event}{args[:2]}: {shown}")

    sys.addaudithook(hook)
    before: dict[str, bytes] | None = None
    for number, pages in enumerate(_trees()):
        watch["allowed"] = [before, pages]
        with TreeWriter(out) as writer:
            for path, data in pages.items():
                writer.add(path, data)
            writer.finish()
        watch["allowed"] = None
        if _snapshot(out) != pages:
            watch["seen"].append(f"after write {number}: not the tree written")
        before = pages
    return watch["seen"]


def test_readers_see_the_old_tree_or_the_new_one_and_nothing_between(tmp_path: Path) -> None:
    """Few pages changed or all of them: at no moment of a write is the output folder
    missing, or a mix of old and new pages, or pages its manifest does not describe."""
    seen = isolated(readers_view_scenario, tmp_path)
    assert seen == [], "\n".join(seen[:10])


def _write(out: Path, pages: dict[str, bytes]) -> None:
    from briefbook.write.tree import TreeWriter

    with TreeWriter(out) as writer:
        for path, data in pages.items():
            writer.add(path, data)
        writer.finish()


def _killed_at(out: Path, trees: list[dict[str, bytes]], kill_at: int) -> int:
    """Write ``trees[1]`` over ``trees[0]`` in a child process killed (``os._exit``, no
    clean-up) before its ``kill_at``-th call that changes a file system: its exit code."""
    _write(out, trees[0])
    pid = os.fork()
    if pid == 0:
        calls = [0]

        def hook(event: str, args: tuple[Any, ...]) -> None:
            if _mutates(event, args):
                calls[0] += 1
                if calls[0] == kill_at:
                    os._exit(9)

        sys.addaudithook(hook)
        _write(out, trees[1])
        os._exit(0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def killed_scenario(tmp_path: Path, exchange: bool = True) -> list[str]:
    """A run killed at each step in turn: what a reader then sees must be one whole tree
    (where folders cannot be exchanged, once the next run put back the tree a kill
    between two renames left aside), and the next run must write its own."""
    from briefbook.write import leftovers, swap

    if not exchange:
        swap.exchange = lambda first, second: False  # as where renameat2 cannot (here only)
    trees = _trees(per_folder=8)
    problems = []
    for kill_at in range(1, 1000):
        out = tmp_path / str(kill_at) / "out"
        status = _killed_at(out, trees, kill_at)
        if not exchange:
            leftovers.clean(out)
        if _snapshot(out) not in (trees[0], trees[1]):
            problems.append(f"killed at step {kill_at}: a reader saw neither tree")
        _write(out, trees[2])
        if _snapshot(out) != trees[2]:
            problems.append(f"killed at step {kill_at}: the next run did not write its tree")
        if status == 0:  # the write finished before the kill point: every step was tried
            return problems
    return [*problems, "the write never finished"]


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_run_killed_at_any_step_leaves_a_whole_tree_the_next_run_replaces(
        tmp_path: Path, exchange: bool) -> None:
    problems = isolated(killed_scenario, tmp_path, exchange)
    assert problems == [], "\n".join(problems[:10])


# --- 8. leftovers of dead runs ----------------------------------------------------------

def _dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True, timeout=60)
    return int(child.stdout)


def test_leftovers_of_a_dead_run_are_cleaned_at_the_next_start(tmp_path: Path) -> None:
    from briefbook import Settings, generate

    out = tmp_path / "generated"
    settings = Settings(briefs_dir=REPO / "briefs", templates_dir=REPO / "templates",
                        out_dir=out, today=__import__("datetime").date(2026, 11, 22))
    generate(settings)
    expected = tree(out)
    dead = _dead_pid()
    leftovers = [f".generated.{dead}.3.part", f".generated.{dead}.page",
                 f".generated.replaced.{dead}.0123456789abcdef.old",
                 ".generated.old/index.md", ".generated.new/a/b.md", ".generated.writing"]
    # Another output folder's files, named alike: not this run's to touch.
    others = [f".generated.x.{dead}.3.part", ".generated.x.new/a.md", "generated.old"]
    for name in leftovers + others:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"left")
    generate(settings)
    assert tree(out) == expected
    for name in leftovers:
        assert not (tmp_path / name).exists(), name
    assert not (tmp_path / ".generated.old").exists()
    assert not (tmp_path / ".generated.new").exists()
    for name in others:
        assert (tmp_path / name).read_bytes() == b"left", name
