"""Stage 5, write: put the rendered pages on disk, changing only what changed.

The output folder is owned by briefbook: a manifest lists every file it wrote.
A write builds a complete new tree beside the old one (hard-linking files whose
bytes did not change, so they keep their modification time), then swaps the two
folders with renames. A run that fails leaves the previous output as it was, and
a folder holding files briefbook did not write is never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError

MANIFEST = ".briefbook-manifest.json"


@dataclass
class WriteReport:
    """What a write did, by relative path."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)
    """SHA-256 of every file now in the folder, by relative path."""

    @property
    def changed(self) -> bool:
        """True when any file was written or deleted."""
        return bool(self.written or self.deleted)


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Files a previous write recorded, with their SHA-256; empty for a new folder.

    Raises OutputError when the folder exists, is not empty and has no manifest,
    or holds files the manifest does not list.
    """
    if not out_dir.exists():
        return {}
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is not a folder")
    manifest_path = out_dir / MANIFEST
    present = sorted(
        p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if not p.is_dir()
    )
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


def _check_relative(path: str) -> None:
    parts = path.split("/")
    if path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
        raise OutputError(f"refusing to write outside the output folder: {path!r}")


def _size(path: Path) -> int:
    """Size of a regular file; -1 when it is missing or not a file (a cheap check that the
    file still holds what the manifest says: the same stat call is_file() would make)."""
    try:
        info = path.stat()
    except OSError:
        return -1
    return info.st_size if stat.S_ISREG(info.st_mode) else -1


def write_pages(
    pages: dict[str, str | bytes], out_dir: Path, previous: dict[str, str] | None = None
) -> WriteReport:
    """Make ``out_dir`` hold exactly ``pages``; unchanged files keep bytes and mtime.

    ``previous`` is the folder's manifest when the caller has just read it.
    """
    if previous is None:
        previous = read_manifest(out_dir)
    report = WriteReport()
    encoded: dict[str, bytes] = {}
    digests: dict[str, str] = {}
    for path, content in pages.items():
        _check_relative(path)
        encoded[path] = content.encode("utf-8") if isinstance(content, str) else content
        digests[path] = hashlib.sha256(encoded[path]).hexdigest()
    report.digests = digests
    for path in sorted(encoded):
        if previous.get(path) == digests[path] and _size(out_dir / path) == len(encoded[path]):
            report.unchanged.append(path)
        else:
            report.written.append(path)
    report.deleted = sorted(set(previous) - set(encoded))
    if not report.changed and (out_dir / MANIFEST).exists():
        return report

    parent = out_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{out_dir.name}.new"
    retired = parent / f".{out_dir.name}.old"
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    unchanged = set(report.unchanged)
    try:
        created_dirs: set[Path] = set()
        for path in sorted(encoded):
            target = staging / path
            if target.parent not in created_dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                created_dirs.add(target.parent)
            if path in unchanged:
                os.link(out_dir / path, target)
            else:
                target.write_bytes(encoded[path])
        manifest = {"files": {path: digests[path] for path in sorted(digests)}}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=0), "utf-8")
        if out_dir.exists():
            out_dir.rename(retired)
        staging.rename(out_dir)
    except BaseException:
        if retired.exists() and not out_dir.exists():
            retired.rename(out_dir)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return report
