"""The site build's pages, kept between runs: what an engine made of a page, by a key.

An engine (the MkDocs one: :mod:`briefbook.engines.mkdocs.pagebuild`) names each result
by a key that digests every input of it (the page's bytes, the navigation, the
configuration, the theme, the versions of the libraries) and keeps it here, in
``.briefbook/site/<name>/<key>``, one file per result: a page whose inputs are all
unchanged is not converted or rendered again. The store knows nothing of what it keeps
but that it is plain data (MessagePack, :mod:`briefbook.load.packed`: never code).

Nothing read back is trusted: each file is a magic line, the SHA-256 of the rest and the
packed value; a file that is missing, short, damaged or not this format is a miss, and
its result is made again and written over it. A miss only costs time. Writes go to a
file of their own first and are renamed into place, so a reader (another worker, another
run) sees a whole file or none. ``BRIEFBOOK_CACHE=0`` turns the store off (every get
misses, nothing is written). :meth:`PageStore.keep_only` deletes the results a build no
longer used, so the folder holds one build's pages.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefbook.incremental.cache import CACHE_DIR, enabled
from briefbook.load.packed import Damaged, pack, unpack

MAGIC = b"briefbook site page 1\n"
_DIGEST = 32
SITE_DIR = "site"


def key_of(*parts: str | bytes) -> str:
    """A key: the SHA-256 of ``parts`` (each one's length is hashed with it)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class PageStore:
    """The kept results of one site's build (one folder); off when ``folder`` is None."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @classmethod
    def open(cls, root: Path, name: str) -> PageStore:
        """The store of the site ``name`` in ``root/.briefbook/`` (off if the cache is)."""
        if not enabled():
            return cls(None)
        return cls(root / CACHE_DIR / SITE_DIR / name)

    @property
    def on(self) -> bool:
        return self.folder is not None

    def get(self, key: str) -> Any | None:
        """The value kept under ``key``, or None (missing, damaged, or the store is off)."""
        if self.folder is None:
            return None
        try:
            data = (self.folder / key).read_bytes()
        except OSError:
            return None
        body = data[len(MAGIC) + _DIGEST:]
        if (not data.startswith(MAGIC)
                or data[len(MAGIC):len(MAGIC) + _DIGEST] != hashlib.sha256(body).digest()):
            return None
        try:
            return unpack(body)
        except Damaged:
            return None

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` (plain data) under ``key``; a value that is not plain data, or a
        failed write, is simply not kept."""
        if self.folder is None:
            return
        try:
            body = pack(value)
        except (TypeError, ValueError, OverflowError):
            return
        path = self.folder / key
        spare = self.folder / f".{key}.{os.getpid()}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            spare.write_bytes(MAGIC + hashlib.sha256(body).digest() + body)
            os.replace(spare, path)
        except OSError:
            spare.unlink(missing_ok=True)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Delete every result but those under ``keys`` (and files being written)."""
        if self.folder is None:
            return
        kept = set(keys)
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in kept and not name.startswith("."):
                (self.folder / name).unlink(missing_ok=True)
