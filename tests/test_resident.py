"""A long-lived process (the live preview) regenerates from what it kept in memory.

After every edit in a sequence, run in one process, the output and the diagnostics
must be exactly what a run from scratch gives: whatever the process reused from
the previous run must never show through.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import briefbook.incremental.loading
import briefbook.incremental.signatures
import briefbook.load.parse_ahead
from briefbook.errors import ContentError
from briefbook.incremental.state import BuildState
from briefbook.incremental.values import Values
from briefbook.pipeline import Settings, check, generate
from briefbook.render.paths import in_language
from briefbook.resolve.indexes import build_index

from .conftest import racy_window

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synth_corpus import write_corpus  # noqa: E402

TODAY = dt.date(2026, 11, 22)
Edit = Callable[[Path], None]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(settings: Settings, state: BuildState | None = None) -> tuple[str, list[str]]:
    """'ok' or 'stopped', and every diagnostic, as a user would see them."""
    try:
        _, diagnostics = generate(settings, state)
    except ContentError as error:
        return "stopped", [d.format() for d in error.diagnostics]
    return "ok", [d.format() for d in diagnostics]


def _replace(relative: str, old: str, new: str) -> Edit:
    def edit(briefs: Path) -> None:
        path = briefs / relative
        text = path.read_text("utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), "utf-8")
    return edit


def _snapshot(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*.y*ml")}


def _mark_changed(folder: Path, before: dict[Path, bytes], step: int) -> None:
    """Give every file an edit changed a modification time of its own: its signature then
    changes whatever the file system's clock tick."""
    stamp = (1_700_000_000 + step) * 1_000_000_000
    for path, data in _snapshot(folder).items():
        if before.get(path) != data:
            os.utime(path, ns=(stamp, stamp))


def _assert_kept_state_is_fresh(state: BuildState, scratch: Settings, name: str) -> None:
    """The site and index the live process kept (patched from its earlier runs) are
    exactly what resolving and indexing from scratch give, and every page record holds
    for the fresh site: a difference the pages do not happen to show today would show
    on some later edit."""
    kept = state.kept
    assert kept is not None and kept.resolution.site is not None
    assert kept.index.site is not None and kept.index.index is not None
    result = check(scratch)
    fresh = result.site
    assert fresh is not None
    live = kept.resolution.site
    assert live.briefs.keys() == fresh.briefs.keys(), name
    for brief_id, resolved in live.briefs.items():
        other = fresh.briefs[brief_id]
        assert (resolved.brief, resolved.refs, resolved.backlinks, resolved.cited_sources,
                resolved.headline) == (other.brief, other.refs, other.backlinks,
                                       other.cited_sources, other.headline), (name, brief_id)
    assert (live.citing, live.sources, live.withheld) == (
        fresh.citing, fresh.sources, fresh.withheld), name
    assert kept.index.site is live, name
    index, rebuilt = kept.index.index, build_index(fresh)
    for part in ("countries", "backlinks_by_kind", "relations_of", "neighbours", "events",
                 "naming"):
        assert getattr(index, part) == getattr(rebuilt, part), (name, part)
    values = Values(fresh, rebuilt)
    records = state.cache.page_records()
    assert set(records.pages) == {in_language(f"{i}.md", lang, scratch.languages[0])
                                  for i in fresh.briefs for lang in scratch.languages}, name
    # Every key a kept page read (a brief page or a site-wide page) holds its fresh value.
    read = set().union(*(keys for keys, _ in records.pages.values()),
                       *(page.reads for page in kept.site_pages.pages.values()))
    assert read <= set(records.values), name
    assert all(values.of(key) == records.values[key] for key in read), name


