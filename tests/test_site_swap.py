"""`briefbook build` builds the site beside its folder and swaps it in only once MkDocs
has succeeded: a build that fails on content, in MkDocs, half-way through or on a full
disk, and a build killed while MkDocs writes pages, leave the previous site byte for
byte; the leftovers of a killed build go at the next build."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import TODAY, copy_project, run_briefbook

TIMEOUT = 120.0

# Runs `briefbook ARGS…` with MkDocs's page step patched: at the AFTER-th page it raises
# ("raise"), fails as a full disk would ("disk-full"), or touches MARKER and sleeps
# until it is killed ("stall"). Only MkDocs is patched: briefbook runs as it is.
PATCHED_BUILD = r"""
import errno, sys, time
import mkdocs.commands.build as build
from briefbook.cli import main
from briefbook.engines.mkdocs import phases

action, after, marker = sys.argv[1], int(sys.argv[2]), sys.argv[3]
calls = [0]

def patch(module, name):
    # The page renderer of briefbook's site build (phases.render, on forked workers: each
    # counts its own pages) and MkDocs's own (_build_page, for a build left to MkDocs).
    original = getattr(module, name)

    def patched(*args, **kwargs):
        calls[0] += 1
        if calls[0] == after:
            if action == "raise":
                raise RuntimeError("simulated failure in the middle of the site build")
            if action == "disk-full":
                raise OSError(errno.ENOSPC, "No space left on device", marker)
            open(marker, "w").close()
            time.sleep(600)
        return original(*args, **kwargs)

    setattr(module, name, patched)

patch(build, "_build_page")
patch(phases, "render")
sys.argv = ["briefbook", *sys.argv[4:]]
main()
"""


def _tree(folder: Path) -> dict[str, str]:
    """Every entry under folder: a file's SHA-256, or what else it is."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            entries[key] = "symlink " + os.readlink(path)
        elif path.is_file():
            entries[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            entries[key] = "folder"
    return entries


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".new-" in p.name or ".old-" in p.name)


def _build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_briefbook("build", "--today", TODAY, *extra, cwd=root)


@pytest.fixture(scope="module", autouse=True)
def fixed_build_date() -> Iterator[None]:
    """Every build of this module dates its sitemap alike, even across midnight."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795305600")
        yield


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project, built once into site/ (the config's site_dir)."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = _build(root)
    assert result.returncode == 0, result.stderr
    assert len(_tree(root / "site")) > 50
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


def _patched(root: Path, action: str, *args: str, after: int = 10) -> subprocess.Popen[bytes]:
    marker = root.parent / "marker"
    command = [sys.executable, "-c", PATCHED_BUILD, action, str(after), str(marker),
               "build", "--today", TODAY, *args]
    with (root.parent / "build.log").open("wb") as log:
        return subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=log)


@pytest.mark.slow
def test_a_build_replaces_the_site_and_leaves_nothing_beside_it(project: Path) -> None:
    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nA sentence added for this build.\n", "utf-8")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert site.is_dir() and not site.is_symlink()
    assert "A sentence added for this build." in (site / "about" / "index.html").read_text("utf-8")
    assert _leftovers(project) == []


@pytest.mark.slow
@pytest.mark.parametrize("case", ["invalid brief", "brief over a hand-written page"])
def test_a_content_error_leaves_the_previous_site(project: Path, case: str) -> None:
    before = _tree(project / "site")
    if case == "invalid brief":
        brief = next((project / "briefs" / "country").glob("*.yml"))
        brief.write_text(brief.read_text("utf-8").replace("TLP:CLEAR", "TLP:WHITE"), "utf-8")
    else:  # passes validation, and fails in MkDocs once the generated pages are added
        shutil.copy(next((project / "briefs" / "initiative").glob("*.yml")),
                    project / "briefs" / "about.yml")
    result = _build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert _tree(project / "site") == before
    assert _leftovers(project) == []


@pytest.mark.slow
@pytest.mark.parametrize("site_dir", [None, "out"])
def test_a_mkdocs_error_leaves_the_previous_site(project: Path, site_dir: str | None) -> None:
    args = ("--site-dir", site_dir) if site_dir else ()
    if site_dir:
        assert _build(project, *args).returncode == 0
    site = project / (site_dir or "site")
    before = _tree(site)
    # A broken link is a warning, and strict mode stops the build once every page is written.
    (project / "docs" / "broken.md").write_text("# Broken\n\nSee [nothing](nowhere.md).\n")
    result = _build(project, *args)
    assert result.returncode == 1
    assert "nowhere.md" in result.stderr and "Traceback" not in result.stderr
    assert _tree(site) == before
    assert _leftovers(project) == []


@pytest.mark.slow
@pytest.mark.parametrize("action", ["raise", "disk-full"])
def test_a_failure_half_way_leaves_the_previous_site(project: Path, action: str) -> None:
    before = _tree(project / "site")
    build = _patched(project, action)
    assert build.wait(timeout=TIMEOUT) == 1
    log = (project.parent / "build.log").read_text("utf-8")
    if action == "disk-full":
        assert "No space left on device" in log and "Traceback" not in log
    assert _tree(project / "site") == before
    assert _leftovers(project) == []


def _kill(process: subprocess.Popen[bytes]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def _wait_for(path: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                _kill(process)
            raise AssertionError(f"the build never reached the point to kill it at: {path}")
        time.sleep(0.02)


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up(
    project: Path,
) -> None:
    before = _tree(project / "site")
    # Killed while MkDocs writes pages (paused at the tenth), then at moments after start.
    build = _patched(project, "stall")
    _wait_for(project.parent / "marker", build)
    _kill(build)
    assert _tree(project / "site") == before
    for delay in (0.3, 0.9):
        build = subprocess.Popen([sys.executable, "-m", "briefbook", "build", "--today", TODAY],
                                 cwd=project, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        time.sleep(delay)
        _kill(build)
        assert _tree(project / "site") == before
    # A folder of a run still alive (this test's process) is not touched.
    alive = project / f".site.new-{os.getpid()}"
    alive.mkdir(exist_ok=True)
    result = _build(project)
    assert result.returncode == 0, result.stderr
    assert _leftovers(project) == [alive.name]
    assert _tree(project / "site") == before  # the same content, built again
