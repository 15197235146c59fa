"""Forking, where it is safe: the generator's way of using a second core.

Used by :mod:`briefbook.load.parse_ahead` (parsing brief files ahead of validation) and
:mod:`briefbook.write.parallel` (rendering pages). A forked child shares the parent's memory
copy-on-write, so nothing has to be copied or pickled on the way in; what it produces
comes back pickled (:class:`Forked`).
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import struct
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from briefbook.errors import BriefbookError

T = TypeVar("T")
R = TypeVar("R")
BATCH = 50
_LENGTH = struct.Struct("<Q")


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

    The child never waits for its parent to read: each value, pickled, goes to a spool
    file in memory, and only its length goes through a pipe. Through the pipe alone (64 KB)
    a child parsing files ahead stopped after its first batch until the parent came to
    read it, so it hardly ran ahead at all.
    """

    def __init__(self, produce: Callable[[], Iterable[Any]]) -> None:
        read_end, write_end = os.pipe()
        spool = _spool()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: whatever happens, it never returns into the caller's code
            try:
                die_with_parent(parent)
                os.close(read_end)
                _run_child(produce, write_end, spool)
            finally:
                os._exit(1)
        os.close(write_end)
        self.pid: int | None = pid
        self._parent = parent  # a later fork inherits this object: not its to stop
        self._lengths = os.fdopen(read_end, "rb")
        self._spool = spool
        self._offset = 0

    def __iter__(self) -> Iterator[Any]:
        try:
            while len(head := self._lengths.read(_LENGTH.size)) == _LENGTH.size:
                kind, value = pickle.loads(self._next_message(_LENGTH.unpack(head)[0]))
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

    def _next_message(self, size: int) -> bytes:
        parts = []
        while size:
            part = os.pread(self._spool, size, self._offset)
            if not part:
                raise RuntimeError(f"worker {self.pid} sent less than it said")
            parts.append(part)
            self._offset += len(part)
            size -= len(part)
        return b"".join(parts)

    def stop(self) -> None:
        """End the child (if it is still running) and reap it."""
        if self.pid is None or os.getpid() != self._parent:
            return
        pid, self.pid = self.pid, None
        self._lengths.close()
        os.close(self._spool)
        try:
            os.kill(pid, signal.SIGKILL)  # a finished child may not have exited yet
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass  # already reaped

    def __del__(self) -> None:
        self.stop()


def _prctl() -> Callable[..., int] | None:
    """The C library's ``prctl`` (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a forked child: be killed when the process ``parent`` (which forked it) ends, as
    a worker must not outlive a killed run (it would go on writing into the output's
    staging folder). Asked of the kernel (``PR_SET_PDEATHSIG``), then checked: a parent
    that died before the request leaves the child adopted by another, and it exits."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _spool() -> int:
    """A file descriptor of an unnamed file, in memory where the system allows."""
    try:
        return os.memfd_create("briefbook-forked", os.MFD_CLOEXEC)
    except (AttributeError, OSError):
        with tempfile.TemporaryFile() as temporary:
            return os.dup(temporary.fileno())


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _run_child(produce: Callable[[], Iterable[Any]], lengths: int, spool: int) -> None:
    def send(message: tuple[str, Any]) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(spool, data)  # first the message, then its length: the parent then reads it
        _write_all(lengths, _LENGTH.pack(len(data)))

    try:
        try:
            for value in produce():
                send(("value", value))
            outcome: tuple[str, Any] = ("done", None)
        except BriefbookError as error:  # meant for the user: raised as it is
            outcome = ("error", error)
        except BaseException:  # noqa: BLE001 - a bug: the parent shows the traceback
            outcome = ("crash", traceback.format_exc())
        send(outcome)
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
