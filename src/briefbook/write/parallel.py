"""Rendering on every core: a large render is shared out between forked processes.

Pages of one site are independent once it is resolved, so after the site is built
the process forks; every process (the parent too) takes tasks from a shared queue,
renders them and adds them to the staging folder of the same
:class:`~briefbook.write.tree.TreeWriter`. A task is a run of brief pages; the parent
first renders the site-wide pages (listings, feed, export, guide), then joins in. The
workers share the built site with the parent through copy-on-write memory, so
nothing is copied or pickled on the way in; on the way out each sends back the
(path, digest) of what it added. The output does not depend on who rendered what.

Forking is used only where it is safe and pays: on Linux, in a process with no
other threads (``mkdocs serve`` runs a web server in threads), for at least
:data:`MIN_PAGES` pages. Anywhere else pages are rendered one by one, as before.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path

from briefbook.incremental.memo import Memo
from briefbook.load.forking import Forked, can_fork, fork
from briefbook.render.environment import prepare_renderer
from briefbook.render.pages import iter_brief_pages, iter_site_pages
from briefbook.resolve.indexes import SiteIndex
from briefbook.resolve.resolver import Site
from briefbook.write.tree import TreeWriter

MIN_PAGES = 400
"""Below this many brief pages one process is faster than forking."""
MAX_JOBS = 4
CHUNK = 50
_TASK = struct.Struct("<i")


def default_jobs() -> int:
    """Processes to render with: ``BRIEFBOOK_JOBS`` if set, else one per core (at most 4)."""
    setting = os.environ.get("BRIEFBOOK_JOBS", "").strip()
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    return max(1, min(MAX_JOBS, os.cpu_count() or 1))


def render_into(writer: TreeWriter, site: Site, templates_dir: Path, brief_ids: list[str],
                index: SiteIndex, jobs: int, memo: Memo | None = None) -> None:
    """Render the pages of ``brief_ids`` and every site-wide page into ``writer`` (site-wide
    pages through ``memo``, see :func:`briefbook.render.pages.iter_site_pages`)."""
    prepare_renderer(templates_dir, same_site=memo is not None)
    wanted = sorted(brief_ids)
    if jobs < 2 or len(wanted) < MIN_PAGES or not can_fork():
        for path, content in iter_brief_pages(site, templates_dir, wanted, index):
            writer.add(path, content)
        for path, content in iter_site_pages(site, templates_dir, index, memo):
            writer.add(path, content)
        return
    chunks = [wanted[i:i + CHUNK] for i in range(0, len(wanted), CHUNK)]
    _render_forked(writer, chunks, site, templates_dir, index, min(jobs, len(chunks)), memo)


def _take(queue: int) -> int | None:
    """The next task (a chunk number) from the queue pipe, or None when it is empty."""
    data = os.read(queue, _TASK.size)
    return _TASK.unpack(data)[0] if data else None


def _work(queue: int, writer: TreeWriter, chunks: list[list[str]], site: Site,
          templates_dir: Path, index: SiteIndex) -> None:
    while (task := _take(queue)) is not None:
        for path, content in iter_brief_pages(site, templates_dir, chunks[task], index):
            writer.add(path, content)


def _render_forked(writer: TreeWriter, chunks: list[list[str]], site: Site,
                   templates_dir: Path, index: SiteIndex, jobs: int, memo: Memo | None) -> None:
    writer.stage_now()
    queue_out, queue_in = os.pipe()
    # Every task is queued before any process starts: the pipe holds them all (a few
    # hundred 4-byte numbers), and a process that finds it empty is done.
    os.write(queue_in, b"".join(_TASK.pack(t) for t in range(len(chunks))))
    os.close(queue_in)

    def worker() -> Iterator[list[tuple[str, str, bool]]]:
        mark = writer.mark()
        _work(queue_out, writer, chunks, site, templates_dir, index)
        yield writer.added_since(mark)  # the (path, digest) of what it put in staging

    workers: list[Forked] = []
    try:
        for _ in range(jobs - 1):
            child = fork(worker)
            if child is not None:
                workers.append(child)
        # The parent takes the site-wide pages (one task that cannot be split) first,
        # then joins the workers on the brief pages.
        for path, content in iter_site_pages(site, templates_dir, index, memo):
            writer.add(path, content)
        _work(queue_out, writer, chunks, site, templates_dir, index)
        for child in workers:
            for added in child:  # raises what the worker raised
                writer.merge(added)
    finally:
        os.close(queue_out)
        for child in workers:  # after a failure: stop the others
            child.stop()
