"""The maps as a reader meets them (issue 22): the railway, Galkynysh and relation pages,
and the home page's overview, in English and in Russian. Each map is inline SVG with
role="img" and a title, the page asks no other host for anything (the ``page`` fixture
fails on a foreign request), and axe-core finds nothing serious. Screenshots at desktop
and phone width go to screenshots/ (git-ignored), for people to look at."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import screenshot
from .test_accessibility import AXE, BLOCKING, RUN_AXE, TAGS

pytestmark = pytest.mark.browser

PAGES = {
    "railway": "transport_corridor/kazakhstan-turkmenistan-iran-railway/",
    "galkynysh": "gas_field/galkynysh/",
    "relation": "relation/kazakhstan-turkmenistan/",
    "home": "",
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
MAP = """() => [...document.querySelectorAll("figure.bb-map svg")].map(svg => ({
  role: svg.getAttribute("role"),
  title: (svg.querySelector("title") || {}).textContent || "",
  labelledby: svg.getAttribute("aria-labelledby") || "",
  width: svg.getBoundingClientRect().width,
  figure_right: svg.closest("figure").getBoundingClientRect().right,
}))"""


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_with_a_map(page: Any, name: str, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(prefix + PAGES[name])
    maps = page.evaluate(MAP)
    assert len(maps) == 1, f"{page.url}: {len(maps)} maps"
    (drawn,) = maps
    assert drawn["role"] == "img" and drawn["title"].strip()
    assert drawn["labelledby"].endswith("-desc")
    assert (lang == "ru") == ("Карта" in drawn["title"])
    page.add_script_tag(path=str(AXE))
    blocking = [v for v in page.evaluate(RUN_AXE, TAGS) if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core on {page.url}: {blocking}"
    for width, (x, y) in WIDTHS.items():
        page.set_viewport_size({"width": x, "height": y})
        page.locator("figure.bb-map").scroll_into_view_if_needed()
        (shown,) = page.evaluate(MAP)
        # Labels (12 px on a map 640 px wide) stay readable: at least 9.5 px on a phone,
        # where the map's figure scrolls sideways inside the page's width.
        assert shown["width"] * 12 / 640 >= 9.5
        assert shown["figure_right"] <= x
        screenshot(page, f"map-{name}-{lang}-{width}")
        page.locator("figure.bb-map").screenshot(
            path=str(screenshot(page, f"map-{name}-{lang}-{width}").with_name(
                f"map-{name}-{lang}-{width}-figure.png")))
