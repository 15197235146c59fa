"""The generator: load → validate → resolve → render → write, with no MkDocs in sight.

Both the CLI and the MkDocs plugin call :func:`generate`; tools that only need to
check content call :func:`check`. Each stage is a pure function of the one before; a
run given a :class:`~briefbook.incremental.state.BuildState` kept from earlier runs
(a live preview's) takes each stage's shortcut instead (``incremental.update_*``),
which gives the same result redoing only what changed. Every run reads and writes the
on-disk part of the state, so unchanged brief files are not parsed again and brief
pages whose reads are unchanged are not rendered again.
"""

from __future__ import annotations

import gc
import subprocess
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.errors import ContentError, Diagnostics, OutputError, UsageError
from briefbook.incremental.collisions import update_collisions
from briefbook.incremental.indexes import update_index
from briefbook.incremental.loading import load_tree_cached
from briefbook.incremental.outputs import seen_now, still_holding_seen
from briefbook.incremental.packs import WrittenPacks, write_packs
from briefbook.incremental.pages import record_pages, reusable_pages, update_site_pages
from briefbook.incremental.resolution import update_site
from briefbook.incremental.state import BuildState
from briefbook.incremental.validation import update_validated
from briefbook.incremental.values import Values
from briefbook.load.docs import hand_written_pages
from briefbook.load.files import LoadedFile, LoadedTree
from briefbook.render.collisions import check_collisions
from briefbook.render.packs import PackRenderer, pack_html
from briefbook.render.pages import brief_tasks, iter_site_pages, render_site, task_path
from briefbook.resolve import Site, resolve
from briefbook.resolve.indexes import build_index
from briefbook.settings import Settings
from briefbook.validate.tree import validate_tree
from briefbook.write.leftovers import clean as clean_leftovers
from briefbook.write.lock import holding
from briefbook.write.manifest import read_manifest, still_holding
from briefbook.write.parallel import render_into
from briefbook.write.tree import TreeWriter, WriteReport

__all__ = ["BuildState", "CheckResult", "Settings", "check", "generate", "pack", "render"]


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


def _noting(files: Iterable[LoadedFile], displays: dict[str, str]) -> Iterator[LoadedFile]:
    """``files`` as they come, noting the path diagnostics show of each by id."""
    for file in files:
        displays[file.id] = file.display
        yield file


def _check(settings: Settings, state: BuildState) -> CheckResult:
    diagnostics = Diagnostics()
    kept = state.kept
    tree, digests = load_tree_cached(settings.briefs_dir, diagnostics, state.cache,
                                     kept.trusted if kept is not None else None,
                                     kept.folders if kept is not None else None)
    files: dict[str, str] = {}
    tree = LoadedTree(_noting(tree.briefs, files), tree.sources, tree.ids)
    if kept is None:
        validated = validate_tree(tree, diagnostics, settings.today)
        site = resolve(validated, diagnostics, audience=settings.audience,
                       today=settings.today, known_ids=validated.ids)
    else:
        validated = update_validated(kept.validated, tree, diagnostics, settings.today)
        site = update_site(kept.resolution, validated, diagnostics, audience=settings.audience,
                           today=settings.today, known_ids=validated.ids)
    hand_written = hand_written_pages(settings.docs_dir)
    if kept is None:
        check_collisions(files, validated.entries, hand_written, diagnostics)
    else:
        update_collisions(kept.collisions, files, validated.entries, hand_written, diagnostics)
    return CheckResult(diagnostics, None if diagnostics.has_errors else site, digests)


def check(settings: Settings) -> CheckResult:
    """Load, validate and resolve every brief; collect every problem."""
    state = BuildState()
    state.begin(settings)
    with _collector_paused():  # collection comes back on at the end: nothing is rendered
        result = _check(settings, state)
    if settings.out_dir.exists():  # a project that generates here; elsewhere leave no trace
        try:
            with holding(settings.out_dir, wait=False):
                state.save()
        except OutputError:
            pass  # another run is writing the folder (it saves the cache), or cannot lock
    return result


def render(settings: Settings) -> tuple[dict[str, str], Diagnostics]:
    """Check, then render every page in memory. Raises ContentError on any error."""
    result = check(settings)
    if result.site is None:
        raise ContentError(result.diagnostics)
    return render_site(result.site, settings.templates_dir, settings.site_title,
                       languages=settings.languages, titles=settings.site_titles), \
        result.diagnostics


