"""The site is built beside its folder and swapped in whole (``briefbook build``, with
either engine: nothing here knows which one builds).

An engine empties its site folder before it writes the new site (MkDocs does), so a
build that is killed, or fails on content, in a plugin or on a full disk, would leave
a half-written or empty site. :func:`staged` hands the engine a new folder beside the
target instead, ``.<name>.new-<pid>`` in the same parent (one file system: a rename
there is atomic), and puts it in place only when the build has succeeded:

* on Linux, ``renameat2(RENAME_EXCHANGE)`` (:mod:`briefbook.write.swap`, as for the
  generated folder) swaps the two folders in one step: at every moment the site's path
  holds the whole old site or
  the whole new one. The site stays a plain folder; a symlink flip would also be atomic
  but would turn it into a link, which copying and deployment tools treat differently;
* where the system cannot exchange, two renames: the old site moves to
  ``.<name>.old-<pid>``, then the new one into place. A kill between the two leaves the
  old site beside its path, and the next build puts it back before anything else.

The old tree is deleted after the swap. A failed build deletes its new folder; a killed
one leaves it, and the next build deletes the leftovers of every run whose process is
gone (those of a live one, a build running beside this one, are left alone).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from briefbook.errors import UsageError
from briefbook.write.swap import swap


def site_folder(site_dir: str | Path) -> Path:
    """The folder the site goes to: the real path (through symlinks) of ``site_dir``."""
    target = Path(os.path.realpath(site_dir))
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder: the site cannot be built there")
    return target


def _alive(pid: int) -> bool:
    if pid == os.getpid():  # a run before this one that had the same pid: gone
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)


def _remove_old(path: Path) -> None:
    """Delete the site a swap replaced; what cannot be deleted now goes at the next build."""
    with suppress(OSError):
        _remove(path)


def clear_leftovers(target: Path) -> None:
    """Delete the new and old folders of runs that are gone; put back a site that a kill
    between two renames left beside its path."""
    if not target.parent.is_dir():
        return
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(new|old)-([1-9][0-9]*)")
    for path in sorted(target.parent.iterdir()):
        match = pattern.fullmatch(path.name)
        if match is None or _alive(int(match[2])):
            continue
        if match[1] == "old" and not target.exists():
            path.rename(target)
        else:
            _remove(path)


def swap_in(staging: Path, target: Path) -> None:
    """Put the built ``staging`` folder at ``target``, atomically, and delete the old site
    (which :func:`~briefbook.write.swap.swap` leaves under ``staging``'s name)."""
    swap(staging, target, target.with_name(f".{target.name}.old-{os.getpid()}"))
    _remove_old(staging)


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new folder beside ``target`` to build into: swapped in when the block succeeds,
    deleted when it raises (or is interrupted) or cannot be swapped in."""
    clear_leftovers(target)
    staging = target.with_name(f".{target.name}.new-{os.getpid()}")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield staging
        swap_in(staging, target)
    except BaseException:
        with suppress(OSError):
            _remove(staging)
        raise
