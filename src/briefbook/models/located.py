"""Validation errors that point at a part of a value, and the form of ids.

Kept apart from :mod:`briefbook.models.types` so that the modules that type fields
(citations, dates) can raise located errors without importing one another.
"""

from __future__ import annotations

REF_PATTERN = r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$"
"""The form of a brief id or a source id: slugs joined by '/'."""


class LocatedError(ValueError):
    """A validation error about a part of the value (``loc`` below it), so that the
    diagnostic can point at that key or item rather than at the whole value."""

    def __init__(self, message: str, loc: tuple[str | int, ...], *, at_key: bool = False) -> None:
        super().__init__(message)
        self.loc = loc
        self.at_key = at_key
