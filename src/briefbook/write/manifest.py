"""The manifest of an output folder: every file briefbook wrote there, with its SHA-256.

The write stage (:mod:`briefbook.write.tree`) reads it to tell what changed and to refuse
a folder holding files it did not write. A write that replaces files in place (a
few pages changed) leaves a marker beside the folder until its new manifest is in
place: a run that finds the marker knows the last write was interrupted, trusts
nothing the manifest says and rewrites the whole folder.

:func:`still_holding` tells which files are still the ones the manifest records, so
that their pages need not be made again (a live preview tells it from file signatures:
:mod:`briefbook.incremental.outputs`).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from briefbook.errors import OutputError, io_failure, naming
from briefbook.load.files import digest

log = logging.getLogger("briefbook")

MANIFEST = ".briefbook-manifest.json"


_RELATIVE = re.compile(r"(?!\.\.?(?:/|\Z))[^/\\]+(?:/(?!\.\.?(?:/|\Z))[^/\\]+)*\Z")
"""A relative path below the folder: no leading, doubled or trailing ``/``, no ``.`` or
``..`` part, no backslash."""


def check_relative(path: str) -> None:
    """Refuse a path that is not a relative path below the output folder."""
    if not _RELATIVE.match(path):
        raise OutputError(f"refusing to write outside the output folder: {path!r}")


def interrupted_marker(out_dir: Path) -> Path:
    """The file that stands beside ``out_dir`` while files in it are replaced in place."""
    return out_dir.parent / f".{out_dir.name}.writing"


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Files a previous write recorded, with their SHA-256; empty for a new folder, and for
    one whose manifest cannot be true (damaged, or naming a path outside the folder): its
    files are then all made again, with a one-line note.

    Raises OutputError when the folder exists, is not empty and has no manifest,
    or holds files the manifest does not list.
    """
    if not out_dir.exists():
        return {}
    if interrupted_marker(out_dir).exists():
        return {}  # an interrupted write: its manifest is not to be trusted
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is not a folder: move it away, or choose "
                          "another output folder")
    manifest_path = out_dir / MANIFEST
    try:
        present = sorted(_files_below(out_dir))
        text = manifest_path.read_bytes() if manifest_path.exists() else None
    except OSError as error:
        raise io_failure(error, "read") from None
    if text is None:
        if present:
            raise OutputError(
                f"{out_dir} holds files briefbook did not write "
                f"(no {MANIFEST}); refusing to touch it"
            )
        return {}
    recorded, problem = _recorded(text)
    if problem:
        log.warning("briefbook: note: %s %s; rewriting %s from scratch", manifest_path,
                    problem, out_dir)
        return {}
    foreign = sorted(set(present) - set(recorded) - {MANIFEST})
    if foreign:
        listed = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise OutputError(f"{out_dir} holds files briefbook did not write: {listed}")
    return recorded


def _recorded(text: bytes) -> tuple[dict[str, str], str]:
    """The files a manifest lists, or what makes it untrue."""
    try:
        files = json.loads(text)["files"]
    except (ValueError, KeyError, TypeError):
        return {}, "is damaged"
    if not isinstance(files, dict):
        return {}, "is damaged"
    return cast(dict[str, str], files), problem_of(files)


def problem_of(files: dict[str, object]) -> str:
    """What makes a manifest's list of files untrue (empty when nothing does): a path that
    is not a plain relative path below the folder, a path that is both a file and a
    folder, the manifest itself, or a value that is not a SHA-256. Checked with a few
    passes over joined strings: a 5,000-brief site lists 7,000 files on every save."""
    if not files:
        return ""
    names = "\n".join(files)
    parts = f"\n{names.replace('/', chr(10))}\n"
    if names.count("\n") != len(files) - 1 or "\\" in names or "\0" in names \
            or "\n\n" in parts or "\n.\n" in parts or "\n..\n" in parts:
        return "lists a path outside the folder"
    if MANIFEST in files or not _folders(files).isdisjoint(files):
        return "lists a path that cannot be a file"
    digests = list(files.values())
    try:
        joined = "".join(cast(list[str], digests))
    except TypeError:
        return "is damaged"
    if set(map(len, digests)) != {64} or not _HEX.fullmatch(joined):  # type: ignore[arg-type]
        return "is damaged"
    return ""


_HEX = re.compile(r"[0-9a-f]*")


def _folders(paths: Iterable[str]) -> set[str]:
    """Every folder above the paths (relative to the output folder)."""
    folders: set[str] = set()
    for parent in {path.rpartition("/")[0] for path in paths}:
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return folders


def _files_below(folder: Path) -> list[str]:
    """Every file (or link, or anything not a folder) below ``folder``, as relative posix paths."""
    found: list[str] = []
    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    found.append(prefix + entry.name)
    return found


def write_manifest(path: Path, digests: dict[str, str]) -> None:
    """Write the manifest listing ``digests`` (by relative path) to ``path``."""
    files = json.dumps({name: digests[name] for name in sorted(digests)}, separators=(",\n", ": "))
    # What json.dumps(..., indent=0) writes, made by the C encoder (indent= is pure Python).
    body = f"{{\n{files[1:-1]}\n}}" if digests else "{}"
    with naming(path):
        path.write_text(f'{{\n"files": {body}\n}}', "utf-8")


def still_holding(out_dir: Path, recorded: dict[str, str]) -> dict[str, str]:
    """Of the files in ``recorded`` (path → SHA-256 the manifest records), those that still
    hold those bytes (a file edited by hand or gone must be made again)."""
    return {path: sha256 for path, sha256 in recorded.items()
            if holds(os.path.join(out_dir, path), sha256)}


def holds(file: str, sha256: str) -> bool:
    """Whether ``file`` holds bytes of that SHA-256."""
    try:
        with open(file, "rb") as stream:
            return digest(stream.read()) == sha256
    except OSError:
        return False
