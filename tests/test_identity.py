"""Byte identity: the generated Markdown and the built site equal the committed record.

The record (``tests/identity/*.json``, made by ``scripts/identity.py record``) holds the
SHA-256 of every generated file and every file of the built site for the demo, the golden
corpus and a 1,000-brief synthetic corpus. Restructuring the code must not change one
byte; a deliberate change of output regenerates the record in a commit of its own.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from identity import CORPORA, measure, record_path  # noqa: E402


def _differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    lines = [f"missing: {p}" for p in sorted(expected.keys() - actual.keys())]
    lines += [f"unexpected: {p}" for p in sorted(actual.keys() - expected.keys())]
    lines += [f"changed: {p}" for p in sorted(expected.keys() & actual.keys())
              if expected[p] != actual[p]]
    return lines


@pytest.mark.parametrize("corpus", [pytest.param(c, marks=pytest.mark.slow)
                                    if c == "synthetic" else c for c in CORPORA])
def test_output_is_byte_identical_to_the_record(tmp_path: Path, corpus: str) -> None:
    expected = json.loads(record_path(corpus).read_text(encoding="utf-8"))
    actual = measure(corpus, tmp_path)
    assert len(actual["generated"]) > 30 and len(actual["site"]) > 80
    for tree in ("generated", "site", "build-generated"):
        differences = _differences(expected[tree], actual[tree])
        assert not differences, (
            f"{corpus} {tree}: {len(differences)} files differ from tests/identity/"
            f"{corpus}.json (regenerate it only for a deliberate output change):\n"
            + "\n".join(differences[:40]))
