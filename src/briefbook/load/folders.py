"""Finding the brief files: the walk of the briefs folder, and the paths diagnostics show.

Brief ids come from paths (``meeting/2024-astana.yml`` is ``meeting/2024-astana``), so
this is also where ids are checked: characters (an invisible one is also named, see
:mod:`briefbook.load.invisible`), duplicates (``x.yml`` beside ``x.yaml``), symbolic
links. A live preview lists again only folders that changed
(:mod:`briefbook.incremental.folders`).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from briefbook.errors import Diagnostics
from briefbook.load.invisible import invisible_in, warning
from briefbook.load.safeyaml import one_line

SOURCES_FILE = "_sources"
BRIEF_SUFFIXES = (".yml", ".yaml")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")


@functools.lru_cache(maxsize=256)
def _resolved(folder: str) -> Path:
    # Folders are resolved once: files of one folder share the answer. Only absolute
    # paths come here, so the answer does not depend on the working directory.
    return Path(folder).resolve()


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it.

    Only the folder is resolved, never the file itself: a symbolic link is reported
    under its own name, not its target's."""
    cwd = _resolved(os.getcwd())
    for candidate in (Path(os.path.abspath(path)),
                      _resolved(os.path.abspath(path.parent)) / path.name):
        try:
            return candidate.relative_to(cwd).as_posix()
        except ValueError:
            continue
    return str(path)


def file_id(relative: Path) -> str:
    """The brief id of a path relative to the briefs folder: no extension, ``/`` separators."""
    return relative.with_suffix("").as_posix()


@dataclass
class Listing:
    """What one folder holds: its subfolders and its brief files, each as (path, id), and
    whether anything in it was wrong (a link, a bad or duplicated id)."""

    subfolders: list[tuple[str, str]]
    files: list[tuple[str, str]]
    clean: bool = True


def discover(briefs_dir: Path, diagnostics: Diagnostics
             ) -> tuple[list[tuple[str, str]], Path | None]:
    """List brief files (path, id) in a stable order, and the sources registry if present.

    Paths are text (a Path object for each of thousands of files costs more than
    finding them); the registry's is a Path."""
    root = briefs_dir.resolve()
    found: dict[str, str] = {}
    sources: Path | None = None
    folders: list[tuple[str, str]] = [(str(briefs_dir), "")]
    while folders:
        folder, prefix = folders.pop()
        listing = list_folder(folder, prefix, root, diagnostics)
        folders.extend(reversed(listing.subfolders))
        sources = gather(listing, found, sources)
    return [(found[k], k) for k in sorted(found)], sources


def gather(listing: Listing, found: dict[str, str], sources: Path | None) -> Path | None:
    """Add a folder's brief files to ``found`` (id → path); the registry, if it is there."""
    for path, ident in listing.files:
        if ident == SOURCES_FILE:
            sources = Path(path)
        else:
            found[ident] = path
    return sources


def list_folder(folder: str, prefix: str, root: Path, diagnostics: Diagnostics) -> Listing:
    """List one folder of the briefs folder (``root``, resolved); ids start with ``prefix``."""
    problems = Diagnostics()
    # os.scandir, not pathlib: its entries know whether they are links without a stat call,
    # which matters at thousands of briefs.
    with os.scandir(folder) as entries:
        listed = sorted(entries, key=lambda e: e.name)
    subfolders, candidates = [], []
    for entry in listed:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            subfolders.append((entry.path, f"{prefix}{entry.name}/"))
        elif entry.is_dir():  # a link to a folder
            problems.error(display_path(Path(entry.path)), 1, 1,
                           "symbolic links are not allowed under the briefs folder")
        elif entry.name.endswith(BRIEF_SUFFIXES):
            candidates.append(entry)
    files = _brief_files(candidates, prefix, root, problems)
    diagnostics.extend(problems)
    return Listing(subfolders, files, clean=not list(problems))


def _brief_files(candidates: list[os.DirEntry[str]], prefix: str, root: Path,
                 problems: Diagnostics) -> list[tuple[str, str]]:
    # .yml before .yaml, so that of a duplicated id the .yml file is the one kept.
    candidates.sort(key=lambda e: (e.name.rpartition(".")[0], not e.name.endswith(".yml"),
                                   e.name))
    files: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for entry in candidates:
        if entry.is_symlink():
            path = Path(entry.path)
            target = path.resolve()
            inside = target.is_relative_to(root)
            where = "" if inside else f" (this one points outside it, to {target})"
            problems.error(display_path(path), 1, 1,
                           "symbolic links are not allowed under the briefs folder" + where)
            continue
        # Ids only collide within a folder: the folder's path is part of each id.
        ident = prefix + entry.name.rpartition(".")[0]
        if ident in seen:
            duplicate = ("duplicate sources registry: {other} exists too; keep one"
                         if ident == SOURCES_FILE else
                         f"duplicate brief id '{ident}': {{other}} has it too; keep one")
            problems.error(_shown(entry.path), 1, 1,
                           one_line(duplicate.format(other=display_path(Path(seen[ident])))))
            continue
        if ident != SOURCES_FILE and not ID_PATTERN.match(ident):
            _report_invalid_id(entry.path, ident, problems)
            continue
        seen[ident] = entry.path
        files.append((entry.path, ident))
    return files


def _shown(path: str) -> str:
    """A brief file's path as a diagnostic shows it: invisible characters in its name
    escaped, so that the diagnostic reads in the order it is written."""
    return one_line(display_path(Path(path)))


def _report_invalid_id(path: str, ident: str, problems: Diagnostics) -> None:
    where = _shown(path)
    problems.error(where, 1, 1, one_line(f"invalid brief id '{ident}': use lower-case "
                                         "letters, digits, '-' and '_' in file and folder "
                                         "names"))
    hidden = invisible_in(ident)
    if hidden:
        problems.warning(where, 1, 1, warning("the file name", hidden, left_out=False))
