"""A cache across runs, so that editing one brief redoes only the work that edit needs.

It lives in ``.briefbook/cache-<name>.msgpack`` beside the generated folder (never
inside it: that folder holds only what the write stage records) and keeps

* the YAML values of every brief file that loaded without a problem, by its
  display path and the SHA-256 of its bytes: an unchanged file is not parsed
  again. Its key and value positions are read only if a later stage needs one
  for a diagnostic (:attr:`LoadedFile.positions_read`);
* for every brief page, what it read of the site with the value of each read, and
  the SHA-256 of the bytes it rendered to: a page whose reads all hold and whose
  file still holds those bytes is not rendered again
  (:mod:`briefbook.incremental.pages`).

The file is MessagePack (:mod:`briefbook.load.packed`): data, never code, so a
``.briefbook/`` planted in a project, or restored from a shared CI cache, cannot run
anything. Nothing read back is trusted before it is checked:

* the header (a magic line, :data:`FORMAT` and the code fingerprint: briefbook's
  source, the templates, library versions) must be exactly this code's, or the whole
  cache is empty;
* each file's entry holds, beside the file's SHA-256 and its packed values, a SHA-256
  over both (:func:`~briefbook.load.packed.values_digest`), checked when the entry is
  used (hashing a few KB: 22 ms for 10,000 briefs); an entry that fails it, or whose
  values do not unpack, is dropped and the file parsed again;
* the page records are one section with its own SHA-256 (the settings they were made
  under inside it); if it fails, there are no records and every brief page is
  rendered again.

What was dropped is made again and saved by the run that found the damage, so damage
never outlives one run. A missing or truncated cache file, or one with bytes after its
end, is an empty cache; another project's cache is no help and no harm (its entries
match no file's bytes, its page records no page's output). The digests catch damage,
not forgery: whoever can write ``.briefbook/`` can write a well-formed cache of wrong
values (as they could edit the briefs), but no cache makes a run raise or run code.
Set ``BRIEFBOOK_CACHE=0`` to bypass the cache entirely.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

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
from briefbook.load.packed import (
    LIBRARY,
    Damaged,
    pack,
    pack_values,
    read_packed,
    unpack,
    unpack_values,
    values_digest,
    write_packed,
)

FORMAT = 4
"""The layout of the cache file (3 was a pickle)."""
MAGIC = b"briefbook cache\n"
CACHE_DIR = ".briefbook"
SUFFIX = ".msgpack"
DISABLE_ENV = "BRIEFBOOK_CACHE"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent

FileEntry = tuple[str, bytes, bytes]
"""A brief file's SHA-256 (hex), its packed values and their
:func:`~briefbook.load.packed.values_digest`."""


def enabled() -> bool:
    """False when the environment turns the cache off (``BRIEFBOOK_CACHE=0``)."""
    return os.environ.get(DISABLE_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def code_fingerprint(templates_dir: Path) -> str:
    """One hash of everything besides the briefs that decides the output."""
    # Babel's CLDR data writes every date and number of another language than English.
    h = hashlib.sha256(
        f"{FORMAT}|{pydantic.VERSION}|{jinja2.__version__}|{yaml.__version__}|{LIBRARY}|"
        f"babel {importlib.metadata.version('babel')}".encode()
    )
    # The code, the catalogs of the interface's words and the map data, and the templates.
    roots = [(_PACKAGE_DIR, "**/*.py"), (_PACKAGE_DIR, "**/*.po"), (_PACKAGE_DIR, "**/*.json"),
             (templates_dir, "**/*")]
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
    files: dict[str, FileEntry] = field(default_factory=dict)
    """Each brief file's entry, by display path; checked only when used."""
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
        path = out_dir.resolve().parent / CACHE_DIR / f"cache-{out_dir.name}{SUFFIX}"
        try:
            with path.open("rb") as stream:
                stored = _read(stream, os.fstat(stream.fileno()).st_size, code)
        except OSError:
            stored = None
        if stored is None:
            return cls(path, code, settings_key=settings_key, dirty=True)
        files, pages, pages_settings = stored
        return cls(path, code, files, pages, settings_key, pages_settings)

    def holds(self, display: str, key: str) -> bool:
        """Whether there is an entry for the file at ``display`` whose bytes have the
        SHA-256 ``key`` (not yet whether the entry is sound: see :meth:`load`)."""
        entry = self.files.get(display)
        return entry is not None and entry[0] == key

    def load(
        self, path: Path, file_id: str, display: str, raw: bytes, diagnostics: Diagnostics
    ) -> tuple[LoadedFile, str]:
        """The loaded file and the SHA-256 of ``raw``: from the cache when those bytes are
        unchanged and their entry sound, else parsed from ``raw`` (never read again)."""
        key = digest(raw)
        data = self._values(display, key)
        if data is not None:
            return LoadedFile(path=path, display=display, id=file_id, data=data, digest=key,
                              positions_read=False, needs_scan=needs_scan(raw)), key
        before = len(diagnostics.errors)
        loaded = load_file(path, file_id, diagnostics, raw=raw, display=display)
        loaded.digest = key
        if self.path is None:
            return loaded, key  # caching is off: keep nothing
        # Kept packed: a few KB of bytes instead of thousands of live objects per brief,
        # so the values can be dropped after validation (peak memory) and saved fast.
        packed = pack_values(loaded.data) \
            if loaded.data is not None and len(diagnostics.errors) == before else None
        if packed is not None:
            self.files[display] = (key, packed, values_digest(key, packed))
        else:
            self.files.pop(display, None)
        self.dirty = True
        return loaded, key

    def _values(self, display: str, key: str) -> dict[str, Any] | None:
        """The values of the entry for ``display`` if it is for ``key`` and sound; a
        damaged entry is dropped."""
        entry = self.files.get(display)
        if entry is None or entry[0] != key:
            return None
        if values_digest(key, entry[1]) == entry[2]:
            try:
                return unpack_values(entry[1])
            except Damaged:
                pass  # sound digest, unsound values: made so on purpose; dropped all the same
        del self.files[display]
        self.dirty = True
        return None

    def load_parsed(self, path: Path, file_id: str, display: str, key: str, packed: bytes,
                    check: bytes, scan: bool) -> LoadedFile:
        """The loaded file from values parsed and packed by another process (see
        :func:`briefbook.load.parse_ahead.parse_file`), ``check`` their digest."""
        entry = (key, packed, check)
        if self.path is not None and self.files.get(display) != entry:
            self.files[display] = entry
            self.dirty = True
        return LoadedFile(path=path, display=display, id=file_id, packed=packed, digest=key,
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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            with temporary.open("wb") as stream:
                stream.write(MAGIC)
                write_packed(stream, (FORMAT, self.code), self.files,
                             (_records_to(self.pages, self.pages_settings),))
            temporary.replace(self.path)
            self.path.with_suffix(".pickle").unlink(missing_ok=True)  # the format before 4
            self.dirty = False
        except (OSError, ValueError, TypeError):
            pass  # unwritable, or a display path MessagePack cannot hold


def _read(stream: IO[bytes], size: int, code: str
          ) -> tuple[dict[str, FileEntry], PageRecords, str] | None:
    """The file entries, page records and their settings in a cache file of ``size``
    bytes; None when the header is not this code's, or the file is damaged past it."""
    if stream.read(len(MAGIC)) != MAGIC:
        return None
    try:
        stored = read_packed(stream, size - len(MAGIC))
    except Damaged:
        return None
    if type(stored) is not tuple or len(stored) != 4 or stored[:2] != (FORMAT, code) \
            or type(stored[2]) is not dict:
        return None
    files = {display: entry for display, entry in stored[2].items()
             if type(display) is str and _is_entry(entry)}
    return (files, *_records_from(stored[3]))


def _is_entry(entry: Any) -> bool:
    return type(entry) is tuple and len(entry) == 3 and type(entry[0]) is str \
        and type(entry[1]) is bytes and type(entry[2]) is bytes


def _records_to(records: PageRecords, settings: str) -> tuple[bytes, bytes]:
    """Page records as stored: the settings they were made under, each key once (its two
    halves in two lists), pages naming keys by number (a key is read by many pages: kept
    once, the file loads several times faster); packed, with the SHA-256 of the packed
    bytes first."""
    keys = sorted(set().union(*(read for read, _ in records.pages.values())))
    number = {key: position for position, key in enumerate(keys)}
    section = pack((settings, [what for what, _ in keys], [which for _, which in keys],
                    [records.values[key] for key in keys],
                    {page: ([number[key] for key in read], output)
                     for page, (read, output) in records.pages.items()}))
    return hashlib.sha256(section).digest(), section


def _records_from(stored: Any) -> tuple[PageRecords, str]:
    """The page records and their settings from :func:`_records_to`'s section; none when
    the section fails its digest or is not what it should be."""
    try:
        check, section = stored
        if type(section) is not bytes or hashlib.sha256(section).digest() != check:
            raise Damaged("page records: digest")
        settings, whats, whiches, values, pages = unpack(section, use_list=False)
        if type(settings) is not str or type(pages) is not dict \
                or not {*map(type, whats), *map(type, whiches), *map(type, values)} <= {str}:
            raise Damaged("page records: types")
        keys = list(zip(whats, whiches, strict=True))
        return PageRecords({page: (frozenset([keys[n] for n in numbers]), output)
                            for page, (numbers, output) in pages.items()},
                           dict(zip(keys, values, strict=True))), settings
    except (Damaged, ValueError, TypeError, IndexError):
        return PageRecords(), ""
