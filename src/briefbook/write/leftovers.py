"""What dead runs left beside the output folder, deleted at the next start.

A run killed at the wrong moment leaves files beside the output folder: scratch files
of large pages (``.<name>.<pid>.<n>.part``), files on their way out
(``.<name>.replaced.<pid>.<hex>.old``), and, from older versions of briefbook, a page
written beside (``.<name>.<pid>.page``) and staging and retired trees (``.<name>.new``,
``.<name>.old``). :func:`clean` deletes them. It is called by a run that holds the
folder's lock (:mod:`briefbook.write.lock`), so no live run is writing any of them:
a run's forked workers hold the lock too, and die with it. A tree a run killed
between two renames left at ``.<name>.old`` (where folders cannot be exchanged in one
step: :mod:`briefbook.write.swap`) is put back when the output folder is missing.

Names are matched exactly (digits where a process id is), so the files of another
output folder in the same place (``generated.x`` beside ``generated``) are not touched.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefbook.write.swap import discard


def _leftover(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}\.(?:\d+\.\d+\.part|\d+\.page"
                      r"|replaced\.\d+\.[0-9a-f]+\.old|new|old)\Z")


def clean(out_dir: Path) -> None:
    """Delete what dead runs left beside ``out_dir`` (see the module docstring); the
    caller holds the folder's lock. Anything it cannot delete is left for the next."""
    aside = out_dir.parent / f".{out_dir.name}.old"
    if not os.path.lexists(out_dir) and aside.is_dir() and not aside.is_symlink():
        os.rename(aside, out_dir)  # the output of the run before, a whole tree
    pattern = _leftover(out_dir.name)
    try:
        with os.scandir(out_dir.parent) as entries:
            found = [Path(entry.path) for entry in entries if pattern.match(entry.name)]
    except OSError:
        return
    for path in found:
        try:
            discard(path)
        except OSError:
            pass
