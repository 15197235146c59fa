"""The generator: load → validate → resolve → render → write, with no MkDocs in sight.

Both the CLI and the MkDocs plugin call :func:`generate`; tools that only need
to check content call :func:`check`. Runs share a :class:`~briefbook.incremental.cache.RunCache`
(in ``.briefbook/`` beside the generated folder): unchanged brief files are not
parsed again and brief pages whose inputs are unchanged are not rendered again.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.errors import ContentError, Diagnostics, UsageError
from briefbook.incremental.cache import RunCache, load_tree_cached
from briefbook.incremental.inputs import brief_page_inputs
from briefbook.incremental.memo import Memo, memo_for
from briefbook.render.environment import brief_page
from briefbook.render.pages import render_site
from briefbook.resolve.indexes import SiteIndex, build_index
from briefbook.resolve.resolver import AUDIENCES, Site, resolve
from briefbook.validate.tree import validate_tree
from briefbook.write.manifest import read_manifest, seen_now, still_holding
from briefbook.write.parallel import default_jobs, render_into
from briefbook.write.tree import TreeWriter, WriteReport


@dataclass
class Settings:
    """Where the content is, where output goes, and who it is for."""

    briefs_dir: Path = Path("briefs")
    templates_dir: Path = Path("templates")
    out_dir: Path = Path("generated")
    audience: str = "public"
    today: dt.date = field(default_factory=dt.date.today)
    jobs: int = field(default_factory=default_jobs)
    """Processes that render pages (see :mod:`briefbook.write.parallel`)."""
    resident: bool = False
    """Keep results in memory for the next run of this process (a live preview; see
    :mod:`briefbook.incremental.memo`)."""

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCES:
            raise UsageError(f"unknown audience '{self.audience}': use {', '.join(AUDIENCES)}")

    @property
    def cache_key(self) -> str:
        """What, besides the briefs and the code, every page depends on."""
        return f"{self.audience}|{self.today.isoformat()}"


@dataclass
class CheckResult:
    """Diagnostics of a check, and the resolved site when there were no errors."""

    diagnostics: Diagnostics
    site: Site | None
    digests: dict[str, str] = field(default_factory=dict)
    """SHA-256 of every brief file by id (``_sources`` for the registry)."""


@contextmanager
def _collector_paused() -> Iterator[Callable[[], None]]:
    """No garbage collection while the site is built; then, once the caller calls the
    function it is given, collection on again but off the objects already alive.

    Loading, validating and resolving make millions of objects that all live to the end
    of the run and no reference cycles to reclaim, so every collection would walk them
    for nothing (a quarter of the cold run's time at 10,000 briefs). Rendering does make
    cycles, so collection comes back on for it, after those objects are frozen, while
    collection is still off: turned on first, the next collection would walk every object
    the pause let pile up (0.4 s at 10,000 briefs). A process that froze objects itself
    (the live preview) is left to its own freezing."""
    was_enabled = gc.isenabled()
    froze = False
    gc.disable()

    def site_built() -> None:
        nonlocal froze
        if not gc.get_freeze_count():
            gc.freeze()
            froze = True
        if was_enabled:
            gc.enable()

    try:
        yield site_built
    finally:
        if froze:
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _open_cache(settings: Settings) -> RunCache:
    return RunCache.open(settings.out_dir, settings.templates_dir, settings.cache_key)


def _memo(settings: Settings, cache: RunCache) -> Memo | None:
    if not settings.resident or cache.path is None:
        return None
    return memo_for(settings.out_dir, cache.code, settings.cache_key)


def _check(settings: Settings, cache: RunCache, memo: Memo | None = None) -> CheckResult:
    diagnostics = Diagnostics()
    tree, digests = load_tree_cached(settings.briefs_dir, diagnostics, cache,
                                     memo.briefs if memo is not None else None,
                                     memo.folders if memo is not None else None)
    validated = validate_tree(tree, diagnostics, settings.today,
                              memo.validated if memo is not None else None)
    site = resolve(
        validated,
        diagnostics,
        audience=settings.audience,
        today=settings.today,
        known_ids=validated.ids,
        previous=memo.site if memo is not None else None,
        remember=memo is not None,
    )
    if memo is not None:
        memo.site = site
    return CheckResult(diagnostics, None if diagnostics.has_errors else site, digests)


def check(settings: Settings) -> CheckResult:
    """Load, validate and resolve every brief; collect every problem."""
    cache = _open_cache(settings)
    with _collector_paused():  # collection comes back on at the end: nothing is rendered
        result = _check(settings, cache)
    if settings.out_dir.exists():  # a project that generates here; elsewhere leave no trace
        cache.save()
    return result


def render(settings: Settings) -> tuple[dict[str, str], Diagnostics]:
    """Check, then render every page in memory. Raises ContentError on any error."""
    result = check(settings)
    if result.site is None:
        raise ContentError(result.diagnostics)
    return render_site(result.site, settings.templates_dir), result.diagnostics


def _page_inputs(settings: Settings, result: CheckResult, index: SiteIndex,
                 memo: Memo | None) -> dict[str, str]:
    assert result.site is not None
    if memo is None:
        return brief_page_inputs(settings.cache_key, result.site, index, result.digests)
    inputs = brief_page_inputs(settings.cache_key, result.site, index, result.digests,
                               memo.inputs, memo.digests)
    memo.digests = result.digests
    return inputs


def generate(settings: Settings) -> tuple[WriteReport, Diagnostics]:
    """Render the pages whose inputs changed and write the files that changed."""
    cache = _open_cache(settings)
    memo = _memo(settings, cache)
    with _collector_paused() as site_built:
        result = _check(settings, cache, memo)
        if result.site is None:
            _save(cache, memo)
            raise ContentError(result.diagnostics)
        site = result.site
        manifest = read_manifest(settings.out_dir)
        index = build_index(site, memo.index if memo is not None else None)
        if memo is not None:
            memo.index = (site, index)
        inputs = _page_inputs(settings, result, index, memo)
        site_built()
        # Pages are written as they are rendered: no more than one is held in memory.
        with TreeWriter(settings.out_dir, previous=manifest) as writer:
            kept = still_holding(settings.out_dir, cache.reusable_pages(inputs, manifest),
                                 memo.outputs if memo is not None else None)
            writer.keep(kept)
            stale = [i for i in site.briefs if brief_page(i) not in kept]
            render_into(writer, site, settings.templates_dir, stale, index, jobs=settings.jobs,
                        memo=memo)
            report = writer.finish()
        # Still with the site frozen: the first full collection after it costs 0.6 s at
        # 10,000 briefs, and whether the lines below set it off was a matter of chance.
        if memo is not None:
            memo.outputs = seen_now(settings.out_dir, report.digests, report.written,
                                    memo.outputs)
        cache.record_pages(inputs, report.digests)
        _save(cache, memo)
    return report, result.diagnostics


def _save(cache: RunCache, memo: Memo | None) -> None:
    if memo is None or not memo.cache_saved:
        cache.save()
    if memo is not None:
        memo.cache_saved = True  # and again when the preview stops: see save_cache


def save_cache(settings: Settings) -> None:
    """Write the cache a live preview kept in memory since its first run: it writes the
    cache file only then (the next process starts from it) and, through this, when it
    stops; in between, the memo does the cache's job and saving it would cost a pickle
    of every brief on every save."""
    _open_cache(settings).save()
