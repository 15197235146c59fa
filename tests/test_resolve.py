"""The resolve stage: audience filtering, backlinks, citations, sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefbook import Settings, check
from briefbook.resolve.site import AUDIENCES

TODAY = dt.date(2026, 11, 22)

SOURCES = """\
a: {title: A, publisher: P}
b: {title: B, publisher: P}
secret: {title: Secret, publisher: P}
"""

BRIEFS = {
    "country/x.yml": """\
kind: country
title: X
summary: s
marking: TLP:CLEAR
reviewed: 2026-01-01
iso2: XX
iso3: XXX
figures:
  - {label: L, value: 1, unit: USD, sources: [b, a]}
  - {label: M, value: 2, unit: USD, sources: [a]}
""",
    "country/y.yml": """\
kind: country
title: Y
summary: s
marking: TLP:GREEN
reviewed: 2026-01-01
iso2: YY
iso3: YYY
related: [country/x]
""",
    "relation/x-y.yml": """\
kind: relation
title: X–Y
summary: s
marking: TLP:CLEAR
reviewed: 2026-01-01
parties: [country/x, country/y]
""",
    "country/z.yml": """\
kind: country
title: Z
summary: s
marking: TLP:AMBER
reviewed: 2026-01-01
iso2: ZZ
iso3: ZZZ
related: [country/x]
figures:
  - {label: L, value: 1, unit: USD, sources: [secret]}
""",
}


@pytest.fixture
def briefs(tmp_path: Path) -> Path:
    for name, text in BRIEFS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    (tmp_path / "_sources.yml").write_text(SOURCES, "utf-8")
    return tmp_path


def site_for(briefs: Path, audience: str):  # noqa: ANN201 - test helper
    result = check(Settings(briefs_dir=briefs, audience=audience, today=TODAY))
    assert not result.diagnostics.has_errors, [d.format() for d in result.diagnostics]
    assert result.site is not None
    return result.site


def test_audiences_never_include_red() -> None:
    assert all("TLP:RED" not in markings for markings in AUDIENCES.values())


def test_public_keeps_clear_only_and_drops_their_sources(briefs: Path) -> None:
    site = site_for(briefs, "public")
    assert set(site.briefs) == {"country/x", "relation/x-y"}
    assert site.withheld == {"country/y", "country/z"}
    assert "secret" not in site.sources
    assert site.citing["a"] == ["country/x"]


def test_backlinks_come_only_from_published_briefs(briefs: Path) -> None:
    public = site_for(briefs, "public")
    assert public.briefs["country/x"].backlinks == ["relation/x-y"]
    internal = site_for(briefs, "internal")
    backlinks = sorted(internal.briefs["country/x"].backlinks)
    assert backlinks == ["country/y", "country/z", "relation/x-y"]


def test_citations_are_numbered_in_order_of_first_use(briefs: Path) -> None:
    x = site_for(briefs, "public").briefs["country/x"]
    assert x.cited_sources == ["b", "a"]
    assert x.citation_number("a") == 2


def test_highest_marking_of_listing(briefs: Path) -> None:
    site = site_for(briefs, "internal")
    assert site.highest_marking() == "TLP:AMBER"
    assert site.highest_marking(["country/x", "country/y"]) == "TLP:GREEN"


def test_review_due_uses_kind_default(briefs: Path) -> None:
    x = site_for(briefs, "public").briefs["country/x"]
    assert x.review_due == dt.date(2027, 1, 1)  # countries: 365 days


def test_ref_to_a_withheld_brief_is_not_an_error(briefs: Path) -> None:
    result = check(Settings(briefs_dir=briefs, audience="public", today=TODAY))
    assert not result.diagnostics.has_errors


@pytest.mark.parametrize("corpus", ["briefs", "tests/golden/briefs"])
def test_reference_search_skips_nothing_a_full_walk_finds(corpus: str) -> None:
    """resolve searches only fields whose type can hold a reference or a figure; on every
    demo and golden brief that must find exactly what walking every node finds, in order."""
    from briefbook.models import BriefRef, Figure, SourceRef
    from briefbook.resolve.references import references_in, walk

    repo = Path(__file__).resolve().parents[1]
    result = check(Settings(briefs_dir=repo / corpus, audience="internal",
                            today=dt.date(2026, 11, 22)))
    assert result.site is not None and result.site.briefs
    for resolved in result.site.briefs.values():
        wanted = [(loc, value) for loc, value in walk(resolved.brief)
                  if isinstance(value, (BriefRef, SourceRef, Figure))]
        assert list(references_in(resolved.brief)) == wanted, resolved.id


def test_two_countries_with_the_same_iso_code_are_an_error(briefs: Path) -> None:
    """Each duplicate is reported at the code of the later brief (in id order), naming the
    brief that has it first; every one in the same run, with the other errors."""
    same_iso2 = BRIEFS["country/x.yml"].replace("title: X", "title: XA").replace(
        "iso3: XXX", "iso3: XAA")
    same_iso3 = BRIEFS["country/y.yml"].replace("iso2: YY", "iso2: YB").replace(
        "related: [country/x]", "related: [country/nowhere]")
    (briefs / "country/xa.yml").write_text(same_iso2, "utf-8")
    (briefs / "country/yb.yml").write_text(same_iso3, "utf-8")
    result = check(Settings(briefs_dir=briefs, audience="public", today=TODAY))
    assert [(d.path.replace(str(briefs), ""), d.line, d.col, d.message)
            for d in result.diagnostics.errors] == [
        ("/country/xa.yml", 6, 7, "iso2 'XX' is already the code of country/x "
         f"({briefs}/country/x.yml): two briefs cannot have the same ISO code"),
        ("/country/yb.yml", 7, 7, "iso3 'YYY' is already the code of country/y "
         f"({briefs}/country/y.yml): two briefs cannot have the same ISO code"),
        ("/country/yb.yml", 8, 11, "unknown brief 'country/nowhere'"),
    ]
    assert result.site is None


def test_briefs_without_iso_codes_are_passed_over() -> None:
    """Entities without codes (the EU, Antarctica) may be briefed: no code, no clash."""
    from types import SimpleNamespace

    from briefbook.errors import Diagnostics
    from briefbook.resolve.checks import check_codes

    entries = [SimpleNamespace(id=f"country/{name}", brief=SimpleNamespace(iso2=None, iso3=None))
               for name in ("antarctica", "eu")]
    found = Diagnostics()
    check_codes(entries, found)  # type: ignore[arg-type]
    assert found.items == []
