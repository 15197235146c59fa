"""The generator: load → validate → resolve → render → write, with no MkDocs in sight.

Both the CLI and the MkDocs plugin call :func:`generate`; tools that only need
to check content call :func:`check`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, Diagnostics, UsageError
from .load import load_tree
from .render import render_site
from .resolve import AUDIENCES, Site, resolve
from .validate import validate_tree
from .write import WriteReport, write_pages


@dataclass
class Settings:
    """Where the content is, where output goes, and who it is for."""

    briefs_dir: Path = Path("briefs")
    templates_dir: Path = Path("templates")
    out_dir: Path = Path("generated")
    audience: str = "public"
    today: dt.date = field(default_factory=dt.date.today)

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCES:
            raise UsageError(f"unknown audience '{self.audience}': use {', '.join(AUDIENCES)}")


@dataclass
class CheckResult:
    """Diagnostics of a check, and the resolved site when there were no errors."""

    diagnostics: Diagnostics
    site: Site | None


def check(settings: Settings) -> CheckResult:
    """Load, validate and resolve every brief; collect every problem."""
    diagnostics = Diagnostics()
    tree = load_tree(settings.briefs_dir, diagnostics)
    validated = validate_tree(tree, diagnostics, settings.today)
    site = resolve(validated, diagnostics, audience=settings.audience, today=settings.today,
                   known_ids={f.id for f in tree.briefs})
    return CheckResult(diagnostics, None if diagnostics.has_errors else site)


def render(settings: Settings) -> tuple[dict[str, str], Diagnostics]:
    """Check, then render every page in memory. Raises ContentError on any error."""
    result = check(settings)
    if result.site is None:
        raise ContentError(result.diagnostics)
    return render_site(result.site, settings.templates_dir), result.diagnostics


def generate(settings: Settings) -> tuple[WriteReport, Diagnostics]:
    """Render every page and write the ones that changed into ``settings.out_dir``."""
    pages, diagnostics = render(settings)
    return write_pages(pages, settings.out_dir), diagnostics
