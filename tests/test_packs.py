"""Briefing packs: the PDF's pages (marking, page numbers, contents), its language, what an
audience may not see, nothing fetched, and the HTML before printing (golden files).

Regenerate the golden HTML after an intended change with
``UPDATE_GOLDENS=1 pytest tests/test_packs.py`` and review the diff of tests/golden/packs/.
"""

from __future__ import annotations

import datetime as dt
import http.server
import io
import os
import re
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefbook.errors import UsageError
from briefbook.pipeline import Settings, check, pack
from briefbook.render.packs import PackRenderer, pack_html, pack_ids
from briefbook.render.packs.printing import LocalOnlyFetcher, print_pdf
from briefbook.resolve.indexes import build_index

from .conftest import REPO, copy_project, run_briefbook
from .test_audience import CANARY, PORTION_CANARY, make_corpus

TODAY = dt.date(2026, 11, 22)
MEETING = "meeting/2025-04-22-informal-meeting"
GOLDEN = REPO / "tests" / "golden"
PACK_GOLDENS = GOLDEN / "packs"


def _settings(tmp: Path, briefs: Path = REPO / "briefs", audience: str = "public",
              languages: tuple[str, ...] = ("en", "ru")) -> Settings:
    return Settings(briefs_dir=briefs, templates_dir=REPO / "templates", out_dir=tmp / "out",
                    audience=audience, today=TODAY, config_file=REPO / "mkdocs.yml",
                    languages=languages)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def meeting_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    pdf, _ = pack(_settings(tmp_path_factory.mktemp("pack")), MEETING)
    return pdf


def test_every_page_has_the_marking_top_and_bottom_and_its_number(meeting_pdf: bytes) -> None:
    pages = _pages(meeting_pdf)
    assert len(pages) > 8
    for number, text in enumerate(pages, start=1):
        assert text.count("TLP:CLEAR") >= 2, f"page {number}"
        assert f"page {number} of {len(pages)}" in text
        assert "Informal meeting of Tokayev and Berdimuhamedov" in text  # the running title


def _contents(pages: list[str]) -> list[tuple[str, int]]:
    """The entries of the contents page: (title, page number)."""
    page = next(text for text in pages if text.lstrip().startswith(("Contents", "Содержание"))
                or "\nContents" in text)
    found = []
    for line in page.splitlines():
        match = re.match(r"^(.*?[^.\s])[\s.]*\.\s*(\d+)$", line.strip())
        if match:
            found.append((match.group(1), int(match.group(2))))
    return found


def test_the_contents_page_numbers_point_at_their_pages(meeting_pdf: bytes) -> None:
    pages = _pages(meeting_pdf)
    entries = _contents(pages)
    titles = [title for title, _ in entries]
    assert {"Summary", "The meeting", "Participants", "Relations between the parties",
            "On the agenda", "Sources", "Galkynysh gas field"} <= set(titles)
    for title, number in entries:
        assert _squeezed(title) in _squeezed(pages[number - 1]), (title, number)


def test_the_pdf_is_titled_tagged_bookmarked_and_embeds_its_fonts(meeting_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(meeting_pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == "Informal meeting of Tokayev and Berdimuhamedov, 22 April 2025"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:3] == ["Contents", "Summary", "The meeting"]
    assert "Sources" in outline
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
                else font
            descriptor = descendant["/FontDescriptor"]
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(str(font["/BaseFont"]))
        images = [x for x in resources.get("/XObject", {}).values()
                  if x.get_object().get("/Subtype") == "/Image"]
        assert images == []  # charts and maps are vectors
    assert any("DejaVu" in font for font in fonts)


def test_a_russian_pack(tmp_path: Path) -> None:
    pdf, count = pack(_settings(tmp_path), MEETING, "ru")
    pages = _pages(pdf)
    assert len(pages) == count
    assert "Содержание" in pages[1]
    assert "Неформальная встреча Токаева и Бердымухамедова" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"стр. {number} из {count}" in text
        assert text.count("TLP:CLEAR") >= 2
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "ru"
    for title, number in _contents(pages):
        assert _squeezed(title) in _squeezed(pages[number - 1]), (title, number)


@pytest.fixture(scope="module")
def audience_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("audience")) / "briefs"