def generate(settings: Settings, state: BuildState | None = None, *, wait: bool = True
             ) -> tuple[WriteReport, Diagnostics]:
    """Render the pages whose reads changed and write the files that changed. ``state``:
    what earlier runs kept (a live preview's); by default, a new one for this run.

    One run at a time per output folder: this one holds the folder's lock throughout,
    waiting for another run that holds it (``wait``), or raising OutputError at once."""
    with holding(settings.out_dir, wait=wait):
        clean_leftovers(settings.out_dir)  # of dead runs: no live one holds the lock
        return _generate(settings, BuildState() if state is None else state)


def _generate(settings: Settings, state: BuildState) -> tuple[WriteReport, Diagnostics]:
    state.begin(settings)
    kept = state.kept
    with _collector_paused() as site_built:
        result = _check(settings, state)
        if result.site is None:
            state.save()
            raise ContentError(result.diagnostics)
        site = result.site
        manifest = read_manifest(settings.out_dir)
        index = build_index(site) if kept is None else update_index(kept.index, site)
        values = Values(site, index, kept.values if kept is not None else None)
        values.commit = source_commit(settings.briefs_dir) if settings.packs else ""
        records = state.cache.page_records()
        changed = values.changed(records.values)
        site_built()
        renderer = state.renderer(settings)
        tasks = brief_tasks(renderer, site.briefs)
        # Pages are written as they are rendered: no more than one is held in memory.
        with TreeWriter(settings.out_dir, previous=manifest) as writer:
            # The packs first: the brief pages read their facts (pages and size).
            packs = write_packs(writer, settings, site, index, values, records, changed,
                                manifest, None if kept is None else kept.outputs) \
                if settings.packs else WrittenPacks()
            changed |= values.changed_packs(records.values)
            reusable = reusable_pages(records, changed, manifest,
                                      {task_path(renderer, task) for task in tasks})
            intact, read = (still_holding(settings.out_dir, reusable), []) if kept is None \
                else still_holding_seen(settings.out_dir, reusable, kept.outputs)
            writer.keep(intact)  # the pages whose files still hold what they rendered to
            stale = [task for task in tasks if task_path(renderer, task) not in intact]
            pages = iter_site_pages(renderer, site, index) if kept is None else \
                update_site_pages(kept.site_pages, renderer, site, index, values, changed,
                                  records.values)
            reads = render_into(writer, renderer, site, index, stale, pages, settings.jobs,
                                values.packs)
            reads.update(packs.reads)
            report = writer.finish()
        # Still with the site frozen: the first full collection after it costs 0.6 s at
        # 10,000 briefs, and whether the lines below set it off was a matter of chance.
        if kept is not None:
            kept.outputs = seen_now(settings.out_dir, report.digests,
                                    [*report.written, *read, *packs.read], kept.outputs)
        state.cache.keep_page_records(record_pages(reads, values, report.digests, records),
                                      rendered=bool(reads))
        state.save()
    return report, result.diagnostics


def source_commit(folder: Path) -> str:
    """The commit checked out in the git work tree holding ``folder``, or "unknown"."""
    try:
        done = subprocess.run(["git", "-C", str(folder), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and commit else "unknown"


def pack(settings: Settings, brief_id: str, lang: str | None = None) -> tuple[bytes, int]:
    """The PDF briefing pack of a meeting, relation or country for the settings' audience,
    in ``lang`` (the site's first language by default), and its number of pages."""
    from briefbook.render.packs.printing import print_pdf  # WeasyPrint: only when printing

    lang = lang or settings.languages[0]
    if lang not in settings.languages:
        raise UsageError(f"'{lang}' is not a language of the site: use "
                         + ", ".join(settings.languages))
    result = check(settings)
    if result.site is None:
        raise ContentError(result.diagnostics)
    renderer = PackRenderer(settings.templates_dir, settings.site_title, settings.languages,
                            settings.site_titles)
    made = pack_html(renderer, result.site, build_index(result.site), brief_id, lang,
                     produced=settings.today, commit=source_commit(settings.briefs_dir))
    printed = print_pdf(made.html, settings.today)
    return printed.pdf, printed.pages
