"""Material's search box finds briefs by English and by Russian words."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import REPO

pytestmark = pytest.mark.browser


def search(page: Any, word: str, start: str = "") -> list[str]:
    """Type a word into the search box of the page at ``start`` (the English home by
    default) as a reader does; return the result links."""
    page.goto(start)
    box = page.locator("input.md-search__input")
    box.click()
    # Material builds the index in a web worker; a query typed before it is ready is lost.
    expect(page.locator(".md-search-result__meta")).not_to_have_text(
        re.compile("Initializing", re.IGNORECASE))
    # The whole word at once, so the results shown are for that word only (typed letter by
    # letter, results for a prefix come first); Material searches on keyup, hence the key.
    box.fill(word)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    return page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        "links => links.map(link => new URL(link.href).pathname)")


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
