"""Brief ids and tags whose pages would take another page's address are errors at the
brief, found by every command before anything is rendered or built.

The kind index, the home page, the sources, changes and tags pages, the timeline and
its filter pages, the feed, the export and the writers' guide are generated; the
hand-written pages are those of the docs folder (``docs_dir`` of mkdocs.yml).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import pytest

from briefbook.cli import main
from briefbook.errors import ContentError
from briefbook.pipeline import Settings, check, generate
from briefbook.render.paths import site_wide_pages

from .conftest import REPO

BASE = Path(__file__).parent / "bad_briefs" / "_base"
TODAY = dt.date(2026, 11, 22)
PAT = (BASE / "person/pat.yml").read_text()
ALPHA = (BASE / "country/alpha.yml").read_text()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The base tree under briefs/, a docs folder with about.md, and the cwd there."""
    shutil.copytree(BASE, tmp_path / "briefs")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/about.md").write_text("# About\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _found(project: Path) -> list[str]:
    settings = Settings(briefs_dir=project / "briefs", today=TODAY, audience="internal")
    return [d.format() for d in check(settings).diagnostics if d.severity.value == "error"]


def _add(project: Path, relative: str, text: str = PAT) -> None:
    path = project / "briefs" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.mark.parametrize(("relative", "message"), [
    ("meeting/index.yml", "brief id 'meeting/index' takes the address /meeting/ of the index "
                          "of meetings (meeting/index.md): rename or move the file"),
    ("index.yml", "brief id 'index' takes the address / of the home page (index.md): "
                  "rename or move the file"),
    ("about.yml", "brief id 'about' takes the address /about/ of the hand-written page "
                  "docs/about.md: rename or move the file"),
    ("tags/energy.yml", "brief id 'tags/energy' is in the folder tags/ of the tag pages: "
                        "move the file"),
    ("timeline/country/alpha.yml", "brief id 'timeline/country/alpha' is in the folder "
                                   "timeline/ of the timeline pages: move the file"),
    ("person.yml", "brief id 'person' takes the address /person/ of the index of people "
                   "(person/index.md): rename or move the file"),
    ("writing-briefs.yml", "brief id 'writing-briefs' takes the address /writing-briefs/ of "
                           "the writers' guide (writing-briefs.md): rename or move the file"),
])
def test_an_id_taking_a_pages_address_is_an_error_at_line_1(
        project: Path, relative: str, message: str) -> None:
    _add(project, relative)
    assert _found(project) == [f"briefs/{relative}:1:1: error: {message}"]


@pytest.mark.parametrize("page", [p for p in site_wide_pages() if p.endswith(".md")])
def test_every_generated_page_is_reserved(project: Path, page: str) -> None:
    """The reserved addresses come from render/paths.py, not from a list kept here."""
    relative = page.removesuffix(".md") + ".yml"
    _add(project, relative)
    found = _found(project)
    assert len(found) == 1 and found[0].startswith(f"briefs/{relative}:1:1: error: "), found


def test_a_tag_named_index_is_an_error_where_it_is_listed(project: Path) -> None:
    alpha = project / "briefs/country/alpha.yml"
    alpha.write_text(ALPHA + "tags: [gas, index]\n")
    _add(project, "person/sam.yml", PAT + "tags:\n  - index\n")
    message = ("tag 'index' takes the address /tags/ of the tags page (tags/index.md): "
               "choose another tag")
    assert _found(project) == [f"briefs/country/alpha.yml:16:13: error: {message}",
                               f"briefs/person/sam.yml:9:5: error: {message}"]


def test_a_tag_taking_a_hand_written_page(project: Path) -> None:
    (project / "docs/tags").mkdir()
    (project / "docs/tags/gas.md").write_text("# Gas\n")
    (project / "briefs/country/alpha.yml").write_text(ALPHA + "tags: [gas]\n")
    assert _found(project) == [
        "briefs/country/alpha.yml:16:8: error: tag 'gas' takes the address /tags/gas/ of the "
        "hand-written page docs/tags/gas.md: choose another tag"]


def test_briefs_taking_each_others_address(project: Path) -> None:
    _add(project, "person/pat/index.yml")
    assert _found(project) == [
        "briefs/person/pat.yml:1:1: error: brief id 'person/pat' takes the address "
        "/person/pat/ of the page of brief 'person/pat/index' "
        "(briefs/person/pat/index.yml): rename or move the file",
        "briefs/person/pat/index.yml:1:1: error: brief id 'person/pat/index' takes the "
        "address /person/pat/ of the page of brief 'person/pat' (briefs/person/pat.yml): "
        "rename or move the file"]


