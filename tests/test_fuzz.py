"""Property-based tests: no input, however broken, produces a traceback.

Every example runs through the real load → validate → resolve path (``check``) on a
small valid tree with one file replaced, and must end in diagnostics or success.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefbook.pipeline import Settings, check

BASE = Path(__file__).parent / "bad_briefs" / "_base"
TODAY = dt.date(2026, 11, 22)
FUZZ = settings(max_examples=250, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of YAML (and of briefs) that reach the interesting paths of the loader.
FRAGMENTS = [
    "kind: ", "country", "meeting", "title: ", "summary: ", "marking: ", "TLP:CLEAR", "TLP:RED",
    "reviewed: ", "2025-02-30", "2026-01-01", "2099-01-01", "figures:", "sources: ", "[src-a]",
    "- ", "  ", "\n", ": ", ", ", "[", "]", "{", "}", "&a ", "*a", "&b ", "*b", "<<: ", "? ",
    "!!python/object/apply:os.system ", "!!binary ", "!!set ", "!custom ", "'", '"', "|\n",
    ">-\n", "#", "---\n", "...\n", "~", "null", "yes", ".nan", "-.inf", "0x1F", "1e400", "12",
    "value: ", "unit: ", "USD", "period: ", "2024-H3", "en: ", "ru: ", "related: ",
    "country/alpha", "person/pat", "[x](javascript:alert(1))", "\t", "\ufeff", "\u2028", "é",
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(BASE, root / "briefs")
    return root / "briefs"


def _check_file(tree: Path, relative: str, content: bytes) -> None:
    """Write ``content`` at ``relative``, run the pipeline, check the diagnostics' shape."""
    target = tree / relative
    original = target.read_bytes() if target.exists() else None
    target.write_bytes(content)
    try:
        result = check(Settings(briefs_dir=tree, today=TODAY, audience="internal"))
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    # YAML also breaks lines at CR, NEL, LS and PS.
    text = content.decode("utf-8", "replace")
    lines = len(re.split("\r\n|[\n\r\x85\u2028\u2029]", text))
    for diagnostic in result.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.col >= 1, diagnostic
        if diagnostic.path.endswith(relative):
            assert diagnostic.line <= lines + 1, diagnostic
        assert diagnostic.message and "\n" not in diagnostic.message, diagnostic
    assert (result.site is None) == result.diagnostics.has_errors


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(tree: Path, text: str) -> None:
    _check_file(tree, "country/fuzz.yml", text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes(tree: Path, data: bytes) -> None:
    _check_file(tree, "country/fuzz.yml", data)


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
def test_yaml_like_text(tree: Path, pieces: list[str]) -> None:
    _check_file(tree, "country/fuzz.yml", "".join(pieces).encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
def test_yaml_like_sources_registry(tree: Path, pieces: list[str]) -> None:
    _check_file(tree, "_sources.yml", "".join(pieces).encode("utf-8", "surrogatepass"))


SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
           | st.dates() | st.sampled_from(["TLP:CLEAR", "src-a", "country/beta", "person/pat",
                                           "2024-H1", "USD", "javascript:x", "2025-02-30"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=10)

VALID_BRIEF: dict[str, Any] = yaml.safe_load("""
kind: meeting
title: {en: Talks, ru: Переговоры}
summary: They met and talked about [trade](https://example.org).
marking: TLP:CLEAR
reviewed: 2026-01-01
date: 2025-04-22
place: {name: Turkistan, country: country/alpha, sources: [src-a],
        alternatives: [{name: Astana, sources: [src-b]}]}
participants: [person/pat]
sources: [src-a, src-b]
quotes: [{speaker: person/pat, text: Hello, sources: [src-a]}]
figures:
  - {label: Trade, value: 1, value_max: 2, unit: USD, scale: billion, period: 2024-01..2024-06,
     cumulative: true, status: target, sources: [src-a],
     alternatives: [{value: 3, sources: [src-b]}]}
milestones: [{date: 2025-01-01, title: Agreed, sources: [src-b]}]
links: [{title: More, url: "https://example.org"}]
tags: [trade]
related: [country/beta]
""")


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def mutated_briefs(draw: st.DrawFn) -> dict[str, Any]:
    brief = copy.deepcopy(VALID_BRIEF)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(brief)[1:]))
        parent = brief
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(VALUES)
        else:
            parent.append(draw(VALUES))
    return brief


def test_the_unmutated_brief_is_valid(tree: Path) -> None:
    target = tree / "meeting/fuzz.yml"
    target.parent.mkdir(exist_ok=True)
    target.write_text(yaml.safe_dump(VALID_BRIEF, allow_unicode=True))
    try:
        result = check(Settings(briefs_dir=tree, today=TODAY, audience="internal"))
    finally:
        target.unlink()
    assert result.site is not None and "meeting/fuzz" in result.site.briefs


@FUZZ
@given(mutated_briefs())
def test_mutated_brief(tree: Path, brief: dict[str, Any]) -> None:
    (tree / "meeting").mkdir(exist_ok=True)
    text = yaml.safe_dump(brief, allow_unicode=True)
    _check_file(tree, "meeting/fuzz.yml", text.encode("utf-8", "surrogatepass"))
