"""The live preview (`briefbook serve`, what `make serve` runs): an edited brief shows up,
what the preview skips after its first build leaves the served site whole, and a brief
deleted or withheld leaves the served pages and the search index (Pagefind's, made
again after every rebuild) as a full build would."""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefbook.incremental.cache import RunCache, code_fingerprint

from .conftest import REPO, TODAY, copy_project, run_briefbook
from .pagefind_files import served_pages

sys.path.insert(0, str(REPO / "scripts"))
from serve_latency import fetch, free_port  # noqa: E402

TIMEOUT = 120.0


def _wait_for(url: str, text: str) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.1)
    raise AssertionError(f"{url} did not show {text!r} within {TIMEOUT} s")


def _server_log(project: Path) -> Path:
    """Where the preview fixture sends the server's log (beside the project)."""
    return project.parent / "serve.log"


def _sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[bytes]]]:
    project = copy_project(tmp_path / "project")
    port = free_port()
    # The server's log goes to a file: a pipe nobody reads would stop the server once full.
    # PYTHONFAULTHANDLER: a server that hangs prints every thread's stack on SIGABRT.
    log = _server_log(project)
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "briefbook", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=dict(os.environ, BRIEFBOOK_TODAY=TODAY, PYTHONFAULTHANDLER="1"),
            stdout=subprocess.DEVNULL, stderr=stderr,
            # As in a terminal, Ctrl-C stops it: a command run in the background by a
            # script (as CI may run the tests) starts with SIGINT ignored, and Python
            # keeps it ignored, so a server inheriting that would never stop on SIGINT.
            preexec_fn=_sigint_default,
        )
    try:
        yield project, f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=30)


def _stopped_by_ctrl_c(server: subprocess.Popen[bytes], log: Path) -> None:
    """Send SIGINT and wait for the server to exit; a server that does not is made to
    print its threads' stacks, which the failure shows with the rest of its log."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.send_signal(signal.SIGABRT)
        server.wait(timeout=30)
        raise AssertionError("the preview did not stop on Ctrl-C:\n"
                             + log.read_text("utf-8", "replace")[-20000:]) from None


def _get(base: str, path: str) -> bytes | None:
    """The bytes at ``path`` under the served site, or None while they cannot be read."""
    try:
        with urllib.request.urlopen(f"{base}/{path}", timeout=5) as response:
            return bytes(response.read())
    except OSError:
        return None


def _index(base: str, lang: str = "en") -> dict[str, str] | None:
    """The served search index's pages in ``lang`` (URL → indexed text), read as a
    browser reads them; None while it cannot be read whole."""
    try:
        return served_pages(functools.partial(_get, base), lang)
    except (ValueError, OSError, EOFError):
        return None  # replaced while it was read: read it again


def _index_showing(base: str, text: str, lang: str = "en") -> dict[str, str]:
    found: dict[str, str] = {}

    def shows() -> bool:
        found.update(_index(base, lang) or {})
        return any(text in content for content in found.values()) if found else False

    _until(shows, f"the search index with {text!r}")
    return found


def test_saved_edits_show_and_the_search_index_stays_whole(
    preview: tuple[Path, str, subprocess.Popen[bytes]],
) -> None:
    project, base, server = preview
    page_url = f"{base}/person/serdar-berdimuhamedov/"
    _wait_for(page_url, "bb-marking")
    first_index = _index_showing(base, "Serdar")
    brief = project / "briefs" / "person" / "serdar-berdimuhamedov.yml"
    russian_url = f"{base}/ru/person/serdar-berdimuhamedov/"
    _wait_for(russian_url, "bb-marking")
    for number in range(2):
        marker = f"Preview edit {number} {time.time_ns()}"
        russian = f"Правка {number} {time.time_ns()}"
        text = brief.read_text("utf-8").replace("  en: >-\n", f"  en: >-\n    {marker}\n", 1)
        text = text.replace("  ru: >-\n", f"  ru: >-\n    {russian}\n", 1)
        assert marker in text and russian in text
        brief.write_text(text, "utf-8")
        assert marker in _wait_for(page_url, marker)
        assert russian in _wait_for(russian_url, russian)  # the Russian site follows
    # Pages that did not change are still served, and search still knows every page,
    # the edited one as it is now, in each language (indexed again after each rebuild).
    assert "bb-marking" in (fetch(f"{base}/country/kazakhstan/") or "")
    index = _index_showing(base, marker)
    assert set(index) == set(first_index)
    assert any(russian in text for text in _index_showing(base, russian, "ru").values())
    assert server.poll() is None
    # Stopped with Ctrl-C, the preview writes the cache it kept in memory: the next
    # build finds the edited brief in it.
    _stopped_by_ctrl_c(server, _server_log(project))
    stored = RunCache.open(project / "generated", code_fingerprint(project / "templates"), "")
    digest = stored.files["briefs/person/serdar-berdimuhamedov.yml"][0]
    assert digest == hashlib.sha256(brief.read_bytes()).hexdigest()


THROWAWAY = """\
kind: initiative
title: Throwaway initiative zqxpreview
summary: Exists only to be withheld, deleted and published again.
marking: {marking}
reviewed: 2026-01-01
tags: [zqxpreview-tag]
"""
PAGES = ("initiative/throwaway/", "tags/zqxpreview-tag/")


def _status(url: str) -> int:
    """The HTTP status of ``url`` (0 while the server does not answer)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _indexed(base: str) -> set[str] | None:
    """The pages the served search index has (paths without the leading slash; None while
    it cannot be read)."""
    pages = _index(base)
    return None if pages is None else {url.lstrip("/") for url in pages}


