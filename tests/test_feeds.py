"""The Atom feed: valid Atom 1.0 structure, published briefs only, deterministic."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from briefbook.pipeline import Settings, check
from briefbook.render.feeds import atom_feed

CORPUS = Path(__file__).parent / "golden" / "briefs"
ATOM = "{http://www.w3.org/2005/Atom}"


def site(audience: str = "public"):  # type: ignore[no-untyped-def]
    result = check(Settings(briefs_dir=CORPUS, audience=audience, today=dt.date(2026, 11, 22)))
    assert result.site is not None
    return result.site


def test_feed_has_the_required_atom_elements() -> None:
    root = ET.fromstring(atom_feed(site(), "Book").encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.find(f"{ATOM}updated").text == "2026-11-01T00:00:00Z"  # latest review, not now
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 11
    ids = set()
    for entry in entries:
        for name in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        ids.add(entry.find(f"{ATOM}id").text)
        dt.datetime.strptime(entry.find(f"{ATOM}updated").text, "%Y-%m-%dT%H:%M:%SZ")
    assert len(ids) == len(entries)
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_feed_respects_the_audience() -> None:
    public = atom_feed(site("public"), "Book")
    internal = atom_feed(site("internal"), "Book")
    assert "secret-talks" not in public and "SHOULD NOT APPEAR" not in public
    assert "secret-talks" in internal


def test_feed_escapes_text_and_is_deterministic() -> None:
    text = atom_feed(site(), "A <b> & c")
    assert "<title>A &lt;b&gt; &amp; c: recently reviewed briefs</title>" in text
    assert text == atom_feed(site(), "A <b> & c")
