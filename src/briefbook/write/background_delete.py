"""Replacing or deleting a large file without waiting for the file system.

Renaming a file over a large one cost 15–20 ms for the 21 MB export of a 5,000-brief
site, on every save in a live preview: ext4 writes the new file's data out before it
replaces an existing file (its ``auto_da_alloc`` safeguard), and frees the old one's
blocks. :func:`replace` moves the old file aside first, so that the new one takes a free
name (0.1 ms), and :func:`retire` deletes it in a background thread. The files written
here are in the spare tree (:mod:`briefbook.write.spare`), which no reader sees; what
a killed process leaves aside is deleted by the next run
(:mod:`briefbook.write.leftovers`).
"""

from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

LARGE = 1 << 20
"""Files at least this large are deleted in the background when replaced."""


def aside_name(folder: Path, prefix: str) -> Path:
    """A free name in ``folder`` for a file on its way out: ``prefix.<pid>.<hex>.old``."""
    return folder / f"{prefix}.{os.getpid()}.{secrets.token_hex(8)}.old"


def replace(source: Path, target: Path, spare_folder: Path, prefix: str) -> None:
    """``os.replace(source, target)``; a large old ``target`` is first moved aside, and
    deleted by a thread (:func:`retire`)."""
    try:
        large = os.stat(target).st_size >= LARGE
    except OSError:
        large = False
    if not large:
        os.replace(source, target)
        return
    spare = aside_name(spare_folder, prefix)
    os.rename(target, spare)
    try:
        os.rename(source, target)
    except BaseException:
        os.rename(spare, target)
        raise
    _delete_later(spare)


def retire(file: Path, spare_folder: Path, prefix: str) -> None:
    """Delete ``file``: at once when small, in a background thread when large (its name is
    free at once either way)."""
    try:
        large = os.lstat(file).st_size >= LARGE
    except FileNotFoundError:
        return
    if not large:
        os.unlink(file)
        return
    spare = aside_name(spare_folder, prefix)
    os.rename(file, spare)
    _delete_later(spare)


def _delete_later(file: Path) -> None:
    # Not a daemon: the interpreter waits for it at exit, so nothing is left behind.
    threading.Thread(target=_unlink_quietly, args=(file,), name="briefbook-delete").start()


def _unlink_quietly(file: Path) -> None:
    try:
        file.unlink(missing_ok=True)
    except OSError:
        pass  # the next run deletes what is left (write/leftovers.py)
