"""Browser test fixtures: the demo site built once, served locally, driven by Debian Chromium.

Chromium comes from Debian (/usr/bin/chromium, installed by scripts/install-browser-deps.sh);
playwright only drives it. Every page a test opens is watched: a request to any host but the
local server, or an error on the console, fails the test that caused it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefbook.models import KINDS

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
from search_probe import served  # noqa: E402

TODAY = "2026-11-22"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = REPO / "screenshots"
NODE_MODULES = REPO / "node_modules"
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def _mkdocs_config() -> dict[str, Any]:
    return yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)


def site_name() -> str:
    return _mkdocs_config()["site_name"]


def nav_labels() -> dict[str, str]:
    """Kind → the label of its index page in mkdocs.yml's navigation."""
    labels = {}
    for entry in _mkdocs_config()["nav"]:
        ((label, target),) = entry.items()
        kind = target.removesuffix("/index.md")
        if kind in KINDS:
            labels[kind] = label
    return labels


def first_brief(site: Path, kind: str) -> str:
    """URL path of the first brief of a kind in the built site, e.g. 'country/iran/'."""
    pages = sorted(p.parent.name for p in (site / kind).glob("*/index.html"))
    assert pages, f"the demo site has no brief of kind {kind}"
    return f"{kind}/{pages[0]}/"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once per session exactly as CI publishes it."""
    site_dir = tmp_path_factory.mktemp("browser") / "site"
    command = [sys.executable, "-m", "briefbook", "build", "--audience", "public",
               "--site-dir", str(site_dir), "--today", TODAY]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, f"site build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The site served over HTTP on 127.0.0.1, on a free port, from this process."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` or scripts/install-browser-deps.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watch:
    """What the pages of one test did: foreign requests, console errors, pages visited."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        return url.startswith(self.origin) or url.startswith(LOCAL_SCHEMES)

    def on_request(self, request: Any) -> None:
        if not self.is_local(request.url):
            self.foreign.append(request.url)

    def problems(self) -> list[str]:
        return ([f"request to another host: {url}" for url in self.foreign]
                + [f"console error: {text}" for text in self.errors])


@pytest.fixture()
def watch(base_url: str) -> Watch:
    return Watch(origin=base_url)


@pytest.fixture()
def page(browser: Any, base_url: str, watch: Watch) -> Iterator[Any]:
    """A fresh desktop-sized page; fails the test on a foreign request or a console error."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                                  service_workers="block")
    # Record every foreign request, then refuse it so a test never reaches the network.
    context.route(lambda url: not watch.is_local(url), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("request", watch.on_request)
    page.on("console", lambda message: message.type == "error"
            and watch.errors.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: watch.errors.append(f"{page.url}: {error}"))
    page.on("framenavigated", lambda frame: frame == page.main_frame
            and watch.visited.append(frame.url))
    yield page
    context.close()
    assert not watch.problems(), (f"on the pages {watch.visited}:\n"
                                  + "\n".join(watch.problems()))


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under screenshots/ (git-ignored) for people to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
