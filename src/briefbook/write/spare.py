"""The spare tree: the output before last, kept beside the output to build the next one.

A write never changes a file in the output folder. It turns the spare tree
(``.<name>.spare``, beside the folder) into the new tree, then swaps the two folders
in one step (:mod:`briefbook.write.swap`); the old output becomes the spare. Pages
that did not change are hard links to the output's files, so the spare differs from
the output only by what the last write changed, and making it the next tree costs
what changed since the write before: a few links and files after one edit, not a
link per page.

The spare's manifest says what it holds. It is deleted before the spare is changed
and written again only once the spare is whole: a spare without one (a run was
killed, or failed) is not trusted and is made again from nothing. Files shared with
the output are never written into, only replaced, so changing the spare never
changes the output. (A file edited by hand in place in the output changes the spare's
link too: the write that makes that page again drops it from the spare's manifest.)
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from briefbook.errors import naming
from briefbook.write import background_delete
from briefbook.write.manifest import MANIFEST, problem_of, write_manifest
from briefbook.write.scratch import remove_empty_folders
from briefbook.write.swap import discard


class SpareTree:
    """The spare tree of the output folder ``out_dir`` (see the module docstring)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir.parent / f".{out_dir.name}.spare"
        self.aside = f".{out_dir.name}.replaced"
        """Prefix of the names files take on their way out (background_delete)."""
        self.recorded: dict[str, str] | None = None
        """What the spare holds (path → SHA-256), once opened; None before."""

    @property
    def opened(self) -> bool:
        """Whether the spare is being changed (its manifest is gone meanwhile)."""
        return self.recorded is not None

    def open(self) -> None:
        """Ready the spare to be changed: its manifest read and deleted; a spare with
        none, or an untrue one, deleted and begun afresh."""
        if self.recorded is not None:
            return
        recorded = self._read()
        if recorded is None:
            discard(self.path)
            self.path.mkdir()
            recorded = {}
        else:
            (self.path / MANIFEST).unlink()
        self.recorded = recorded

    def _read(self) -> dict[str, str] | None:
        if self.path.is_symlink() or not self.path.is_dir():
            return None
        try:
            text = (self.path / MANIFEST).read_bytes()
        except FileNotFoundError:
            return None
        try:
            files = json.loads(text)["files"]
        except (ValueError, KeyError, TypeError):
            return None
        return files if isinstance(files, dict) and not problem_of(files) else None

    def put(self, path: str, item: bytes | Path) -> None:
        """A changed page into the spare: ``item``, its bytes or a scratch file holding
        them (moved in)."""
        target = self.path / path
        try:
            self._put(target, item)
            return
        except FileExistsError:  # an older page (perhaps a link to the output's): replaced
            try:
                background_delete.retire(target, self.out_dir.parent, self.aside)
            except OSError:  # a folder
                self._clear_way(path)
        except OSError:  # no folder for it yet, or a file or folder in the way
            self._clear_way(path)
        self._put(target, item)

    def _put(self, target: Path, item: bytes | Path) -> None:
        if isinstance(item, bytes):
            with naming(target), open(target, "xb") as stream:  # new: never the output's
                stream.write(item)
        else:
            background_delete.replace(item, target, self.out_dir.parent, self.aside)

    def _clear_way(self, path: str) -> None:
        """Make the folders above ``path`` in the spare, deleting what is in their way and
        anything at ``path`` itself."""
        folder = self.path
        for part in path.split("/")[:-1]:
            folder = folder / part
            if folder.is_symlink() or (os.path.lexists(folder) and not folder.is_dir()):
                folder.unlink()
        (self.path / path).parent.mkdir(parents=True, exist_ok=True)
        target = self.path / path
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif os.path.lexists(target):
            background_delete.retire(target, self.out_dir.parent, self.aside)

    def complete(self, digests: dict[str, str], written: set[str]) -> None:
        """Make the spare hold exactly the tree ``digests`` describes, then write its
        manifest. The pages ``written`` are in it already; the others are the output
        folder's files, linked where the spare holds another version or none."""
        recorded = self.recorded
        assert recorded is not None, "open() first"
        for path in sorted(recorded.keys() - digests.keys()):
            self._delete(path)
        for path, sha256 in digests.items():
            if path not in written and recorded.get(path) != sha256:
                self._link(path)
        write_manifest(self.path / MANIFEST, digests)
        self.recorded = None

    def _delete(self, path: str) -> None:
        target = self.path / path
        try:
            background_delete.retire(target, self.out_dir.parent, self.aside)
        except (NotADirectoryError, IsADirectoryError):
            return  # a written page took the place of its folder, or the other way round
        remove_empty_folders(target.parent, self.path)

    def _link(self, path: str) -> None:
        source, target = self.out_dir / path, self.path / path
        try:
            os.link(source, target)
        except FileExistsError:
            background_delete.retire(target, self.out_dir.parent, self.aside)
            os.link(source, target)
        except OSError:
            self._clear_way(path)
            os.link(source, target)

    def swapped(self, previous: dict[str, str], trusted: bool, remade: list[str]) -> None:
        """After the swap the spare holds the output before this write, whose manifest
        listed ``previous``. Not ``trusted`` (a write interrupted by an older briefbook
        left it): deleted. Pages ``remade`` with the bytes that manifest records (their
        files no longer held them: edited by hand, so in the spare too) are dropped
        from its manifest."""
        try:
            if not trusted:
                discard(self.path)
            elif remade and (self.path / MANIFEST).is_file():
                (self.path / MANIFEST).unlink()
                dropped = set(remade)
                write_manifest(self.path / MANIFEST,
                               {p: d for p, d in previous.items() if p not in dropped})
        except OSError:  # a spare whose manifest is gone is begun afresh by the next write
            discard(self.path)

    def abandon(self) -> None:
        """After a failed write: the spare, half changed, is deleted."""
        if self.recorded is not None:
            self.recorded = None
            discard(self.path)
