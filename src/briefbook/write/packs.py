"""Printing a site's briefing packs, on every core.

Printing is slow (WeasyPrint lays out every page: about a second a pack), and packs
are independent once the site is resolved, so the process forks as
:mod:`briefbook.write.parallel` does: every process, the parent too, takes packs from a
shared queue, renders each pack's HTML (:func:`briefbook.render.packs.pack_html`) and
prints it; the workers send back each PDF with its number of pages and what the pack
read of the site, and the parent hands them on in the order they come. The PDF does
not depend on who printed it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from briefbook.load.forking import Forked, can_fork, fork
from briefbook.render.packs import PackRenderer, pack_html, pack_ids
from briefbook.render.paths import in_language, pack_file
from briefbook.render.view import Key
from briefbook.resolve.indexes import SiteIndex
from briefbook.resolve.site import Site

PackTask = tuple[str, str]
"""A pack to print: (language, brief id)."""
_TASK = struct.Struct("<i")


@dataclass(frozen=True)
class PrintedPack:
    """One pack, printed: where it goes, its bytes and pages, what it read."""

    path: str
    pdf: bytes
    sha256: str
    pages: int
    reads: frozenset[Key]


def pack_tasks(site: Site, languages: Sequence[str]) -> list[PackTask]:
    """The pack of every published meeting, relation and country in every language."""
    return [(lang, brief_id) for brief_id in pack_ids(site) for lang in languages]


def pack_path(task: PackTask, default: str) -> str:
    """Where the pack of a task is written in the generated folder."""
    return in_language(pack_file(task[1]), task[0], default)


def print_packs(renderer: PackRenderer, site: Site, index: SiteIndex,
                tasks: Sequence[PackTask], *, produced: dt.date, commit: str,
                jobs: int) -> Iterator[PrintedPack]:
    """Each pack of ``tasks``, printed, in no particular order."""
    from briefbook.render.packs.printing import print_pdf  # WeasyPrint: only when printing

    default = renderer.pages.languages[0]

    def one(task: PackTask) -> PrintedPack:
        made = pack_html(renderer, site, index, task[1], task[0], produced=produced,
                         commit=commit)
        printed = print_pdf(made.html, produced)
        return PrintedPack(pack_path(task, default), printed.pdf,
                           hashlib.sha256(printed.pdf).hexdigest(), printed.pages, made.reads)

    if jobs < 2 or len(tasks) < 2 or not can_fork():
        yield from map(one, tasks)
        return
    yield from _forked(one, tasks, min(jobs, len(tasks)))


def _forked(one: Callable[[PackTask], PrintedPack], tasks: Sequence[PackTask],
            jobs: int) -> Iterator[PrintedPack]:
    queue_out, queue_in = os.pipe()
    os.write(queue_in, b"".join(_TASK.pack(t) for t in range(len(tasks))))
    os.close(queue_in)

    def taken() -> Iterator[PrintedPack]:
        while data := os.read(queue_out, _TASK.size):
            yield one(tasks[_TASK.unpack(data)[0]])

    workers: list[Forked] = []
    try:
        for _ in range(jobs - 1):
            child = fork(taken)
            if child is not None:
                workers.append(child)
        yield from taken()
        for child in workers:
            yield from child  # raises what the worker raised
    finally:
        os.close(queue_out)
        for child in workers:
            child.stop()
