"""End to end: the demo content builds into a real site with a page for every brief."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefbook.load.folders import file_id
from briefbook.models import KINDS

from .conftest import REPO, TODAY, copy_project, run_briefbook


def demo_ids() -> dict[str, str]:
    """Id → kind of every demo brief, read from the YAML without briefbook."""
    import yaml

    ids = {}
    for path in sorted((REPO / "briefs").rglob("*.yml")):
        if path.name.startswith("_"):
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        ids[file_id(path.relative_to(REPO / "briefs"))] = data["kind"]
    return ids


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("demo"))
    result = run_briefbook("build", "--site-dir", str(root / "site"), "--today", TODAY, cwd=root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.mark.slow
def test_every_brief_has_a_page_at_its_id(demo: Path) -> None:
    ids = demo_ids()
    assert len(ids) >= 8
    for brief_id in ids:
        page = demo / "site" / brief_id / "index.html"
        assert page.is_file(), f"no page for {brief_id}"


@pytest.mark.slow
def test_every_kind_index_lists_its_briefs(demo: Path) -> None:
    ids = demo_ids()
    for kind in KINDS:
        index = (demo / "site" / kind / "index.html").read_text("utf-8")
        for brief_id, brief_kind in ids.items():
            if brief_kind == kind:
                assert f'href="{brief_id.split("/", 1)[1]}/"' in index, (kind, brief_id)


@pytest.mark.slow
def test_demo_covers_every_kind(demo: Path) -> None:
    assert set(demo_ids().values()) == set(KINDS)


@pytest.mark.slow
def test_home_page_links_every_kind_and_uses_no_other_host(demo: Path) -> None:
    home = (demo / "site" / "index.html").read_text("utf-8")
    for kind in KINDS:
        assert f'href="{kind}/"' in home
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    for page in (demo / "site").rglob("*.html"):
        text = page.read_text("utf-8")
        assert "<script src=\"http" not in text and "<link href=\"http" not in text, page


@pytest.mark.slow
def test_search_index_covers_english_and_russian(demo: Path) -> None:
    """Pagefind indexes each language's pages apart (stemmed in its language); the Russian
    index has the Russian page with its Russian words, its kind and summary."""
    from .pagefind_files import fragments, languages

    site = demo / "site"
    assert set(languages(site)) == {"en", "ru"}
    russian = {f["url"]: f for f in fragments(site) if f["lang"] == "ru"}
    page = russian["/ru/gas_field/galkynysh/"]
    assert "Галкыныш" in page["content"]
    assert page["meta"]["kind"] == "Газовое месторождение"
    assert page["meta"]["summary"].startswith("Крупнейшее газовое месторождение")


THROWAWAY = """\
kind: initiative
title: Throwaway initiative
summary: Exists only to be deleted.
marking: TLP:CLEAR
reviewed: 2026-01-01
"""


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_deleted_brief_disappears_and_hand_written_pages_stay(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    docs_before = _tree_digest(root / "docs")
    assert run_briefbook("render", "--out", "generated", "--today", TODAY, cwd=root).returncode == 0
    victim = root / "briefs" / "initiative" / "throwaway.yml"
    victim.write_text(THROWAWAY, "utf-8")
    assert run_briefbook("render", "--out", "generated", "--today", TODAY, cwd=root).returncode == 0
    page = root / "generated" / "initiative" / "throwaway.md"
    assert page.is_file()
    assert "throwaway" in (root / "generated" / "initiative" / "index.md").read_text("utf-8")
    victim.unlink()
    result = run_briefbook("render", "--out", "generated", "--today", TODAY, cwd=root)
    assert result.returncode == 0, result.stderr
    assert not page.exists()
    assert "throwaway" not in (root / "generated" / "initiative" / "index.md").read_text("utf-8")
    assert _tree_digest(root / "docs") == docs_before


@pytest.mark.slow
def test_bad_content_stops_before_anything_is_written(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    assert run_briefbook("render", "--out", "generated", "--today", TODAY, cwd=root).returncode == 0
    before = _tree_digest(root / "generated")
    brief = next((root / "briefs" / "country").glob("*.yml"))
    brief.write_text(brief.read_text("utf-8").replace("marking: TLP:CLEAR", "marking: TLP:WHITE"))
    result = run_briefbook("render", "--out", "generated", "--today", TODAY, cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"briefs/country/{brief.name}:" in result.stderr and "TLP:WHITE" in result.stderr
    assert _tree_digest(root / "generated") == before


def test_render_refuses_a_folder_it_does_not_own(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    result = run_briefbook("render", "--out", "docs", "--today", TODAY, cwd=root)
    assert result.returncode == 1
    assert "did not write" in result.stderr
    assert (root / "docs" / "about.md").is_file()


@pytest.mark.slow
def test_plain_mkdocs_build_runs_the_plugin(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                             "--site-dir", str(root / "out")], cwd=root, capture_output=True,
                            text=True, timeout=600, env={**__import__("os").environ,
                                                         "BRIEFBOOK_TODAY": TODAY})
    assert result.returncode == 0, result.stderr
    assert (root / "out" / "relation" / "kazakhstan-turkmenistan" / "index.html").is_file()
    assert (root / "generated" / ".briefbook-manifest.json").is_file()


@pytest.mark.slow
def test_home_shows_key_figures_with_citations_and_progress(demo: Path) -> None:
    import html

    home = html.unescape((demo / "site" / "index.html").read_text("utf-8"))
    key = home.split('id="key-figures"')[1].split("<h2")[0]
    assert "USD 563 million (2023)" in key and "USD 1 billion (target)" in key
    assert 'href="#source-1"' in key
    assert "<strong>56 %</strong> of the USD 1 billion target" in key
    assert 'id="source-1"' in home  # the home page lists the sources it cites
