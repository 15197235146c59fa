"""What a long-lived process (the live preview) keeps in memory from one run to the next.

A one-shot run keeps nothing here: the cache in ``.briefbook/`` is for it. A live
preview regenerates on every save, so it keeps what its last run computed, each
piece under everything it was computed from, and the next run redoes only what an
edit changed:

* what each folder of briefs held, under the folder's signature, so that an unchanged
  folder is not listed again;
* the signature of each brief file when it was read, with the digest of its bytes, so
  that a file whose signature is unchanged is not read again;
* each valid brief, by file and digest of its bytes, with its diagnostics (reported
  again on every run);
* what the resolve stage found inside each brief (on the entry itself), and the
  resolved site, whose unchanged briefs the next run reuses as they are;
* the site index, of which the next run remakes only what changed briefs feed;
* each site-wide page, under the values it is rendered from (:meth:`Memo.page`);
* the export's line for each brief, and its sources section (:mod:`briefbook.render.export`);
* the signature (inode, size, modification time) of each output file the last run
  wrote or checked, so an unchanged file is not read back to be checked again.

Keys are compared with ``==`` on the objects themselves, never on hashes: an
unchanged brief is the very same object as last run, so comparing it costs an
identity check, and a changed one is compared field by field. Everything is
dropped when briefbook's code, the templates or the settings change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefbook.incremental.cache import TrustedFiles
from briefbook.load.folders import KeptFolders
from briefbook.render.export import KeptExport
from briefbook.resolve.indexes import SiteIndex
from briefbook.resolve.resolver import Site
from briefbook.validate.tree import KeptValidation
from briefbook.write.manifest import Seen
from briefbook.write.tree import Hashed

if TYPE_CHECKING:  # inputs imports the render stage, which imports this module
    from briefbook.incremental.inputs import KeptInputs


@dataclass
class Memo:
    """The results one live preview keeps between runs (see the module docstring)."""

    key: tuple[str, str]
    folders: KeptFolders = field(default_factory=KeptFolders)
    """What each folder of briefs held when last listed (see briefbook.load.folders)."""
    briefs: TrustedFiles = field(default_factory=dict)
    """Signature and digest of each brief file when last read (see load_tree_cached)."""
    validated: KeptValidation = field(default_factory=KeptValidation)
    site: Site | None = None
    """The last run's resolved site (see :func:`briefbook.resolve.resolver.resolve`)."""
    index: tuple[Site, SiteIndex] | None = None
    """The last run's site index, with the site it indexes (see
    :func:`briefbook.resolve.indexes.build_index`)."""
    inputs: KeptInputs = field(default_factory=dict)
    """What each brief page's fingerprint was made from (see
    :mod:`briefbook.incremental.inputs`)."""
    digests: dict[str, str] | None = None
    """The last run's SHA-256 of every brief file, by id."""
    pages: dict[str, tuple[Any, bytes, str]] = field(default_factory=dict)
    """Site-wide page → (the values it was rendered from, its bytes, their SHA-256)."""
    export: KeptExport = field(default_factory=KeptExport)
    outputs: Seen = field(default_factory=dict)
    """Output file → its signature and SHA-256 when the last run wrote or checked it."""
    interned_values: dict[str, Any] = field(default_factory=dict)
    derived_values: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    cache_saved: bool = False
    """Whether a run with this memo wrote the cache file (see pipeline.save_cache)."""

    def interned(self, name: str, value: Any) -> Any:
        """``value``, or the equal one kept under ``name`` by the last run: a large value
        that many keys hold is then compared once a run, and by identity in each key."""
        kept = self.interned_values.get(name)
        if kept is not None and kept == value:
            return kept
        self.interned_values[name] = value
        return value

    def derived(self, name: str, source: Any, make: Callable[[], Any]) -> Any:
        """``make()``, or the value it gave last run when ``source`` (which it is made
        from, and which is never changed once made) is the very same object."""
        kept = self.derived_values.get(name)
        if kept is None or kept[0] is not source:
            kept = self.derived_values[name] = (source, make())
        return kept[1]

    def page(self, path: str, key: Any, produce: Callable[[], str]) -> Hashed:
        """The bytes and SHA-256 of a site-wide page: kept ones if it was last rendered
        from values equal to ``key``, else ``produce()``'s."""
        kept = self.pages.get(path)
        if kept is not None and kept[0] == key:
            return Hashed(kept[1], kept[2])
        data = produce().encode("utf-8")
        sha256 = hashlib.sha256(data).hexdigest()
        self.pages[path] = (key, data, sha256)
        return Hashed(data, sha256)


def made(memo: Memo | None, path: str, key: Any, produce: Callable[[], str]) -> str | Hashed:
    """``produce()``, or, with a memo, the page it keeps for ``key`` (see :meth:`Memo.page`)."""
    return produce() if memo is None else memo.page(path, key, produce)


_MEMOS: dict[Path, Memo] = {}


def memo_for(out_dir: Path, code: str, settings_key: str) -> Memo:
    """The memo this process keeps for ``out_dir``: a new, empty one when the code,
    templates (``code``) or settings differ from its last run's."""
    place = out_dir.resolve()
    memo = _MEMOS.get(place)
    if memo is None or memo.key != (code, settings_key):
        memo = _MEMOS[place] = Memo((code, settings_key))
    return memo

