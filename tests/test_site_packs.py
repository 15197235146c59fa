"""The site's briefing packs: the generator prints the pack of every published meeting,
relation and country to packs/<id>.pdf (ru/packs/... in Russian), links it from the
brief's page with its page count and size, and prints again only the packs an edit
changed (a new process, with the cache on disk)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefbook.pipeline import Settings, generate
from briefbook.write.tree import WriteReport

from .conftest import REPO, copy_project, run_briefbook

TODAY = dt.date(2026, 12, 1)
MEETING = "meeting/2025-04-22-informal-meeting"
LINK = re.compile(r"\[(Briefing pack|Справочный пакет) &#40;PDF, (\d+) [^,]+, (\d+) (KB|КБ)"
                  r"&#41;\]\(\.\./packs/meeting/2025-04-22-informal-meeting\.pdf\)")


def _settings(root: Path, packs: bool = True) -> Settings:
    return Settings(briefs_dir=root / "briefs", templates_dir=REPO / "templates",
                    out_dir=root / "generated", audience="public", today=TODAY,
                    config_file=REPO / "mkdocs.yml", languages=("en", "ru"), packs=packs)


def _pdfs(paths: list[str]) -> set[str]:
    return {path for path in paths if path.endswith(".pdf")}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, WriteReport]:
    root = tmp_path_factory.mktemp("packsite")
    shutil.copytree(REPO / "briefs", root / "briefs")
    report, _ = generate(_settings(root))
    return root, report


def test_packs_are_printed_per_language_and_linked_with_their_page_count(
        first: tuple[Path, WriteReport]) -> None:
    root, report = first
    out = root / "generated"
    assert f"packs/{MEETING}.pdf" in report.written
    assert f"ru/packs/{MEETING}.pdf" in report.written
    assert "packs/country/kazakhstan.pdf" in report.written
    for page, pack in ((f"{MEETING}.md", f"packs/{MEETING}.pdf"),
                       (f"ru/{MEETING}.md", f"ru/packs/{MEETING}.pdf")):
        found = LINK.search((out / page).read_text("utf-8"))
        assert found, page
        data = (out / pack).read_bytes()
        assert int(found.group(2)) == len(PdfReader(io.BytesIO(data)).pages)
        assert int(found.group(3)) == round(len(data) / 1024)
    assert LINK.search((out / f"ru/{MEETING}.md").read_text("utf-8")).group(1) \
        == "Справочный пакет"  # type: ignore[union-attr]
    # A brief without a pack links none.
    assert "packs/" not in (out / "person/serdar-berdimuhamedov.md").read_text("utf-8")


def test_a_second_run_prints_nothing_and_an_edit_reprints_only_what_shows_it(
        first: tuple[Path, WriteReport]) -> None:
    root, report = first
    all_packs = _pdfs(report.written)
    # A new commit (here the first: the folder was no work tree) changes no pack's content,
    # so it reprints none: a kept pack's cover names the commit it was printed from.
    for command in (["init", "-q"], ["add", "briefs"],
                    ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "c"]):
        subprocess.run(["git", "-C", str(root), *command], check=True)
    again, _ = generate(_settings(root))
    assert _pdfs(again.written) == set()
    assert all_packs <= set(again.unchanged)
    brief = root / "briefs" / f"{MEETING}.yml"
    brief.write_text(brief.read_text("utf-8").replace(
        "    The leaders set a goal", "    Edited for the test. The leaders set a goal", 1
    ).replace("    Лидеры поставили", "    Правка для теста. Лидеры поставили", 1), "utf-8")
    edited, _ = generate(_settings(root))
    reprinted = _pdfs(edited.written)
    assert {f"packs/{MEETING}.pdf", f"ru/packs/{MEETING}.pdf"} <= reprinted
    assert "packs/country/india.pdf" not in reprinted  # it does not show the meeting
    assert reprinted < all_packs
    assert f"{MEETING}.md" in edited.written


def test_packs_off_prints_none_and_links_none(first: tuple[Path, WriteReport]) -> None:
    root, _ = first
    report, _ = generate(_settings(root, packs=False))
    out = root / "generated"
    assert not list(out.rglob("*.pdf"))
    assert f"{MEETING}.md" in report.written
    assert not LINK.search((out / f"{MEETING}.md").read_text("utf-8"))


@pytest.mark.slow
def test_the_built_site_serves_the_packs_in_both_languages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = run_briefbook("build", "--site-dir", "site", "--today", TODAY.isoformat(),
                           cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "packs" / f"{MEETING}.pdf").is_file()
    assert (site / "ru" / "packs" / f"{MEETING}.pdf").is_file()
    page = (site / MEETING / "index.html").read_text("utf-8")
    assert f'href="../../packs/{MEETING}.pdf"' in page
    ru_page = (site / "ru" / MEETING / "index.html").read_text("utf-8")
    assert f'href="../../packs/{MEETING}.pdf"' in ru_page and "Справочный пакет" in ru_page


def test_packs_are_printed_only_where_the_configuration_asks(tmp_path: Path) -> None:
    """A pack costs seconds to print: a site asks for them (the plugin's ``packs: true``,
    as the demo's mkdocs.yml does); without the option, or without a configuration, a
    render prints none."""
    config = tmp_path / "mkdocs.yml"
    assert Settings(tmp_path, config_file=config, packs=None).packs is False  # no file
    config.write_text("site_name: t\nplugins:\n  - briefbook\n", "utf-8")
    assert Settings(tmp_path, config_file=config, packs=None).packs is False
    config.write_text("site_name: t\nplugins:\n  - briefbook:\n      packs: true\n", "utf-8")
    assert Settings(tmp_path, config_file=config, packs=None).packs is True
    assert Settings(tmp_path, config_file=config, packs=False).packs is False  # --no-packs
    assert Settings(REPO / "briefs", config_file=REPO / "mkdocs.yml", packs=None).packs is True
