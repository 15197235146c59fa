"""The site build on every core and from the page cache
(``briefbook.engines.mkdocs.pagebuild``) writes the very site MkDocs's own one-by-one
``build`` writes: every file of the demo site in both languages, compared byte for byte
(a gzip file by its content: its header holds a time), cold, on forked workers, from the
cache, after an edit and from a damaged cache. The comparison does catch a difference:
a build that loses what the search plugin collects in the workers is caught."""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build as plain_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from briefbook.engines.mkdocs import pagebuild
from briefbook.engines.mkdocs.pagekeys import WRITTEN_FOR
from briefbook.engines.mkdocs.plugin import BriefbookPlugin, follower_config
from briefbook.incremental.sitepages import MAGIC, PageStore
from briefbook.load.packed import pack

from .conftest import counting_fork

ROOT = Path(__file__).resolve().parent.parent
Builder = Callable[..., None]


def test_mkdocs_and_material_are_the_versions_the_build_follows() -> None:
    installed = {name: importlib.metadata.version(name) for name in WRITTEN_FOR}
    assert installed == WRITTEN_FOR, (
        f"installed {installed}, but briefbook.engines.mkdocs.pagebuild follows the build "
        f"of {WRITTEN_FOR}. Re-check it against mkdocs/commands/build.py (the order of "
        "build()'s steps, _populate_page, _build_page as copied in pagework.render, "
        "get_context, _build_theme_template), what Page.render leaves on a page "
        "(pagework.populated), where the search plugins collect their entries "
        "(pagebuild.collecting) and mkdocs/commands/serve.py's `build` name; then run "
        "tests/test_pagebuild.py and update WRITTEN_FOR in pagekeys.py.")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo (briefs, templates, hand-written pages), packs off, at a fixed date, with
    MkDocs's `search` plugin added: the site's search is Pagefind's, made after the build,
    but the build still gathers what a search plugin collects page by page in its
    workers, for a configuration that keeps one (and the tests below check it does)."""
    root = tmp_path / "demo"
    root.mkdir()
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "briefbook" in entry:
            entry["briefbook"]["packs"] = False
    config["plugins"].insert(0, "search")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "briefs", root / "briefs")
    shutil.copytree(ROOT / "docs", root / "docs")
    monkeypatch.chdir(root)
    monkeypatch.setenv("BRIEFBOOK_TODAY", "2026-11-22")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    return root


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The children forked while the test runs: a parallel build that quietly ran on one
    core (as it does beside another thread) must not pass for a parallel one."""
    assert threading.active_count() == 1, (
        "threads left by an earlier test make every build run on one core: "
        f"{[t.name for t in threading.enumerate()]}")
    children: list[int] = []
    monkeypatch.setattr(os, "fork", counting_fork(children))
    return children


def _site(project: Path, out: Path, builder: Builder, **options: Any) -> dict[str, str]:
    """Build every language's site with ``builder`` into ``out``; each file's digest."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out), strict=True)
    builder(config, **options)
    leader = config.plugins.get("briefbook")
    assert isinstance(leader, BriefbookPlugin) and leader.settings is not None
    for lang in leader.settings.languages[1:]:
        builder(follower_config(project / "mkdocs.yml", lang, out / lang, leader, strict=True),
                **options)
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            data = gzip.decompress(data) if path.suffix == ".gz" else data
            found[path.relative_to(out).as_posix()] = hashlib.sha256(data).hexdigest()
    return found


def _differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    return sorted(p for p in expected.keys() | actual.keys() if expected.get(p) != actual.get(p))


def _cache(project: Path, lang: str) -> Path:
    return project / ".briefbook" / "site" / lang


def test_parallel_and_cached_builds_write_mkdocss_site(project: Path, forks: list[int],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _site(project, project / "plain", plain_build)
    assert len(expected) > 200 and "ru/search/search_index.json" in expected
    monkeypatch.setenv("BRIEFBOOK_CACHE", "0")
    for jobs in (1, 2):
        forks.clear()
        assert _differences(expected, _site(project, project / f"jobs{jobs}", pagebuild.build,
                                            jobs=jobs)) == []
        assert bool(forks) == (jobs == 2)
    assert not (project / ".briefbook" / "site").exists()
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    assert _differences(expected, _site(project, project / "cold", pagebuild.build)) == []
    kept = {p: p.stat().st_mtime_ns for p in _cache(project, "ru").iterdir()}
    assert len(kept) > 100
    assert _differences(expected, _site(project, project / "warm", pagebuild.build)) == []
    assert {p: p.stat().st_mtime_ns for p in _cache(project, "ru").iterdir()} == kept


def test_a_damaged_cache_costs_time_only(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    _site(project, project / "first", pagebuild.build, jobs=2)
    kept = sorted(p for p in _cache(project, "en").iterdir())
    kept[0].write_bytes(kept[0].read_bytes()[:-7])  # truncated
    data = bytearray(kept[1].read_bytes())
    data[-3] ^= 0xFF  # a flipped byte
    kept[1].write_bytes(bytes(data))
    body = pack(["not", "an", "outcome"])  # well formed, with a true digest, but not one
    kept[2].write_bytes(MAGIC + hashlib.sha256(body).digest() + body)
    body = pack([[1, 2], [], []])
    kept[3].write_bytes(MAGIC + hashlib.sha256(body).digest() + body)
    for path in kept[4:40]:
        path.write_bytes(b"")
    PageStore(_cache(project, "en")).put(kept[41].name, {"a": "dict"})
    monkeypatch.setenv("BRIEFBOOK_CACHE", "0")
    expected = _site(project, project / "plain", plain_build)
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    assert _differences(expected, _site(project, project / "again", pagebuild.build)) == []


def test_after_an_edit_the_cached_build_is_mkdocss(project: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    _site(project, project / "first", pagebuild.build, jobs=2)
    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\n## Edited\n\nNew text.\n", "utf-8")
    brief = project / "briefs" / "gas_field" / "galkynysh.yml"
    brief.write_text(brief.read_text("utf-8").replace("  en: >-\n", "  en: >-\n    Edited.\n", 1),
                     "utf-8")
    after = _site(project, project / "after", pagebuild.build, jobs=2)
    assert _differences(_site(project, project / "plain", plain_build), after) == []


def test_the_comparison_catches_a_build_that_loses_the_search_entries(
        project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOOK_CACHE", "0")
    expected = _site(project, project / "plain", plain_build)
    monkeypatch.setattr(pagebuild, "collecting", lambda config: [])
    broken = _site(project, project / "broken", pagebuild.build, jobs=2)
    assert forks, "the pages were not built by workers"
    assert _differences(expected, broken) == ["ru/search/search_index.json",
                                              "search/search_index.json"]


def test_warnings_in_workers_and_in_the_cache_still_fail_a_strict_build(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\n[gone](no-such-page.md)\n", "utf-8")
    for builder, options in ((plain_build, {}), (pagebuild.build, {"jobs": 2}),
                             (pagebuild.build, {"jobs": 2})):  # the last from the cache
        with pytest.raises(Abort, match="1 warnings in strict mode"):
            _site(project, project / "site", builder, **options)


def test_a_plugin_the_build_does_not_know_leaves_the_build_to_mkdocs(project: Path) -> None:
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    assert pagebuild.known_plugins(load_config(str(project / "mkdocs.yml")))
    config["plugins"].append("tags")  # Material's: it collects pages in its own way
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    assert not pagebuild.known_plugins(load_config(str(project / "mkdocs.yml")))