def _check_sequence(briefs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    edits: list[tuple[str, Edit]], audience: str = "public",
                    settled: bool = False) -> None:
    """``settled``: no file counts as changed too recently to be trusted, so the live
    process reads only the files whose signature changed."""
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    if settled:
        racy_window(monkeypatch, 0)
    out = tmp_path / "live" / "generated"
    live = Settings(briefs_dir=briefs, templates_dir=ROOT / "templates", out_dir=out,
                    today=TODAY, audience=audience, jobs=1)
    state = BuildState(resident=True)
    _run(live, state)
    for number, (name, edit) in enumerate(edits):
        before = _snapshot(briefs)
        edit(briefs)
        if settled:
            _mark_changed(briefs, before, number)
        outcome = _run(live, state)
        monkeypatch.setenv("BRIEFBOOK_CACHE", "0")
        scratch_out = tmp_path / f"scratch-{number}" / "generated"
        scratch = Settings(briefs_dir=briefs, templates_dir=ROOT / "templates",
                           out_dir=scratch_out, today=TODAY, audience=audience, jobs=1)
        expected = _run(scratch)
        monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
        assert outcome == expected, name
        if expected[0] == "ok":
            assert _tree(out) == _tree(scratch_out), name
            _assert_kept_state_is_fresh(state, scratch, name)
        shutil.rmtree(scratch_out.parent, ignore_errors=True)


def _edit_line(relative: str, key: str, change: Callable[[Path, str], str]) -> Edit:
    """An edit of the first line of ``relative`` starting with ``key``."""
    def edit(briefs: Path) -> None:
        path = briefs / relative
        lines = path.read_text("utf-8").split("\n")
        number = next(i for i, line in enumerate(lines) if line.startswith(key))
        lines[number] = change(briefs, lines[number])
        path.write_text("\n".join(lines), "utf-8")
    return edit


def _listed(line: str) -> list[str]:
    return [item.strip() for item in line.split("[", 1)[1].rstrip("]").split(",")]


def _add_participant(meeting: str) -> Edit:
    def change(briefs: Path, line: str) -> str:
        present = _listed(line)
        other = next(f"person/{p.stem}" for p in sorted(briefs.glob("person/*.yml"))
                     if f"person/{p.stem}" not in present)
        return f"participants: [{', '.join([*present, other])}]"
    return _edit_line(meeting, "participants: [", change)


def _move_first_participant(meeting: str) -> Edit:
    def edit(briefs: Path) -> None:
        line = next(x for x in (briefs / meeting).read_text("utf-8").split("\n")
                    if x.startswith("participants: ["))
        person = f"{_listed(line)[0]}.yml"

        def change(folder: Path, country_line: str) -> str:
            countries = sorted(f"country/{p.stem}" for p in folder.glob("country/*.yml"))
            current = country_line.split(":", 1)[1].strip()
            return f"country: {next(c for c in countries if c != current)}"
        _edit_line(person, "country: ", change)(briefs)
    return edit


def _drop_first_related(meeting: str) -> Edit:
    return _edit_line(meeting, "related: [",
                      lambda _, line: f"related: [{', '.join(_listed(line)[1:])}]")


def _cite_another_source(meeting: str) -> Edit:
    def change(briefs: Path, line: str) -> str:
        registry = (briefs / "_sources.yml").read_text("utf-8")
        present = _listed(line)
        other = next(f"src-{n:05d}" for n in range(100)
                     if f"src-{n:05d}" not in present and f"src-{n:05d}:" in registry)
        return f"sources: [{', '.join([*present, other])}]"
    return _edit_line(meeting, "sources: [", change)


def _first(briefs: Path, kind: str, position: int = 0) -> str:
    return sorted(briefs.glob(f"{kind}/*.yml"))[position].relative_to(briefs).as_posix()


