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
from collections.abc import Iterable, Iterator

from briefbook.load.forking import Forked, can_fork, fork
from briefbook.render.content import Content
from briefbook.render.environment import Renderer
from briefbook.render.packs.links import PackFacts
from briefbook.render.pages import PageTask, iter_brief_pages
from briefbook.render.view import Key
from briefbook.resolve.indexes import SiteIndex
from briefbook.resolve.site import Site
from briefbook.write.tree import TreeWriter

MIN_PAGES = 400
"""Below this many brief pages one process is faster than forking."""
MAX_JOBS = 4
CHUNK = 50
_TASK = struct.Struct("<i")
Reads = dict[str, frozenset[Key]]
"""What each brief page read of the site, by page."""


def default_jobs() -> int:
    """Processes to render with: ``BRIEFBOOK_JOBS`` if set, else one per core (at most 4)."""
    setting = os.environ.get("BRIEFBOOK_JOBS", "").strip()
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    return max(1, min(MAX_JOBS, os.cpu_count() or 1))


def render_into(writer: TreeWriter, renderer: Renderer, site: Site, index: SiteIndex,
                tasks: Iterable[PageTask], site_pages: Iterable[tuple[str, Content]],
                jobs: int, packs: PackFacts | None = None) -> Reads:
    """Render the brief pages of ``tasks`` (language, brief id) into ``writer`` and add
    ``site_pages`` (made as they are taken); what each brief page read comes back.
    ``packs``: the facts of the packs printed, which brief pages link."""
    renderer.compile_all()
    # By brief, then language: a brief's pages are rendered one after another, in one
    # process, so what they share (a map's base layer, render/map_base.py) is made once.
    wanted = sorted(tasks, key=lambda task: (task[1], task[0]))
    reads: Reads = {}
    if jobs < 2 or len(wanted) < MIN_PAGES or not can_fork():
        for path, text, page_reads in iter_brief_pages(renderer, site, index, wanted, packs):
            writer.add(path, text)
            reads[path] = page_reads
        for path, content in site_pages:
            writer.add(path, content)
        return reads
    chunks = [wanted[i:i + CHUNK] for i in range(0, len(wanted), CHUNK)]
    work = _Work(writer, renderer, site, index, chunks, packs)
    _render_forked(work, site_pages, min(jobs, len(chunks)), reads)
    return reads


class _Work:
    """The brief pages to render, shared out in chunks through a queue pipe."""

    def __init__(self, writer: TreeWriter, renderer: Renderer, site: Site, index: SiteIndex,
                 chunks: list[list[PageTask]], packs: PackFacts | None) -> None:
        self.writer, self.renderer, self.site, self.index = writer, renderer, site, index
        self.chunks, self.packs = chunks, packs

    def take_all(self, queue: int, reads: Reads) -> None:
        """Render chunks from the queue until it is empty."""
        while (task := _take(queue)) is not None:
            for path, text, page_reads in iter_brief_pages(self.renderer, self.site,
                                                           self.index, self.chunks[task],
                                                           self.packs):
                self.writer.add(path, text)
                reads[path] = page_reads


def _take(queue: int) -> int | None:
    """The next task (a chunk number) from the queue pipe, or None when it is empty."""
    data = os.read(queue, _TASK.size)
    return _TASK.unpack(data)[0] if data else None


def _render_forked(work: _Work, site_pages: Iterable[tuple[str, Content]], jobs: int,
                   reads: Reads) -> None:
    writer = work.writer
    writer.stage_now()
    queue_out, queue_in = os.pipe()
    # Every task is queued before any process starts: the pipe holds them all (a few
    # hundred 4-byte numbers), and a process that finds it empty is done.
    os.write(queue_in, b"".join(_TASK.pack(t) for t in range(len(work.chunks))))
    os.close(queue_in)

    def worker() -> Iterator[tuple[list[tuple[str, str, bool]], Reads]]:
        mark = writer.mark()
        found: Reads = {}
        work.take_all(queue_out, found)
        yield writer.added_since(mark), found  # what it put in staging, and the reads

    workers: list[Forked] = []
    try:
        for _ in range(jobs - 1):
            child = fork(worker)
            if child is not None:
                workers.append(child)
        # The parent takes the site-wide pages (one task that cannot be split) first,
        # then joins the workers on the brief pages.
        for path, content in site_pages:
            writer.add(path, content)
        work.take_all(queue_out, reads)
        for child in workers:
            for added, found in child:  # raises what the worker raised
                writer.merge(added)
                reads.update(found)
    finally:
        os.close(queue_out)
        for child in workers:  # after a failure: stop the others
            child.stop()
