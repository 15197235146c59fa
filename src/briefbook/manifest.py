"""The manifest of an output folder: every file briefbook wrote there, with its SHA-256.

The write stage (:mod:`briefbook.write`) reads it to tell what changed and to refuse
a folder holding files it did not write. A write that replaces files in place (a
few pages changed) leaves a marker beside the folder until its new manifest is in
place: a run that finds the marker knows the last write was interrupted, trusts
nothing the manifest says and rewrites the whole folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import OutputError

MANIFEST = ".briefbook-manifest.json"


def interrupted_marker(out_dir: Path) -> Path:
    """The file that stands beside ``out_dir`` while files in it are replaced in place."""
    return out_dir.parent / f".{out_dir.name}.writing"


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Files a previous write recorded, with their SHA-256; empty for a new folder.

    Raises OutputError when the folder exists, is not empty and has no manifest,
    or holds files the manifest does not list.
    """
    if not out_dir.exists():
        return {}
    if interrupted_marker(out_dir).exists():
        return {}  # an interrupted write: its manifest is not to be trusted
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is not a folder")
    manifest_path = out_dir / MANIFEST
    present = sorted(_files_below(out_dir))
    if not manifest_path.exists():
        if present:
            raise OutputError(
                f"{out_dir} holds files briefbook did not write "
                f"(no {MANIFEST}); refusing to touch it"
            )
        return {}
    try:
        recorded = dict(json.loads(manifest_path.read_text("utf-8"))["files"])
    except (ValueError, KeyError, TypeError) as exc:
        raise OutputError(f"{manifest_path} is damaged: {exc}") from exc
    foreign = sorted(set(present) - set(recorded) - {MANIFEST})
    if foreign:
        listed = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise OutputError(f"{out_dir} holds files briefbook did not write: {listed}")
    return recorded


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
    manifest = {"files": {name: digests[name] for name in sorted(digests)}}
    path.write_text(json.dumps(manifest, indent=0), "utf-8")
