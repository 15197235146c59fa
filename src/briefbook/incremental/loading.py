"""The load stage's shortcut: :func:`load_tree_cached`.

It loads what :func:`briefbook.load.files.load_tree` loads, parsing only the files whose
bytes the cache does not hold, and, in a live preview, not even reading a file whose
signature is unchanged. Large cold runs parse files ahead in a forked process
(:mod:`briefbook.load.parse_ahead`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefbook.errors import Diagnostics
from briefbook.incremental.cache import RunCache
from briefbook.incremental.folders import KeptFolders, update_discover
from briefbook.incremental.signatures import Signature, settled_signature, signature
from briefbook.load.files import LoadedFile, LoadedTree, load_file, read_bounded
from briefbook.load.folders import SOURCES_FILE, discover, display_path
from briefbook.load.parse_ahead import parse_ahead

TrustedFiles = dict[str, tuple[Signature, LoadedFile]]
"""By path as discovered: a brief file's signature when it was read, and the file as
loaded then. A stage that uses a loaded file does not change what it holds (validation
unpacks its values, and drops them once a model holds them), so the next run can hand
on the very same object; as the same brief, it is also found by identity later."""


class _Loader:
    """One run's loading of the files of one briefs folder (see :func:`load_tree_cached`)."""

    def __init__(self, briefs_dir: Path, diagnostics: Diagnostics, cache: RunCache,
                 trusted: TrustedFiles | None) -> None:
        self.diagnostics, self.cache, self.trusted = diagnostics, cache, trusted
        self.digests: dict[str, str] = {}
        # display_path resolves each path; discover() admits no symbolic links, so joining
        # the folder's display path gives the same text for a fraction of the cost.
        base = display_path(briefs_dir).rstrip("/") + "/"
        self.base = "" if base == "./" else base

    def display_of(self, path: str, ident: str) -> str:
        return f"{self.base}{ident}.{path.rpartition('.')[2]}"

    def load_one(self, path_text: str, ident: str) -> LoadedFile:
        """One file: the trusted one, the cache's values, or parsed now."""
        settled = None
        if self.trusted is not None:
            record = self.trusted.get(path_text)
            if record is not None and record[0] == signature(path_text):
                kept = record[1]
                if self.cache.holds(kept.display, kept.digest):
                    self.digests[ident] = kept.digest
                    return kept
            settled = settled_signature(path_text)  # taken before the read: never newer
        path = Path(path_text)
        try:
            raw = read_bounded(path)
        except OSError:
            return load_file(path, ident, self.diagnostics)  # reports the problem
        loaded_file, self.digests[ident] = self.cache.load(
            path, ident, self.display_of(path_text, ident), raw, self.diagnostics)
        self.remember(path_text, loaded_file, settled)
        return loaded_file

    def remember(self, path_text: str, loaded_file: LoadedFile,
                 settled: Signature | None) -> None:
        """Trust the file's signature from now on, if it was settled before the read."""
        if self.trusted is None:
            return
        if settled is not None and self.cache.holds(loaded_file.display, loaded_file.digest):
            self.trusted[path_text] = (settled, loaded_file)
        else:
            self.trusted.pop(path_text, None)

    def briefs(self, files: list[tuple[str, str]], sources: LoadedFile | None
               ) -> Iterator[LoadedFile]:
        """Every brief file, read as the caller asks for it."""
        displays = set()
        cold = len(self.cache.files) <= len(files) // 2
        # Signatures of the files another process may read ahead, taken before it does.
        early = {path: settled_signature(path) for path, _ in files} \
            if cold and self.trusted is not None else {}
        parsed_ahead, first = parse_ahead(files, cold=cold)
        for position, (path, ident) in enumerate(files):
            parsed = next(parsed_ahead) if position >= first else None
            if parsed is None:
                loaded_file = self.load_one(path, ident)
            else:
                self.digests[ident] = parsed[0]
                loaded_file = self.cache.load_parsed(Path(path), ident,
                                                     self.display_of(path, ident), *parsed)
                self.remember(path, loaded_file, early.get(path))
            displays.add(loaded_file.display)
            yield loaded_file
        self.cache.forget_missing(displays | ({sources.display} if sources else set()))
        if self.trusted is not None:
            present = {path for path, _ in files} | {str(sources.path) if sources else ""}
            for gone in self.trusted.keys() - present:
                del self.trusted[gone]


def load_tree_cached(
    briefs_dir: Path, diagnostics: Diagnostics, cache: RunCache,
    trusted: TrustedFiles | None = None, folders: KeptFolders | None = None,
) -> tuple[LoadedTree, dict[str, str]]:
    """As :func:`briefbook.load.files.load_tree`, parsing only files the cache does not hold.

    Also returns the SHA-256 of every file read, by brief id (``_sources`` for the registry).
    With ``trusted`` (a live preview's, updated here), a file whose signature is the one
    recorded there, and whose values the cache holds, is not even read: one stat call
    instead of an open and a read, as git trusts its index (not for a file changed
    within :data:`~briefbook.incremental.signatures.RACY_NS` of being read). With
    ``folders`` (the same preview's), unchanged folders are not listed again (see
    :mod:`briefbook.incremental.folders`).
    """
    if not briefs_dir.is_dir():
        diagnostics.error(display_path(briefs_dir), 1, 1, "briefs folder not found")
        return LoadedTree([], None, frozenset()), {}
    files, sources_path = discover(briefs_dir, diagnostics) if folders is None \
        else update_discover(folders, briefs_dir, diagnostics)
    loader = _Loader(briefs_dir, diagnostics, cache, trusted)
    sources = loader.load_one(str(sources_path), SOURCES_FILE) \
        if sources_path is not None else None
    # Briefs are read one at a time as validation asks for them: each file's raw values
    # are dropped once validated, so they are never all in memory together.
    return LoadedTree(loader.briefs(files, sources), sources,
                      frozenset(ident for _, ident in files)), loader.digests
