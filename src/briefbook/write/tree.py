"""Stage 5, write: put the rendered pages on disk, changing only what changed.

The output folder is owned by briefbook: a manifest (:mod:`briefbook.write.manifest`)
lists every file it wrote, and a folder holding files briefbook did not write is
never touched. Files whose bytes did not change are left alone, so they keep their
inode and modification time. Nothing is written until every page is rendered:
a run that fails leaves the previous output as it was.

Two ways to put the changes in place:

* a few changed pages (at most :data:`IN_PLACE_MAX`, the usual case after an edit):
  each is replaced by a rename, then the manifest. A marker beside the folder
  stands while this happens; should the run be killed half-way, the next run
  finds the marker and rewrites the whole folder the second way;
* more: a complete new tree is built beside the old one (unchanged files
  hard-linked into it), and the two folders are swapped with renames.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.errors import OutputError
from briefbook.render.content import Hashed
from briefbook.write import background_delete
from briefbook.write.manifest import (
    MANIFEST,
    check_relative,
    interrupted_marker,
    read_manifest,
    write_manifest,
)
from briefbook.write.scratch import (
    LARGE,
    BackgroundWrite,
    current_size,
    put,
    remove_empty_folders,
    size_of,
    write_pieces,
)

IN_PLACE_MAX = 64
"""Changed pages held in memory and replaced in place; more build a new tree."""


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

    Changed pages are held (up to :data:`IN_PLACE_MAX`) until :meth:`finish` replaces
    them in place; past that, a staging folder beside ``out_dir`` is made, with the
    unchanged files hard-linked into it, and :meth:`finish` swaps it in. Leaving the
    ``with`` block on an exception drops what was held or staged and leaves
    ``out_dir`` as it was.
    """

    def __init__(self, out_dir: Path, previous: dict[str, str] | None = None) -> None:
        self.out_dir = out_dir
        self.previous = read_manifest(out_dir) if previous is None else previous
        self.report = WriteReport()
        self._out = str(out_dir)
        self._held: dict[str, bytes | Path] = {}
        self._staging: Path | None = None
        self._scratch: Path | None = None
        self._pending: dict[str, BackgroundWrite] = {}
        self._made_dirs: set[Path] = set()
        # After an interrupted write nothing in the folder is trusted: build it anew.
        self._rebuild = interrupted_marker(out_dir).exists()

    def __enter__(self) -> TreeWriter:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is None:
            return
        for job in self._pending.values():
            job.discard()
        self._pending.clear()
        for item in [self._scratch, *self._held.values()]:
            if isinstance(item, Path):
                item.unlink(missing_ok=True)
        self._held.clear()
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)

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
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        number = len(self.report.digests) + len(self._pending)
        return self.out_dir.parent / f".{self.out_dir.name}.{os.getpid()}.{number}.part"

    def _settle_pending(self) -> None:
        """Wait for the pages being written in the background, and record them."""
        for path, job in sorted(self._pending.items()):
            self.report.digests[path], written = job.result()
            if written:
                self._place(path, job.scratch)
            else:
                self._record_unchanged(path)
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
        for path in pages:
            self._record_unchanged(path)

    def _unchanged(self, path: str, size: int) -> bool:
        """Record the page as unchanged if its digest and size are the old file's."""
        if self.previous.get(path) == self.report.digests[path] \
                and current_size(os.path.join(self._out, path)) == size:
            self._record_unchanged(path)
            return True
        return False

    def _record_unchanged(self, path: str) -> None:
        self.report.unchanged.append(path)
        if self._staging is not None:
            os.link(self.out_dir / path, self._target(path))

    def _place(self, path: str, item: bytes | Path) -> None:
        """A changed page: held for an in-place write while few enough, else staged."""
        self.report.written.append(path)
        if self._staging is None and not self._rebuild and len(self._held) < IN_PLACE_MAX:
            self._held[path] = item
            return
        self._open_staging()
        put(item, self._target(path))

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
        """Put the changes in place (when anything changed) and say what was done."""
        self._settle_pending()
        report = self.report
        report.deleted = sorted(set(self.previous) - set(report.digests))
        report.written.sort()
        report.unchanged.sort()
        if not report.changed and not self._rebuild and (self.out_dir / MANIFEST).exists():
            if self._staging is not None:
                shutil.rmtree(self._staging, ignore_errors=True)
                self._staging = None
            return report
        if self._staging is None and not self._rebuild and self._can_replace_in_place():
            self._replace_in_place()
            return report
        self._swap_trees()
        return report

    def _can_replace_in_place(self) -> bool:
        if not (self.out_dir / MANIFEST).is_file():
            return False  # a first write: the new tree is built beside
        # A page where a folder is (or the other way round) cannot be renamed into place.
        return not any(os.path.isdir(os.path.join(self._out, p)) for p in self._held)

    def _replace_in_place(self) -> None:
        marker = interrupted_marker(self.out_dir)
        marker.write_bytes(b"")
        spare = self.out_dir.parent / f".{self.out_dir.name}.{os.getpid()}.page"
        replaced = f".{self.out_dir.name}.replaced"
        background_delete.sweep(self.out_dir.parent, replaced)
        for path, item in sorted(self._held.items()):
            target = self.out_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(item, bytes):  # written beside, then renamed: never half a page
                spare.write_bytes(item)
                item = spare
            background_delete.replace(Path(item), target, self.out_dir.parent, replaced)
        self._held.clear()
        for path in self.report.deleted:
            (self.out_dir / path).unlink(missing_ok=True)
            remove_empty_folders((self.out_dir / path).parent, self.out_dir)
        write_manifest(spare, self.report.digests)
        os.replace(spare, self.out_dir / MANIFEST)
        marker.unlink()

    def _swap_trees(self) -> None:
        staging = self._open_staging()
        write_manifest(staging / MANIFEST, self.report.digests)
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
        interrupted_marker(self.out_dir).unlink(missing_ok=True)
        shutil.rmtree(retired, ignore_errors=True)

    def _open_staging(self) -> Path:
        """The staging folder, made on first use, with links to the unchanged pages so far
        and the changed pages held until then."""
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
            for path, item in self._held.items():
                put(item, self._target(path))
            self._held.clear()
        return self._staging

    def _target(self, path: str) -> Path:
        assert self._staging is not None
        target = self._staging / path
        if target.parent not in self._made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(target.parent)
        return target