def _until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {TIMEOUT} s")


def _published(base: str) -> bool:
    indexed = _indexed(base) or set()
    listing = fetch(f"{base}/initiative/") or ""
    sitemap = fetch(f"{base}/sitemap.xml") or ""
    return (all(_status(f"{base}/{page}") == 200 and page in indexed and page in sitemap
                for page in PAGES) and "throwaway/" in listing)


def _withdrawn(base: str) -> bool:
    indexed = _indexed(base)
    listing = fetch(f"{base}/initiative/") or ""
    sitemap = fetch(f"{base}/sitemap.xml") or "throwaway"
    return (indexed is not None and not indexed & set(PAGES) and "Throwaway" not in listing
            and "throwaway" not in sitemap
            and all(_status(f"{base}/{page}") == 404 for page in PAGES))


def test_a_deleted_or_withheld_brief_leaves_the_served_site_and_its_search(
    preview: tuple[Path, str, subprocess.Popen[bytes]],
) -> None:
    project, base, server = preview
    _wait_for(f"{base}/initiative/", "bb-marking")
    brief = project / "briefs" / "initiative" / "throwaway.yml"
    steps = [("TLP:CLEAR", True), (None, False), ("TLP:CLEAR", True), ("TLP:RED", False),
             ("TLP:CLEAR", True), ("TLP:AMBER", False), ("TLP:CLEAR", True)]
    for marking, shown in steps:
        if marking is None:
            brief.unlink()
        else:
            brief.write_text(THROWAWAY.format(marking=marking), "utf-8")
        what = f"{'deleted' if marking is None else marking}: {'shown' if shown else 'gone'}"
        _until(functools.partial(_published if shown else _withdrawn, base), what)
    # Hand-written pages and theme files are still served, and the served search index
    # is the one a full build makes.
    assert _status(f"{base}/about/") == 200
    assert _status(f"{base}/assets/briefbook.css") == 200
    assert server.poll() is None
    built = run_briefbook("build", "--today", TODAY, "--site-dir", str(project.parent / "full"),
                          cwd=project)
    assert built.returncode == 0, built.stderr
    full = project.parent / "full"
    for lang in ("en", "ru"):
        assert _index(base, lang) == served_pages(
            lambda path: (full / path).read_bytes() if (full / path).is_file() else None, lang)
