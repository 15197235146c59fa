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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError

MANIFEST = ".briefbook-manifest.json"


@dataclass(frozen=True)
class Hashed:
    """A page's bytes with their SHA-256, already computed (kept from an earlier run)."""

    data: bytes
    sha256: str


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


class TreeWriter:
    """Builds the new output tree page by page, so no more than one page is held at a time.

    Pages go into a staging folder beside ``out_dir`` (made at the first page whose
    bytes differ from the file already there; unchanged files are hard-linked into
    it). :meth:`finish` swaps it in; leaving the ``with`` block on an exception
    removes it and leaves ``out_dir`` as it was.
    """

    def __init__(self, out_dir: Path, previous: dict[str, str] | None = None) -> None:
        self.out_dir = out_dir
        self.previous = read_manifest(out_dir) if previous is None else previous
        self.report = WriteReport()
        self._staging: Path | None = None
        self._scratch: Path | None = None
        self._made_dirs: set[Path] = set()

    def __enter__(self) -> TreeWriter:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None and self._scratch is not None:
            self._scratch.unlink(missing_ok=True)
        if error is not None and self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)

    def add(self, path: str, content: str | bytes | Hashed | Iterable[bytes],
            sha256: str | None = None) -> None:
        """One page of the new tree (``sha256``: its digest, when the caller has it).

        ``content`` may be an iterable of byte strings, for a file too large to hold
        whole: it is hashed while written to a scratch file beside the output."""
        _check_relative(path)
        if path in self.report.digests:
            raise OutputError(f"page written twice: {path!r}")
        if isinstance(content, Hashed):
            content, sha256 = content.data, content.sha256
        if not isinstance(content, (str, bytes)):
            self._add_pieces(path, content)
            return
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.report.digests[path] = sha256 or hashlib.sha256(data).hexdigest()
        if self._unchanged(path, len(data)):
            return
        self._target(path).write_bytes(data)

    def _add_pieces(self, path: str, pieces: Iterable[bytes]) -> None:
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        scratch = self._scratch = self.out_dir.parent / f".{self.out_dir.name}.{os.getpid()}.part"
        hasher, size = hashlib.sha256(), 0
        with scratch.open("wb") as stream:
            for piece in pieces:
                hasher.update(piece)
                size += stream.write(piece)
        self.report.digests[path] = hasher.hexdigest()
        if self._unchanged(path, size):
            scratch.unlink()
        else:
            os.replace(scratch, self._target(path))
        self._scratch = None

    def _unchanged(self, path: str, size: int) -> bool:
        """Record the page as unchanged (linking the old file) if its digest and size are
        the old file's; else as written, with the staging folder ready for it."""
        if self.previous.get(path) == self.report.digests[path] \
                and _size(self.out_dir / path) == size:
            self.report.unchanged.append(path)
            if self._staging is not None:
                os.link(self.out_dir / path, self._target(path))
            return True
        self.report.written.append(path)
        self._open_staging()
        return False

    def stage_now(self) -> None:
        """Make the staging folder now, before worker processes add pages to it."""
        self._open_staging()

    def added_since(self, mark: tuple[int, int]) -> list[tuple[str, str, bool]]:
        """(path, digest, written) of the pages added after ``mark`` (see :meth:`mark`)."""
        return [*((p, self.report.digests[p], True) for p in self.report.written[mark[0]:]),
                *((p, self.report.digests[p], False) for p in self.report.unchanged[mark[1]:])]

    def mark(self) -> tuple[int, int]:
        """A point to ask :meth:`added_since` about."""
        return len(self.report.written), len(self.report.unchanged)

    def merge(self, added: list[tuple[str, str, bool]]) -> None:
        """Record pages another process put in the staging folder (from its added_since)."""
        for path, sha256, written in added:
            if path in self.report.digests:
                raise OutputError(f"page written twice: {path!r}")
            self.report.digests[path] = sha256
            (self.report.written if written else self.report.unchanged).append(path)

    def finish(self) -> WriteReport:
        """Swap the new tree in (when anything changed) and say what was done."""
        report = self.report
        report.deleted = sorted(set(self.previous) - set(report.digests))
        report.written.sort()
        report.unchanged.sort()
        if not report.changed and (self.out_dir / MANIFEST).exists():
            if self._staging is not None:
                shutil.rmtree(self._staging, ignore_errors=True)
                self._staging = None
            return report
        staging = self._open_staging()
        manifest = {"files": {path: report.digests[path] for path in sorted(report.digests)}}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=0), "utf-8")
        retired = self.out_dir.parent / f".{self.out_dir.name}.old"
        if retired.exists():
            shutil.rmtree(retired)
        if self.out_dir.exists():
            self.out_dir.rename(retired)
        try:
            staging.rename(self.out_dir)
        except BaseException:
            if retired.exists() and not self.out_dir.exists():
                retired.rename(self.out_dir)
            raise
        self._staging = None
        shutil.rmtree(retired, ignore_errors=True)
        return report

    def _open_staging(self) -> Path:
        """The staging folder, made (with links to the unchanged pages so far) on first use."""
        if self._staging is None:
            parent = self.out_dir.parent
            parent.mkdir(parents=True, exist_ok=True)
            staging = parent / f".{self.out_dir.name}.new"
            if staging.exists():
                shutil.rmtree(staging)
            staging.mkdir()
            self._staging = staging
            for path in self.report.unchanged:
                os.link(self.out_dir / path, self._target(path))
        return self._staging

    def _target(self, path: str) -> Path:
        assert self._staging is not None
        target = self._staging / path
        if target.parent not in self._made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(target.parent)
        return target

