"""The load stage's folder walk, for a live preview: :func:`update_discover`.

It finds what :func:`briefbook.load.folders.discover` finds, without listing again a
folder whose signature is the one it had when last listed: adding, removing or
renaming a file changes it, so such a folder holds the same files. A folder changed
within a clock tick of being listed, or where anything was wrong (a link, a bad or
duplicated id), is always listed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefbook.errors import Diagnostics
from briefbook.incremental.signatures import Signature, settled_signature, signature
from briefbook.load.folders import Listing, gather, list_folder

Found = tuple[list[tuple[str, str]], Path | None]


@dataclass
class KeptFolders:
    """What a live preview found in each folder of the briefs folder at its last run."""

    listings: dict[str, tuple[Signature, Listing]] = field(default_factory=dict)
    """By folder path: its signature when listed (settled), and what it held."""
    found: tuple[tuple[Signature | None, ...], Found] | None = None
    """The last result, with the signature of every folder it was found in, in order."""


def update_discover(kept: KeptFolders, briefs_dir: Path, diagnostics: Diagnostics) -> Found:
    """:func:`briefbook.load.folders.discover`, listing only folders that changed."""
    root = briefs_dir.resolve()
    found: dict[str, str] = {}
    sources: Path | None = None
    visited: list[str] = []
    signatures: list[Signature | None] = []
    all_kept = True
    folders: list[tuple[str, str]] = [(str(briefs_dir), "")]
    while folders:
        folder, prefix = folders.pop()
        now = signature(folder)
        visited.append(folder)
        signatures.append(now)
        record = kept.listings.get(folder)
        if record is not None and now is not None and record[0] == now:
            listing = record[1]
        else:
            all_kept = False
            listing = _list(kept, folder, prefix, root, diagnostics)
        folders.extend(reversed(listing.subfolders))
        sources = gather(listing, found, sources)
    # Every folder as kept, and the same folders as last run: the same files.
    if all_kept and kept.found is not None and kept.found[0] == tuple(signatures):
        return kept.found[1]
    for gone in kept.listings.keys() - set(visited):
        del kept.listings[gone]
    result = ([(found[k], k) for k in sorted(found)], sources)
    kept.found = (tuple(signatures), result)
    return result


def _list(kept: KeptFolders, folder: str, prefix: str, root: Path,
          diagnostics: Diagnostics) -> Listing:
    settled = settled_signature(folder)  # before listing: never newer than what is listed
    listing = list_folder(folder, prefix, root, diagnostics)
    if settled is not None and listing.clean:
        kept.listings[folder] = (settled, listing)
    else:
        kept.listings.pop(folder, None)
    return listing
