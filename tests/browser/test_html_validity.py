"""The Nu HTML Checker (vnu-jar, pinned in package-lock.json) finds no error on the home page
and a brief of each kind, except Material for MkDocs' own known ones listed here."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from briefbook.models import KINDS

from .conftest import NODE_MODULES, first_brief

pytestmark = pytest.mark.browser

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors in Material's own page template (not in briefbook's content), as (start of the
# message, text of the offending markup). Anything else fails the test.
MATERIAL_KNOWN = [
    # The drawer and search toggles are checkboxes with autocomplete="off".
    ("Attribute “autocomplete” is only allowed when", 'id="__drawer"'),
    ("Attribute “autocomplete” is only allowed when", 'id="__search"'),
    # Pages that are not in the nav: the table of contents' title label points at the
    # "__toc" toggle, which Material only writes into the nav entry of the current page.
    ("The value of the “for” attribute of the “label” element", 'for="__toc"'),
]


def _known(message: dict[str, Any]) -> bool:
    return any(message.get("message", "").startswith(text) and markup in message.get("extract", "")
               for text, markup in MATERIAL_KNOWN)


def _pages(site: Path) -> dict[str, Path]:
    pages = {"home": site / "index.html", "ru/home": site / "ru" / "index.html"}
    for kind in KINDS:
        found = sorted((site / kind).glob("*/index.html"))
        if found:
            pages[kind] = site / first_brief(site, kind) / "index.html"
            pages[f"ru/{kind}"] = site / "ru" / first_brief(site, kind) / "index.html"
    return pages


@pytest.fixture(scope="module")
def vnu_errors(site: Path) -> dict[Path, list[dict[str, Any]]]:
    """Errors of every checked page, from one run of the checker (one JVM start)."""
    java = shutil.which("java")
    assert java, "java is missing: run `make test` or scripts/install-browser-deps.sh"
    assert VNU.is_file(), f"{VNU} is missing: run `make test` or scripts/install-browser-deps.sh"
    pages = list(_pages(site).values())
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--stdout",
                             "--errors-only", *map(str, pages)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.stdout.startswith("{"), f"the checker did not run:\n{result.stderr}"
    messages = json.loads(result.stdout)["messages"]
    errors: dict[Path, list[dict[str, Any]]] = {page.resolve(): [] for page in pages}
    for message in messages:
        assert message.get("url", "").startswith("file:"), message
        errors[Path(message["url"].removeprefix("file:")).resolve()].append(message)
    return errors


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("kind", ["home", *KINDS])
def test_html_is_valid(site: Path, vnu_errors: dict[Path, list[dict[str, Any]]],
                       kind: str, lang: str) -> None:
    root = site if lang == "en" else site / lang
    page = root / ("index.html" if kind == "home" else f"{first_brief(site, kind)}index.html")
    unexpected = [m for m in vnu_errors[page.resolve()] if not _known(m)]
    report = "\n".join(f"{page}:{m.get('lastLine')}:{m.get('firstColumn')}: {m['message']}\n"
                       f"    {m.get('extract', '').strip()}" for m in unexpected)
    assert not unexpected, f"the Nu HTML Checker found:\n{report}"
