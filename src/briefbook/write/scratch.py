"""Large pages on their way into the output: written to scratch files beside it.

The write stage (:mod:`briefbook.write.tree`) moves a scratch file into the spare tree
once the page is known to have changed. A page given in pieces (the export of a
one-shot run, which is never whole in memory) is hashed while it is written. A large
page given whole (the export in a live preview, 21 MB at 5,000 briefs) is hashed by one
thread and written by another while the next pages are rendered: hashing and writing
it took 35–50 ms of each save, and both release the interpreter's lock, so they run
on the second core.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from briefbook.errors import naming

LARGE = 1 << 20
"""Pages given whole and at least this large are hashed and written in the background."""


def current_size(path: str) -> int:
    """Size of a regular file; -1 when it is missing or not a file (a cheap check that the
    file still holds what the manifest says: the same stat call is_file() would make)."""
    try:
        info = os.stat(path)
    except OSError:
        return -1
    return info.st_size if stat.S_ISREG(info.st_mode) else -1


def write_pieces(pieces: Iterable[bytes], scratch: Path) -> tuple[str, int]:
    """Write ``pieces`` to ``scratch``: their SHA-256 and total size."""
    hasher, size = hashlib.sha256(), 0
    with naming(scratch), scratch.open("wb", buffering=1 << 20) as stream:
        for piece in pieces:
            hasher.update(piece)
            size += stream.write(piece)
    return hasher.hexdigest(), size


class BackgroundWrite:
    """One large page (bytes, or a list of them to join), written to a scratch file by
    one thread while another hashes it; :meth:`result` waits for both.

    Each thread makes few calls, each of which releases the interpreter's lock (join
    and hash; writes of up to ``IOV_MAX`` pieces), and touches nothing of its caller's.
    The page is written before it is known to differ from the file at ``target``
    (``recorded``: the SHA-256 the manifest records for it); if it does not, the
    scratch file is deleted and the file in place kept."""

    def __init__(self, data: bytes | list[bytes], scratch: Path, target: str,
                 recorded: str | None) -> None:
        pieces = [data] if isinstance(data, bytes) else data
        self.scratch, self._target, self._recorded = scratch, target, recorded
        self._size = sum(map(len, pieces))
        self._sha256 = ""
        self._errors: list[BaseException] = []
        # Not daemons: the interpreter waits for them at exit, so nothing is left half-written.
        self._threads = [threading.Thread(target=self._guarded, args=(work, pieces),
                                          name="briefbook-write")
                         for work in (self._write, self._hash)]
        for thread in self._threads:
            thread.start()

    def _guarded(self, work: Callable[[list[bytes]], None], pieces: list[bytes]) -> None:
        try:
            work(pieces)
        except BaseException as error:  # handed to the caller by result()
            self._errors.append(error)

    def _hash(self, pieces: list[bytes]) -> None:
        whole = pieces[0] if len(pieces) == 1 else b"".join(pieces)
        self._sha256 = hashlib.sha256(whole).hexdigest()

    def _write(self, pieces: list[bytes]) -> None:
        descriptor = os.open(self.scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC,
                             0o666)
        try:
            with naming(self.scratch):
                self._write_to(descriptor, pieces)
        finally:
            os.close(descriptor)

    @staticmethod
    def _write_to(descriptor: int, pieces: list[bytes]) -> None:
        for start in range(0, len(pieces), _IOV_MAX):
            batch = pieces[start:start + _IOV_MAX]
            written = os.writev(descriptor, batch)
            rest = memoryview(b"".join(batch))[written:] if written < sum(map(len, batch)) \
                else b""
            while rest:  # a short write (a signal, a full disk): the rest one by one
                rest = rest[os.write(descriptor, rest):]

    def result(self) -> tuple[str, bool]:
        """The page's SHA-256, and whether it is to replace the file in place (in the
        scratch file); False: the file in place holds it already."""
        for thread in self._threads:
            thread.join()
        if self._errors:
            self.discard()
            raise self._errors[0]
        if self._sha256 == self._recorded and current_size(self._target) == self._size:
            self.discard()
            return self._sha256, False
        return self._sha256, True

    def discard(self) -> None:
        """Wait for the threads, and delete what they wrote."""
        for thread in self._threads:
            thread.join()
        try:
            self.scratch.unlink(missing_ok=True)
        except OSError:
            pass  # the next run deletes it (write/leftovers.py)


_IOV_MAX = os.sysconf("SC_IOV_MAX") if "SC_IOV_MAX" in os.sysconf_names else 16


def size_of(content: bytes | list[bytes]) -> int:
    """The size of a page given whole or in pieces."""
    return len(content) if isinstance(content, bytes) else sum(map(len, content))


def remove_empty_folders(folder: Path, top: Path) -> None:
    """Remove ``folder`` and its parents below ``top`` while they are empty."""
    while folder != top:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty (or not there)
        folder = folder.parent
