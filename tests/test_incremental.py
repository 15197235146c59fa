"""Incremental generation: one edit rewrites only the pages it changes, and the
result is byte for byte what a run from scratch gives."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefbook.pipeline import Settings, generate
from briefbook.write.tree import WriteReport

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synth_corpus import write_corpus  # noqa: E402

TODAY = dt.date(2026, 11, 22)


def _settings(briefs: Path, out: Path) -> Settings:
    return Settings(briefs_dir=briefs, templates_dir=ROOT / "templates", out_dir=out, today=TODAY)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    briefs = tmp_path / "briefs"
    write_corpus(briefs, 60)
    return briefs


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _from_scratch(
    briefs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, bytes]:
    monkeypatch.setenv("BRIEFBOOK_CACHE", "0")
    out = tmp_path / "scratch" / "generated"
    generate(_settings(briefs, out))
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    return _tree(out)


def _change_then_match_scratch(
    briefs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> tuple[Path, WriteReport]:
    """Generate, apply ``change`` (it gets the generated folder), generate again, and check
    the incremental result is byte for byte a from-scratch one."""
    out = tmp_path / "generated"
    generate(_settings(briefs, out))
    change(out)
    report, _ = generate(_settings(briefs, out))
    assert _tree(out) == _from_scratch(briefs, tmp_path, monkeypatch)
    return out, report


@pytest.mark.parametrize(
    "old,new",
    [
        ("summary: >-\n", "summary: >-\n  Edited summary.\n"),  # shown in listings
        ("body: |\n", "body: |\n  An edited paragraph.\n"),  # shown on its own page only
    ],
)
def test_one_edit_rewrites_only_changed_pages(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    out = tmp_path / "generated"
    generate(_settings(corpus, out))
    before = _stats(out)
    old_bytes = _tree(out)
    target = sorted((corpus / "meeting").glob("*.yml"))[3]
    _edit(target, old, new)
    report, _ = generate(_settings(corpus, out))
    after = _tree(out)
    assert after == _from_scratch(corpus, tmp_path, monkeypatch)
    changed = {p for p in after if old_bytes.get(p) != after[p]}
    own = f"meeting/{target.stem}.md"
    assert own in changed
    # Every file whose bytes did not change kept its inode and modification time.
    stats = _stats(out)
    for path in after:
        if path not in changed and path != ".briefbook-manifest.json":
            assert stats[path] == before[path], path
    assert set(report.written) == changed - {".briefbook-manifest.json"}


def test_title_edit_updates_every_page_that_shows_it(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = sorted((corpus / "person").glob("*.yml"))[0]
    _change_then_match_scratch(corpus, tmp_path, monkeypatch,
                               lambda _: _edit(target, 'title: {en: "', 'title: {en: "Renamed '))


def test_registry_edit_and_deleted_brief(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreferenced = sorted((corpus / "initiative").glob("*.yml"))[-1]
    refs = [p for p in corpus.rglob("*.yml") if f"initiative/{unreferenced.stem}" in p.read_text()]

    def rename_publisher_and_delete(_: Path) -> None:
        _edit(corpus / "_sources.yml", "publisher: Synthetic News Agency",
              "publisher: Renamed Agency")
        if not refs:
            unreferenced.unlink()

    _, report = _change_then_match_scratch(corpus, tmp_path, monkeypatch,
                                           rename_publisher_and_delete)
    if not refs:
        assert f"initiative/{unreferenced.stem}.md" in report.deleted


def test_no_change_rewrites_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    generate(_settings(corpus, out))
    before = _stats(out)
    report, _ = generate(_settings(corpus, out))
    assert not report.changed
    assert _stats(out) == before


def test_damaged_cache_is_ignored(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damage_cache_and_edit(_: Path) -> None:
        for cache_file in (tmp_path / ".briefbook").glob("cache-*"):
            cache_file.write_bytes(b"not a cache")
        _edit(sorted((corpus / "meeting").glob("*.yml"))[0], "summary: >-\n",
              "summary: >-\n  X.\n")

    _change_then_match_scratch(corpus, tmp_path, monkeypatch, damage_cache_and_edit)


def test_hand_edited_output_is_rendered_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def tamper(out: Path) -> None:
        page = next(p for p in (out / "meeting").glob("*.md") if p.name != "index.md")
        page.unlink()
        page.write_text("tampered", "utf-8")  # new inode, bytes not in the manifest

    _change_then_match_scratch(corpus, tmp_path, monkeypatch, tamper)


def test_pages_that_show_a_brief_only_through_the_index_are_refreshed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A country page lists meetings whose participants come from it (two hops away):
    retitling such a meeting must refresh the country page."""
    import shutil

    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    briefs = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs", briefs)
    meeting = briefs / "meeting" / "2025-04-22-informal-meeting.yml"
    out, _ = _change_then_match_scratch(
        briefs, tmp_path, monkeypatch,
        lambda _: _edit(meeting, "  en: Informal meeting", "  en: Retitled informal meeting"))
    country = (out / "country" / "turkmenistan.md").read_text("utf-8")
    assert "Retitled informal meeting" in country


