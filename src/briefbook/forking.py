"""Forking, where it is safe: the generator's way of using a second core.

Used by :mod:`briefbook.parse_ahead` (parsing brief files ahead of validation) and
:mod:`briefbook.parallel` (rendering pages). A forked child shares the parent's memory
copy-on-write, so nothing has to be copied or pickled on the way in; what it produces
comes back pickled over a pipe (:class:`Forked`).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from .errors import BriefbookError

T = TypeVar("T")
R = TypeVar("R")
BATCH = 50


def can_fork() -> bool:
    """Forking copies only the calling thread: safe only when there is no other."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class Forked:
    """A forked child process that produces values for its parent.

    Iterating gives what the child's ``produce`` yielded, in order, as it arrives. A
    :class:`~briefbook.errors.BriefbookError` raised in the child (a ContentError with
    its diagnostics) is raised again here as it is; any other exception is a bug and
    becomes a RuntimeError with the child's traceback; so does a child that dies before
    it finishes. :meth:`stop` (also run when the object is dropped) ends the child if it
    is still running and reaps it, so no process is left behind on any path.
    """

    def __init__(self, produce: Callable[[], Iterable[Any]]) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _run_child(produce, write_end)  # never returns
        os.close(write_end)
        self.pid: int | None = pid
        self._parent = os.getpid()  # a later fork inherits this object: not its to stop
        self._stream = os.fdopen(read_end, "rb")

    def __iter__(self) -> Iterator[Any]:
        try:
            while True:
                try:
                    kind, value = pickle.load(self._stream)
                except EOFError:
                    break
                if kind == "value":
                    yield value
                elif kind == "error":
                    raise value
                elif kind == "crash":
                    raise RuntimeError(f"worker {self.pid} failed:\n{value}")
                else:  # "done"
                    return
            raise RuntimeError(f"worker {self.pid} died before it finished")
        finally:
            self.stop()

    def stop(self) -> None:
        """End the child (if it is still running) and reap it."""
        if self.pid is None or os.getpid() != self._parent:
            return
        pid, self.pid = self.pid, None
        self._stream.close()
        try:
            os.kill(pid, signal.SIGKILL)  # a finished child may not have exited yet
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass  # already reaped

    def __del__(self) -> None:
        self.stop()


def _run_child(produce: Callable[[], Iterable[Any]], write_end: int) -> None:
    try:
        with os.fdopen(write_end, "wb") as stream:
            try:
                for value in produce():
                    pickle.dump(("value", value), stream, protocol=pickle.HIGHEST_PROTOCOL)
                outcome: tuple[str, Any] = ("done", None)
            except BriefbookError as error:  # meant for the user: raised as it is
                outcome = ("error", error)
            except BaseException:  # noqa: BLE001 - a bug: the parent shows the traceback
                outcome = ("crash", traceback.format_exc())
            pickle.dump(outcome, stream, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers


def fork(produce: Callable[[], Iterable[Any]]) -> Forked | None:
    """``produce()`` run in a forked process (see :class:`Forked`); None where forking
    is not safe."""
    return Forked(produce) if can_fork() else None


def forked_map(func: Callable[[T], R], items: Sequence[T]) -> Iterator[R] | None:
    """``map(func, items)`` computed in a forked process while the caller does other work;
    results come back in order, in batches. None where forking is not safe."""
    child = fork(lambda: ([func(item) for item in items[start:start + BATCH]]
                          for start in range(0, len(items), BATCH)))
    return None if child is None else (result for batch in child for result in batch)