def test_a_country_timeline_taking_a_tag_timeline(project: Path) -> None:
    """A country brief outside country/ (a warning only) still gets a timeline page."""
    _add(project, "tag/gas.yml", ALPHA.replace("iso2: XA", "iso2: XG").replace(
        "iso3: XAA", "iso3: XGA").replace("head_of_state: person/pat\n", ""))
    (project / "briefs/country/alpha.yml").write_text(ALPHA + "tags: [gas]\n")
    assert _found(project) == [
        "briefs/country/alpha.yml:16:8: error: tag 'gas' (its timeline page "
        "timeline/tag/gas.md) takes the address /timeline/tag/gas/ of the timeline of "
        "country 'tag/gas' (timeline/tag/gas.md): choose another tag",
        "briefs/tag/gas.yml:1:1: error: the timeline of country 'tag/gas' "
        "(timeline/tag/gas.md) takes the address /timeline/tag/gas/ of the timeline of tag "
        "'gas' (timeline/tag/gas.md): rename or move the file"]


def test_a_hand_written_page_taking_a_generated_one(project: Path) -> None:
    (project / "docs/sources.md").write_text("# Sources\n")
    (project / "docs/timeline").mkdir()
    (project / "docs/timeline/index.md").write_text("# Timeline\n")
    (project / "docs/.notes.md").write_text("left out, as MkDocs leaves it out\n")
    assert _found(project) == [
        "docs/sources.md:1:1: error: the hand-written page docs/sources.md takes the address "
        "/sources/ of the sources page (sources.md): rename the hand-written page",
        "docs/timeline/index.md:1:1: error: the hand-written page docs/timeline/index.md "
        "takes the address /timeline/ of the timeline (timeline.md): rename the "
        "hand-written page"]


def test_the_docs_folder_is_the_one_mkdocs_yml_names(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: Test\ndocs_dir: pages\n")
    (project / "docs").rename(project / "pages")
    _add(project, "about.yml")
    assert _found(project) == [
        "briefs/about.yml:1:1: error: brief id 'about' takes the address /about/ of the "
        "hand-written page pages/about.md: rename or move the file"]
    settings = Settings(briefs_dir=project / "briefs", docs_dir=project / "elsewhere")
    assert not check(settings).diagnostics.has_errors


def test_render_stops_before_writing(project: Path) -> None:
    """Before: the writer stopped with 'page written twice' and no position."""
    _add(project, "meeting/index.yml")
    out = project / "generated"
    settings = Settings(briefs_dir=project / "briefs", templates_dir=REPO / "templates",
                        out_dir=out, today=TODAY, jobs=1)
    with pytest.raises(ContentError) as raised:
        generate(settings)
    assert [d.path for d in raised.value.diagnostics.errors] == ["briefs/meeting/index.yml"]
    assert not out.exists() or not any(p.suffix == ".md" for p in out.rglob("*"))


def _cli(args: list[str], capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["briefbook", *args])
    try:
        main()
        code = 0
    except SystemExit as exited:
        code = exited.code if isinstance(exited.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_validate_formats_carry_collisions(project: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _add(project, "about.yml")
    message = ("brief id 'about' takes the address /about/ of the hand-written page "
               "docs/about.md: rename or move the file")
    code, out, err = _cli(["validate", "--today", "2026-11-22"], capsys, monkeypatch)
    assert code == 1 and f"briefs/about.yml:1:1: error: {message}" in err.splitlines()
    code, out, _ = _cli(["validate", "--today", "2026-11-22", "--format", "github"], capsys,
                        monkeypatch)
    assert code == 1 and f"::error file=briefs/about.yml,line=1,col=1::{message}" in \
        out.splitlines()
    code, out, _ = _cli(["validate", "--today", "2026-11-22", "--format", "json"], capsys,
                        monkeypatch)
    assert code == 1 and {"path": "briefs/about.yml", "line": 1, "col": 1,
                          "severity": "error", "message": message} in json.loads(out)


def test_build_keeps_the_previous_site(project: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: briefs/about.yml passed the check, and MkDocs emptied site/ before it
    found the generated about.md replacing the hand-written one."""
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "templates", project / "templates")
    (project / "site").mkdir()
    (project / "site/index.html").write_text("the previous site")
    _add(project, "about.yml")
    code, _, err = _cli(["build", "--today", "2026-11-22"], capsys, monkeypatch)
    assert code == 1 and "briefs/about.yml:1:1: error: brief id 'about'" in err
    assert (project / "site/index.html").read_text() == "the previous site"



def test_docs_dir_is_read_beside_the_config(project: Path) -> None:
    """MkDocs reads docs_dir relative to mkdocs.yml, wherever the command runs."""
    site = project / "site-config"
    (site / "pages/person").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: Test\ndocs_dir: pages\n")
    (site / "pages/person/pat.md").write_text("# Pat, by hand\n")
    settings = Settings(briefs_dir=project / "briefs", today=TODAY,
                        config_file=site / "mkdocs.yml")
    assert settings.docs_dir == site / "pages"
    assert [d.format() for d in check(settings).diagnostics.errors] == [
        "briefs/person/pat.yml:1:1: error: brief id 'person/pat' takes the address "
        "/person/pat/ of the hand-written page site-config/pages/person/pat.md: rename or "
        "move the file"]
