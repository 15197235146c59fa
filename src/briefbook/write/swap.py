"""Putting a new tree in the place of the output folder in one step.

On Linux, ``renameat2(..., RENAME_EXCHANGE)`` (called through ctypes: Python has no
binding) swaps the names of two folders atomically: a reader of the output folder finds
the old tree or the new one, never neither, and never a mix. Where the system or the
file system cannot exchange (another system, an old kernel, a file system without the
flag), :func:`swap` falls back on two renames, with a moment in which the folder is
missing; a run killed in that moment leaves the old tree at ``aside``, which the next
run puts back (:mod:`briefbook.write.leftovers`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from briefbook.write.manifest import MANIFEST

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_CANNOT = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}
"""What ``renameat2`` says where the kernel or the file system cannot exchange."""


def _renameat2() -> Callable[..., int] | None:
    """The C library's ``renameat2`` (glibc 2.28 and later), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap the names of two folders in one atomic step; False (and nothing done) where
    the system or the file system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                  _RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in _CANNOT:
        return False
    raise OSError(number, os.strerror(number), str(second))


def swap(new: Path, live: Path, aside: Path) -> None:
    """Put the folder ``new`` in the place of ``live``; the old ``live`` takes ``new``'s
    name (nothing does if there was no ``live``). ``aside``: a free name for the old tree
    where the two cannot be exchanged (see the module docstring)."""
    if not os.path.lexists(live):
        os.rename(new, live)
    elif not exchange(new, live):
        os.rename(live, aside)
        try:
            os.rename(new, live)
        except BaseException:
            os.rename(aside, live)
            raise
        os.rename(aside, new)


def discard(tree: Path) -> None:
    """Delete a tree written by briefbook, its manifest first: a tree half deleted (by a
    run killed meanwhile) is then never taken for a whole one."""
    if tree.is_symlink() or (os.path.lexists(tree) and not tree.is_dir()):
        tree.unlink()  # not a tree briefbook made: nothing to follow it into
        return
    try:
        (tree / MANIFEST).unlink(missing_ok=True)
    except OSError:
        return  # not deleted at all, then: still whole
    shutil.rmtree(tree, ignore_errors=True)
