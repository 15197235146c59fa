"""The site's search measured on a built site (scripts/bench.py, group ``search``).

* the Pagefind run alone over the built site (both languages), and the index's size;
* in Chromium (Debian's, driven by playwright, as the browser tests), on the site served
  from 127.0.0.1: the bytes downloaded from opening the search box to the first results,
  each query on a fresh page with an empty cache, in English and in Russian;
* the time from the last keystroke to the results shown, for queries typed after the
  first one on the same page (what a reader waits for while searching).
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from search_probe import first_search, next_search, served

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
FIRST = [("", "pipeline"), ("", "memorandum caspian"), ("ru/", "бриф")]
"""(start page, query) of each first search: a word on every page of the synthetic corpus
(the largest word chunk there is), two words, and a Russian word of every Russian title."""
NEXT = ["freight", "container terminal", "summit", "railway", "delegation", "customs",
        "energy", "tariff", "protocol", "council"]
"""Queries typed, key by key, after the first search on the same page: words of the
synthetic corpus's small vocabulary, each on nearly every page (the worst case: Pagefind
ranks every page of the language for each)."""
PACE_MS = 150
"""A reader typing at about 80 words a minute: the keys of the ``NEXT`` queries typed this
far apart, so a search may be running when the next key comes."""
NEXT_FEW = ["00042", "00117", "00150", "00077", "00199"]
"""Queries that match a few pages (the briefs numbered so, one of each kind), as a
search for a name does in a real corpus."""


def index_sizes(site: Path) -> dict[str, Any]:
    folder = site / "pagefind"
    files = [p for p in folder.rglob("*") if p.is_file()]
    by_part: dict[str, int] = {}
    for path in files:
        part = path.parent.name if path.parent != folder else path.suffix.lstrip(".")
        by_part[part] = by_part.get(part, 0) + path.stat().st_size
    entry = json.loads((folder / "pagefind-entry.json").read_text("utf-8"))
    return {"pagefind_version": entry["version"],
            "index_mb": sum(by_part.values()) / 1e6, "index_files": len(files),
            "index_parts_kb": {k: v / 1e3 for k, v in sorted(by_part.items())}}


def _pagefind_seconds(site: Path) -> float:
    from briefbook.engines.pagefind import index_site

    start = time.perf_counter()
    index_site(site)
    return time.perf_counter() - start


def _in_chromium(base_url: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    firsts, nexts, fews, paced = [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for start, query in FIRST:
                context = browser.new_context(base_url=base_url,
                                              viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.set_default_timeout(60_000)
                found = first_search(page, query, start)
                found["start"] = start
                firsts.append({k: v for k, v in found.items() if k != "links"}
                              | {"results": len(found["links"])})
                if start == "":
                    nexts.extend(next_search(page, q)["ms"] for q in NEXT)
                    fews.extend(next_search(page, q)["ms"] for q in NEXT_FEW)
                    paced.extend(next_search(page, q, PACE_MS)["ms"] for q in NEXT)
                context.close()
        finally:
            browser.close()
    return {"first": firsts, "next_ms": nexts,
            "next_ms_median": statistics.median(nexts), "next_ms_max": max(nexts),
            "next_few_ms": fews, "next_few_ms_median": statistics.median(fews),
            "next_few_ms_max": max(fews),
            "next_paced_ms": paced, "next_paced_ms_median": statistics.median(paced),
            "next_paced_ms_max": max(paced),
            "first_kb_max": max(f["bytes"] for f in firsts) / 1e3}


def measure(site: Path) -> dict[str, Any]:
    """Everything above, for the built site in ``site``."""
    result: dict[str, Any] = {"pagefind_seconds": _pagefind_seconds(site)}
    result |= index_sizes(site)
    with served(site) as base_url:
        result |= _in_chromium(base_url)
    return result


def table_lines(found: list[dict[str, Any]]) -> list[str]:
    lines = []
    for s in found:
        firsts = "; ".join(
            f"{f['start'] or '/'} {f['query']!r}: {f['bytes'] / 1e3:.0f} kB in "
            f"{len(f['requests'])} requests, {f['ms']:.0f} ms, {f['results']} shown"
            for f in s["first"])
        lines.append(
            f"search N={s['n']}: site build {s['build']['seconds']:.1f} s, of which Pagefind "
            f"{s.get('pagefind_version', '?')} about {s['pagefind_seconds']:.1f} s; "
            f"index {s['index_mb']:.1f} MB in "
            f"{s['index_files']} files; first search (open to results, bytes with headers): "
            f"{firsts}; most {s['first_kb_max']:.0f} kB (target at most 1000 kB); next "
            f"searches, last keystroke to results: words on every page median "
            f"{s['next_ms_median']:.0f} ms, most {s['next_ms_max']:.0f} ms; words on a few "
            f"pages median {s['next_few_ms_median']:.0f} ms, most "
            f"{s['next_few_ms_max']:.0f} ms (target at most 300 ms); words on every page "
            f"typed {PACE_MS} ms a key: median {s.get('next_paced_ms_median', 0):.0f} ms, "
            f"most {s.get('next_paced_ms_max', 0):.0f} ms")
    return lines
