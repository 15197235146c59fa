"""Clicking through the site as a reader does: home, each kind's index, a brief of each kind."""

from __future__ import annotations

import re
from typing import Any

import pytest

from briefbook.models import KINDS

from .conftest import nav_labels, screenshot, site_name

pytestmark = pytest.mark.browser


def test_home_loads(page: Any) -> None:
    response = page.goto("")
    assert response is not None and response.ok
    assert site_name() in page.title()
    assert page.locator("article h1").count() == 1
    assert page.locator("nav.md-nav--primary").is_visible()
    screenshot(page, "home")


def test_every_kind_is_in_the_navigation() -> None:
    assert set(nav_labels()) == set(KINDS)


@pytest.mark.parametrize("kind", list(KINDS))
def test_navigation_reaches_a_brief_of_each_kind(page: Any, base_url: str, kind: str) -> None:
    page.goto("")
    label = nav_labels()[kind]
    page.locator("nav.md-nav--primary").get_by_role("link", name=label, exact=True).click()
    page.wait_for_url(f"{base_url}{kind}/")
    assert page.locator("article h1").inner_text() == label

    # The first link in the index's table that leads to a brief of this kind.
    pattern = re.compile(rf"^{re.escape(base_url)}{kind}/[^/]+/$")
    links = page.locator("article table a")
    hrefs = links.evaluate_all("links => links.map(link => link.href)")
    matching = [i for i, href in enumerate(hrefs) if pattern.match(href)]
    assert matching, f"the {kind} index links to no brief of its kind: {hrefs}"
    target = hrefs[matching[0]]
    links.nth(matching[0]).click()
    page.wait_for_url(target)

    assert page.locator("article h1").count() == 1
    assert page.locator("article .bb-marking--top").is_visible()
    screenshot(page, kind)


PHONE = {"width": 390, "height": 844}
WIDE_PAGES = ["", "relation/kazakhstan-turkmenistan/", "country/kazakhstan/",
              "meeting/2025-04-22-informal-meeting/", "gas_field/galkynysh/",
              "transport_corridor/kazakhstan-turkmenistan-iran-railway/", "timeline/"]


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_no_page_scrolls_sideways_on_a_phone(page: Any, lang: str) -> None:
    """On a 390 px phone the page is as wide as the screen: what is wider (a map, a wide
    table) scrolls inside its own box. (The charts' hidden data tables widened the
    relation's and countries' pages to 425 px, the Russian ones to 620.)"""
    page.set_viewport_size(PHONE)
    wider = {}
    for path in WIDE_PAGES:
        page.goto(lang + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wider[lang + path] = width
    assert wider == {}
