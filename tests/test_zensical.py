"""The second engine: ``briefbook build --engine zensical`` builds the demo into a whole
site, in both languages, that holds what the MkDocs site holds where a reader looks:
every brief's page, its marking banners, citations that lead to their source, charts,
and nothing fetched from another host. What Zensical does differently: docs/engines.md."""

from __future__ import annotations

import hashlib
import html
import importlib.util
import re
from pathlib import Path

import pytest

from briefbook.engines.zensical.config import Tagged, read_config, switcher_data, write_config

from .conftest import TODAY, copy_project, run_briefbook
from .test_e2e import demo_ids

pytestmark = pytest.mark.slow
LANGUAGES = ("en", "ru")
URL = re.compile(r"https?://[^\s\"'<>)\]]+")
ATTRIBUTE = re.compile(r"\b(src|href|srcset|action|poster|data)\s*=\s*[\"']([^\"']*)[\"']", re.I)


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("zensical") is None:
        pytest.fail("zensical is not installed: `make test` installs it (the test extra "
                    "includes briefbook[zensical])")
    root = copy_project(tmp_path_factory.mktemp("zensical"))
    docs_before = _digests(root / "docs")
    result = run_briefbook("build", "--engine", "zensical", "--site-dir", str(root / "site"),
                           "--today", TODAY, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _digests(root / "docs") == docs_before, "the build wrote into docs/"
    return root


def _site(root: Path, lang: str) -> Path:
    return root / "site" if lang == LANGUAGES[0] else root / "site" / lang


def _brief_pages(root: Path) -> list[tuple[str, Path]]:
    return [(lang, _site(root, lang) / brief_id / "index.html")
            for lang in LANGUAGES for brief_id in demo_ids()]


def test_every_brief_has_its_page_in_both_languages(project: Path) -> None:
    for lang, page in _brief_pages(project):
        assert page.is_file(), page
        assert f'<html lang="{lang}"' in page.read_text("utf-8"), page


def test_marking_banners_top_and_bottom(project: Path) -> None:
    for _, page in _brief_pages(project):
        text = page.read_text("utf-8")
        top, bottom = text.find("bb-marking--top"), text.find("bb-marking--bottom")
        assert 0 <= top < bottom, page
        assert text.count("TLP&#58;CLEAR") + text.count("TLP:CLEAR") >= 2, page


def test_citations_lead_to_their_sources(project: Path) -> None:
    cited = 0
    for _, page in _brief_pages(project):
        text = page.read_text("utf-8")
        anchors = set(re.findall(r'id="(source-\d+)"', text))
        for target in re.findall(r'href="#(source-\d+)"', text):
            assert target in anchors, (page, target)
            cited += 1
    assert cited > 100


def test_charts_show_as_inline_svg(project: Path) -> None:
    for lang in LANGUAGES:
        page = _site(project, lang) / "relation" / "kazakhstan-turkmenistan" / "index.html"
        charts = re.findall(r'<figure class="bb-chart".*?</figure>', page.read_text("utf-8"),
                            re.S)
        assert charts, page
        assert all("<svg" in chart and "<rect" in chart for chart in charts), page


def _own_links(root: Path) -> set[str]:
    """Every address written in the briefs: their sources' links (and the missions' sites)."""
    return {url for path in (root / "briefs").rglob("*.yml")
            for url in URL.findall(path.read_text("utf-8"))}


def test_no_reference_to_another_host(project: Path) -> None:
    own = _own_links(project)
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 2 * len(demo_ids())
    for page in pages:
        for name, value in ATTRIBUTE.findall(page.read_text("utf-8")):
            value = html.unescape(value).strip()
            if not re.match(r"(?i)(https?:)?//", value):
                continue
            assert name.lower() == "href" and value in own, (page, name, value)


def test_language_switcher_and_alternates_lead_to_the_same_page(project: Path) -> None:
    for lang, page in _brief_pages(project)[:: max(1, len(demo_ids()) // 5)]:
        text = page.read_text("utf-8")
        switcher = re.search(r'<nav class="bb-languages".*?</nav>', text, re.S)
        assert switcher, page
        links = re.findall(r'href="([^"]+)" hreflang="([a-z]+)"', switcher.group(0))
        assert {code for _, code in links} == set(LANGUAGES) - {lang}, page
        for href, code in links:
            assert (page.parent / href / "index.html").resolve().is_file(), (page, href)
            assert f'rel=" alternate" hreflang="{code}" href="{href}"' in text, page


def test_navigation_search_and_hand_written_pages_in_each_language(project: Path) -> None:
    ru = _site(project, "ru")
    home = (ru / "index.html").read_text("utf-8")
    assert "Хронология" in home and "Timeline" not in home
    assert '"lang":["ru"]' in (ru / "search.json").read_text("utf-8")
    assert "bb-untranslated-page" in (ru / "architecture" / "index.html").read_text("utf-8")
    assert "bb-untranslated-page" not in (ru / "about" / "index.html").read_text("utf-8")
    assert not (project / "site" / "about.ru").exists()


def test_a_failed_build_leaves_the_previous_site(project: Path) -> None:
    before = _digests(project / "site")
    broken = project / "docs" / "broken.md"
    broken.write_text("# Broken\n\n[nowhere](nowhere.md)\n", "utf-8")
    try:
        result = run_briefbook("build", "--engine", "zensical", "--site-dir",
                               str(project / "site"), "--today", TODAY, cwd=project)
    finally:
        broken.unlink()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "site build failed (Zensical)" in result.stderr
    assert _digests(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]


def test_the_configuration_keeps_its_tags(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: !ENV [TITLE, Briefs]\nmarkdown_extensions:\n"
                      "  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
                      "utf-8")
    data = read_config(config)
    assert data["site_name"] == Tagged("!ENV", ["TITLE", "Briefs"])
    write_config(data, tmp_path / "out.yml")
    text = (tmp_path / "out.yml").read_text("utf-8")
    assert "!ENV" in text and "!!python/name:material.extensions.emoji.twemoji" in text
    assert read_config(tmp_path / "out.yml") == data


def test_switcher_roots() -> None:
    english = switcher_data("en", ("en", "ru", "kk"))["languages"]
    assert [(a["lang"], a["root"], a["current"]) for a in english] == [
        ("en", "", True), ("ru", "ru/", False), ("kk", "kk/", False)]
    russian = switcher_data("ru", ("en", "ru", "kk"))["languages"]
    assert [a["root"] for a in russian] == ["../", "", "../kk/"]


def test_without_zensical_nothing_is_generated(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from briefbook.engines.zensical import build
    from briefbook.errors import UsageError
    from briefbook.settings import Settings

    root = copy_project(tmp_path / "project")
    monkeypatch.setattr(build.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(UsageError, match=r"briefbook\[zensical\]"):
        build.build_site(root / "mkdocs.yml", Settings(config_file=root / "mkdocs.yml"))
    assert not (root / "generated").exists()
