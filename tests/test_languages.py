"""The site in every language: /ru/ is a complete site with the same paths, in Russian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefbook.engines.files import generated_files, translation_of
from briefbook.engines.mkdocs.languages import alternates

from .conftest import TODAY, copy_project, run_briefbook
from .pagefind_files import fragments, languages

BRIEF = "gas_field/galkynysh"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("languages"))
    (root / "docs" / "about.ru.md").write_text("# О сайте\n\nСправочные материалы.\n", "utf-8")
    result = run_briefbook("build", "--site-dir", str(root / "site"), "--today", TODAY, cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def _html_lang(page: Path) -> str:
    found = re.search(r'<html lang="([^"]+)"', page.read_text("utf-8"))
    assert found, page
    return found.group(1)


@pytest.mark.slow
def test_every_page_exists_in_every_language(built: Path) -> None:
    english = {p.relative_to(built) for p in built.rglob("index.html")
               if not p.relative_to(built).parts[0] == "ru"}
    russian = {p.relative_to(built / "ru") for p in (built / "ru").rglob("index.html")}
    assert len(english) > 20
    assert english == russian


@pytest.mark.slow
def test_each_site_is_in_its_language(built: Path) -> None:
    assert _html_lang(built / BRIEF / "index.html") == "en"
    assert _html_lang(built / "ru" / BRIEF / "index.html") == "ru"
    assert _html_lang(built / "ru" / "404.html") == "ru"
    russian = (built / "ru" / "index.html").read_text("utf-8")
    assert 'placeholder="Поиск"' in russian  # Material's own words, in Russian


@pytest.mark.slow
def test_search_indexes_never_mix_languages(built: Path) -> None:
    """One Pagefind run over the whole site: an index per <html lang>, whose pages are
    that language's site's only (a Russian page searches the Russian index)."""
    assert set(languages(built)) == {"en", "ru"}
    assert not (built / "search").exists() and not (built / "ru" / "search").exists()
    found = fragments(built)
    english = [f for f in found if f["lang"] == "en"]
    russian = [f for f in found if f["lang"] == "ru"]
    assert english and len(english) == len(russian)
    assert all(not f["url"].startswith("/ru/") for f in english)
    assert all(f["url"].startswith("/ru/") for f in russian)
    titles = " ".join(f["meta"]["title"] for f in russian)
    assert "Галкыныш" in titles
    assert {f["meta"].get("kind") for f in russian} >= {"Газовое месторождение", "Персона"}


@pytest.mark.slow
def test_every_page_links_to_itself_in_the_other_language(built: Path) -> None:
    page = built / BRIEF / "index.html"
    english = page.read_text("utf-8")
    assert '<link rel=" alternate" hreflang="ru" href="../../ru/gas_field/galkynysh/">' in english
    russian = (built / "ru" / BRIEF / "index.html").read_text("utf-8")
    found = re.search(r'<a href="([^"]+)" hreflang="en"', russian)
    assert found
    target = (built / "ru" / BRIEF / found.group(1) / "index.html").resolve()
    assert target == page.resolve()


@pytest.mark.slow
def test_hand_written_pages_take_their_translation_or_say_they_have_none(built: Path) -> None:
    about = (built / "ru" / "about" / "index.html").read_text("utf-8")
    assert "Справочные материалы." in about
    assert "bb-untranslated-page" not in about
    data = (built / "ru" / "data" / "index.html").read_text("utf-8")
    if not (Path(__file__).parent.parent / "docs" / "data.ru.md").exists():
        assert "bb-untranslated-page" in data and '<div lang="en">' in data
    assert not (built / "about.ru").exists() and not (built / "ru" / "about.ru").exists()


@pytest.mark.slow
def test_the_export_is_in_every_site(built: Path) -> None:
    assert (built / "ru" / "data" / "briefs.json").read_bytes() == \
        (built / "data" / "briefs.json").read_bytes()


def test_alternate_links_are_relative_to_the_page() -> None:
    languages = ("en", "ru")
    assert alternates("", "en", languages)[1]["href"] == "ru/"
    assert alternates("", "ru", languages)[0]["href"] == "../"
    assert alternates("a/b/", "ru", languages)[0]["href"] == "../../../a/b/"
    assert alternates("a/b/", "en", languages)[1]["href"] == "../../ru/a/b/"
    assert alternates("404.html", "en", languages)[1]["href"] == "ru/404.html"


def test_each_site_takes_its_own_generated_files() -> None:
    paths = ["index.md", "data/briefs.json", "ru/index.md", "ru/feed.xml", "feed.xml",
             "rux/a.md"]
    assert generated_files(paths, "en", ("en", "ru")) == [
        ("data/briefs.json", "data/briefs.json"), ("feed.xml", "feed.xml"),
        ("index.md", "index.md"), ("rux/a.md", "rux/a.md")]
    assert generated_files(paths, "ru", ("en", "ru")) == [
        ("data/briefs.json", "data/briefs.json"), ("feed.xml", "ru/feed.xml"),
        ("index.md", "ru/index.md")]
    assert translation_of("about.md", "ru") == "about.ru.md"
    assert translation_of("assets/x.css", "ru") is None


def test_translated_messages_keep_their_words_and_escape_their_variables() -> None:
    from briefbook.render.language import fill
    from briefbook.render.markup import Safe

    assert fill("%(a)s of %(b)s fields", {"a": 2, "b": 3}) == "2 of 3 fields"
    assert fill("Source %(n)s: x", {"n": Safe("<b>1</b>")}) == "Source <b>1</b>: x"
    assert fill("%(a)s %(b)s", {"a": "*", "b": "y"}) == "&#42; y"
    assert fill("100%%", {}) == "100%"


@pytest.mark.slow
def test_a_language_without_a_catalog_or_material_words_needs_no_code(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Turkmen: no catalog yet and no word file in Material; configuring it is enough."""
    root = copy_project(tmp_path_factory.mktemp("turkmen"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("languages: [en, ru]",
                                                        "languages: [en, tk]"), "utf-8")
    result = run_briefbook("build", "--site-dir", str(root / "site"), "--today", TODAY, cwd=root)
    assert result.returncode == 0, result.stderr
    page = root / "site" / "tk" / BRIEF / "index.html"
    assert _html_lang(page) == "tk"
    assert 'placeholder="Gözleg"' in page.read_text("utf-8")
    assert not (root / "site" / "ru").exists()
