"""One run at a time per output folder, and no run outlives its process (issue 19): a
second run waits for the first (or, with ``--no-wait``, says so and stops), and a forked
worker dies with the process that forked it."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import REPO, TODAY, run_briefbook

MANIFEST = ".briefbook-manifest.json"
ROOT = REPO
sys.path.insert(0, str(ROOT / "scripts"))
from synth_corpus import write_corpus  # noqa: E402


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def holding_the_lock(out: Path) -> Iterator[None]:
    """Hold the lock of output folder ``out`` as another run would."""
    out.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out.parent / f".{out.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _render(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "briefbook", "render", "--briefs", str(REPO / "briefs"),
            "--templates", str(REPO / "templates"), "--out", str(out), "--today", TODAY,
            *extra]


def _read_until(stream: int, wanted: str, timeout: float) -> str:
    """What the pipe ``stream`` gives until ``wanted`` shows up (or ``timeout`` passes)."""
    got = b""
    deadline = time.monotonic() + timeout
    while wanted.encode() not in got and time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], 0.1)
        if ready:
            chunk = os.read(stream, 4096)
            if not chunk:
                break
            got += chunk
    return got.decode()


def test_a_second_run_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    with holding_the_lock(out):
        second = subprocess.Popen(_render(out), stderr=subprocess.PIPE, cwd=tmp_path)
        try:
            said = _read_until(second.stderr.fileno(), "\n", timeout=60)  # type: ignore[union-attr]
            assert "waiting" in said and str(out) in said, said
            time.sleep(0.3)
            assert second.poll() is None and not out.exists()  # it waits, writing nothing
        except BaseException:
            second.kill()
            second.wait(timeout=30)
            raise
    _, rest = second.communicate(timeout=120)
    assert second.returncode == 0, rest.decode()
    assert (out / MANIFEST).is_file()


def test_no_wait_fails_clearly_while_another_run_writes(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    with holding_the_lock(out):
        done = run_briefbook(*_render(out, "--no-wait")[3:], cwd=tmp_path)
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and str(out) in done.stderr, done.stderr
    assert not out.exists()


def test_the_preview_takes_the_lock_to_regenerate(tmp_path: Path) -> None:
    """The MkDocs plugin regenerates through pipeline.generate with a kept BuildState."""
    from briefbook import BuildState, Settings, generate
    from briefbook.errors import OutputError

    out = tmp_path / "generated"
    settings = Settings(briefs_dir=REPO / "briefs", templates_dir=REPO / "templates",
                        out_dir=out, today=dt.date(2026, 11, 22))
    state = BuildState(resident=True)
    generate(settings, state)
    with holding_the_lock(out), pytest.raises(OutputError, match="another"):
        generate(settings, state, wait=False)
    report, _ = generate(settings, state, wait=False)
    assert not report.changed


def _consistent(out: Path) -> list[str]:
    """What is wrong with ``out``: files the manifest lists that are missing or hold other
    bytes, and files it does not list."""
    recorded = json.loads((out / MANIFEST).read_text("utf-8"))["files"]
    pages = tree(out)
    pages.pop(MANIFEST)
    problems = [f"missing {p}" for p in sorted(set(recorded) - set(pages))]
    problems += [f"unlisted {p}" for p in sorted(set(pages) - set(recorded))]
    problems += [f"other bytes in {p}" for p in sorted(set(pages) & set(recorded))
                 if hashlib.sha256(pages[p]).hexdigest() != recorded[p]]
    return problems


def test_runs_started_at_once_all_succeed_one_after_the_other(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    write_corpus(briefs, 150)
    out = tmp_path / "generated"
    command = [*_render(out)]
    command[command.index("--briefs") + 1] = str(briefs)
    env = {**os.environ, "BRIEFBOOK_JOBS": "1"}
    for _ in range(2):
        runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                                 env=env) for _ in range(4)]
        results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]  # type: ignore[union-attr]
        for code, stderr in results:
            assert code == 0 and "Traceback" not in stderr, stderr
        assert _consistent(out) == []
