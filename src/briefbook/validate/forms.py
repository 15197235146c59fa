"""What a pattern of the models asks for, in words, and the likely id for a name.

Pydantic reports a string that does not match a field's pattern with the regular
expression; a writer needs to be told what to write instead. :func:`pattern_message`
says it in words, and for a brief reference given as a name (``head_of_state:
Kasym-Zhomart TOKAYEV``) suggests the id meant: the closest existing brief id of the
kind the field needs, else the name made into an id.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection

from briefbook.models import REFERENCE_KINDS
from briefbook.models.types import LANG_PATTERN, REF_PATTERN, SLUG_PATTERN

PATTERN_WORDS: dict[str, tuple[str, str]] = {
    SLUG_PATTERN: ("a slug", "lower-case letters, digits, '-' and '_', starting with a "
                             "letter or digit, like trade-turnover"),
    r"^[A-Z]{2}$": ("an ISO 3166-1 alpha-2 code", "two capital letters, like KZ"),
    r"^[A-Z]{3}$": ("a three-letter code", "three capital letters, like KAZ or KZT"),
    r"^[a-z]{2,3}$": ("a language code", "two or three lower-case letters, like en, ru or kk"),
    LANG_PATTERN.pattern: ("a language code", "two or three lower-case letters, like en, "
                                              "ru or kk, optionally with a region, like en-GB"),
    r"^UTC([+-]\d{2}:\d{2})?$": ("a time zone", "UTC, or UTC and an offset in hours and "
                                                "minutes, like UTC+05:00"),
    "^(https?://|mailto:)": ("a web address", "an address starting with http://, https:// "
                                              "or mailto:"),
}
"""Every pattern a model or its JSON Schema uses (but references, worded below): what a
matching value is, and how to write one. A test checks that none is missing."""

FIELD_WORDS: dict[str, tuple[str, str]] = {
    "iso3": ("an ISO 3166-1 alpha-3 code", "three capital letters, like KAZ"),
    "currency": ("an ISO 4217 currency code", "three capital letters, like KZT"),
}
"""Fields whose pattern is shared with others but whose value is something particular."""

_BRIEF_ID = "its path under briefs/ without .yml"
_SOURCE_ID = ("a source id", "the key of a source in briefs/_sources.yml: lower-case "
                             "letters, digits, '-' and '_'")


def pattern_message(value: object, pattern: str, field: str, *, source: bool,
                    ids: Collection[str], description: str = "") -> str:
    """The message for ``value`` that does not match ``pattern`` in ``field`` (``source``:
    the field holds source ids; ``ids``: every brief id, for a suggestion)."""
    if pattern == REF_PATTERN and not source:
        return reference_message(str(value), REFERENCE_KINDS.get(field), ids, field)
    what, how = (_SOURCE_ID if pattern == REF_PATTERN else
                 FIELD_WORDS.get(field) or PATTERN_WORDS.get(pattern)
                 or (f"a valid '{field}'", description.rstrip(".") or "see the guide"))
    return f"'{value}' is not {what}: write {how}"


def reference_message(value: str, kind: str | None, ids: Collection[str],
                      field: str = "") -> str:
    """``'Kasym-Zhomart TOKAYEV' is not a brief id: give the id of a person brief (its path
    under briefs/ without .yml); did you mean 'person/kassym-jomart-tokayev'?``"""
    what = f"a {kind} brief" if kind else "a brief"
    like = "" if kind else ", like country/kazakhstan"
    guess = likely_id(value, kind, ids)
    hint = f"; did you mean '{guess}'?" if guess else ""
    # An officeholder's person (head_of_state, ministers ...) may instead be named.
    named = (", or 'name' and 'title' for someone without a brief"
             if kind == "person" and field == "person" else "")
    return (f"'{value}' is not a brief id: give the id of {what} ({_BRIEF_ID}{like})"
            f"{named}{hint}")


def slug_of(name: str) -> str:
    """``Kasym-Zhomart TOKAYEV`` → ``kasym-zhomart-tokayev`` (accents dropped, every run of
    other characters one '-')."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9_]+", "-", folded.lower()).strip("-_")


def likely_id(value: str, kind: str | None, ids: Collection[str]) -> str | None:
    """The brief id probably meant by ``value``: the closest id among ``ids`` in the folder
    of ``kind`` (any folder when None), compared by name when ``value`` names no folder;
    else ``value`` made into an id in that folder; None when there is nothing to go on."""
    parts = [slug_of(part) for part in value.split("/")]
    if not all(parts):
        return None
    slug = "/".join(parts)
    folder = f"{kind}/" if kind else ""
    candidates = sorted(i for i in ids if i.startswith(folder))
    if "/" in slug:
        close = difflib.get_close_matches(slug, candidates, n=1, cutoff=0.6)
        return close[0] if close else (slug if not kind or slug.startswith(folder) else None)
    by_name: dict[str, str] = {}
    for candidate in candidates:
        by_name.setdefault(candidate.rpartition("/")[2], candidate)
    close = difflib.get_close_matches(slug, list(by_name), n=1, cutoff=0.6)
    if close:
        return by_name[close[0]]
    return folder + slug if kind else None
