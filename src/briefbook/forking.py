"""Forking, where it is safe: the generator's way of using a second core.

Used by :mod:`briefbook.parse_ahead` (parsing brief files ahead of validation) and
:mod:`briefbook.parallel` (rendering pages). A forked child shares the parent's memory
copy-on-write, so nothing has to be copied or pickled on the way in.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
BATCH = 50


def can_fork() -> bool:
    """Forking copies only the calling thread: safe only when there is no other."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def forked_map(func: Callable[[T], R], items: Sequence[T]) -> Iterator[R] | None:
    """``map(func, items)`` computed in a forked process while the caller does other work;
    results come back pickled, in order, in batches. None where forking is not safe.

    Closing the iterator early (or an error in the caller) stops the process; an error in
    ``func`` is raised in the caller when its result is reached."""
    if not can_fork():
        return None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            with os.fdopen(write_end, "wb") as stream:
                for start in range(0, len(items), BATCH):
                    end = start + BATCH
                    try:
                        batch: tuple[str, Any] = ("ok", [func(i) for i in items[start:end]])
                    except BaseException:  # noqa: BLE001 - raised again in the caller
                        batch = ("crash", traceback.format_exc())
                    pickle.dump(batch, stream, protocol=pickle.HIGHEST_PROTOCOL)
                    if batch[0] == "crash":
                        break
        finally:
            os._exit(0)
    os.close(write_end)
    return _results(pid, read_end)


def _results(pid: int, read_end: int) -> Iterator[Any]:
    finished = False
    try:
        with os.fdopen(read_end, "rb") as stream:
            while True:
                try:
                    kind, value = pickle.load(stream)
                except EOFError:
                    break
                if kind == "crash":
                    raise RuntimeError(f"worker {pid} failed:\n{value}")
                yield from value
        finished = True
    finally:
        if not finished:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
