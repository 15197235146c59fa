"""Rendering in forked worker processes: same bytes as one process, errors still reported."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from briefbook import ContentError, Diagnostics, Settings, generate
from briefbook.errors import OutputError
from briefbook.write import parallel

from .conftest import REPO, counting_fork

TODAY = dt.date(2026, 11, 22)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def forking_small_chunks() -> list[int]:
    """Fork even for the demo briefs, in runs of three pages; count the forks. Called in a
    fresh interpreter (see :func:`isolated`), so nothing here outlives the test."""
    forks: list[int] = []
    parallel.MIN_PAGES, parallel.CHUNK = 5, 3
    os.fork = counting_fork(forks)
    os.environ["BRIEFBOOK_CACHE"] = "0"
    assert parallel.can_fork(), "a fresh interpreter has a single thread"
    return forks


def isolated(scenario: Callable[[Path], None], tmp_path: Path) -> None:
    """Run ``scenario`` in a fresh interpreter: the test process may hold threads (browser
    tests leave some), and briefbook rightly refuses to fork beside threads."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        pool.submit(scenario, tmp_path).result(timeout=300)


def settings(out: Path, jobs: int, templates: Path = REPO / "templates") -> Settings:
    return Settings(briefs_dir=REPO / "briefs", templates_dir=templates, out_dir=out,
                    today=TODAY, jobs=jobs)


def same_bytes_scenario(tmp_path: Path) -> None:
    small_chunks = forking_small_chunks()
    generate(settings(tmp_path / "one", jobs=1))
    assert small_chunks == []
    report, _ = generate(settings(tmp_path / "three", jobs=3))
    assert len(small_chunks) == 2  # two workers beside the parent
    assert tree(tmp_path / "three") == tree(tmp_path / "one")
    assert sorted(report.written) == sorted(p for p in tree(tmp_path / "one")
                                            if p != ".briefbook-manifest.json")
    assert no_children_left()
    # Run again: every page rendered again by the workers is unchanged, and keeps its file.
    before = {p: p.stat().st_ino for p in (tmp_path / "three").rglob("*.md")}
    again, _ = generate(settings(tmp_path / "three", jobs=3))
    assert again.written == [] and not again.changed
    assert {p: p.stat().st_ino for p in (tmp_path / "three").rglob("*.md")} == before
    # No scratch file left behind: only the folder's lock and its spare tree.
    assert sorted(p.name for p in tmp_path.glob(".three.*")) == [".three.lock", ".three.spare"]


def template_error_scenario(tmp_path: Path) -> None:
    forking_small_chunks()
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    out = tmp_path / "out"
    generate(settings(out, jobs=2, templates=templates))
    before = tree(out)
    lines = (templates / "brief.md.j2").read_text("utf-8").splitlines()
    (templates / "brief.md.j2").write_text("\n".join([*lines, "{{ no_such_value }}"]) + "\n")
    with pytest.raises(ContentError) as raised:
        generate(settings(out, jobs=2, templates=templates))
    [error] = raised.value.diagnostics.errors
    assert error.path.endswith("templates/brief.md.j2") and error.line == len(lines) + 1
    assert tree(out) == before
    assert [p.name for p in tmp_path.glob(".out.*")] == [".out.lock"]
    assert no_children_left()


def worker_error_scenario(tmp_path: Path) -> None:
    forking_small_chunks()
    parent = os.getpid()
    real_pages = parallel.iter_brief_pages

    def failing_in_workers(*args: object, **kwargs: object) -> Iterator[tuple[str, str]]:
        if os.getpid() != parent:
            diagnostics = Diagnostics()
            diagnostics.error("templates/x.md.j2", 7, 1, "template error in a worker")
            raise ContentError(diagnostics)
        return real_pages(*args, **kwargs)  # type: ignore[arg-type]

    parallel.iter_brief_pages = failing_in_workers  # type: ignore[assignment]
    # The parent is slowed down on the site-wide pages, so a worker surely takes a chunk.
    import briefbook.pipeline

    real_site_pages = briefbook.pipeline.iter_site_pages

    def slow_site_pages(*args: object, **kwargs: object) -> Iterator[tuple[str, object]]:
        import time

        time.sleep(1.0)
        yield from real_site_pages(*args, **kwargs)  # type: ignore[arg-type]

    briefbook.pipeline.iter_site_pages = slow_site_pages  # type: ignore[assignment]
    with pytest.raises(ContentError) as raised:
        generate(settings(tmp_path / "out", jobs=2))
    assert [e.message for e in raised.value.diagnostics.errors] == ["template error in a worker"]
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.glob(".out.*")] == [".out.lock"]
    assert no_children_left()


def test_forked_render_writes_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    isolated(same_bytes_scenario, tmp_path)


def test_template_error_in_forked_render_is_reported_and_writes_nothing(tmp_path: Path) -> None:
    isolated(template_error_scenario, tmp_path)


