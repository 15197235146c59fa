"""briefbook: structured YAML briefs → validated Markdown → a static briefing site.

The public API is small: build :class:`Settings`, then :func:`check` (validate only),
:func:`render` (pages in memory) or :func:`generate` (pages written to disk).
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
from briefbook.pipeline import CheckResult, Settings, check, generate, render
from briefbook.resolve.resolver import AUDIENCES

__all__ = [
    "AUDIENCES",
    "BriefbookError",
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
