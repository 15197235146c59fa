"""axe-core finds no serious or critical WCAG 2.1 A/AA or best-practice violation on the home
page and a brief of each kind. axe-core is the pinned npm package, injected into the page
from node_modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefbook.models import KINDS

from .conftest import NODE_MODULES, first_brief

pytestmark = pytest.mark.browser

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                           resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary),
  }));
}"""


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("kind", ["home", *KINDS])
def test_no_serious_accessibility_violation(page: Any, site: Path, kind: str, lang: str) -> None:
    assert AXE.is_file(), f"{AXE} is missing: run `make test` or scripts/install-browser-deps.sh"
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(prefix + ("" if kind == "home" else first_brief(site, kind)))
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE, TAGS)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    report = "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
                       for v in blocking)
    assert not blocking, f"axe-core on {page.url}:\n{report}"
