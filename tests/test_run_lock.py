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
import signal
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
    write_corpus(briefs, 60)
    out = tmp_path / "generated"
    command = [*_render(out)]
    command[command.index("--briefs") + 1] = str(briefs)
    env = {**os.environ, "BRIEFBOOK_JOBS": "1"}
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env)
            for _ in range(3)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]  # type: ignore[union-attr]
    for code, stderr in results:
        assert code == 0 and "Traceback" not in stderr, stderr
    assert _consistent(out) == []


# --- 4. forked workers die with their parent ----------------------------------------------

_KILLED_PARENT = """
import os, sys, time, datetime as dt
from pathlib import Path
from briefbook import Settings, generate
from briefbook.write import parallel

out, pid_file = Path(sys.argv[1]), Path(sys.argv[2])
parallel.MIN_PAGES, parallel.CHUNK = 5, 3
os.environ["BRIEFBOOK_CACHE"] = "0"
parent, real_pages = os.getpid(), parallel.iter_brief_pages

def pages(*args, **kwargs):
    if os.getpid() != parent:  # a worker: say who it is, then take its time
        pid_file.write_text(str(os.getpid()))
        time.sleep(60)
    return real_pages(*args, **kwargs)

parallel.iter_brief_pages = pages
generate(Settings(briefs_dir=Path(sys.argv[3]), templates_dir=Path(sys.argv[4]), out_dir=out,
                  today=dt.date(2026, 11, 22), jobs=2))
"""


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie no one reaps has ended too)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking is Linux-only")
def test_a_worker_dies_with_its_parent_and_the_next_run_starts_clean(tmp_path: Path) -> None:
    out, pid_file = tmp_path / "generated", tmp_path / "worker.pid"
    parent = subprocess.Popen([sys.executable, "-c", _KILLED_PARENT, str(out), str(pid_file),
                               str(REPO / "briefs"), str(REPO / "templates")])
    worker = 0
    try:
        deadline = time.monotonic() + 60
        while not pid_file.exists() and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.05)
        worker = int(pid_file.read_text())
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 10
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(worker), "the worker outlived the process that forked it"
        again = run_briefbook(*_render(out)[3:], cwd=tmp_path)
        assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
        fresh = run_briefbook(*_render(tmp_path / "fresh")[3:], cwd=tmp_path)
        assert fresh.returncode == 0
        assert tree(out) == tree(tmp_path / "fresh")
        # What the killed run left beside the folder (scratch files, a spare tree half
        # changed) is gone: the folder's lock and a whole spare tree are all there is.
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".generated.")) \
            in ([".generated.lock"], [".generated.lock", ".generated.spare"])
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(timeout=30)
        if worker and not _gone(worker):  # forked by the process this test started
            os.kill(worker, signal.SIGKILL)


def child_of_a_dead_parent_scenario() -> tuple[int, int]:
    """Exit codes of two forked children that check their parent: one was told the id of
    its real parent, the other of one that is not (as if its parent had already died)."""
    from briefbook.load.forking import die_with_parent

    codes = []
    for parent in (os.getpid(), _not_my_pid()):
        pid = os.fork()
        if pid == 0:
            die_with_parent(parent)
            os._exit(0)
        codes.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
    return codes[0], codes[1]


def _not_my_pid() -> int:
    return os.getpid() + 1 if os.getpid() != 2**22 else 2


def test_a_child_whose_parent_already_died_exits_at_once() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        real, dead = pool.submit(child_of_a_dead_parent_scenario).result(timeout=60)
    assert real == 0 and dead != 0
