"""The interface's catalogs: every string a page of a configured language shows is
translated, and no catalog entry is left over from a string no longer used."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefbook.render.language import catalog_path, language
from briefbook.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from catalog import catalogs, extract, problems, read  # noqa: E402

LANGUAGES = Settings(config_file=ROOT / "mkdocs.yml").languages


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_every_configured_language_has_a_catalog(code: str) -> None:
    assert catalog_path(code).is_file(), f"no catalog for {code}"


def test_every_catalog_is_complete_and_has_no_unused_entry() -> None:
    configured = {catalogs()[c] for c in LANGUAGES if c in catalogs()}
    found = [line for line in problems()
             if any(line.startswith(str(p.relative_to(ROOT))) for p in configured)]
    assert not found, "run `python scripts/catalog.py update`, then translate:\n" + \
        "\n".join(found[:40])


def test_extraction_finds_the_strings_of_templates_python_and_navigation() -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}
    assert "Review overdue" in ids  # a template
    assert "%(site)s: recently reviewed briefs" in ids  # Python (the feed)
    assert "Gas fields" in ids  # mkdocs.yml's navigation and the kinds' names


def test_a_translation_reaches_the_page_language() -> None:
    catalog = read(catalogs()["ru"], "ru")
    message = catalog.get("Review overdue")
    assert message is not None and message.string
    assert language("ru").gettext("Review overdue") == message.string
    assert language("en").gettext("Review overdue") == "Review overdue"


def test_the_check_fails_on_a_missing_translation(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The check can fail: a catalog that lacks one string is reported."""
    import catalog as tool

    broken = tmp_path / "ru" / "LC_MESSAGES" / "briefbook.po"
    broken.parent.mkdir(parents=True)
    text = catalogs()["ru"].read_text("utf-8")
    assert 'msgstr "Проверка просрочена"' in text
    broken.write_text(text.replace('msgstr "Проверка просрочена"', 'msgstr ""', 1)
                      + '\nmsgid "zz no longer used"\nmsgstr "x"\n', "utf-8")
    monkeypatch.setattr(tool, "LOCALE", tmp_path)
    found = tool.problems()
    assert any("untranslated: 'Review overdue'" in line for line in found)
    assert any("unused entry: 'zz no longer used'" in line for line in found)


def test_an_edited_catalog_renders_pages_again(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's code fingerprint covers the catalogs: a corrected translation is not
    hidden behind pages kept from before it."""
    import shutil

    from briefbook.incremental import cache

    package = tmp_path / "briefbook"
    shutil.copytree(cache._PACKAGE_DIR, package)
    monkeypatch.setattr(cache, "_PACKAGE_DIR", package)
    before = cache.code_fingerprint(ROOT / "templates")
    po = package / "locale" / "ru" / "LC_MESSAGES" / "briefbook.po"
    po.write_text(po.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert cache.code_fingerprint(ROOT / "templates") != before