@pytest.mark.parametrize("settled", [False, True], ids=["files-just-saved", "files-settled"])
def test_a_sequence_of_edits_matches_runs_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: bool
) -> None:
    briefs = tmp_path / "briefs"
    write_corpus(briefs, 90)
    meeting, person = _first(briefs, "meeting", 1), _first(briefs, "person")
    country, relation = _first(briefs, "country"), _first(briefs, "relation")
    initiative = _first(briefs, "initiative", -1)
    added = briefs / "meeting" / "meeting-added.yml"
    oldest = min((p for p in briefs.glob("person/*.yml") if p.name != Path(person).name),
                 key=lambda p: p.read_text("utf-8").split("\nreviewed: ")[1][:10]
                 ).relative_to(briefs).as_posix()

    def add_brief(folder: Path) -> None:
        added.write_text((folder / meeting).read_text("utf-8").replace("title: {en: \"",
                                                                        "title: {en: \"New "))

    edits: list[tuple[str, Edit]] = [
        ("nothing", lambda _: None),
        ("summary", _replace(meeting, "summary: >-\n", "summary: >-\n  Edited summary.\n")),
        ("body", _replace(meeting, "body: |\n", "body: |\n  An edited paragraph.\n")),
        ("person title", _replace(person, 'title: {en: "', 'title: {en: "Renamed ')),
        ("country title", _replace(country, 'title: {en: "', 'title: {en: "Renamed ')),
        ("tags", _replace(meeting, "tags: [", "tags: [topic-new, ")),
        ("meeting date", _replace(meeting, "\ndate: 20", "\ndate: 19")),
        ("withheld", _replace(person, "marking: TLP:CLEAR", "marking: TLP:AMBER")),
        ("published again", _replace(person, "marking: TLP:AMBER", "marking: TLP:CLEAR")),
        ("reviewed", _replace(relation, "reviewed: 20", "reviewed: 19")),
        ("registry", _replace("_sources.yml", "publisher: Synthetic News Agency",
                              "publisher: Renamed Agency")),
        ("broken yaml", _replace(meeting, "summary: >-\n", "summary: [\n")),
        # The broken (then the invalid) file is unchanged: trusted, handed on as loaded
        # last run, and reported again as a run from scratch reports it.
        ("other edited while one is broken", _replace(person, "summary: >-\n",
                                                      "summary: >-\n  While broken.\n")),
        ("mended yaml", _replace(meeting, "summary: [\n", "summary: >-\n")),
        ("invalid value", _replace(meeting, "marking: TLP:CLEAR", "marking: TLP:PURPLE")),
        ("other edited while one is invalid", _replace(person, "summary: >-\n",
                                                       "summary: >-\n  While invalid.\n")),
        ("valid again", _replace(meeting, "marking: TLP:PURPLE", "marking: TLP:CLEAR")),
        ("participant added", _add_participant(meeting)),
        ("participant moved country", _move_first_participant(meeting)),
        ("related removed", _drop_first_related(meeting)),
        ("citation added", _cite_another_source(meeting)),
        ("relation retitled", _replace(relation, 'title: {en: "', 'title: {en: "Zz ')),
        # Counts change, and nothing else the home page lists: it is reviewed the longest ago.
        ("oldest withheld", _replace(oldest, "marking: TLP:CLEAR", "marking: TLP:AMBER")),
        ("oldest published", _replace(oldest, "marking: TLP:AMBER", "marking: TLP:CLEAR")),
        ("tampered output", lambda _: (tmp_path / "live" / "generated" / f"{meeting[:-4]}.md")
         .write_text("edited by hand", "utf-8")),
        ("added", add_brief),
        ("deleted", lambda _: added.unlink()),
        ("unreferenced deleted", lambda folder: (folder / initiative).unlink()),
    ]
    _check_sequence(briefs, tmp_path, monkeypatch, edits, settled=settled)


