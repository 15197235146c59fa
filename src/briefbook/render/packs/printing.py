"""A pack's HTML printed to PDF by WeasyPrint: the only module that imports it.

Nothing is fetched: the HTML holds its style sheet and its pictures (charts and maps
as inline SVG, printed as vectors), the fonts are the system's (fontconfig; DejaVu or
Noto, with Cyrillic) and are embedded, subset, in the PDF, and the URL fetcher refuses
every address that is not a file (a brief's Markdown could otherwise name an image on
the network). The PDF is tagged for accessibility (PDF/UA-1): its title and language
come from the HTML's ``<title>`` and ``lang``, its bookmarks from the headings.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from typing import Any

import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for assistive technology, as WeasyPrint makes it."""


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's fetcher for ``file:`` addresses only; any other address is refused
    (WeasyPrint then leaves the resource out, with a warning), so printing a pack never
    touches the network."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if not url.lower().startswith("file:"):
            raise ValueError(f"briefbook packs fetch nothing from the network: {url}")
        return super().fetch(url, headers)


@dataclass(frozen=True)
class Printed:
    """A printed pack: the PDF's bytes and its number of pages."""

    pdf: bytes
    pages: int


def print_pdf(html: str, produced: dt.date) -> Printed:
    """The PDF of a pack's HTML (deterministic: dated ``produced``, not now)."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it ignores is not news
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=LocalOnlyFetcher())
    rendered = document.render(pdf_variant=PDF_VARIANT, pdf_tags=True)
    stamp = f"{produced.isoformat()}T00:00:00Z"
    rendered.metadata.created = rendered.metadata.modified = stamp
    out = io.BytesIO()
    rendered.write_pdf(out, pdf_variant=PDF_VARIANT, pdf_tags=True,
                       pdf_identifier=b"briefbook")
    return Printed(out.getvalue(), len(rendered.pages))
