"""One run at a time per output folder: an advisory lock on a file beside it.

:func:`holding` takes an exclusive ``flock`` on ``.<name>.lock`` in the folder's parent
(:func:`briefbook.pipeline.generate` holds it for the whole run, the live preview for
each regeneration). A second run waits, saying so in one line, or, told not to wait,
stops with an OutputError. The lock is the kernel's: it ends with the last process
holding it, so a killed run never leaves it taken, and forked workers, which inherit
it, keep it until they end too (they die with their parent: see
:mod:`briefbook.load.forking`). The file itself stays; it holds the id of the process
that last took it, for the message.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefbook.errors import OutputError, io_failure

log = logging.getLogger("briefbook")


def lock_file(out_dir: Path) -> Path:
    """The file whose lock stands for the output folder ``out_dir``."""
    return out_dir.parent / f".{out_dir.name}.lock"


@contextmanager
def holding(out_dir: Path, *, wait: bool = True) -> Iterator[None]:
    """Hold the lock of ``out_dir`` for the ``with`` block (see the module docstring)."""
    descriptor = _open(out_dir)
    try:
        _take(descriptor, out_dir, wait)
        try:  # who holds it, for a run that finds it taken; only a note, so never fatal
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass
        yield
    finally:
        os.close(descriptor)  # the lock ends with the last descriptor of it


def make_folder(folder: Path) -> None:
    """``folder`` and its parents, or one clear OutputError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        above = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()),
                     None)
        if above is not None:
            raise OutputError(f"cannot make {folder}: {above} is a file, not a folder; move "
                              "it away, or choose another output folder") from None
        raise io_failure(error, "make") from None


def _open(out_dir: Path) -> int:
    make_folder(out_dir.parent)
    try:
        return os.open(lock_file(out_dir), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as error:
        raise io_failure(error, "lock") from None


def _take(descriptor: int, out_dir: Path, wait: bool) -> None:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except OSError as error:
        if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
            raise io_failure(error, "lock") from None
    holder = _holder(descriptor)
    if not wait:
        raise OutputError(f"{out_dir} is being written by another briefbook run{holder}; "
                          "wait for it to finish, or run again without --no-wait")
    log.warning("briefbook: waiting for another run writing %s%s to finish", out_dir, holder)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    except OSError as error:
        raise io_failure(error, "lock") from None


def _holder(descriptor: int) -> str:
    """`` (process N)``: the process that holds the lock, as far as its file says."""
    try:
        text = os.pread(descriptor, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {text})" if text.isdigit() else ""
