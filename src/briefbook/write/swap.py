"""Putting a new tree in the place of the output folder in one step.

On Linux, ``renameat2(..., RENAME_EXCHANGE)`` (:mod:`briefbook.write.exchange`, which
``briefbook build`` uses for the site too) swaps the names of two folders atomically: a
reader of the output folder finds the old tree or the new one, never neither, and never
a mix. Where the system or the file system cannot exchange (another system, an old
kernel, a file system without the flag), :func:`swap` falls back on two renames, with a
moment in which the folder is missing; a run killed in that moment leaves the old tree
at ``aside``, which the next run puts back (:mod:`briefbook.write.leftovers`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from briefbook.write.exchange import exchange
from briefbook.write.manifest import MANIFEST


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