def test_template_edit_in_a_running_process_reaches_every_page(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A live preview keeps its compiled templates and its cache between runs: editing a
    template while it runs must still change every page that template renders."""
    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    out = tmp_path / "generated"
    settings = Settings(briefs_dir=corpus, templates_dir=templates, out_dir=out, today=TODAY)
    generate(settings)
    with (templates / "brief.md.j2").open("a", encoding="utf-8") as stream:
        stream.write("\nEdited while the preview runs.\n")
    report, _ = generate(settings)
    def brief_page(path: Path) -> bool:  # in any language's folder
        parts = path.relative_to(out).parts
        parts = parts[1:] if parts[0] == "ru" else parts
        return len(parts) == 2 and parts[0] not in ("tags", "timeline") \
            and parts[1] != "index.md"
    pages = [p for p in out.rglob("*.md") if brief_page(p)]
    assert any(p.relative_to(out).parts[0] == "ru" for p in pages)
    missing = [p.relative_to(out).as_posix() for p in pages
               if "Edited while the preview runs." not in p.read_text("utf-8")]
    assert pages and not missing
    assert {p.relative_to(out).as_posix() for p in pages} <= set(report.written)


def test_cache_replaced_by_another_process_is_read_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache this process saved is reused from memory only while its file is untouched."""
    out = tmp_path / "generated"
    generate(_settings(corpus, out))
    cache_file = next((tmp_path / ".briefbook").glob("cache-*"))
    cache_file.write_bytes(b"written by another process")
    target = sorted((corpus / "meeting").glob("*.yml"))[1]
    _edit(target, "summary: >-\n", "summary: >-\n  Y.\n")
    generate(_settings(corpus, out))
    assert _tree(out) == _from_scratch(corpus, tmp_path, monkeypatch)
    assert cache_file.read_bytes() != b"written by another process"  # saved afresh


def test_an_interrupted_write_leaves_the_output_as_it_was(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new tree is made beside the output and swapped in: a run stopped just before
    the swap leaves the output as it was, and the next run writes only what changed."""
    import briefbook.write.spare

    out = tmp_path / "generated"
    generate(_settings(corpus, out))
    before = _tree(out)
    _edit(sorted((corpus / "meeting").glob("*.yml"))[2], "tags: [", "tags: [topic-new, ")

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(briefbook.write.spare, "write_manifest", killed)
    with pytest.raises(KeyboardInterrupt):
        generate(_settings(corpus, out))
    monkeypatch.undo()
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    assert _tree(out) == before
    report, _ = generate(_settings(corpus, out))
    assert _tree(out) == _from_scratch(corpus, tmp_path, monkeypatch)
    assert "tags/topic-new.md" in report.written and len(report.unchanged) > 60


def test_a_folder_an_older_version_left_half_written_is_rewritten(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Older versions replaced a few pages in place, with a marker beside the folder
    meanwhile: a folder found with the marker is rewritten whole."""
    out = tmp_path / "generated"
    generate(_settings(corpus, out))
    (tmp_path / ".generated.writing").write_bytes(b"")
    (out / "index.md").write_text("half written", "utf-8")
    report, _ = generate(_settings(corpus, out))
    assert not (tmp_path / ".generated.writing").exists()
    assert _tree(out) == _from_scratch(corpus, tmp_path, monkeypatch)
    assert len(report.written) > 60  # everything, since nothing in the folder was trusted


def test_a_large_replaced_file_is_deleted_in_the_background(tmp_path: Path) -> None:
    """A large file replaced or deleted (the export, in the spare tree) frees its name at
    once, and its old bytes are deleted by a thread."""
    import threading

    from briefbook.write import background_delete

    out = tmp_path / "generated"
    out.mkdir()
    target, other = out / "briefs.json", out / "other.json"
    target.write_bytes(b"old" * background_delete.LARGE)
    other.write_bytes(b"old" * background_delete.LARGE)
    new = tmp_path / "new.part"
    new.write_bytes(b"new")
    background_delete.replace(new, target, tmp_path, ".generated.replaced")
    background_delete.retire(other, tmp_path, ".generated.replaced")
    for thread in threading.enumerate():
        if thread.name == "briefbook-delete":
            thread.join()
    assert target.read_bytes() == b"new" and not new.exists() and not other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


@pytest.mark.parametrize("path", ["/etc/passwd", "../x.md", "a/../../x.md", "a//b.md", "a/",
                                  "./a.md", "a/./b.md", "a\\b.md", "", ".", ".."])
def test_the_writer_refuses_a_path_outside_the_output_folder(tmp_path: Path, path: str) -> None:
    from briefbook.errors import OutputError
    from briefbook.write.tree import TreeWriter

    with TreeWriter(tmp_path / "generated") as writer, pytest.raises(OutputError, match="outside"):
        writer.add(path, "x")
    with TreeWriter(tmp_path / "generated") as writer, pytest.raises(OutputError, match="outside"):
        writer.keep({path: "0" * 64})


def test_the_writer_keeps_only_pages_the_manifest_records(tmp_path: Path) -> None:
    from briefbook.errors import OutputError
    from briefbook.write.tree import TreeWriter

    out = tmp_path / "generated"
    with TreeWriter(out) as writer:
        writer.add("a/b.md", "b")
        writer.add("a/.c..md", "c")  # dots inside a name are fine
        first = writer.finish()
    with TreeWriter(out) as writer:
        writer.keep({"a/b.md": first.digests["a/b.md"], "a/.c..md": first.digests["a/.c..md"]})
        assert writer.finish().unchanged == ["a/.c..md", "a/b.md"]
    with TreeWriter(out) as writer, pytest.raises(OutputError, match="not the page"):
        writer.keep({"a/b.md": first.digests["a/.c..md"]})


def test_a_large_page_is_written_in_the_background_only_when_it_changed(tmp_path: Path) -> None:
    import threading

    from briefbook.write.scratch import LARGE
    from briefbook.write.tree import TreeWriter

    out = tmp_path / "generated"
    big, other = b"a" * LARGE, b"b" * LARGE
    with TreeWriter(out) as writer:
        writer.add("data/big.json", big)
        writer.add("index.md", "home")
        first = writer.finish()
    assert (out / "data" / "big.json").read_bytes() == big
    inode = (out / "data" / "big.json").stat().st_ino
    with TreeWriter(out) as writer:
        writer.add("data/big.json", big)
        writer.add("index.md", "home")
        assert writer.finish().unchanged == ["data/big.json", "index.md"]
    assert (out / "data" / "big.json").stat().st_ino == inode
    with TreeWriter(out) as writer:
        writer.add("data/big.json", other)
        writer.add("index.md", "home")
        report = writer.finish()
    assert report.written == ["data/big.json"]
    assert report.digests["data/big.json"] != first.digests["data/big.json"]
    assert (out / "data" / "big.json").read_bytes() == other
    with pytest.raises(RuntimeError), TreeWriter(out) as writer:
        writer.add("data/big.json", big)
        raise RuntimeError("a template failed after the export was given")
    assert (out / "data" / "big.json").read_bytes() == other
    for thread in threading.enumerate():
        if thread.name == "briefbook-delete":  # the replaced file, deleted in the background
            thread.join()
    # No scratch file left: only the spare tree (the output before last).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".generated.spare", "generated"]


def test_a_short_write_in_the_background_is_completed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.writev may write less than asked (a signal, a full disk on the way): the rest
    is written, and a failing write leaves nothing behind."""
    import os

    import briefbook.write.scratch as scratch

    real_writev = os.writev
    monkeypatch.setattr(scratch.os, "writev",
                        lambda fd, buffers: real_writev(fd, [bytes(buffers[0])[:1000]]))
    pieces = [bytes([65 + i % 26]) * 70_000 for i in range(40)]
    job = scratch.BackgroundWrite(pieces, tmp_path / "page.part", str(tmp_path / "page"), None)
    assert job.result()[1] is True
    assert (tmp_path / "page.part").read_bytes() == b"".join(pieces)

    def failing(fd: int, buffers: list[bytes]) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scratch.os, "writev", failing)
    job = scratch.BackgroundWrite(pieces, tmp_path / "other.part", str(tmp_path / "x"), None)
    with pytest.raises(OSError, match="No space"):
        job.result()
    assert not (tmp_path / "other.part").exists()
