"""A cache across runs, so that editing one brief redoes only the work that edit needs.

It lives in ``.briefbook/cache-<name>.pickle`` beside the generated folder (never
inside it: that folder holds only what the write stage records) and keeps

* the YAML values of every brief file that loaded without a problem, by its
  display path and the SHA-256 of its bytes: an unchanged file is not parsed
  again. Its key and value positions are read only if a later stage needs one
  for a diagnostic (:attr:`LoadedFile.positions_read`);
* for every brief page, a fingerprint of all the inputs the page is rendered
  from and the SHA-256 of the bytes it rendered to: a page whose fingerprint is
  unchanged and whose file still holds those bytes is not rendered again.

What a brief page depends on is set out in :mod:`briefbook.incremental.inputs`.

Everything is keyed by the code fingerprint (briefbook's source, the templates,
library versions), so a change to any of them starts from an empty cache. A
missing or damaged cache file is the same as an empty one. Set
``BRIEFBOOK_CACHE=0`` to bypass the cache entirely.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pydantic
import yaml

from briefbook.errors import Diagnostics
from briefbook.incremental.signatures import Signature, settled_signature, signature
from briefbook.load.files import (
    PLACEHOLDER,
    LoadedFile,
    LoadedTree,
    bytes_may_hold,
    digest,
    load_file,
    read_bounded,
)
from briefbook.load.folders import SOURCES_FILE, KeptFolders, discover, display_path
from briefbook.load.parse_ahead import parse_ahead

FORMAT = 2
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
class PageRecord:
    """What a brief page was rendered from and what it rendered to."""

    inputs: str
    output: str


_KEPT: dict[Path, tuple[Signature | None, RunCache]] = {}
"""The cache each cache file was last saved from by this process (a live preview
regenerates on every save; reading its own cache back each time is wasted work)."""


@dataclass
class RunCache:
    """The cache of one generated folder (see the module docstring)."""

    path: Path | None
    code: str
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Pickled YAML values of each brief file, with the SHA-256 of its bytes, by display path."""
    pages: dict[str, PageRecord] = field(default_factory=dict)
    settings_key: str = ""
    pages_settings: str = ""
    dirty: bool = False

    @classmethod
    def open(cls, out_dir: Path, templates_dir: Path, settings_key: str) -> RunCache:
        """The cache for ``out_dir``; empty when disabled, missing, damaged or out of date."""
        code = code_fingerprint(templates_dir)
        if not enabled():
            return cls(None, code, settings_key=settings_key)
        path = out_dir.resolve().parent / CACHE_DIR / f"cache-{out_dir.name}.pickle"
        kept = _KEPT.get(path)
        if kept is not None and kept[0] == signature(path) and kept[1].code == code:
            kept[1].settings_key = settings_key
            return kept[1]  # what this process saved there last: no need to read it back
        try:
            with path.open("rb") as stream:
                stored = pickle.load(stream)
            if stored.get("format") != FORMAT or stored.get("code") != code:
                raise ValueError("out of date")
            files: dict[str, tuple[str, bytes]] = stored["files"]
            pages = {p: PageRecord(*record) for p, record in stored["pages"].items()}
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
                                    bytes_may_hold(raw, PLACEHOLDER)), key
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
                    pickled: bytes, may_hold_placeholder: bool) -> LoadedFile:
        """The loaded file from values already parsed and pickled: kept in this cache, or
        parsed by another process (see :func:`briefbook.load.parse_ahead.parse_file`)."""
        if self.path is not None and self.files.get(display, ("",))[0] != key:
            self.files[display] = (key, pickled)
            self.dirty = True
        return LoadedFile(path=path, display=display, id=file_id, pickled=pickled, digest=key,
                          positions_read=False, may_hold_placeholder=may_hold_placeholder)

    def forget_missing(self, displays: set[str]) -> None:
        """Drop files that no longer exist."""
        gone = set(self.files) - displays
        for display in gone:
            del self.files[display]
        self.dirty = self.dirty or bool(gone)

    def reusable_pages(self, inputs: dict[str, str], manifest: dict[str, str]
                       ) -> dict[str, str]:
        """Of the pages in ``inputs`` (page → fingerprint), those last rendered from the
        same inputs, to the output the manifest records, with that output's digest.
        Whether each file still holds it is for the caller to check."""
        if self.pages_settings != self.settings_key:
            return {}
        pages = self.pages
        reusable = {}
        for page, fingerprint in inputs.items():
            record = pages.get(page)
            if record is not None and record.inputs == fingerprint \
                    and manifest.get(page) == record.output:
                reusable[page] = record.output
        return reusable

    def record_pages(self, inputs: dict[str, str], outputs: dict[str, str]) -> None:
        """Remember the inputs and output digest of each brief page just written."""
        fresh = {p: PageRecord(inputs[p], outputs[p]) for p in inputs if p in outputs}
        if fresh != self.pages or self.pages_settings != self.settings_key:
            self.pages, self.pages_settings = fresh, self.settings_key
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
            "pages": {p: (r.inputs, r.output) for p, r in self.pages.items()},
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            with temporary.open("wb") as stream:
                pickle.dump(stored, stream, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
            self.dirty = False
            _KEPT[self.path] = (signature(self.path), self)
        except OSError:
            _KEPT.pop(self.path, None)


TrustedFiles = dict[str, tuple[Signature, LoadedFile]]
"""By path as discovered: a brief file's signature when it was read, and the file as
loaded then. A stage that uses a loaded file does not change what it holds (validation
unpacks its values, and drops them once a model holds them), so the next run can hand
on the very same object; as the same brief, it is also found by identity later."""


def load_tree_cached(
    briefs_dir: Path, diagnostics: Diagnostics, cache: RunCache,
    trusted: TrustedFiles | None = None, folders: KeptFolders | None = None,
) -> tuple[LoadedTree, dict[str, str]]:
    """As :func:`briefbook.load.files.load_tree`, parsing only files the cache does not hold.

    Also returns the SHA-256 of every file read, by brief id (``_sources`` for the registry).
    With ``trusted`` (a live preview's, updated here), a file whose signature is the one
    recorded there, and whose values the cache holds, is not even read: one stat call
    instead of an open and a read, as git trusts its index (not for a file changed
    within :data:`~briefbook.incremental.signatures.RACY_NS` of being read). With ``folders`` (the
    same preview's), unchanged folders are not listed again (see :mod:`briefbook.load.folders`).
    """
    if not briefs_dir.is_dir():
        diagnostics.error(display_path(briefs_dir), 1, 1, "briefs folder not found")
        return LoadedTree([], None), {}
    files, sources_path = discover(briefs_dir, diagnostics, folders)
    digests: dict[str, str] = {}
    # display_path resolves each path; discover() admits no symbolic links, so joining
    # the folder's display path gives the same text for a fraction of the cost.
    base = display_path(briefs_dir).rstrip("/") + "/"
    base = "" if base == "./" else base

    def display_of(path: str | Path, ident: str) -> str:
        return f"{base}{ident}.{str(path).rpartition('.')[2]}"

    def load_one(path_text: str, ident: str) -> LoadedFile:
        settled = None
        if trusted is not None:
            record = trusted.get(path_text)
            if record is not None and record[0] == signature(path_text):
                kept = record[1]
                if cache.files.get(kept.display, ("",))[0] == kept.digest:
                    digests[ident] = kept.digest
                    return kept
            settled = settled_signature(path_text)  # taken before the read: never newer
        path = Path(path_text)
        try:
            raw = read_bounded(path)
        except OSError:
            return load_file(path, ident, diagnostics)  # reports the problem
        loaded_file, digests[ident] = cache.load(path, ident, display_of(path_text, ident), raw,
                                                 diagnostics)
        remember(path_text, loaded_file, settled)
        return loaded_file

    def remember(path_text: str, loaded_file: LoadedFile, settled: Signature | None) -> None:
        """Trust the file's signature from now on, if it was settled before the read."""
        if trusted is None:
            return
        if settled is not None and \
                cache.files.get(loaded_file.display, ("",))[0] == loaded_file.digest:
            trusted[path_text] = (settled, loaded_file)
        else:
            trusted.pop(path_text, None)

    def briefs() -> Iterator[LoadedFile]:
        displays = set()
        cold = len(cache.files) <= len(files) // 2
        # Signatures of the files another process may read ahead, taken before it does.
        early = {path: settled_signature(path) for path, _ in files} \
            if cold and trusted is not None else {}
        parsed_ahead, first = parse_ahead(files, cold=cold)
        for position, (path, ident) in enumerate(files):
            parsed = next(parsed_ahead) if position >= first else None
            if parsed is None:
                loaded_file = load_one(path, ident)
            else:
                digests[ident] = parsed[0]
                loaded_file = cache.load_parsed(Path(path), ident, display_of(path, ident),
                                                *parsed)
                remember(path, loaded_file, early.get(path))
            displays.add(loaded_file.display)
            yield loaded_file
        cache.forget_missing(displays | ({sources.display} if sources else set()))
        if trusted is not None:
            for gone in trusted.keys() - {path for path, _ in files} - {sources_text}:
                del trusted[gone]

    sources_text = str(sources_path) if sources_path is not None else ""
    sources = load_one(sources_text, SOURCES_FILE) if sources_path is not None else None
    # Briefs are read one at a time as validation asks for them: each file's raw values
    # are dropped once validated, so they are never all in memory together.
    return LoadedTree(briefs(), sources), digests
