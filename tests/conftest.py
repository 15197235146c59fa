"""Shared fixtures: a throw-away copy of the project to build sites in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import briefbook.incremental.signatures

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-22"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests run last. Their session-wide fixtures (the served site's thread,
    Playwright's child watcher) live until the session ends, and briefbook rightly will
    not fork beside other threads: every test after them would build on one core, and a
    test of the parallel build would pass without running it."""
    browser = REPO / "tests" / "browser"
    items.sort(key=lambda item: item.path.is_relative_to(browser))


def counting_fork(children: list[int]) -> Callable[[], int]:
    """``os.fork`` that also appends each child's pid to ``children``."""
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    return fork


def copy_project(dest: Path, briefs: Path | None = None) -> Path:
    """Copy mkdocs.yml, docs/ and templates/ (and briefs/, from ``briefs`` or the repo) to dest."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    shutil.copytree(REPO / "templates", dest / "templates")
    if briefs is None:
        shutil.copytree(REPO / "briefs", dest / "briefs")
    elif briefs != dest / "briefs":
        shutil.copytree(briefs, dest / "briefs")
    return dest


def run_briefbook(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess, as a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "briefbook", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def racy_window(monkeypatch: pytest.MonkeyPatch, ns: int) -> None:
    """Both racy windows (see briefbook.incremental.signatures) set to ``ns`` for one test."""
    monkeypatch.setattr(briefbook.incremental.signatures, "RACY_NS", ns)
    monkeypatch.setattr(briefbook.incremental.signatures, "FINE_RACY_NS", ns)
