"""The write stage's shortcut for a live preview: output files known unchanged by signature.

:func:`briefbook.write.manifest.still_holding` reads every file the manifest records to
check it still holds its bytes; a live preview remembers the signature of each file
it wrote or checked, and trusts a file whose signature is unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefbook.incremental.signatures import Signature, settled_signature, signature
from briefbook.write.manifest import holds

Seen = dict[str, tuple[Signature, str]]
"""Output file → its signature and SHA-256 when a run of this process last saw it."""


def still_holding_seen(out_dir: Path, recorded: dict[str, str], seen: Seen
                       ) -> tuple[dict[str, str], list[str]]:
    """:func:`briefbook.write.manifest.still_holding`, trusting files whose signature is
    the one in ``seen``; also the files it read instead (their signature changed: a
    write links the output's unchanged files into its spare tree, which changes their
    change time), whose signature :func:`seen_now` is to take again."""
    holding = {}
    read = []
    prefix = os.path.join(out_dir, "")
    for path, sha256 in recorded.items():
        file = prefix + path
        last = seen.get(path)
        if last is not None and last[1] == sha256 and last[0] == signature(file):
            holding[path] = sha256
            continue
        read.append(path)
        if holds(file, sha256):
            holding[path] = sha256
    return holding, read


def seen_now(out_dir: Path, digests: dict[str, str], written: list[str], seen: Seen) -> Seen:
    """``seen`` brought up to date after a write of ``digests`` (``written``: the files
    changed, or whose signature is to be taken again)."""
    changed = set(written)
    now: Seen = {}
    for path, sha256 in digests.items():
        kept = seen.get(path)
        if kept is not None and kept[1] == sha256 and path not in changed:
            now[path] = kept
            continue
        found = settled_signature(os.path.join(out_dir, path))
        if found is not None:
            now[path] = (found, sha256)
    return now
