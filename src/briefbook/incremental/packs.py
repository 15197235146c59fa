"""Which briefing packs need printing again, and printing them into the output.

A pack is kept as a brief page is (:mod:`briefbook.incremental.pages`): its record in
the page records, under the path of its file, holds what it read of the site, the
value of each read and the digest of its bytes. It also reads its own facts (pages and
size, ``("pack", <file>)``), so the records keep them for the pages that link it. While
all its reads hold and its file still holds its bytes, it is not printed again: a new
process, and a live preview, keep it as it is. Its cover's commit is not one of its
reads: a new commit that changes nothing the pack shows keeps the pack, whose cover then
names the commit it was printed from (true of its content), instead of reprinting every
pack of the site on every commit. Packs are made before the brief pages, which read
their facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefbook.incremental.outputs import Seen, still_holding_seen
from briefbook.incremental.pages import PageRecords, reusable_pages
from briefbook.incremental.values import Values
from briefbook.render.content import Hashed
from briefbook.render.packs import PackRenderer
from briefbook.render.packs.links import facts
from briefbook.render.view import Key
from briefbook.resolve.indexes import SiteIndex
from briefbook.resolve.site import Site
from briefbook.settings import Settings
from briefbook.write.manifest import still_holding
from briefbook.write.packs import pack_path, pack_tasks, print_packs
from briefbook.write.tree import TreeWriter

@dataclass
class WrittenPacks:
    """The packs printed this run, with what each read; and the kept files whose
    signature a live preview is to take again."""

    reads: dict[str, frozenset[Key]] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)


def write_packs(writer: TreeWriter, settings: Settings, site: Site, index: SiteIndex,
                values: Values, records: PageRecords, changed: set[Key],
                manifest: dict[str, str], seen: Seen | None) -> WrittenPacks:
    """Keep every pack whose reads hold and print the others into ``writer``; the facts
    of every pack go into ``values.packs``. ``seen``: a live preview's file signatures."""
    default = settings.languages[0]
    tasks = {pack_path(task, default): task for task in pack_tasks(site, settings.languages)}
    reusable = {path: output for path, output in
                reusable_pages(records, changed, manifest, set(tasks)).items()
                if ("pack", path) in records.values}
    intact, read = (still_holding(settings.out_dir, reusable), []) if seen is None \
        else still_holding_seen(settings.out_dir, reusable, seen)
    writer.keep(intact)
    for path in intact:
        values.packs[path] = records.values[("pack", path)]
    written = WrittenPacks(read=read)
    stale = [task for path, task in tasks.items() if path not in intact]
    if not stale:
        return written
    renderer = PackRenderer(settings.templates_dir, settings.site_title, settings.languages,
                            settings.site_titles)
    for printed in print_packs(renderer, site, index, stale, produced=settings.today,
                               commit=values.commit, jobs=settings.jobs):
        writer.add(printed.path, Hashed(printed.pdf, printed.sha256))
        values.packs[printed.path] = facts(printed.pages, len(printed.pdf))
        written.reads[printed.path] = printed.reads | {("pack", printed.path)}
    return written

