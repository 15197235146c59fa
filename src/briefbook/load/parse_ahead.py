"""Parsing brief files ahead, in a forked process, while the caller validates others.

On a cold run the generator's first stage is mostly libyaml parsing. With enough
files, a forked child (see :mod:`briefbook.load.forking`) reads, hashes and parses the last
share of them and sends the values back packed (:mod:`briefbook.load.packed`, as the cache
keeps them), in order, while the caller parses and validates the first ones. A file off
the fast path, or whose values cannot be packed, comes back as None, and the caller
loads it itself, reporting any problem exactly as it would have.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefbook.load.files import digest, fast_values, read_bounded
from briefbook.load.forking import forked_map
from briefbook.load.packed import pack_values, values_digest

PARSE_AHEAD_MIN = 400
"""Below this many files to parse, one process is faster than forking."""
PARSE_AHEAD_SHARE = 0.64
"""Share of the files parsed ahead by the forked process: the caller validates every
file and parses the rest, so the two finish together at about this split (measured at
10,000 briefs: 2.0–2.3 s of CPU each)."""

Parsed = tuple[str, bytes, bytes, bool]
"""SHA-256 of a file's bytes (hex), its packed values, their
:func:`~briefbook.load.packed.values_digest`, whether validation must look at each value
(:func:`briefbook.load.files.needs_scan`)."""


def parse_file(path: str | Path) -> Parsed | None:
    """What the caller needs of a brief file on the fast path; None when it must load the
    file itself (unreadable, or off the fast path: see :func:`briefbook.load.files.fast_values`)."""
    try:
        raw = read_bounded(path)
    except OSError:
        return None
    fast = fast_values(raw)
    if fast is None:
        return None
    data, scan = fast
    packed = pack_values(data)
    if packed is None:
        return None
    key = digest(raw)
    return key, packed, values_digest(key, packed), scan


def parse_ahead(files: list[tuple[str, str]], *,
                cold: bool) -> tuple[Iterator[Parsed | None], int]:
    """Parse the last of ``files`` in a forked process when the run is ``cold`` (a cache
    holds few of them) and there are enough; returns the results and where they start
    (``len(files)`` when nothing is parsed ahead)."""
    nothing: Iterator[Parsed | None] = iter(())
    if len(files) < PARSE_AHEAD_MIN or not cold:
        return nothing, len(files)
    first = len(files) - int(len(files) * PARSE_AHEAD_SHARE)
    results = forked_map(parse_file, [path for path, _ in files[first:]])
    return (nothing, len(files)) if results is None else (results, first)
