"""Swapping two paths in one step: Linux's ``renameat2(RENAME_EXCHANGE)``.

Both names exist before, during and after the call: a reader of either path sees the
old tree or the new one, never neither. glibc's wrapper is recent, so the system call
is made by number through libc's ``syscall``. Where it is missing (another system or
architecture, an old kernel, a file system without exchange), :func:`exchange` says so
and the caller chooses what to do instead.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import sys
from pathlib import Path

RENAMEAT2 = {"x86_64": 316, "amd64": 316, "aarch64": 276, "arm64": 276}
"""The system call's number on the architectures that have it under Linux."""
AT_FDCWD = -100
RENAME_EXCHANGE = 2
UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM}
"""Errors that mean the kernel or the file system cannot exchange (not a failed swap)."""


def exchange(first: Path, second: Path) -> bool:
    """Swap the paths ``first`` and ``second`` (both must exist, on one file system).

    Returns False, having changed nothing, where the system cannot; raises OSError
    on any other failure (a missing path, two file systems).
    """
    number = RENAMEAT2.get(platform.machine().lower())
    if not sys.platform.startswith("linux") or number is None:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    result = libc.syscall(ctypes.c_long(number), ctypes.c_int(AT_FDCWD),
                          os.fsencode(first), ctypes.c_int(AT_FDCWD), os.fsencode(second),
                          ctypes.c_uint(RENAME_EXCHANGE))
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))
