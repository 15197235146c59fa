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
        return LoadedTree([], None), {}
    files, sources_path = discover(briefs_dir, diagnostics) if folders is None \
        else update_discover(folders, briefs_dir, diagnostics)
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
