"""The one owner of everything kept between runs: :class:`BuildState`.

Like Sphinx's ``BuildEnvironment``, a build state belongs to one generated folder and
is made by whoever runs builds: the command line makes one per run, the MkDocs plugin
one per ``serve`` session. It holds

* on disk, in ``.briefbook/`` beside the generated folder (:class:`RunCache`): the
  parsed values of every brief file, and each brief page's record (what it read, the
  value of each read, the digest of its bytes), so a new process redoes only what
  changed;
* in memory, for a live preview only (:class:`Resident`): every stage's last result,
  which each stage's shortcut (``update_*`` in this package) brings up to date.

All of it is keyed by a :class:`StateKey`: briefbook's code and templates with the
versions of the libraries they use, and the settings. A state whose key changes
starts again from nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefbook.incremental.cache import RunCache, code_fingerprint
from briefbook.incremental.collisions import KeptCollisions
from briefbook.incremental.folders import KeptFolders
from briefbook.incremental.indexes import KeptIndex
from briefbook.incremental.loading import TrustedFiles
from briefbook.incremental.outputs import Seen
from briefbook.incremental.pages import KeptSitePages
from briefbook.incremental.resolution import KeptResolution
from briefbook.incremental.validation import KeptValidation
from briefbook.incremental.values import KeptValues
from briefbook.render.environment import Renderer
from briefbook.settings import Settings

VERSION = 1
"""The layout of the state; part of its key."""


@dataclass(frozen=True)
class StateKey:
    """What every kept result depends on besides the briefs."""

    version: int
    code: str
    """briefbook's modules, the templates and library versions (:func:`code_fingerprint`)."""
    settings: str
    """Audience, date and site title (:attr:`Settings.cache_key`)."""
    out_dir: Path


@dataclass
class Resident:
    """What a live preview keeps in memory between runs, stage by stage."""

    folders: KeptFolders = field(default_factory=KeptFolders)
    trusted: TrustedFiles = field(default_factory=dict)
    validated: KeptValidation = field(default_factory=KeptValidation)
    collisions: KeptCollisions = field(default_factory=KeptCollisions)
    resolution: KeptResolution = field(default_factory=KeptResolution)
    index: KeptIndex = field(default_factory=KeptIndex)
    values: KeptValues = field(default_factory=dict)
    site_pages: KeptSitePages = field(default_factory=KeptSitePages)
    outputs: Seen = field(default_factory=dict)
    renderer: Renderer | None = None
    cache_saved: bool = False
    """Whether the cache file was written since this preview started."""


class BuildState:
    """Everything kept between runs for one generated folder (see the module docstring).
    ``resident``: keep every stage's results in memory for the next run (a preview)."""

    def __init__(self, *, resident: bool = False) -> None:
        self.resident = resident
        self.key: StateKey | None = None
        self.cache = RunCache(None, "")
        self.kept: Resident | None = None

    def begin(self, settings: Settings) -> None:
        """Start a run with ``settings``: what was kept under another key is dropped."""
        key = StateKey(VERSION, code_fingerprint(settings.templates_dir), settings.cache_key,
                       settings.out_dir.resolve())
        same_code = self.key is not None and (self.key.code, self.key.out_dir) == (
            key.code, key.out_dir)
        if not (self.resident and same_code):
            self.cache = RunCache.open(settings.out_dir, key.code, key.settings)
        self.cache.settings_key = key.settings
        if not self.resident or self.cache.path is None:
            self.kept = None  # with the cache off, nothing at all is kept
        elif key != self.key or self.kept is None:
            self.kept = Resident()
        self.key = key

    def renderer(self, settings: Settings) -> Renderer:
        """The renderer of this run: a preview's is kept (its templates compiled once)."""
        if self.kept is None:
            return _renderer(settings)
        if self.kept.renderer is None:
            self.kept.renderer = _renderer(settings)
        return self.kept.renderer

    def save(self, *, stopping: bool = False) -> None:
        """Write the cache file. A preview writes it on its first run and when it stops
        (``stopping``): in between its memory does the cache's job, and writing the
        file would cost packing every brief on every save."""
        if self.kept is None or not self.kept.cache_saved or stopping:
            self.cache.save()
        if self.kept is not None:
            self.kept.cache_saved = True


def _renderer(settings: Settings) -> Renderer:
    return Renderer(settings.templates_dir, settings.site_title, settings.languages,
                    settings.site_titles)
