"""Bidirectional controls and zero-width characters: warned about where they are written,
left out wherever the site shows one-line text (see briefbook/load/invisible.py).

A title holding U+202E RIGHT-TO-LEFT OVERRIDE would show whatever follows it on its line
backwards (display spoofing): in a heading, a link in a sentence, a table row, a feed.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import markdown
import pytest

from briefbook.cli import main
from briefbook.load.invisible import INVISIBLE, bytes_hold_invisible, invisible_in
from briefbook.pipeline import Settings, check, render
from briefbook.render.markup import escape_text, safe_url

from .conftest import REPO, TODAY, copy_project, run_briefbook
from .pagefind_files import decompressed

GOLDEN = Path(__file__).parent / "golden" / "briefs"
BASE = Path(__file__).parent / "bad_briefs" / "_base"
RLO, ZWSP, LRI = "\u202e", "\u200b", "\u2066"
NAMED = {RLO: "U+202E RIGHT-TO-LEFT OVERRIDE", ZWSP: "U+200B ZERO WIDTH SPACE",
         LRI: "U+2066 LEFT-TO-RIGHT ISOLATE"}


def _warned(field: str, char: str) -> str:
    return (f"'{field}' holds {NAMED[char]}, a character that shows as nothing but can "
            "reorder or disguise the text around it: remove it (the site leaves it out)")


def _spoofed(briefs: Path) -> None:
    """The golden corpus, its relation retitled with an override (as YAML escapes), a
    zero-width space in a figure label, an isolate in the owner."""
    relation = briefs / "relation/alpha-beta.yml"
    text = relation.read_text("utf-8")
    text = text.replace("title: Alpha–Beta relations",
                        'title: "Alpha–Beta \\u202esnoitaler"')
    text = text.replace("owner: Desk A", 'owner: "Desk\\u2066 A"')
    text = text.replace("  - label: Bilateral trade turnover\n    value: 563",
                        '  - label: "Bilateral\\u200b trade turnover"\n    value: 563')
    relation.write_text(text, "utf-8")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(BASE, tmp_path / "briefs")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "briefs"


def _diagnostics(briefs: Path, **settings: object) -> list[str]:
    found = check(Settings(briefs_dir=briefs, today=dt.date(2026, 11, 22), audience="internal",
                           **settings))  # type: ignore[arg-type]
    return [d.format() for d in found.diagnostics]


def test_one_line_fields_are_warned_about_with_each_character_named(tree: Path) -> None:
    (tree / "person/sam.yml").write_text(
        "kind: person\n"
        f"title: {{en: Sam{RLO} Example, ru: Сэм{ZWSP}}}\n"
        f"summary: Markdown fields keep them{RLO}.\n"
        "marking: TLP:CLEAR\nreviewed: 2026-03-01\n"
        f'owner: "Desk\\u2066"\n'
        f"body: Also kept{ZWSP}.\n", "utf-8")
    with (tree / "_sources.yml").open("a", encoding="utf-8") as registry:
        registry.write(f"src-c:\n  title: Source{ZWSP} C\n  publisher: Pub\n")
    person = "briefs/person/sam.yml"
    assert _diagnostics(tree) == [
        "briefs/_sources.yml:10:1: warning: source 'src-c' is not cited by any brief",
        f"briefs/_sources.yml:11:10: warning: {_warned('src-c.title', ZWSP)}",
        f"{person}:2:13: warning: {_warned('title.en', RLO)}",
        f"{person}:2:31: warning: {_warned('title.ru', ZWSP)}",
        f"{person}:6:8: warning: {_warned('owner', LRI)}",
    ]


def test_several_characters_in_one_field(tree: Path) -> None:
    (tree / "country/alpha.yml").write_text(
        (tree / "country/alpha.yml").read_text().replace(
            "title: Alpha", f"title: Al{ZWSP}p{RLO}ha{ZWSP}"), "utf-8")
    assert _diagnostics(tree) == [
        "briefs/country/alpha.yml:2:8: warning: 'title' holds U+200B ZERO WIDTH SPACE and "
        "U+202E RIGHT-TO-LEFT OVERRIDE, characters that show as nothing but can reorder or "
        "disguise the text around them: remove them (the site leaves them out)"]


def test_a_file_name_holding_one(tree: Path) -> None:
    (tree / f"country/gam{RLO}ma.yml").write_text("kind: country\n", "utf-8")
    shown = "briefs/country/gam\\u202ema.yml"
    assert _diagnostics(tree) == [
        f"{shown}:1:1: error: invalid brief id 'country/gam\\u202ema': use lower-case "
        "letters, digits, '-' and '_' in file and folder names",
        f"{shown}:1:1: warning: the file name holds U+202E RIGHT-TO-LEFT OVERRIDE, a "
        "character that shows as nothing but can reorder or disguise the text around it: "
        "remove it"]


@pytest.mark.parametrize("cache", ["0", "1"])
def test_found_from_the_cache_and_in_escapes(tree: Path, cache: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation skips files whose bytes hold none of these characters: the check must
    see them written literally or as YAML escapes, parsed or from the cache."""
    monkeypatch.setenv("BRIEFBOOK_CACHE", cache)
    alpha = tree / "country/alpha.yml"
    alpha.write_text(alpha.read_text().replace("title: Alpha", 'title: "Al\\u202epha"'))
    beta = tree / "country/beta.yml"
    beta.write_text(beta.read_text().replace("title: Founded", f"title: Fou{ZWSP}nded"))
    (tree.parent / "generated").mkdir()
    expected = [f"briefs/country/alpha.yml:2:8: warning: {_warned('title', RLO)}",
                f"briefs/country/beta.yml:10:12: warning: {_warned('milestones.title', ZWSP)}"]
    settings = {"out_dir": tree.parent / "generated"}
    assert _diagnostics(tree, **settings) == expected
    assert _diagnostics(tree, **settings) == expected