def test_error_raised_only_in_a_worker_reaches_the_parent(tmp_path: Path) -> None:
    isolated(worker_error_scenario, tmp_path)


def parse_ahead_scenario(tmp_path: Path) -> None:
    from briefbook import check
    from briefbook.load import parse_ahead

    forks = forking_small_chunks()
    briefs = tmp_path / "briefs"
    shutil.copytree(REPO / "briefs", briefs)
    # Late in the order, so the worker is the one that meets them.
    (briefs / "transport_corridor" / "zz-broken.yml").write_text("kind: [transport_corridor\n")
    (briefs / "transport_corridor" / "zz-tagged.yml").write_text("kind: !!python/name:os.system\n")

    def diagnostics(parse_ahead_min: int, out: str) -> list[str]:
        parse_ahead.PARSE_AHEAD_MIN = parse_ahead_min
        run = Settings(briefs_dir=briefs, out_dir=tmp_path / out, today=TODAY, jobs=1)
        return [d.format() for d in check(run).diagnostics]

    alone = diagnostics(10_000, "a")
    assert forks == []
    ahead = diagnostics(5, "b")
    assert len(forks) == 1
    assert ahead == alone
    assert any("zz-broken.yml:2:1: error: invalid YAML" in line for line in alone)
    assert any("zz-tagged.yml:1:7" in line for line in alone)
    (briefs / "transport_corridor" / "zz-broken.yml").unlink()
    (briefs / "transport_corridor" / "zz-tagged.yml").unlink()
    generate(Settings(briefs_dir=briefs, out_dir=tmp_path / "one", today=TODAY, jobs=1))
    parse_ahead.PARSE_AHEAD_MIN = 5
    generate(Settings(briefs_dir=briefs, out_dir=tmp_path / "two", today=TODAY, jobs=1))
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    assert no_children_left()


def test_files_parsed_ahead_in_a_worker_give_the_same_diagnostics_and_pages(
        tmp_path: Path) -> None:
    isolated(parse_ahead_scenario, tmp_path)


def test_a_page_claimed_by_two_processes_is_refused(tmp_path: Path) -> None:
    from briefbook.write.tree import TreeWriter

    writer = TreeWriter(tmp_path / "out")
    writer.add("a.md", "A")
    with pytest.raises(OutputError, match="written twice"):
        writer.merge([("a.md", "0" * 64, True)])


def test_jobs_setting_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOOK_JOBS", "3")
    assert parallel.default_jobs() == 3
    monkeypatch.setenv("BRIEFBOOK_JOBS", "nonsense")
    assert 1 <= parallel.default_jobs() <= parallel.MAX_JOBS


def forked_child_scenario(tmp_path: Path) -> None:
    from briefbook.load import forking

    def failing(error: BaseException) -> Callable[[], Iterator[int]]:
        def produce() -> Iterator[int]:
            yield 1
            raise error
        return produce

    def dying() -> Iterator[int]:
        yield 1
        os._exit(3)

    squares = forking.forked_map(lambda n: n * n, list(range(123)))
    assert squares is not None and list(squares) == [n * n for n in range(123)]
    diagnostics = Diagnostics()
    diagnostics.error("briefs/x.yml", 3, 4, "a content problem found in a child")
    child = forking.fork(failing(ContentError(diagnostics)))
    assert child is not None
    with pytest.raises(ContentError) as content:
        list(child)
    assert [d.format() for d in content.value.diagnostics] == [d.format() for d in diagnostics]
    child = forking.fork(failing(ValueError("a bug")))
    assert child is not None
    with pytest.raises(RuntimeError, match=r"(?s)failed:.*ValueError: a bug"):
        list(child)
    child = forking.fork(dying)
    assert child is not None
    with pytest.raises(RuntimeError, match="died before it finished"):
        list(child)
    # The child never waits for its parent to read: it sends 10 MB and finishes unread.
    child = forking.fork(lambda: (bytes([n]) * 100_000 for n in range(100)))
    assert child is not None and child.pid is not None
    assert finishes_unread(child.pid), "the child waited for its parent to read"
    assert list(child) == [bytes([n]) * 100_000 for n in range(100)]
    # Dropped before (or while) being read: the child is stopped and reaped all the same.
    forking.fork(lambda: iter(range(10**6)))
    started = forking.forked_map(lambda n: n, list(range(10**5)))
    assert started is not None and next(started) == 0
    del started
    assert no_children_left()


def finishes_unread(pid: int, timeout: float = 30.0) -> bool:
    """Whether the child ``pid`` exits within ``timeout`` seconds (left for its owner to reap)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            return True
        time.sleep(0.01)
    return False


def test_a_forked_child_hands_back_values_errors_and_its_death(tmp_path: Path) -> None:
    isolated(forked_child_scenario, tmp_path)
