"""Briefing features on rendered pages: citations, figures, charts, links, timeline, freshness.

Pages are rendered from the golden corpus (tests/golden/briefs) with the CLI into tmp_path;
a few checks look at the HTML of a real ``briefbook build``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest

from .conftest import copy_project, run_briefbook

CORPUS = Path(__file__).parent / "golden" / "briefs"
TODAY = "2026-11-22"
SECRET = "SHOULD NOT APPEAR"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    result = run_briefbook("render", "--briefs", str(CORPUS), "--today", TODAY, "--out", str(out),
                           cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    return out


def read(pages: Path, path: str) -> str:
    return (pages / path).read_text("utf-8")


def to_html(text: str) -> str:
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    return markdown.markdown(body, extensions=["tables", "admonition", "attr_list", "md_in_html"])


def test_every_citation_number_points_into_the_page_source_list(pages: Path) -> None:
    for page in pages.rglob("*.md"):
        text = page.read_text("utf-8")
        cited = {int(n) for n in re.findall(r'href="#source-(\d+)"', text)}
        listed = {int(n) for n in re.findall(r'<span id="source-(\d+)"></span>', text)}
        assert cited <= listed, page
        assert listed == set(range(1, len(listed) + 1)), page


def test_figures_one_format_with_unit_scale_and_period(pages: Path) -> None:
    text = read(pages, "relation/alpha-beta.md")
    assert "| USD 563 million | 2023 |" in text
    assert "| USD 237.2 million | H1 2024, cumulative |" in text
    assert "| KZT 36.5 billion |" in text


def test_target_progress_against_latest_actual(pages: Path) -> None:
    text = read(pages, "relation/alpha-beta.md")
    assert re.search(r"in 2023 \(USD 563 million<sup>.*?</sup>\) is <strong>56 %</strong> "
                     r"of the USD 1 billion target", text)


def test_sources_disagree_side_by_side(pages: Path) -> None:
    html = to_html(read(pages, "transport_corridor/north-south-railway.md"))
    note = html[html.index("Sources disagree: Length of the railway"):]
    values = re.findall(r"<td>(\d+ km)</td>", note)
    assert values[:3] == ["928 km", "908 km", "677 km"]
    growth = to_html(read(pages, "relation/alpha-beta.md"))
    assert 'class="admonition warning"' in growth
    assert re.search(r"<td>28 % .*?2023.*?</td>\s*<td><sup><a href=\"#source-\d\"", growth)
    assert "<td>22.5 % (2023)</td>" in growth


def test_chart_svg_passes_through_markdown_intact(pages: Path) -> None:
    text = read(pages, "relation/alpha-beta.md")
    block = text[text.index('<figure class="bb-chart"'):text.index("</figure>") + 9]
    assert "\n\n" not in block and all(not line.startswith(" ") for line in block.splitlines())
    html = to_html(text)
    assert block in html  # not a single character changed by Markdown
    assert "<svg" in block and "<title" in block and 'role="img"' in block
    assert "Target: USD 1 billion" in block and "stroke-dasharray" in block
    table = block[block.index("<table"):]
    assert "<td>2023</td><td>USD 563 million</td>" in table and "<td>target</td>" in table


def test_country_page_gathers_relation_key_figures_and_naming_briefs(pages: Path) -> None:
    text = read(pages, "country/beta.md")
    assert "## Relations" in text and "### Alpha–Beta relations" in text
    assert "| USD 563 million | 2023 |" in text and '<figure class="bb-chart"' in text
    refs = text[text.index("## Referenced by"):]
    for heading, link in [("### Meetings", "meeting/2024-03-01-visit.md"),
                          ("### Gas fields", "gas_field/big-field.md"),
                          ("### Transport corridors", "transport_corridor/north-south-railway.md"),
                          ("### Initiatives", "initiative/year-of-trust.md")]:
        assert heading in refs and link in refs
    # Met in Alpha, but a Beta participant took part: the meeting names Beta through him.
    assert "meeting/2025-04-22-summit.md" in refs


def test_person_page_lists_meetings_attended(pages: Path) -> None:
    refs = read(pages, "person/alice-president.md").split("## Referenced by")[1]
    assert refs.index("2025-04-22-summit") < refs.index("2024-03-01-visit")  # newest first


def test_every_brief_page_shows_referenced_by(pages: Path) -> None:
    for page in pages.glob("*/*.md"):
        if page.name != "index.md" and page.parent.name not in ("tags", "ru"):
            assert "## Referenced by" in page.read_text("utf-8"), page
    for page in (pages / "ru").glob("*/*.md"):  # the same pages of the Russian site
        if page.name != "index.md" and page.parent.name != "tags":
            assert "## Ссылаются на эту справку" in page.read_text("utf-8"), page


def test_meeting_links_previous_and_next_meeting_of_same_parties(pages: Path) -> None:
    later = read(pages, "meeting/2025-04-22-summit.md")
    earlier = read(pages, "meeting/2024-03-01-visit.md")
    assert "| Previous meeting of these parties | 1 Mar 2024: [State visit" in later
    assert "| Next meeting of these parties | 22 Apr 2025: [Informal summit" in earlier
    assert "| Next meeting of these parties | none published |" in later  # the AMBER one is hidden


def test_timeline_in_order_with_a_page_per_country_and_tag(pages: Path) -> None:
    text = read(pages, "timeline.md")
    dates = re.findall(r"^\| ([^|]+) \| ", text, re.M)[2:]
    assert dates[0] == "Nov 2011" and dates[-1] == "22 Apr 2025"
    assert "[Alpha](timeline/country/alpha.md)" in text
    assert "[trade](timeline/tag/trade.md)" in text
    alpha = read(pages, "timeline/country/alpha.md")
    assert "Renamed Big field" in text and "Renamed Big field" not in alpha  # Beta-only event
    assert "[All events](../../timeline.md)" in alpha
    gas = read(pages, "timeline/tag/gas.md")
    assert re.findall(r"^\| ([^|]+) \| ", gas, re.M)[2:]  # the tag page lists its events
    html = to_html(text)
    assert 'href="timeline/country/beta.md"' in html


def test_review_overdue_badge_only_when_past_due(pages: Path) -> None:
    assert 'class="bb-overdue">Review overdue' in read(pages, "country/beta.md")
    assert "Review overdue" not in read(pages, "country/alpha.md")
    assert "Reviewed 10 Jan 2024 · next review due 9 Jan 2025" in read(pages, "country/beta.md")


def test_tags_index_and_tag_pages_grouped_by_kind(pages: Path) -> None:
    assert "| [trade](trade.md) | 3 | Relations, Meetings, Industrial parks |" in read(
        pages, "tags/index.md")
    trade = read(pages, "tags/trade.md")
    assert trade.index("## Relations") < trade.index("## Meetings") < trade.index("## Industrial")


def test_changes_page_and_feed_list_latest_reviews(pages: Path) -> None:
    changes = read(pages, "changes.md")
    assert "[Atom feed](feed.xml)" in changes
    rows = re.findall(r"^\| (\d+ \w+ \d{4}) \| \[", changes, re.M)
    assert rows[0] == "1 Nov 2026" and rows[-1] == "10 Jan 2024"
    assert (pages / "feed.xml").read_text("utf-8").startswith("<?xml")


def test_withheld_brief_and_its_only_source_appear_nowhere(pages: Path) -> None:
    for page in pages.rglob("*"):
        if page.is_file() and page.suffix in {".md", ".xml", ".json"}:
            text = page.read_text("utf-8")
            assert SECRET not in text and "secret-talks" not in text, page
            assert "secret-only" not in text and "Internal cable" not in text, page
    assert "- <em>withheld</em>" in read(pages, "relation/alpha-beta.md")
    data = json.loads(read(pages, "data/briefs.json"))
    assert "secret-only" not in data["sources"]


def test_hostile_text_stays_text(pages: Path) -> None:
    html = to_html(read(pages, "meeting/2025-04-22-summit.md"))
    assert "evil.example" in html and 'href="http://evil.example' not in html and "<b>" not in html


@pytest.mark.slow
def test_built_site_has_chart_timeline_feed_and_export(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", briefs=CORPUS)
    site = tmp_path / "site"
    result = run_briefbook("build", "--today", TODAY, "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stderr
    relation = (site / "relation" / "alpha-beta" / "index.html").read_text("utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in relation
    assert "<title id=\"chart-relation-alpha-beta-trade-turnover-title\">" in relation
    assert "Sources disagree: Growth of trade turnover" in relation
    assert '<p class="bb-tags">' in relation
    timeline = (site / "timeline" / "index.html").read_text("utf-8")
    assert 'href="country/alpha/"' in timeline and 'href="tag/trade/"' in timeline
    assert (site / "timeline" / "country" / "alpha" / "index.html").is_file()
    assert "<script" not in relation.split('<figure class="bb-chart"')[1].split("</figure>")[0]
    feed = (site / "feed.xml").read_text("utf-8")
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">' in feed
    data = json.loads((site / "data" / "briefs.json").read_text("utf-8"))
    assert data["format"] == "briefbook-briefs" and len(data["briefs"]) == 11
    changes = (site / "changes" / "index.html").read_text("utf-8")
    assert 'href="../feed.xml"' in changes
    assert (site / "data" / "index.html").is_file()  # the hand-written Data export page
