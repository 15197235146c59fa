"""The Russian site as a Russian-speaking reader meets it: no English interface string, a
switcher to the same brief in English, and a search in Russian that finds Russian pages."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from briefbook.models import KINDS

from .conftest import REPO, first_brief, screenshot
from .test_search import search

pytestmark = pytest.mark.browser

sys.path.insert(0, str(REPO / "scripts"))
from catalog import catalogs, read  # noqa: E402

# The page's visible text, without what is English on purpose: brief text shown
# untranslated (inside lang="en"), the language switcher (each language's own name),
# the TLP label (never translated), and the site's Latin-script proper names.
VISIBLE_TEXT = """() => {
  const copy = document.querySelector("body").cloneNode(true);
  copy.querySelectorAll('[lang]:not([lang="ru"]), .bb-languages, script, style, svg, '
                        + '.bb-marking, code').forEach(node => node.remove());
  return copy.innerText;
}"""


def _english_strings() -> list[str]:
    """Interface strings whose Russian differs from the English, as patterns."""
    catalog = read(catalogs()["ru"], "ru")
    found = []
    for message in catalog:
        english = message.id if isinstance(message.id, str) else message.id[0]
        text = re.sub(r"%\(\w+\)s", "\x00", english)
        words = [w for w in text.split("\x00") if len(re.findall(r"[A-Za-z]{3,}", w)) >= 2]
        found += [re.escape(w.strip()) for w in words if w.strip()]
    return sorted(set(found))


@pytest.mark.parametrize("kind", ["home", *KINDS])
def test_russian_pages_show_no_english_interface_string(page: Any, site: Path, kind: str
                                                         ) -> None:
    page.goto("ru/" + ("" if kind == "home" else first_brief(site, kind)))
    assert page.locator("html").get_attribute("lang") == "ru"
    text = page.evaluate(VISIBLE_TEXT)
    leftovers = [p for p in _english_strings() if re.search(rf"(?<![\w-]){p}(?![\w-])", text)]
    assert not leftovers, f"English on {page.url}: {leftovers[:10]}"


def test_the_switcher_lands_on_the_same_brief(page: Any, site: Path) -> None:
    brief = first_brief(site, "gas_field")
    page.goto("ru/" + brief)
    page.locator('.bb-languages a[hreflang="en"]').click()
    page.wait_for_url(re.compile(rf"/{re.escape(brief)}$"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator('.bb-languages a[hreflang="ru"]').click()
    page.wait_for_url(re.compile(rf"/ru/{re.escape(brief)}$"))


@pytest.mark.parametrize(("word", "brief"), [
    ("месторождение", "gas_field/galkynysh"),
    ("Бердымухаммедов", "person/gurbanguly-berdimuhamedov"),
], ids=["russian-word", "alias"])
def test_russian_search_finds_the_russian_page(page: Any, word: str, brief: str) -> None:
    assert word.lower() in (REPO / "briefs" / f"{brief}.yml").read_text("utf-8").lower()
    links = search(page, word, start="ru/")
    assert f"/ru/{brief}/" in links, f"searching {word!r} found {links}"
    assert all("/ru/" in link for link in links), "results never mix languages"


@pytest.mark.parametrize("name", ["home", "relation", "meeting"])
def test_russian_screenshots(page: Any, site: Path, name: str) -> None:
    """Screenshots for people to look at (screenshots/ru-*.png), at desktop and phone width."""
    page.goto("ru/" + ("" if name == "home" else first_brief(site, name)))
    screenshot(page, f"ru-{name}-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"ru-{name}-phone")
