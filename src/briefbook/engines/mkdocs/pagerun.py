"""A phase of the site build (populating pages, or rendering them) over every page, on
every core, with the result MkDocs's one-by-one build would have.

The pages are shared out in chunks through a queue pipe between forked workers and the
parent (as :mod:`briefbook.write.parallel` shares the generator's pages); workers share
the parent's pages, navigation and theme copy-on-write. For each page a worker sends
back an *outcome*: its data (what the phase left on the page), the log records it made,
and what each *collecting* list (a plugin's list filled page by page, such as the
search index's entries) gained from it, which the worker takes back out of its copy.
The parent applies the outcomes in page order once all are in: it replays the log
records, extends the collecting lists and puts the data on its pages, so what it holds
after a phase does not depend on who did which page. A phase may also answer a page
from the cache (:meth:`Phase.cached`) and keep what it computed (:meth:`Phase.keep`).

Where the parent does every page itself and keeps nothing (one core, or a live preview's
rebuild, whose server threads forbid forking), each page is done and applied in turn and
its log records go out as they are made, exactly as in MkDocs's build.

The first page that failed, in page order, raises its error in the parent after the
outcomes before it are applied (its own log records too), as a one-by-one build stops
at it. Where forking is unsafe or does not pay, the parent does every chunk itself,
in the same way.
"""

from __future__ import annotations

import gc
import os
import struct
from collections.abc import Iterator
from typing import Any, Protocol

from briefbook.engines.mkdocs.pagework import _Capture, captured, replay
from briefbook.load.forking import Forked, can_fork, fork

MIN_PAGES = 40
"""Below this many pages one process is faster than forking."""
CHUNK = 20
_TASK = struct.Struct("<i")
Outcome = list[Any]
"""[data, log records, additions to each collecting list] of one page."""
Done = list[tuple[Outcome, BaseException | None]]


class Phase(Protocol):
    """What a phase does to page ``i`` (an index into the build's list of pages)."""

    ship_data: bool
    """Whether a worker sends its pages' data to the parent (else the data stays)."""

    @property
    def keeping(self) -> bool:
        """Whether results are kept (and so their log records must be taken)."""

    def cached(self, i: int) -> Outcome | None: ...

    def compute(self, i: int) -> Any: ...

    def keep(self, i: int, outcome: Outcome) -> None: ...

    def apply(self, i: int, data: Any) -> None: ...


def _one(phase: Phase, i: int, capture: _Capture, lists: list[list[Any]]
         ) -> tuple[Outcome, BaseException | None]:
    found = phase.cached(i)
    if found is not None:
        return found, None
    marks = [len(items) for items in lists]
    error: BaseException | None = None
    data: Any = None
    try:
        data = phase.compute(i)
    except Exception as failure:  # noqa: BLE001 - raised again in the parent, in order
        error = failure
    additions = [items[mark:] for items, mark in zip(lists, marks, strict=True)]
    for items, mark in zip(lists, marks, strict=True):
        del items[mark:]
    outcome = [data, capture.take(), additions]
    if error is None:
        phase.keep(i, outcome)
    return outcome, error


def _chunk(phase: Phase, pages: range, lists: list[list[Any]], ship: bool) -> Done:
    done: Done = []
    with captured() as capture:
        for i in pages:
            outcome, error = _one(phase, i, capture, lists)
            if not ship:
                outcome = [None, *outcome[1:]]
            done.append((outcome, error))
            if error is not None:
                break
    return done


def _take(queue: int) -> int | None:
    data = os.read(queue, _TASK.size)
    return _TASK.unpack(data)[0] if data else None


def _apply(phase: Phase, chunks: list[range], results: dict[int, Done],
           lists: list[list[Any]]) -> None:
    for number, pages in enumerate(chunks):
        for i, (outcome, error) in zip(pages, results[number], strict=False):
            data, logs, additions = outcome
            replay(logs)
            for items, added in zip(lists, additions, strict=True):
                items.extend(added)
            if error is not None:
                raise error
            phase.apply(i, data)


def run_phase(phase: Phase, count: int, lists: list[list[Any]], jobs: int) -> None:
    """Do ``phase`` to pages ``0 … count-1`` (see the module's docstring)."""
    chunks = [range(start, min(count, start + CHUNK)) for start in range(0, count, CHUNK)]
    results: dict[int, Done] = {}
    if jobs < 2 or count < MIN_PAGES or not can_fork():
        if not phase.keeping:  # one by one, as MkDocs does: its log records go out live
            for i in range(count):
                phase.apply(i, phase.compute(i))
            return
        for number, pages in enumerate(chunks):
            results[number] = _chunk(phase, pages, lists, True)
            _apply(phase, [pages], {0: results[number]}, lists)
        return
    queue_out, queue_in = os.pipe()
    os.write(queue_in, b"".join(_TASK.pack(n) for n in range(len(chunks))))
    os.close(queue_in)

    def worker() -> Iterator[tuple[int, Done]]:
        while (number := _take(queue_out)) is not None:
            yield number, _chunk(phase, chunks[number], lists, phase.ship_data)

    workers: list[Forked] = []
    # What exists now is never collected in a worker: a collection there would touch
    # (and so copy) every page the worker shares with the parent.
    gc.freeze()
    try:
        for _ in range(min(jobs, len(chunks)) - 1):
            child = fork(worker)
            if child is not None:
                workers.append(child)
        while (mine := _take(queue_out)) is not None:
            results[mine] = _chunk(phase, chunks[mine], lists, True)
        for child in workers:
            results.update(dict(child))
    finally:
        gc.unfreeze()
        os.close(queue_out)
        for child in workers:
            child.stop()
    _apply(phase, chunks, results, lists)
