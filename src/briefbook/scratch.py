"""Large pages on their way into the output: written to scratch files beside it.

The write stage (:mod:`briefbook.write`) renames a scratch file into place once every
page is rendered. A page given in pieces (the export of a one-shot run, which is never
whole in memory) is hashed while it is written. A large page given whole (the export
in a live preview, 21 MB at 5,000 briefs) is hashed and written by a thread while
the next pages are rendered: hashing and writing it took 35–50 ms of each save, and
both release the interpreter's lock, so the thread runs on the second core.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections.abc import Iterable
from pathlib import Path

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


def put(item: bytes | Path, target: Path) -> None:
    """Write held bytes to ``target``, or move the scratch file holding them there."""
    if isinstance(item, bytes):
        target.write_bytes(item)
    else:
        os.replace(item, target)


def write_pieces(pieces: Iterable[bytes], scratch: Path) -> tuple[str, int]:
    """Write ``pieces`` to ``scratch``: their SHA-256 and total size."""
    hasher, size = hashlib.sha256(), 0
    with scratch.open("wb") as stream:
        for piece in pieces:
            hasher.update(piece)
            size += stream.write(piece)
    return hasher.hexdigest(), size


class BackgroundWrite:
    """One large page hashed, and written to a scratch file unless the file at ``target``
    already holds it (``recorded``: the SHA-256 the manifest records for it), by a thread.

    The thread does two calls that release the interpreter's lock and touches nothing
    of its caller's; :meth:`result` waits for it."""

    def __init__(self, data: bytes, scratch: Path, target: str, recorded: str | None) -> None:
        self.scratch = scratch
        self._sha256 = ""
        self._written = False
        self._error: BaseException | None = None
        # Not a daemon: the interpreter waits for it at exit, so nothing is left half-written.
        self._thread = threading.Thread(target=self._run, args=(data, target, recorded),
                                        name="briefbook-write")
        self._thread.start()

    def _run(self, data: bytes, target: str, recorded: str | None) -> None:
        try:
            self._sha256 = hashlib.sha256(data).hexdigest()
            if self._sha256 == recorded and current_size(target) == len(data):
                return
            with self.scratch.open("wb") as stream:
                stream.write(data)
            self._written = True
        except BaseException as error:  # handed to the caller by result()
            self._error = error

    def result(self) -> tuple[str, bool]:
        """The page's SHA-256, and whether it was written to the scratch file (False: the
        file in place holds it already)."""
        self._thread.join()
        if self._error is not None:
            self.discard()
            raise self._error
        return self._sha256, self._written

    def discard(self) -> None:
        """Wait for the thread, and delete what it wrote."""
        self._thread.join()
        self.scratch.unlink(missing_ok=True)