def test_a_public_pack_holds_no_canary_of_a_withheld_brief(audience_corpus: Path,
                                                          tmp_path: Path) -> None:
    settings = _settings(tmp_path, audience_corpus, languages=("en",))
    site = check(settings).site
    assert site is not None
    assert pack_ids(site) == ["country/alpha", "country/alpha-two", "meeting/public-meeting",
                              "relation/alpha-links"]
    for brief_id in pack_ids(site):
        text = "\n".join(_pages(pack(settings, brief_id)[0])).lower()
        # No withheld brief, and no withheld portion of a published one (the public
        # meeting and relation carry a talking point, a figure, a quote ... at every
        # stricter marking).
        assert [c for c in [*CANARY.values(), *PORTION_CANARY.values()] if c in text] == [], \
            brief_id
    with pytest.raises(UsageError):
        pack(settings, "meeting/zqxgreen-meeting")


def test_an_internal_pack_shows_amber_and_marks_every_page(audience_corpus: Path,
                                                           tmp_path: Path) -> None:
    settings = _settings(tmp_path, audience_corpus, audience="internal", languages=("en",))
    pages = _pages(pack(settings, "meeting/zqxamber-meeting")[0])
    text = "\n".join(pages)
    assert "zqxamber" in text and "zqxred" not in text.lower()
    public = "\n".join(_pages(pack(settings, "meeting/public-meeting")[0])).lower()
    assert PORTION_CANARY["TLP:AMBER"] in public  # the portions reach the internal pack
    assert "zqxstrict" not in text  # another meeting's: not gathered by this one
    for page in pages:
        assert page.count("TLP:AMBER") >= 2


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_printing_fetches_nothing_from_the_network() -> None:
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch("http://127.0.0.1/x.png")
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        html = (f'<html lang="en"><head><title>t</title><link rel="stylesheet" href="{url}/s.css">'
                f'<style>@import url("{url}/i.css"); @font-face {{ font-family: X; '
                f'src: url("{url}/f.woff2"); }}</style></head>'
                f'<body><p>text</p><img src="{url}/i.png" alt="i"></body></html>')
        printed = print_pdf(html, TODAY)
    finally:
        server.shutdown()
    assert printed.pdf.startswith(b"%PDF") and _Counting.hits == []


def test_printing_is_deterministic() -> None:
    html = '<html lang="en"><head><title>t</title></head><body><h1>Тест</h1></body></html>'
    assert print_pdf(html, TODAY).pdf == print_pdf(html, TODAY).pdf


GOLDEN_PACKS = [("meeting/2025-04-22-summit", "en"), ("meeting/2025-04-22-summit", "ru"),
                ("relation/alpha-beta", "en"), ("country/alpha", "en")]


@pytest.fixture(scope="module")
def golden_html(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    settings = _settings(tmp_path_factory.mktemp("golden"), GOLDEN / "briefs")
    site = check(settings).site
    assert site is not None
    index = build_index(site)
    renderer = PackRenderer(REPO / "templates", "Golden book", ("en", "ru"))
    return {f"{brief_id.replace('/', '--')}.{lang}.html":
            pack_html(renderer, site, index, brief_id, lang, produced=TODAY,
                      commit="0123456789ab").html
            for brief_id, lang in GOLDEN_PACKS}


def test_pack_html_matches_golden(golden_html: dict[str, str]) -> None:
    if os.environ.get("UPDATE_GOLDENS") == "1":
        PACK_GOLDENS.mkdir(parents=True, exist_ok=True)
        for name, html in golden_html.items():
            (PACK_GOLDENS / name).write_text(html, "utf-8")
    for name, html in golden_html.items():
        expected = (PACK_GOLDENS / name).read_text("utf-8")
        assert html == expected, f"{name} differs; if intended, run UPDATE_GOLDENS=1"


def test_the_command_writes_a_pack(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "pack.pdf"
    done = run_briefbook("pack", "relation/kazakhstan-turkmenistan", "--today", "2026-11-22",
                         "--out", str(out), cwd=project)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and "pages" in done.stderr
    refused = run_briefbook("pack", "person/kassym-jomart-tokayev", "--out", str(out),
                            "--today", "2026-11-22", cwd=project)
    assert refused.returncode == 2 and "no pack for" in refused.stderr