def test_page_collisions_come_and_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids and tags taking another page's address are reported by the preview exactly as
    by a run from scratch, as they appear, move and go (see incremental/collisions.py)."""
    briefs = tmp_path / "briefs"
    write_corpus(briefs, 30)
    meeting, person = _first(briefs, "meeting"), _first(briefs, "person")
    reserved = briefs / "tags" / "reserved.yml"
    index = briefs / "person" / "index.yml"

    def copy_person(target: Path) -> Edit:
        def edit(folder: Path) -> None:
            target.parent.mkdir(exist_ok=True)
            target.write_text((folder / person).read_text("utf-8"), "utf-8")
        return edit

    edits: list[tuple[str, Edit]] = [
        ("tag index", _replace(meeting, "tags: [", "tags: [index, ")),
        ("other edited while a tag collides", _replace(person, "summary: >-\n",
                                                       "summary: >-\n  Edited.\n")),
        ("colliding tag moved down", _replace(meeting, "summary: >-\n",
                                              "summary: >-\n  Two\n  lines.\n")),
        ("tag index dropped", _replace(meeting, "tags: [index, ", "tags: [")),
        ("brief in tags/", copy_person(reserved)),
        ("brief in tags/ removed", lambda _: reserved.unlink()),
        ("brief at a kind index", copy_person(index)),
        ("other edited while an id collides", _replace(person, "summary: >-\n",
                                                       "summary: >-\n  Again.\n")),
        ("brief at a kind index removed", lambda _: index.unlink()),
        ("tag edited", _replace(meeting, "tags: [", "tags: [topic-new, ")),
    ]
    _check_sequence(briefs, tmp_path, monkeypatch, edits)


def test_demo_briefs_for_the_internal_audience(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs", briefs)
    meeting = "meeting/2025-04-22-informal-meeting.yml"
    person = "person/serdar-berdimuhamedov.yml"
    edits: list[tuple[str, Edit]] = [
        ("meeting title", _replace(meeting, "  en: Informal meeting", "  en: Retitled meeting")),
        ("amber", _replace(person, "marking: TLP:CLEAR", "marking: TLP:AMBER")),
        ("red", _replace(person, "marking: TLP:AMBER", "marking: TLP:RED")),
        ("clear", _replace(person, "marking: TLP:RED", "marking: TLP:CLEAR")),
    ]
    _check_sequence(briefs, tmp_path, monkeypatch, edits, audience="internal")


def test_portion_markings_edited_in_a_running_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts re-marked in the demo meeting and relation, for the community: a part comes
    into the site, another leaves it, a relation's figure marked GREEN raises the banners
    of the country pages that show it; the kept site and pages stay a build's."""
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs", briefs)
    meeting = "meeting/2025-04-22-informal-meeting.yml"
    relation = "relation/kazakhstan-turkmenistan.yml"
    edits: list[tuple[str, Edit]] = [
        ("amber point made green", _replace(
            meeting, "refs: [gas_field/galkynysh]\n    marking: TLP:AMBER",
            "refs: [gas_field/galkynysh]\n    marking: TLP:GREEN")),
        ("green issue made amber", _replace(
            relation, "sources: [nca-2024-10-10]\n    marking: TLP:GREEN",
            "sources: [nca-2024-10-10]\n    marking: TLP:AMBER")),
        ("figure marked green", _replace(
            relation, "    sources: [yerzemin-2022]\n",
            "    sources: [yerzemin-2022]\n    marking: TLP:GREEN\n")),
        ("meeting marked green", _replace(meeting, "marking: TLP:CLEAR", "marking: TLP:GREEN")),
        ("figure made public", _replace(
            relation, "    sources: [yerzemin-2022]\n    marking: TLP:GREEN\n",
            "    sources: [yerzemin-2022]\n")),
    ]
    _check_sequence(briefs, tmp_path, monkeypatch, edits, audience="community")


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Brief files the loader reads from now on."""
    read: list[str] = []
    original = briefbook.incremental.loading.read_bounded

    def counting(path: Path) -> bytes:
        read.append(Path(path).name)
        return original(path)
    monkeypatch.setattr(briefbook.incremental.loading, "read_bounded", counting)
    return read


def _live_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                  count: int) -> tuple[Path, Settings, BuildState]:
    """A synthetic corpus of ``count`` briefs and a live preview's settings over it."""
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    briefs = tmp_path / "briefs"
    write_corpus(briefs, count)
    return briefs, Settings(briefs_dir=briefs, templates_dir=ROOT / "templates",
                            out_dir=tmp_path / "generated", today=TODAY, jobs=1), \
        BuildState(resident=True)


def _edit_summary(path: Path) -> None:
    path.write_text(path.read_text("utf-8").replace("summary: >-\n", "summary: >-\n  Edited.\n"))


def test_a_preview_reads_only_the_files_whose_signature_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    racy_window(monkeypatch, 0)
    briefs, live, state = _live_preview(tmp_path, monkeypatch, 40)
    generate(live, state)
    read = _reads(monkeypatch)
    meeting = briefs / _first(briefs, "meeting")
    before = _snapshot(briefs)
    _edit_summary(meeting)
    _mark_changed(briefs, before, 1)
    report, _ = generate(live, state)
    assert read == [meeting.name]
    assert "Edited." in (tmp_path / "generated" / _first(briefs, "meeting")).with_suffix(
        ".md").read_text("utf-8")
    read.clear()
    os.utime(meeting, ns=(1_600_000_000 * 10**9,) * 2)  # touched, bytes unchanged
    report, _ = generate(live, state)
    assert read == [meeting.name]
    assert report.written == []
    read.clear()
    generate(live, state)
    assert read == []


