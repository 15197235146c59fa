"""The fast load path gives exactly the careful path's values, or steps aside."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from briefbook.errors import Diagnostics
from briefbook.load.fastyaml import FALLBACK, fast_load
from briefbook.load.safeyaml import Positions, read_mapping

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))


def careful(text: str) -> object:
    return read_mapping(text, "x.yml", Positions(), Diagnostics())


def corpus_texts(tmp_path: Path) -> list[str]:
    from synth_corpus import write_corpus

    write_corpus(tmp_path / "synth", 200)
    files = [*REPO.glob("briefs/**/*.yml"), *(tmp_path / "synth").rglob("*.yml")]
    return [path.read_text("utf-8") for path in files]


def test_fast_path_equals_careful_path_on_real_and_synthetic_briefs(tmp_path: Path) -> None:
    texts = corpus_texts(tmp_path)
    assert len(texts) > 200
    for text in texts:
        fast = fast_load(text)
        assert fast is not FALLBACK
        assert fast == careful(text)


@pytest.mark.parametrize("path", sorted((REPO / "tests" / "bad_briefs").glob("*.y*ml")),
                         ids=lambda p: p.name)
def test_fast_path_never_disagrees_on_bad_briefs(path: Path) -> None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    fast = fast_load(text)
    if fast is not FALLBACK:
        assert fast == careful(text)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",                       # alias
    "a: 1\na: 2\n",                           # duplicate key
    "<<: {a: 1}\n",                           # merge key
    "a: !!python/name:os.system\n",           # python tag
    "a: !!binary aGVsbG8=\n",                 # tag the careful path refuses
    "a: !!set {x}\n",
    "a: 2025-02-30\n",                        # not a real date
    "- a\n- b\n",                             # not a mapping
    "a:\n" + "- " * 60 + "x\n",               # deep compact nesting
    "a: " + "[" * 3000 + "]" * 3000 + "\n",   # deep flow nesting
    "a: [1, 2\n",                             # syntax error
])
def test_unusual_documents_take_the_careful_path(text: str) -> None:
    assert fast_load(text) is FALLBACK


def test_yaml_1_1_scalars_read_as_text_like_the_careful_path() -> None:
    text = "iso2: NO\nwhen: 1:30\nflag: true\nquoted: 'yes'\n"
    assert fast_load(text) == careful(text) == {
        "iso2": "NO", "when": "1:30", "flag": True, "quoted": "yes"}


def mutations(text: str, rng: random.Random) -> list[str]:
    """Small edits a hurried analyst makes: lines dropped, doubled, re-indented, swapped,
    and characters that mean something to YAML typed in."""
    lines = text.splitlines(keepends=True)
    out = []
    for _ in range(12):
        edited = list(lines)
        where = rng.randrange(len(edited))
        action = rng.randrange(5)
        if action == 0:
            del edited[where]
        elif action == 1:
            edited.insert(where, edited[where])
        elif action == 2:
            edited[where] = " " * rng.randrange(1, 4) + edited[where]
        elif action == 3:
            other = rng.randrange(len(edited))
            edited[where], edited[other] = edited[other], edited[where]
        else:
            line = edited[where]
            spot = rng.randrange(len(line))
            edited[where] = line[:spot] + rng.choice("&*!:-[]{}#'\"<|>,?~%@`") + line[spot:]
        out.append("".join(edited))
    return out


def test_fast_path_agrees_with_careful_path_on_mutated_briefs(tmp_path: Path) -> None:
    rng = random.Random(7)
    texts = corpus_texts(tmp_path)
    fast_taken = 0
    for text in texts[:120]:
        for mutated in mutations(text, rng):
            fast = fast_load(mutated)
            if fast is not FALLBACK:
                fast_taken += 1
                assert fast == careful(mutated), mutated
    assert fast_taken > 200  # the comparison did happen on many documents
