"""A cache across runs, so that editing one brief redoes only the work that edit needs.

It lives in ``.briefbook/cache-<name>.pickle`` beside the generated folder (never
inside it: that folder holds only what the write stage records) and keeps

* the YAML values of every brief file that loaded without a problem, by its
  display path and the SHA-256 of its bytes: an unchanged file is not parsed
  again. Its key and value positions are read only if a later stage needs one
  for a diagnostic (:attr:`LoadedFile.positions_read`);
* for every brief page, what it read of the site with the value of each read, and
  the SHA-256 of the bytes it rendered to: a page whose reads all hold and whose
  file still holds those bytes is not rendered again
  (:mod:`briefbook.incremental.pages`).

Everything is keyed by the code fingerprint (briefbook's source, the templates,
library versions), so a change to any of them starts from an empty cache. A
missing or damaged cache file is the same as an empty one. Set
``BRIEFBOOK_CACHE=0`` to bypass the cache entirely.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pydantic
import yaml

from briefbook.errors import Diagnostics
from briefbook.incremental.pages import PageRecords
from briefbook.load.files import (
    LoadedFile,
    digest,
    load_file,
    needs_scan,
)

FORMAT = 3
CACHE_DIR = ".briefbook"
DISABLE_ENV = "BRIEFBOOK_CACHE"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def enabled() -> bool:
    """False when the environment turns the cache off (``BRIEFBOOK_CACHE=0``)."""
    return os.environ.get(DISABLE_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def code_fingerprint(templates_dir: Path) -> str:
    """One hash of everything besides the briefs that decides the output."""
    h = hashlib.sha256(
        f"{FORMAT}|{pydantic.VERSION}|{jinja2.__version__}|{yaml.__version__}".encode()
    )
    roots = [(_PACKAGE_DIR, "**/*.py"), (templates_dir, "**/*")]
    for root, pattern in roots:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                h.update(path.relative_to(root).as_posix().encode() + b"\0")
                h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass
class RunCache:
    """The cache of one generated folder (see the module docstring)."""

    path: Path | None
    code: str
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Pickled YAML values of each brief file, with the SHA-256 of its bytes, by display path."""
    pages: PageRecords = field(default_factory=PageRecords)
    settings_key: str = ""
    pages_settings: str = ""
    dirty: bool = False

    @classmethod
    def open(cls, out_dir: Path, code: str, settings_key: str) -> RunCache:
        """The cache for ``out_dir``; empty when disabled, missing, damaged or out of date
        (``code``: :func:`code_fingerprint`)."""
        if not enabled():
            return cls(None, code, settings_key=settings_key)
        path = out_dir.resolve().parent / CACHE_DIR / f"cache-{out_dir.name}.pickle"
        try:
            with path.open("rb") as stream:
                stored = pickle.load(stream)
            if stored.get("format") != FORMAT or stored.get("code") != code:
                raise ValueError("out of date")
            files: dict[str, tuple[str, bytes]] = stored["files"]
            pages = _records_from(stored["pages"])
        except (
            OSError,
            ValueError,
            KeyError,
            TypeError,
            EOFError,
            pickle.UnpicklingError,
            AttributeError,
            ImportError,
        ):
            return cls(path, code, settings_key=settings_key, dirty=True)
        return cls(path, code, files, pages, settings_key, str(stored.get("settings", "")))

    def load(
        self, path: Path, file_id: str, display: str, raw: bytes, diagnostics: Diagnostics
    ) -> tuple[LoadedFile, str]:
        """The loaded file and the SHA-256 of ``raw``: from the cache when those bytes are
        unchanged, else parsed from ``raw`` (never read again)."""
        key = digest(raw)
        hit = self.files.get(display)
        if hit is not None and hit[0] == key:
            return self.load_parsed(path, file_id, display, key, hit[1],
                                    needs_scan(raw)), key
        before = len(diagnostics.errors)
        loaded = load_file(path, file_id, diagnostics, raw=raw, display=display)
        loaded.digest = key
        if self.path is None:
            return loaded, key  # caching is off: keep nothing
        if loaded.data is not None and len(diagnostics.errors) == before:
            # Kept pickled: a few KB of bytes instead of thousands of live objects per brief,
            # so the values can be dropped after validation (peak memory) and saved fast.
            self.files[display] = (key, pickle.dumps(loaded.data, pickle.HIGHEST_PROTOCOL))
        else:
            self.files.pop(display, None)
        self.dirty = True
        return loaded, key

    def load_parsed(self, path: Path, file_id: str, display: str, key: str,
                    pickled: bytes, scan: bool) -> LoadedFile:
        """The loaded file from values already parsed and pickled: kept in this cache, or
        parsed by another process (see :func:`briefbook.load.parse_ahead.parse_file`)."""
        if self.path is not None and self.files.get(display, ("",))[0] != key:
            self.files[display] = (key, pickled)
            self.dirty = True
        return LoadedFile(path=path, display=display, id=file_id, pickled=pickled, digest=key,
                          positions_read=False, needs_scan=scan)

    def forget_missing(self, displays: set[str]) -> None:
        """Drop files that no longer exist."""
        gone = set(self.files) - displays
        for display in gone:
            del self.files[display]
        self.dirty = self.dirty or bool(gone)

    def page_records(self) -> PageRecords:
        """The brief-page records, when they were made under the current settings."""
        return self.pages if self.pages_settings == self.settings_key else PageRecords()

    def keep_page_records(self, records: PageRecords, rendered: bool) -> None:
        """Keep the brief-page records of this run (``rendered``: some page was rendered,
        so the table of values may have changed in place)."""
        if rendered or records.pages != self.pages.pages \
                or self.pages_settings != self.settings_key:
            self.pages, self.pages_settings = records, self.settings_key
            self.dirty = True

    def save(self) -> None:
        """Write the cache if it changed; a cache that cannot be written is skipped."""
        if self.path is None or not self.dirty:
            return
        stored = {
            "format": FORMAT,
            "code": self.code,
            "settings": self.pages_settings,
            "files": self.files,
            "pages": _records_to(self.pages),
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            with temporary.open("wb") as stream:
                pickle.dump(stored, stream, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
            self.dirty = False
        except OSError:
            pass


def _records_to(records: PageRecords) -> dict[str, Any]:
    """Page records as stored: each key once, pages naming keys by number (a key is read
    by many pages: kept once, the file loads several times faster)."""
    keys = sorted(set().union(*(read for read, _ in records.pages.values())))
    number = {key: position for position, key in enumerate(keys)}
    return {"keys": keys, "values": [records.values[key] for key in keys],
            "pages": {page: ([number[key] for key in read], output)
                      for page, (read, output) in records.pages.items()}}


def _records_from(stored: dict[str, Any]) -> PageRecords:
    keys: list[tuple[str, str]] = [tuple(key) for key in stored["keys"]]
    return PageRecords({page: (frozenset([keys[n] for n in numbers]), str(output))
                        for page, (numbers, output) in stored["pages"].items()},
                       dict(zip(keys, stored["values"], strict=True)))