def test_files_changed_just_before_a_run_are_read_again_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the racy window a second save may not change a file's signature (same size,
    same clock tick): a file changed that recently is not trusted, and is read again."""
    # A window longer than this test: every file counts as written just now.
    racy_window(monkeypatch, 600 * 10**9)
    briefs, live, state = _live_preview(tmp_path, monkeypatch, 40)
    generate(live, state)
    read = _reads(monkeypatch)
    generate(live, state)
    everything = len(list(briefs.rglob("*.yml")))
    assert len(read) == everything
    read.clear()
    later = time.time_ns() + 601 * 10**9
    monkeypatch.setattr(briefbook.incremental.signatures.time, "time_ns", lambda: later)
    generate(live, state)  # read once more, now settled: trusted from here on
    assert len(read) == everything
    read.clear()
    generate(live, state)
    assert read == []


def test_a_preview_writes_its_cache_once_and_when_it_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between its first run and its end a preview keeps the cache in memory; what it
    writes at the end lets the next process parse nothing again."""
    briefs, live, state = _live_preview(tmp_path, monkeypatch, 30)
    generate(live, state)
    cache_file = tmp_path / ".briefbook" / "cache-generated.msgpack"
    first = briefbook.incremental.signatures.signature(cache_file)
    assert first is not None
    meeting = briefs / _first(briefs, "meeting")
    _edit_summary(meeting)
    generate(live, state)
    assert briefbook.incremental.signatures.signature(cache_file) == first
    state.save(stopping=True)
    assert briefbook.incremental.signatures.signature(cache_file) != first
    # A new process: nothing kept in memory, every brief file found in the cache file.
    parsed: list[Path] = []
    original = briefbook.incremental.loading.load_file
    monkeypatch.setattr(briefbook.incremental.loading, "load_file",
                        lambda path, *a, **k: parsed.append(path) or original(path, *a, **k))
    report, _ = generate(Settings(briefs_dir=briefs, templates_dir=ROOT / "templates",
                                  out_dir=tmp_path / "generated", today=TODAY, jobs=1))
    assert parsed == [] and report.written == []


def test_files_parsed_ahead_by_another_process_are_trusted_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview's first run is cold: a forked process parses a share of the files. Their
    signatures, taken before that process reads them, are trusted by the next run."""
    racy_window(monkeypatch, 0)
    monkeypatch.setattr(briefbook.load.parse_ahead, "PARSE_AHEAD_MIN", 10)
    briefs, live, state = _live_preview(tmp_path, monkeypatch, 40)
    forked: list[int] = []
    original = briefbook.load.parse_ahead.forked_map
    monkeypatch.setattr(briefbook.load.parse_ahead, "forked_map",
                        lambda work, items: forked.append(len(items)) or original(work, items))
    generate(live, state)
    assert forked and forked[0] > 0
    read = _reads(monkeypatch)
    generate(live, state)
    assert read == []


def test_a_template_edited_in_a_running_preview_shows_on_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The renderer keeps what it made for each folder (links, source entries) from run
    to run of a preview; an edited template must still show everywhere it is used."""
    racy_window(monkeypatch, 0)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    briefs, live, state = _live_preview(tmp_path, monkeypatch, 40)
    live.templates_dir = templates
    generate(live, state)
    entry = templates / "_source_entry.md.j2"
    entry.write_text(entry.read_text("utf-8").replace(" · {{", " · edited · {{"), "utf-8")
    os.utime(entry, ns=(time.time_ns() + 10**9,) * 2)  # a new mtime, however coarse the clock
    generate(live, state)
    scratch = Settings(briefs_dir=briefs, templates_dir=templates, out_dir=tmp_path / "scratch",
                       today=TODAY, jobs=1)
    generate(scratch)
    assert any(" · edited · " in text.decode() for text in _tree(live.out_dir).values())
    assert _tree(live.out_dir) == _tree(scratch.out_dir)