def test_validate_formats_carry_the_warnings(tree: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    alpha = tree / "country/alpha.yml"
    alpha.write_text(alpha.read_text().replace("title: Alpha", f"title: Al{RLO}pha"))
    message = _warned("title", RLO)
    for output, expected in (
            ("github", f"::warning file=briefs/country/alpha.yml,line=2,col=8::{message}"),
            ("json", {"path": "briefs/country/alpha.yml", "line": 2, "col": 8,
                      "severity": "warning", "message": message})):
        monkeypatch.setattr(sys, "argv", ["briefbook", "validate", "--today", "2026-11-22",
                                          "--format", output])
        with pytest.raises(SystemExit) as exited:
            main()
        assert exited.value.code == 0
        out = capsys.readouterr().out
        assert expected in (json.loads(out) if output == "json" else out.splitlines())


def test_rendered_markdown_holds_none_of_them(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(GOLDEN, briefs)
    _spoofed(briefs)
    monkeypatch.chdir(tmp_path)
    pages, _ = render(Settings(briefs_dir=briefs, templates_dir=REPO / "templates",
                               today=dt.date(2026, 11, 22), jobs=1))
    for path, text in pages.items():
        if path != "data/briefs.json":
            assert not invisible_in(text), (path, invisible_in(text))
    page = pages["relation/alpha-beta.md"]
    assert '\ntitle: "Alpha–Beta snoitaler"\n' in page  # front matter: the HTML <title>
    assert "\n# Alpha–Beta snoitaler\n" in page
    assert "| Bilateral trade turnover | USD 563 million |" in page
    assert "From the relation brief [Alpha–Beta snoitaler](../relation/alpha-beta.md):" in \
        pages["country/alpha.md"]
    assert "<name>Desk A</name>" in pages["feed.xml"]
    exported = {b["id"]: b for b in json.loads(pages["data/briefs.json"])["briefs"]}
    assert exported["relation/alpha-beta"]["brief"]["title"]["en"] == \
        f"Alpha–Beta {RLO}snoitaler"  # the export keeps text as written: it is data


def test_built_html_cannot_reorder_the_text_after_a_title(
        tmp_path: Path) -> None:
    """Through MkDocs: the sentence that links the relation reads in order after it."""
    briefs = tmp_path / "briefs"
    shutil.copytree(GOLDEN, briefs)
    _spoofed(briefs)
    copy_project(tmp_path, briefs=briefs)
    result = run_briefbook("build", "--site-dir", str(tmp_path / "site"), "--today", TODAY,
                           cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for path in (tmp_path / "site").rglob("*"):
        if path.suffix in (".html", ".xml"):
            assert not invisible_in(path.read_text("utf-8")), path
        if path.suffix == ".pf_fragment":
            assert not invisible_in(decompressed(path).decode("utf-8")), path
    html = (tmp_path / "site/country/alpha/index.html").read_text("utf-8")
    assert 'From the relation brief <a href="../../relation/alpha-beta/">Alpha–Beta ' \
           "snoitaler</a>:" in html
    page = (tmp_path / "site/relation/alpha-beta/index.html").read_text("utf-8")
    assert "<title>Alpha–Beta snoitaler - " in page


def test_stripped_text_reads_in_order_through_markdown() -> None:
    line = f"- [{escape_text('Title' + RLO + ' evil')}](x.md), and what follows"
    html = markdown.markdown(line)
    assert html == '<ul>\n<li><a href="x.md">Title evil</a>, and what follows</li>\n</ul>'


def test_escape_text_leaves_them_out_and_normal_text_alone() -> None:
    assert escape_text(f"a {ZWSP} b{RLO}c") == "a bc"
    assert escape_text("Astana — «Ассамблея» 2024") == "Astana — «Ассамблея» 2024"
    assert safe_url(f"https://example.org/{RLO}exe.txt") == "https://example.org/%E2%80%AEexe.txt"
    assert safe_url("https://example.org/a_(b) c") == "https://example.org/a_%28b%29%20c"


def test_bytes_check_finds_every_character_and_nothing_else() -> None:
    for char in INVISIBLE:
        assert bytes_hold_invisible(f"— {char} —".encode())
    assert not bytes_hold_invisible("— “Астана” … ‘x’ ؛ ٠ Ё ﬁ 😀".encode())
