"""Stage 2, validate: turn loaded YAML into typed models, collecting every error.

Each error is reported at ``path:line:col`` (see :mod:`briefbook.validate.messages`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from briefbook.errors import Diagnostic, Diagnostics
from briefbook.load.files import LoadedFile, LoadedTree
from briefbook.load.invisible import invisible_in, warning
from briefbook.load.safeyaml import one_line
from briefbook.models import KINDS, Brief, Source
from briefbook.models.common import share_fields_sets
from briefbook.models.portions import looser_portions
from briefbook.models.skeleton import PLACEHOLDER
from briefbook.models.types import SAFE_URL_PATTERN
from briefbook.validate.messages import report_validation_error


@dataclass
class Entry:
    """A valid brief with the file it came from (for positions in later stages)."""

    id: str
    brief: Brief
    file: LoadedFile


@dataclass
class ValidatedTree:
    """Valid briefs (in id order) and the valid sources, by id."""

    entries: list[Entry]
    sources: dict[str, Source]
    sources_file: LoadedFile | None
    cited_by_invalid: set[str] = field(default_factory=set)
    """Source ids named in briefs that failed validation (so they are not reported unused)."""
    unverifiable_sources: set[str] | None = field(default_factory=set)
    """Source ids defined but invalid (already reported); None when the registry itself could
    not be read, so that citations are not reported as unknown a second time."""
    ids: set[str] = field(default_factory=set)
    """The id of every brief file, valid or not (a reference to an invalid brief is not
    reported as unknown)."""


_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)", re.MULTILINE)
_MARKDOWN_FIELDS = ("summary", "body")


def _check_markdown(entry_file: LoadedFile, data: dict[str, Any], diagnostics: Diagnostics) -> None:
    """Markdown fields may only link to http(s), mailto or relative targets."""
    for name in _MARKDOWN_FIELDS:
        value = data.get(name)
        texts = value.items() if isinstance(value, dict) else [(None, value)]
        for lang, text in texts:
            if not isinstance(text, str):
                continue
            for match in [*_MD_LINK.finditer(text), *_MD_REFDEF.finditer(text)]:
                target = match.group(1)
                scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", target)
                if scheme and not SAFE_URL_PATTERN.match(target):
                    loc = (name, lang) if lang else (name,)
                    line, col = entry_file.position(loc)
                    diagnostics.error(entry_file.display, line, col,
                                      one_line(f"link target '{target}' is not allowed: "
                                               "use http, https, mailto or a relative link"))


def _scan_values(file: LoadedFile, diagnostics: Diagnostics, *, placeholders: bool = True,
                 prose: tuple[str, ...] = _MARKDOWN_FIELDS) -> None:
    """Warnings about string values: text still starting with TODO (as ``briefbook new``
    writes it), and invisible characters (see :mod:`briefbook.load.invisible`) in any
    field but the Markdown ones (``prose``), which keep them."""
    if not file.needs_scan:
        return
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), file.data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*loc, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in enumerate(value))
        elif isinstance(value, str):
            if placeholders and value.startswith(PLACEHOLDER):
                line, col = file.position(loc)
                diagnostics.warning(file.display, line, col, one_line(
                    f"placeholder text left in '{loc[-1]}': replace it"))
            hidden = invisible_in(value) if not (loc and loc[0] in prose) else []
            if hidden:
                line, col = file.position(loc)
                field = ".".join(str(part) for part in loc if isinstance(part, str))
                diagnostics.warning(file.display, line, col,
                                    one_line(warning(f"'{field}'", hidden)))


def validate_brief(file: LoadedFile, diagnostics: Diagnostics, today: dt.date,
                   ids: Collection[str] = frozenset()) -> Entry | None:
    """Validate one loaded brief; None (with diagnostics) if it is not valid. ``ids``, the
    id of every brief file, let a message suggest the id meant where a name was given."""
    data = file.data
    if not isinstance(data, dict):
        return None
    kind = data.get("kind")
    if kind is None:
        diagnostics.error(file.display, 1, 1, "missing required key 'kind'")
        return None
    if not isinstance(kind, str):
        line, col = file.position(("kind",))
        diagnostics.error(file.display, line, col,
                          f"kind must be one of: {', '.join(KINDS)}")
        return None
    if kind not in KINDS:
        close = difflib.get_close_matches(str(kind), list(KINDS), n=1, cutoff=0.6)
        hint = (f"; did you mean '{close[0]}'?" if close
                else f"; expected one of: {', '.join(KINDS)}")
        line, col = file.position(("kind",))
        diagnostics.error(file.display, line, col, one_line(f"unknown kind '{kind}'{hint}"))
        return None
    model = KINDS[kind]
    before = len(diagnostics.errors)
    _scan_values(file, diagnostics)
    folder = file.id.split("/")[0] if "/" in file.id else ""
    if folder != kind:
        line, col = file.position(("kind",))
        diagnostics.warning(file.display, line, col,
                            f"a {kind} brief belongs in the folder {kind}/ "
                            f"(its id, {file.id}, is its address on the site)")
    _check_markdown(file, data, diagnostics)
    try:
        brief = model.model_validate(data, context={"today": today})
    except ValidationError as exc:
        report_validation_error(exc, model, file, diagnostics, ids=ids)
        return None
    for loc, message in looser_portions(brief):
        line, col = file.position(loc)
        diagnostics.error(file.display, line, col, message)
    if len(diagnostics.errors) > before:
        return None
    share_fields_sets(brief)
    return Entry(file.id, brief, file)


def validate_sources(file: LoadedFile | None, diagnostics: Diagnostics) -> dict[str, Source]:
    """Validate the sources registry: a mapping of source id to source."""
    if file is None or file.data is None:
        return {}
    if not isinstance(file.data, dict):
        diagnostics.error(file.display, 1, 1, "the sources file must map source ids to sources")
        return {}
    sources: dict[str, Source] = {}
    for source_id, data in file.data.items():
        if not re.match(r"^[a-z0-9][a-z0-9_.-]*$", source_id):
            line, col = file.position((source_id,), key=True)
            diagnostics.error(file.display, line, col,
                              one_line(f"invalid source id '{source_id}': use lower-case "
                                       "letters, digits, '-', '_' and '.'"))
            continue
        try:
            sources[source_id] = Source.model_validate(data)
        except ValidationError as exc:
            report_validation_error(exc, Source, file, diagnostics, prefix=(source_id,))
    return sources


def validate_file(file: LoadedFile, today: dt.date, ids: Collection[str] = frozenset()
                  ) -> tuple[Entry | None, list[Diagnostic]]:
    """One brief file validated: its entry (None when it is not valid) and its diagnostics
    (``ids``: as for :func:`validate_brief`). A valid file's raw values are dropped: the
    model holds them now, and positions are read from the file if a later stage needs one."""
    file.unpack()
    found = Diagnostics()
    entry = validate_brief(file, found, today, ids)
    if entry is not None:
        file.data = None
    return entry, found.items


def validate_tree(tree: LoadedTree, diagnostics: Diagnostics, today: dt.date) -> ValidatedTree:
    """Validate every loaded brief and the sources registry."""
    entries: list[Entry] = []
    cited_by_invalid: set[str] = set()
    ids: set[str] = set()
    for file in tree.briefs:
        ids.add(file.id)
        entry, found = validate_file(file, today, tree.ids)
        diagnostics.extend(found)
        if entry is not None:
            entries.append(entry)
        else:
            cited_by_invalid.update(source_ids_in(file.data))
    sources, unverifiable, found = validate_registry(tree.sources)
    diagnostics.extend(found)
    return ValidatedTree(entries, sources, tree.sources, cited_by_invalid, unverifiable, ids)


def validate_registry(file: LoadedFile | None
                      ) -> tuple[dict[str, Source], set[str] | None, list[Diagnostic]]:
    """The valid sources, the ids of invalid ones (None when the registry is not a
    mapping) and the registry's diagnostics."""
    if file is not None:
        file.unpack()
    found = Diagnostics()
    sources = validate_sources(file, found)
    if file is not None and isinstance(file.data, dict):
        _scan_values(file, found, placeholders=False, prose=())
    unverifiable: set[str] | None = set()
    if file is not None and not isinstance(file.data, dict):
        unverifiable = None
    elif file is not None:
        unverifiable = {str(key) for key in file.data} - set(sources)
    return sources, unverifiable, found.items


def source_ids_in(data: Any) -> set[str]:
    """Every string listed under a ``sources`` key anywhere in raw brief data."""
    found: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            cited = value.get("sources")
            if isinstance(cited, list):
                found.update(item for item in cited if isinstance(item, str))
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found
