"""briefbook: structured YAML briefs → validated Markdown → a static briefing site.

The public API is small: build :class:`Settings`, then :func:`check` (validate only),
:func:`render` (pages in memory) or :func:`generate` (pages written to disk; a
:class:`BuildState` kept between calls makes each next run redo only what changed).
Problems come back as :class:`Diagnostic` values; bad content raises
:class:`ContentError` carrying all of them.
"""

from briefbook.errors import (
    BriefbookError,
    ContentError,
    Diagnostic,
    Diagnostics,
    OutputError,
    Severity,
    UsageError,
)
from briefbook.incremental.state import BuildState
from briefbook.pipeline import CheckResult, check, generate, render
from briefbook.resolve.site import AUDIENCES
from briefbook.settings import Settings

__all__ = [
    "AUDIENCES",
    "BriefbookError",
    "BuildState",
    "CheckResult",
    "ContentError",
    "Diagnostic",
    "Diagnostics",
    "OutputError",
    "Settings",
    "Severity",
    "UsageError",
    "check",
    "generate",
    "render",
]
