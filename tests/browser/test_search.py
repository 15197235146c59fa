"""The search box (Material's, on Pagefind's index) finds briefs by English and Russian
words, shows each result's kind and summary, marks the words on the page it opens, and
downloads kilobytes, not the whole index (scripts/search_probe.py measures it)."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import REPO, SCREENSHOTS

pytestmark = pytest.mark.browser

sys.path.insert(0, str(REPO / "scripts"))
from search_probe import first_search, next_search  # noqa: E402

FIRST_SEARCH_BYTES = 400_000
"""At most this much downloaded from opening the search to the first results on the demo
(Pagefind's script and WebAssembly, the language's metadata, the word's chunk, the
shown results' fragments; about a quarter of it in practice)."""


def search(page: Any, word: str, start: str = "") -> list[str]:
    """Type a word into the search box of the page at ``start`` (the English home by
    default) as a reader does; return the result links."""
    return list(first_search(page, word, start)["links"])


@pytest.mark.parametrize(("word", "brief"), [
    ("Galkynysh", "gas_field/galkynysh"),
    ("Tokayev", "person/kassym-jomart-tokayev"),
    ("Галкыныш", "gas_field/galkynysh"),
    ("Казахстан", "country/kazakhstan"),
], ids=["english-gas-field", "english-person", "russian-gas-field", "russian-country"])
def test_search_finds_the_brief(page: Any, word: str, brief: str) -> None:
    # The word comes from the brief itself, so the search can only find it by indexing the page.
    assert word in (REPO / "briefs" / f"{brief}.yml").read_text("utf-8")
    links = search(page, word)
    assert f"/{brief}/" in links, f"searching {word!r} found {links}"
    assert not any(link.startswith("/ru/") for link in links), "results never mix languages"


def test_a_result_shows_kind_and_summary_and_opens_the_page_marked(page: Any) -> None:
    found = first_search(page, "Galkynysh")
    assert found["bytes"] < FIRST_SEARCH_BYTES, found
    assert not any("search_index" in url for url in found["requests"]), found["requests"]
    first = page.locator(".md-search-result__item").first
    expect(first.locator(".bb-search-kind")).to_have_text("Gas field")
    expect(first.locator(".bb-search-summary")).to_contain_text("Turkmenistan's largest")
    expect(first.locator("mark").first).to_have_text(re.compile("Galkynysh", re.IGNORECASE))
    first.locator("a").click()
    page.wait_for_url(re.compile(r"/gas_field/galkynysh/\?highlight=galkynysh$", re.IGNORECASE))
    expect(page.locator("article mark").first).to_have_text(
        re.compile("Galkynysh", re.IGNORECASE))


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_the_keyboard_opens_the_search(page: Any, key: str) -> None:
    page.goto("")
    page.keyboard.press(key)
    expect(page.locator("input.md-search__input")).to_be_focused()
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()


def test_the_next_search_is_quick(page: Any) -> None:
    first_search(page, "gas")
    found = next_search(page, "Tokayev")
    assert "/person/kassym-jomart-tokayev/" in found["links"]
    assert found["ms"] < 1000, found


def test_enter_right_after_the_words_opens_their_first_result(page: Any) -> None:
    first_search(page, "Tokayev")  # results for other words are shown
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially("Galkynysh")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/gas_field/galkynysh/\?highlight=galkynysh$", re.IGNORECASE))


@pytest.mark.parametrize(("lang", "start", "word"), [("en", "", "Galkynysh"),
                                                    ("ru", "ru/", "месторождение")])
def test_search_screenshots(browser: Any, base_url: str, lang: str, start: str,
                            word: str) -> None:
    """Screenshots for people to look at (screenshots/search-*.png): the results over the
    page, at desktop and phone width (where the magnifier in the header opens the box)."""
    for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
        context = browser.new_context(base_url=base_url,
                                      viewport={"width": width, "height": height})
        page = context.new_page()
        found = first_search(page, word, start)
        assert found["links"], found
        SCREENSHOTS.mkdir(exist_ok=True)  # the window only: the results are over the page
        page.screenshot(path=str(SCREENSHOTS / f"search-{lang}-{name}.png"))
        context.close()
