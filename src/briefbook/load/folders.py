"""Finding the brief files: the walk of the briefs folder, and the paths diagnostics show.

Brief ids come from paths (``meeting/2024-astana.yml`` is ``meeting/2024-astana``), so
this is also where ids are checked: characters, duplicates (``x.yml`` beside
``x.yaml``), symbolic links. A live preview keeps what it found in each folder under
the folder's signature: adding, removing or renaming a file changes it, so a folder
whose signature is unchanged holds the same files and is not listed again.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.errors import Diagnostics
from briefbook.incremental.signatures import Signature, settled_signature, signature

SOURCES_FILE = "_sources"
BRIEF_SUFFIXES = (".yml", ".yaml")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")


@functools.lru_cache(maxsize=256)
def _resolved(folder: str) -> Path:
    # Folders are resolved once: files of one folder share the answer.
    return Path(folder).resolve()


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it.

    Only the folder is resolved, never the file itself: a symbolic link is reported
    under its own name, not its target's."""
    cwd = _resolved(os.getcwd())
    for candidate in (Path(os.path.abspath(path)), _resolved(str(path.parent)) / path.name):
        try:
            return candidate.relative_to(cwd).as_posix()
        except ValueError:
            continue
    return str(path)


def file_id(relative: Path) -> str:
    """The brief id of a path relative to the briefs folder: no extension, ``/`` separators."""
    return relative.with_suffix("").as_posix()


@dataclass
class _Listing:
    """What one folder holds: its subfolders and its brief files, each as (path, id)."""

    subfolders: list[tuple[str, str]]
    files: list[tuple[str, str]]


@dataclass
class KeptFolders:
    """What a live preview found in each folder of the briefs folder at its last run."""

    listings: dict[str, tuple[Signature, _Listing]] = field(default_factory=dict)
    """By folder path: its signature when listed (settled), and what it held."""
    found: tuple[tuple[Signature | None, ...], list[tuple[str, str]], Path | None] | None = None
    """The last result, with the signature of every folder it was found in, in order."""


def discover(
    briefs_dir: Path, diagnostics: Diagnostics, kept: KeptFolders | None = None,
) -> tuple[list[tuple[str, str]], Path | None]:
    """List brief files (path, id) in a stable order, and the sources registry if present.

    Paths are text (a Path object for each of thousands of files costs more than
    finding them); the registry's is a Path. With ``kept`` (a live preview's, updated
    here), a folder whose signature is the one recorded there is not listed again; a
    folder changed within a clock tick of being listed, or where anything was wrong
    (a link, a bad or duplicated id), is always listed again."""
    root = briefs_dir.resolve()
    found: dict[str, str] = {}
    sources: Path | None = None
    visited: list[str] = []
    signatures: list[Signature | None] = []
    all_kept = kept is not None
    folders: list[tuple[str, str]] = [(str(briefs_dir), "")]
    while folders:
        folder, prefix = folders.pop()
        listing = None
        if kept is not None:
            now = signature(folder)
            visited.append(folder)
            signatures.append(now)
            record = kept.listings.get(folder)
            if record is not None and now is not None and record[0] == now:
                listing = record[1]
        if listing is None:
            all_kept = False
            listing = _list(folder, prefix, root, diagnostics, kept)
        folders.extend(reversed(listing.subfolders))
        for path, ident in listing.files:
            if ident == SOURCES_FILE:
                sources = Path(path)
            else:
                found[ident] = path
    if kept is None:
        return [(found[k], k) for k in sorted(found)], sources
    # Every folder as kept, and the same folders as last run: the same files.
    if all_kept and kept.found is not None and kept.found[0] == tuple(signatures):
        return kept.found[1], kept.found[2]
    for gone in kept.listings.keys() - set(visited):
        del kept.listings[gone]
    result = [(found[k], k) for k in sorted(found)]
    kept.found = (tuple(signatures), result, sources)
    return result, sources


def _list(folder: str, prefix: str, root: Path, diagnostics: Diagnostics,
          kept: KeptFolders | None) -> _Listing:
    """List one folder; with ``kept``, remember the listing if nothing in it was wrong."""
    settled = settled_signature(folder) if kept is not None else None  # before listing
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
            problems.error(display_path(Path(entry.path)), 1, 1,
                           duplicate.format(other=display_path(Path(seen[ident]))))
            continue
        if ident != SOURCES_FILE and not ID_PATTERN.match(ident):
            problems.error(display_path(Path(entry.path)), 1, 1,
                           f"invalid brief id '{ident}': use lower-case letters, digits, "
                           "'-' and '_' in file and folder names")
            continue
        seen[ident] = entry.path
        files.append((entry.path, ident))
    listing = _Listing(subfolders, files)
    diagnostics.extend(problems)
    if kept is not None:
        if settled is not None and not list(problems):
            kept.listings[folder] = (settled, listing)
        else:
            kept.listings.pop(folder, None)
    return listing
