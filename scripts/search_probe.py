"""The site's search as a reader uses it, measured in Chromium: bytes downloaded and time.

Used by the browser tests (tests/browser/test_search.py) and the benchmark
(scripts/bench.py, group ``search``). A ``page`` is a playwright page whose context has a
``base_url`` serving a built site; nothing here starts a browser.

* :func:`first_search`: on a fresh page, opens the search box, types a query and waits for
  its results; counts every byte the page downloaded from the moment the box was opened
  to the first results shown (bodies as sent, with their headers).
* :func:`next_search`: on a page that has searched already, types another query key by key
  and measures the time from the last keystroke to its results on the page.
* :func:`served`: a built site served over HTTP on 127.0.0.1 (the browser tests' too).
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BOX = "input.md-search__input"
OPENER = 'label.md-header__button[for="__search"]'
RESULT = ".md-search-result__item"
LINKS = ".md-search-result__item a.md-search-result__link"

WATCH_RESULTS = """() => {
  const list = document.querySelector(".md-search-result__list");
  const box = document.querySelector("input.md-search__input");
  window.bbSearch = {typed: 0, shown: 0};
  box.addEventListener("input", () => { window.bbSearch.typed = performance.now(); });
  new MutationObserver(() => { window.bbSearch.shown = performance.now(); })
    .observe(list, {childList: true});
}"""
SHOWN_AFTER_TYPED = "() => window.bbSearch.shown > window.bbSearch.typed"


def result_links(page: Any) -> list[str]:
    """The paths the results shown link to (without their highlight parameter)."""
    return page.locator(LINKS).evaluate_all(
        "links => links.map(link => new URL(link.href).pathname)")


def _size(request: Any) -> int:
    try:
        sizes = request.sizes()
    except Exception:  # noqa: BLE001 - a request that failed has no sizes: nothing came
        return 0
    return int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])


def first_search(page: Any, query: str, start: str = "") -> dict[str, Any]:
    """Open the page at ``start``, then the search, and search for ``query`` as a reader
    does; the bytes and requests from opening the search to the first results shown,
    the milliseconds that took, and the result links."""
    page.goto(start)
    page.wait_for_load_state("load")
    fetched: list[Any] = []

    def listener(request: Any) -> None:
        fetched.append(request)

    page.on("requestfinished", listener)
    started = time.perf_counter()
    if page.locator(OPENER).is_visible():  # a phone's header: the magnifier opens it
        page.locator(OPENER).click()
    else:  # a desktop's header: the box itself
        page.locator(BOX).click()
    page.locator(BOX).fill(query)
    page.locator(RESULT).first.wait_for()
    seconds = time.perf_counter() - started
    page.remove_listener("requestfinished", listener)
    return {
        "query": query,
        "bytes": sum(_size(request) for request in fetched),
        "requests": [request.url.removeprefix(page.url.split("#")[0]) for request in fetched],
        "ms": seconds * 1000,
        "links": result_links(page),
    }


def next_search(page: Any, query: str, pace_ms: float = 0) -> dict[str, Any]:
    """On a page that has searched already, clear the box and type ``query`` key by key
    (``pace_ms`` apart; 0: as fast as the browser takes them); the milliseconds from the
    last keystroke to the results shown (the page's own clock)."""
    box = page.locator(BOX)
    box.fill("")
    page.evaluate(WATCH_RESULTS)
    box.press_sequentially(query, delay=pace_ms)
    page.wait_for_function(SHOWN_AFTER_TYPED)
    page.locator(RESULT).first.wait_for()
    ms = page.evaluate("() => window.bbSearch.shown - window.bbSearch.typed")
    return {"query": query, "ms": float(ms), "links": result_links(page)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` served over HTTP on 127.0.0.1, on a free port, from a thread of this
    process, while the block runs; yields its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
