"""Reading a built site's Pagefind index (``pagefind/`` at its top) in tests.

Pagefind compresses its files with gzip. After decompressing, a page's fragment
(``fragment/<lang>_<hash>.pf_fragment``) is the text ``pagefind_dcd`` followed by JSON:
the page's ``url``, its indexed ``content`` as plain text, its ``meta`` (``title`` and
what ``data-pagefind-meta`` marked) and ``anchors``. Word chunks (``index/*.pf_index``)
and each language's ``*.pf_meta`` are the same prefix followed by CBOR.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

PREFIX = b"pagefind_dcd"


def decompressed(path: Path) -> bytes:
    """A Pagefind file's bytes, without gzip and the prefix (a file without either as is)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.removeprefix(PREFIX)


def fragments(site: Path) -> list[dict[str, Any]]:
    """Every page's fragment, with ``lang`` (from its file name) added."""
    found = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        fragment = json.loads(decompressed(path))
        fragment["lang"] = path.name.split("_", 1)[0]
        found.append(fragment)
    return found


def languages(site: Path) -> dict[str, Any]:
    """The languages of the index, from ``pagefind-entry.json``."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    return dict(entry["languages"])


def _head(data: bytes, at: int) -> tuple[int, int]:
    """A CBOR item's head at ``at``: (its argument, where what follows it starts)."""
    info = data[at] & 0x1F
    if info < 24:
        return info, at + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def _skip(data: bytes, at: int) -> int:
    """Where the CBOR item at ``at`` ends: a number, or a text or byte string."""
    argument, after = _head(data, at)
    return after + argument if data[at] >> 5 in (2, 3) else after


def _page_hashes(meta: bytes) -> list[str]:
    """The fragment names in a language's ``*.pf_meta`` (decompressed, prefix removed):
    CBOR ``[version, [[fragment name, word count, ...], ...], ...]`` (Pagefind 1.6 adds a
    third item to each page's entry; 1.5 has two)."""
    _, at = _head(meta, 0)  # the outer array
    size, at = _head(meta, at)  # the version's text
    at += size
    count, at = _head(meta, at)
    found = []
    for _ in range(count):
        items, at = _head(meta, at)  # a page's entry
        size, at = _head(meta, at)
        found.append(meta[at:at + size].decode("ascii"))
        at += size
        for _ in range(items - 1):
            at = _skip(meta, at)
    return found


def served_pages(get: Callable[[str], bytes | None], lang: str) -> dict[str, str] | None:
    """The pages a served index has in ``lang``, each URL with its indexed text, read as a
    browser reads them (``get``: a path under the site's top → bytes, or None while it
    cannot be read); None while the index cannot be read whole."""
    entry = get("pagefind/pagefind-entry.json")
    try:
        code = json.loads(entry or b"")["languages"][lang]["hash"]
    except (ValueError, KeyError):
        return None
    meta = get(f"pagefind/pagefind.{code}.pf_meta")
    if meta is None:
        return None
    pages = {}
    for name in _page_hashes(gzip.decompress(meta).removeprefix(PREFIX)):
        data = get(f"pagefind/fragment/{name}.pf_fragment")
        if data is None:
            return None
        fragment = json.loads(gzip.decompress(data).removeprefix(PREFIX))
        pages[fragment["url"]] = fragment["content"]
    return pages
