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
reader gets the old index or the new one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from briefbook.errors import BriefbookError, OutputError

INDEX_DIR = "pagefind"
IGNORED = ".bb-marking, .bb-languages, svg"
"""Left out of the index inside an article: the marking banners, the language switcher
and the maps' drawings (their labels are listed beside them in text)."""
TIMEOUT = 600


def _binary() -> Path:
    """The Pagefind executable the ``pagefind[extended]`` wheel ships."""
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


def index_site(site_dir: Path) -> Path:
    """Index the built site in ``site_dir`` (every language's pages under it) into
    ``site_dir/pagefind``, replacing the index there; return that folder."""
    binary = _binary()
    target = site_dir / INDEX_DIR
    fresh = site_dir / f".{INDEX_DIR}.{os.getpid()}.new"
    old = site_dir / f".{INDEX_DIR}.{os.getpid()}.old"
    try:
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        _run(binary, site_dir, fresh)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise OutputError(f"site search: {error.strerror or error}{where}") from None
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return target
