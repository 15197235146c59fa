"""Brief text is text: markup, scripts, template syntax and unsafe links never come alive."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefbook.render.markup import escape_text, safe_markdown

from .conftest import TODAY, copy_project, run_briefbook

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click](javascript:alert(3))",
    "{{ 7*7 }}",
    "{% raw %}x",
    "**bold** _it_ `code` # not a heading",
    "</title><script>alert(4)</script>",
    "{: onclick=alert(5) }",
    "| pipe | breaks | tables |",
    "&lt;b&gt;entity&lt;/b&gt;",
]

EVIL_BRIEF = """\
kind: country
title: "{t0} {t3} {t6}"
summary: "Intro <img src=x onerror=alert(2)> **kept bold** {t7} [ok](https://example.org)"
marking: TLP:CLEAR
reviewed: 2026-01-01
iso2: EV
iso3: EVL
capital: "{t2}"
tags: [evil]
figures:
  - label: "{t1} {t8}"
    value: 1
    unit: USD
    note: "{t4} {t5} {t9}"
    sources: [s1]
links:
  - title: "{t0}"
    url: https://example.org/a_(b)
"""


class _Collector(HTMLParser):
    """Collects scripts, event-handler attributes and link targets inside the article."""

    def __init__(self) -> None:
        super().__init__()
        self.in_article = 0
        self.scripts: list[str] = []
        self.in_script = False
        self.handlers: list[tuple[str, str]] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article += 1
        if tag == "script":
            self.in_script = True
        if not self.in_article:
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src"):
                self.hrefs.append(value or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts.append(data)
        elif self.in_article:
            self.text.append(data)


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_text_leaves_no_markdown_or_html_syntax(text: str) -> None:
    escaped = re.sub(r"&#\d+;", "", escape_text(text))  # numeric references are inert
    for char in "<>[]{}*_`#|&":
        assert char not in escaped


def test_safe_markdown_keeps_formatting_but_not_html() -> None:
    out = safe_markdown("**bold** <script>x</script> {: .x}")
    assert out.startswith("**bold**")
    assert "<script" not in out and "{:" not in out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("escaping")
    briefs = root / "briefs"
    (briefs / "country").mkdir(parents=True)
    values = {f"t{i}": text.replace('"', '\\"') for i, text in enumerate(HOSTILE)}
    (briefs / "country" / "evil.yml").write_text(EVIL_BRIEF.format(**values), "utf-8")
    (briefs / "_sources.yml").write_text(
        's1:\n  title: "<b>Source</b> {{ 7*7 }}"\n  publisher: "Pub <i>&</i> Co"\n'
        "  url: https://example.org/a_(b)\n", "utf-8")
    copy_project(root, briefs=briefs)
    result = run_briefbook("build", "--site-dir", str(root / "site"), "--today", TODAY, cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_hostile_text_renders_as_visible_characters(built: Path) -> None:
    page = (built / "country" / "evil" / "index.html").read_text("utf-8")
    collector = _Collector()
    collector.feed(page)
    shown = "".join(collector.text)
    assert collector.handlers == []
    assert not any(h.lower().startswith("javascript:") for h in collector.hrefs)
    assert not any("alert" in script for script in collector.scripts)
    assert "<script>alert(1)</script>" in shown      # visible, as typed
    assert "{{ 7*7 }}" in shown and "49" not in shown  # never evaluated as a template
    assert "[click](javascript:alert(3))" in shown
    assert "<b>Source</b> {{ 7*7 }}" in shown
    assert "kept bold" in page and "<strong>kept bold</strong>" in page  # summary stays Markdown


def test_title_cannot_break_out_of_the_head(built: Path) -> None:
    page = (built / "country" / "evil" / "index.html").read_text("utf-8")
    head = page.split("</head>")[0]
    assert "<script>alert" not in head
    assert head.count("</title>") == 1


def test_no_hostile_markup_in_any_output_file(built: Path) -> None:
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            text = path.read_text("utf-8", "replace")
            assert "<script>alert" not in text, path
            # Inert forms: HTML-escaped in pages, \u003c-escaped text in data/briefs.json.
            inert = text.replace("&lt;img src=x onerror=alert", "").replace(
                "\\u003cimg src=x onerror=alert", "")
            assert "onerror=alert" not in inert, path
