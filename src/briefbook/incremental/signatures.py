"""File signatures: telling that a file is unchanged from one ``stat`` call, as git does.

A live preview trusts a file whose signature is the one it recorded when it last read
it, instead of reading it again; a file changed too recently to be trusted this way
(the "racy" window) is read again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

Signature = tuple[int, int, int, int]
"""(inode, size, modification and change times in ns) of a file."""

RACY_NS = 2_000_000_000
"""A file changed this recently may change again within the same timestamp tick, and
with the same size, without its signature showing it (git calls this "racy"): the
tick of a file system that keeps whole seconds (FAT's is two)."""
FINE_RACY_NS = 100_000_000
"""The same for a file whose times have fractions of a second: its file system keeps
them finely (Linux ticks every 1 to 10 ms)."""


def signature(path: str | Path) -> Signature | None:
    """Identity of a file's current contents, as far as a stat call can tell (None when
    it cannot be stat'ed)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def settled_signature(path: str | Path) -> Signature | None:
    """:func:`signature`, to be trusted later in place of reading the file: None when the
    file was changed too recently for its signature to tell a further change
    (:data:`RACY_NS`, :data:`FINE_RACY_NS`), so that the next run reads it again."""
    found = signature(path)
    if found is None:
        return None
    coarse = found[2] % 1_000_000_000 == 0 and found[3] % 1_000_000_000 == 0
    if max(found[2], found[3]) > time.time_ns() - (RACY_NS if coarse else FINE_RACY_NS):
        return None
    return found
