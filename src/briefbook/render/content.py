"""What a rendered page is handed to the write stage as."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Hashed:
    """A page's bytes with their SHA-256, already computed (kept from an earlier run)."""

    data: bytes
    sha256: str


Content = str | bytes | Hashed | list[bytes] | Iterator[bytes]
"""A page: text, bytes, or (for the JSON export) bytes in pieces: a list when they are
all in memory, else an iterator."""
