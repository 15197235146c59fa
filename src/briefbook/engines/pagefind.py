"""The site's search index: Pagefind, run once over a built site (every language's).

Pagefind reads the built HTML and writes ``pagefind/`` at the top of the site: a small
entry file, one index per language (it splits the pages by their ``<html lang>``, so a
search on a Russian page finds Russian pages only) in chunks of a few kilobytes, and a
compressed fragment per page. A search downloads the chunks of the words typed and the
fragments of the results it shows, never the whole index. Only what a page marks with
``data-pagefind-body`` is indexed (the theme marks the article: no navigation, header or
footer); ``data-pagefind-meta`` gives a result its kind and summary (the templates).

Any engine can call :func:`index_site` once its build is done: it imports no engine.
The index is written beside the old one and moved into place, so a live preview's
reader gets the old index or the new one. A live preview indexes in the background
(:class:`Background`): the page reloads as soon as MkDocs has written it, and the search
follows a moment later (seconds at a thousand briefs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sysconfig
import threading
from collections.abc import Callable
from pathlib import Path

from briefbook.engines.sitedir import staged
from briefbook.errors import BriefbookError, OutputError

INDEX_DIR = "pagefind"
IGNORED = ".bb-marking, .bb-languages, svg"
"""Left out of the index inside an article: the marking banners, the language switcher
and the maps' drawings (their labels are listed beside them in text)."""
TIMEOUT = 600
UNUSED = tuple(f"pagefind-{ui}.{ext}" for ui in ("ui", "component-ui", "modular-ui")
               for ext in ("js", "css"))
"""Pagefind's own search interfaces, which the site does not use (the theme's search box
calls Pagefind's API: ``pagefind.js``), left out of the site."""


def _binary() -> Path:
    """The Pagefind executable: ``PAGEFIND_BINARY_PATH`` when set (Pagefind's own way of
    naming one), else the Pagefind 1.6 that ``make`` installs beside the environment's
    scripts (scripts/install-pagefind.sh: PyPI stops at 1.5.2, whose search ranks pages
    slower), else the one the ``pagefind[extended]`` wheel ships."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named:
        return Path(named)
    beside = Path(sysconfig.get_path("scripts")) / "pagefind_extended"
    if beside.is_file():
        return beside
    try:
        from pagefind.service import get_executable
    except ImportError:
        binary = None
    else:
        binary = get_executable()
    if binary is None:
        raise BriefbookError("site search: Pagefind is not installed "
                             "(pip install 'pagefind[extended]')")
    return binary


def _failure(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (done.stderr + "\n" + done.stdout).splitlines()]
    said = [line for line in lines if line]
    return said[-1] if said else f"exit status {done.returncode}"


def _run(binary: Path, site_dir: Path, output: Path) -> None:
    command = [str(binary), "--site", str(site_dir), "--output-path", str(output),
               "--exclude-selectors", IGNORED, "--quiet"]
    try:
        done = subprocess.run(command, cwd=site_dir, capture_output=True, text=True,
                              timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise BriefbookError(f"site search: Pagefind took more than {TIMEOUT} s") from None
    except OSError as error:
        raise OutputError(f"site search: cannot run Pagefind: {error.strerror or error}") from None
    if done.returncode != 0:
        raise BriefbookError(f"site search: Pagefind failed: {_failure(done)}")
    if not (output / "pagefind-entry.json").is_file():
        raise BriefbookError(f"site search: Pagefind wrote no index ({_failure(done)})")


def _steady(output: Path) -> None:
    """The entry file's languages in order of their codes: Pagefind writes them in any
    order, and a site built twice from the same pages must be the same bytes."""
    entry = output / "pagefind-entry.json"
    data = json.loads(entry.read_text("utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


def index_site(site_dir: Path) -> Path:
    """Index the built site in ``site_dir`` (every language's pages under it) into
    ``site_dir/pagefind``, replacing the index there; return that folder."""
    binary = _binary()
    target = site_dir / INDEX_DIR
    try:
        with staged(target) as fresh:  # written beside the old index, swapped in at once
            _run(binary, site_dir, fresh)
            _steady(fresh)
            for name in UNUSED:
                (fresh / name).unlink(missing_ok=True)
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise OutputError(f"site search: {error.strerror or error}{where}") from None
    return target


class Background:
    """A live preview's indexing, in a thread of its own after each rebuild: a rebuild
    while it runs asks for one more run after it (the index then has every save)."""

    def __init__(self, on_error: Callable[[str], None]) -> None:
        self._on_error = on_error
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self._thread: threading.Thread | None = None

    def request(self, site_dir: Path) -> None:
        """Index ``site_dir`` now, or after the run under way."""
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
            self._thread = threading.Thread(target=self._run, args=(site_dir,),
                                            name="briefbook-pagefind", daemon=True)
            self._thread.start()

    def _run(self, site_dir: Path) -> None:
        while True:
            try:
                index_site(site_dir)
            except BriefbookError as error:
                self._on_error(str(error))
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False

    def wait(self, timeout: float | None = None) -> None:
        """Until the runs asked for so far are done (for tests)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
