"""Stage 5, write: put the rendered pages on disk, changing only what changed.

The output folder is owned by briefbook: a manifest (:mod:`briefbook.write.manifest`)
lists every file it wrote, and a folder holding files briefbook did not write is
never touched. Files whose bytes did not change keep their inode and modification
time. Nothing in the output folder is written into: the new tree is made in the spare
tree beside it (:mod:`briefbook.write.spare`: the output before last, so that only
what changed since is written or linked), then the two folders are swapped in one
step (:mod:`briefbook.write.swap`). A reader of the folder sees the old tree or the
new one, never a mix and never no folder; a run that fails or is killed leaves the
output as it was. Every input or output failure is one OutputError line.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.errors import OutputError, one_line_io
from briefbook.render.content import Hashed
from briefbook.write.lock import make_folder
from briefbook.write.manifest import (
    MANIFEST,
    check_relative,
    interrupted_marker,
    read_manifest,
)
from briefbook.write.scratch import (
    LARGE,
    BackgroundWrite,
    current_size,
    size_of,
    write_pieces,
)
from briefbook.write.spare import SpareTree
from briefbook.write.swap import swap


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


class TreeWriter:
    """Writes the new output tree page by page (see the module docstring).

    Changed pages go into the spare tree as they come (forked workers add theirs too:
    :meth:`stage_now` readies it before they start); :meth:`finish` links the unchanged
    ones into it and swaps it in. Leaving the ``with`` block on an exception drops what
    was written and leaves ``out_dir`` as it was.
    """

    def __init__(self, out_dir: Path, previous: dict[str, str] | None = None) -> None:
        self.out_dir = out_dir
        self.previous = read_manifest(out_dir) if previous is None else previous
        self.report = WriteReport()
        self._out = str(out_dir)
        self._spare = SpareTree(out_dir)
        self._scratch: Path | None = None
        self._pending: dict[str, BackgroundWrite] = {}
        # After an interrupted write (by an older briefbook, which replaced pages in
        # place) nothing in the folder is trusted: build it anew.
        self._rebuild = interrupted_marker(out_dir).exists()

    def __enter__(self) -> TreeWriter:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is None:
            return
        for job in self._pending.values():
            job.discard()
        self._pending.clear()
        try:
            if self._scratch is not None:
                self._scratch.unlink(missing_ok=True)
            self._spare.abandon()
        except OSError:
            pass  # the next run deletes what is left (write/leftovers.py, write/spare.py)

    @one_line_io
    def add(self, path: str, content: str | bytes | Hashed | Iterable[bytes]) -> None:
        """One page of the new tree (:class:`Hashed` when its digest is already known).

        ``content`` may be byte strings to join: a list of them, all in memory, or an
        iterator for a file too large to hold whole, hashed while written to a scratch
        file beside the output. A large page given whole (bytes or a list) is joined,
        hashed and written by a thread meanwhile (see :mod:`briefbook.write.scratch`)."""
        check_relative(path)
        if path in self.report.digests or path in self._pending:
            raise OutputError(f"page written twice: {path!r}")
        if isinstance(content, (bytes, list)) and size_of(content) >= LARGE:
            self._pending[path] = BackgroundWrite(content, self._scratch_file(), os.path.join(
                self._out, path), self.previous.get(path))
            return
        if isinstance(content, list):
            content = b"".join(content)
        if not isinstance(content, (str, bytes, Hashed)):
            scratch = self._scratch = self._scratch_file()
            self.report.digests[path], size = write_pieces(content, scratch)
            if self._unchanged(path, size):
                scratch.unlink()
            else:
                self._place(path, scratch)
            self._scratch = None
            return
        if isinstance(content, Hashed):
            data, self.report.digests[path] = content.data, content.sha256
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            self.report.digests[path] = hashlib.sha256(data).hexdigest()
        if not self._unchanged(path, len(data)):
            self._place(path, data)

    def _scratch_file(self) -> Path:
        make_folder(self.out_dir.parent)
        number = len(self.report.digests) + len(self._pending)
        return self.out_dir.parent / f".{self.out_dir.name}.{os.getpid()}.{number}.part"

    def _settle_pending(self) -> None:
        """Wait for the pages being written in the background, and record them."""
        for path, job in sorted(self._pending.items()):
            self.report.digests[path], written = job.result()
            if written:
                self._place(path, job.scratch)
            else:
                self.report.unchanged.append(path)
        self._pending.clear()

    def keep(self, pages: dict[str, str]) -> None:
        """Pages (path → SHA-256) whose files the caller knows still hold the bytes the
        manifest records: kept as they are, without being read."""
        digests = self.report.digests
        for path, sha256 in pages.items():
            check_relative(path)
            if path in digests:
                raise OutputError(f"page written twice: {path!r}")
            if self.previous.get(path) != sha256:
                raise OutputError(f"{path!r} is not the page the manifest records")
        digests.update(pages)
        self.report.unchanged.extend(pages)

    def _unchanged(self, path: str, size: int) -> bool:
        """Record the page as unchanged if its digest and size are the old file's."""
        if self.previous.get(path) == self.report.digests[path] \
                and current_size(os.path.join(self._out, path)) == size:
            self.report.unchanged.append(path)
            return True
        return False

    def _place(self, path: str, item: bytes | Path) -> None:
        """A changed page, into the spare tree."""
        self.report.written.append(path)
        self._open_spare()
        self._spare.put(path, item)

    @one_line_io
    def stage_now(self) -> None:
        """Ready the spare tree now, before worker processes add pages to it."""
        self._open_spare()

    def _open_spare(self) -> None:
        if self._spare.opened:
            return
        if os.path.isdir(self.out_dir) and not os.access(self.out_dir, os.W_OK):
            raise OutputError(f"{self.out_dir} is read-only: make it writable, or choose "
                              "another output folder")
        make_folder(self.out_dir.parent)
        self._spare.open()

    def added_since(self, mark: tuple[int, int]) -> list[tuple[str, str, bool]]:
        """(path, digest, written) of the pages added after ``mark`` (see :meth:`mark`)."""
        return [*((p, self.report.digests[p], True) for p in self.report.written[mark[0]:]),
                *((p, self.report.digests[p], False) for p in self.report.unchanged[mark[1]:])]

    def mark(self) -> tuple[int, int]:
        """A point to ask :meth:`added_since` about."""
        return len(self.report.written), len(self.report.unchanged)

    def merge(self, added: list[tuple[str, str, bool]]) -> None:
        """Record pages another process put in the spare tree (from its added_since)."""
        for path, sha256, written in added:
            if path in self.report.digests:
                raise OutputError(f"page written twice: {path!r}")
            self.report.digests[path] = sha256
            (self.report.written if written else self.report.unchanged).append(path)

    @one_line_io
    def finish(self) -> WriteReport:
        """Put the new tree in place (when anything changed) and say what was done."""
        self._settle_pending()
        report = self.report
        report.deleted = sorted(set(self.previous) - set(report.digests))
        report.written.sort()
        report.unchanged.sort()
        if not report.changed and not self._rebuild and (self.out_dir / MANIFEST).exists():
            if self._spare.opened:  # readied for workers that changed nothing
                self._spare.complete(report.digests, set())
            return report
        self._open_spare()
        self._spare.complete(report.digests, set(report.written))
        swap(self._spare.path, self.out_dir, self.out_dir.parent / f".{self.out_dir.name}.old")
        # Done: the new tree is in place. What follows only tidies up, and cannot fail it.
        remade = [p for p in report.written if self.previous.get(p) == report.digests[p]]
        self._spare.swapped(self.previous, not self._rebuild, remade)
        if self._rebuild:
            try:
                interrupted_marker(self.out_dir).unlink(missing_ok=True)
            except OSError:
                pass  # the next run rewrites the folder once more
        return report
