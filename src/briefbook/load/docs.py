"""The hand-written pages: every file of the site's docs folder (``docs_dir``).

Generated pages join them in one site, so a brief whose page would take the address of
one of them is reported (see :mod:`briefbook.render.collisions`). Only the names are
read, never the files.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefbook.load.folders import display_path
from briefbook.load.safeyaml import one_line


def hand_written_pages(docs_dir: Path | None) -> list[tuple[str, str]]:
    """Every file below ``docs_dir`` as (path relative to it with ``/`` separators, path
    for diagnostics), sorted; none when there is no such folder. Names starting with
    ``.`` are left out, as MkDocs leaves them out."""
    if docs_dir is None or not docs_dir.is_dir():
        return []
    found: list[tuple[str, str]] = []
    for folder, subfolders, files in os.walk(docs_dir):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in files:
            if not name.startswith("."):
                path = Path(folder, name)
                found.append((path.relative_to(docs_dir).as_posix(),
                              one_line(display_path(path))))
    return sorted(found)
