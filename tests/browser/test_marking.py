"""The sensitivity marking: on screen at the top and bottom of a page, and on every printed page."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import REPO, first_brief

pytestmark = pytest.mark.browser


def marking_of(brief_path: str) -> str:
    """The marking written in a brief's YAML, e.g. 'TLP:CLEAR', for a URL path like 'country/x/'."""
    data = yaml.safe_load((REPO / "briefs" / f"{brief_path.rstrip('/')}.yml").read_text("utf-8"))
    return data["marking"]


@pytest.mark.parametrize("kind", ["home", "relation", "country"])
def test_marking_is_shown_at_the_top_and_the_bottom(page: Any, site: Path, kind: str) -> None:
    path = "" if kind == "home" else first_brief(site, kind)
    page.goto(path)
    top = page.locator("article .bb-marking.bb-marking--top")
    bottom = page.locator("article .bb-marking.bb-marking--bottom")
    expect(top).to_have_count(1)
    expect(bottom).to_have_count(1)
    if path:
        expect(top).to_have_text(marking_of(path))
        expect(bottom).to_have_text(marking_of(path))

    expect(top).to_be_in_viewport()
    heading = page.locator("article h1").bounding_box()
    assert top.bounding_box()["y"] < heading["y"], "the top banner is not above the title"

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(bottom).to_be_in_viewport()
    # Nothing of the article's content comes after the bottom banner (the content sits
    # in the box Pagefind indexes, beside the language switcher).
    last = page.locator("article > [data-pagefind-body] > *:not(.bb-marking)").last.bounding_box()
    assert bottom.bounding_box()["y"] >= last["y"] + last["height"] - 1


def _lines_by_height(page: Any) -> list[tuple[float, str]]:
    """Text fragments of a PDF page with their height on the page, top first."""
    fragments: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            fragments.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(fragments, key=lambda fragment: -fragment[0])


@pytest.mark.parametrize("kind", ["relation", "gas_field"])
def test_marking_is_printed_at_the_top_and_bottom_of_every_page(page: Any, site: Path,
                                                                kind: str) -> None:
    path = first_brief(site, kind)
    marking = marking_of(path)
    page.goto(path)
    # A5 so the brief runs over several pages.
    pdf = PdfReader(io.BytesIO(page.pdf(format="A5", print_background=True)))
    assert len(pdf.pages) >= 2, "the brief fits on one page: the test proves nothing"
    for number, printed in enumerate(pdf.pages, start=1):
        lines = _lines_by_height(printed)
        assert lines, f"page {number} is empty"
        assert lines[0][1] == marking, f"page {number} starts with {lines[0][1]!r}"
        assert lines[-1][1] == marking, f"page {number} ends with {lines[-1][1]!r}"
        assert sum(text == marking for _, text in lines) == 2, f"page {number}: {lines}"
