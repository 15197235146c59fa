"""The load stage and safe YAML: values, positions, limits."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from briefbook.errors import Diagnostics
from briefbook.load.files import MAX_DEPTH, MAX_NODES, load_file
from briefbook.load.folders import discover
from briefbook.load.safeyaml import Positions, one_line, read_mapping


def _read(text: str) -> tuple[object, list[str], Positions]:
    diagnostics = Diagnostics()
    positions = Positions()
    data = read_mapping(text, "f.yml", positions, diagnostics)
    return data, [d.format() for d in diagnostics], positions


def _laughs(width: int, levels: int) -> str:
    names = [f"l{i}" for i in range(levels)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]"]
    for prev, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * width)}]")
    return "\n".join(lines) + "\n"


def test_values_and_positions() -> None:
    data, problems, positions = _read("kind: country\nfigures:\n  - label: Trade\n    value: 12\n")
    assert problems == []
    assert data == {"kind": "country", "figures": [{"label": "Trade", "value": 12}]}
    assert positions.keys[("figures", 0, "value")] == (4, 5)
    assert positions.values[("figures", 0, "value")] == (4, 12)
    assert positions.values[("figures", 0)] == (3, 5)


def test_plain_aliases_are_fine() -> None:
    data, problems, _ = _read("a: &x {en: Hi}\nb: *x\n")
    assert problems == []
    assert data == {"a": {"en": "Hi"}, "b": {"en": "Hi"}}


def test_yaml_1_2_scalars() -> None:
    data, problems, _ = _read("iso2: NO\nanswer: yes\nflag: true\ntime: 1:30\nq: 'on'\n")
    assert problems == []
    assert data == {"iso2": "NO", "answer": "yes", "flag": True, "time": "1:30", "q": "on"}


@pytest.mark.parametrize("width, levels", [(9, 9), (10, 12), (2, 60)])
def test_billion_laughs_is_refused_fast(width: int, levels: int) -> None:
    text = _laughs(width, levels)
    start = time.perf_counter()
    data, problems, positions = _read(text)
    elapsed = time.perf_counter() - start
    assert data is None and len(problems) == 1
    assert "expands to more than" in problems[0] or "nested more than" in problems[0]
    assert elapsed < 0.2, f"{elapsed:.3f}s"
    assert len(positions.values) < MAX_NODES


def test_just_under_the_expansion_limit_loads() -> None:
    # 9 + 81 + 729 + 6561 + 59049 values (plus lists and keys) stays under MAX_NODES.
    data, problems, _ = _read(_laughs(9, 5))
    assert problems == [] and isinstance(data, dict)


def test_alias_chain_too_deep() -> None:
    text = "k0: &k0 [x]\n" + "".join(f"k{i}: &k{i} [*k{i - 1}]\n" for i in range(1, 200))
    data, problems, _ = _read(text)
    assert data is None
    assert problems == [f"f.yml:{MAX_DEPTH - 1}:{len(f'k{MAX_DEPTH - 2}: ') + 1}: error: values "
                        f"are nested more than {MAX_DEPTH} levels deep (through aliases)"]


def test_deep_flow_nesting_never_recurses_out() -> None:
    data, problems, _ = _read("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert data is None and "nested more than" in problems[0]


def test_key_that_is_a_mapping() -> None:
    _, problems, _ = _read("? {a: 1}\n: x\n")
    assert problems == ["f.yml:1:3: error: a key must be plain text, not a list or mapping"]


def test_every_problem_in_a_file_is_reported() -> None:
    _, problems, _ = _read("a: !!binary aGk=\nb: 1\nb: 2\nc: !!set {x}\n")
    assert problems == [
        "f.yml:1:4: error: YAML tag !!binary is not allowed",
        "f.yml:3:1: error: duplicate key 'b' (first defined at line 2)",
        "f.yml:4:4: error: YAML tag !!set is not allowed",
    ]


def test_one_line_escapes_breaks() -> None:
    assert one_line("a\nb\u2028c\x00") == "a\\nb\\u2028c\\x00"


def test_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbfkind: country\r\ntitle: X\r\n")
    diagnostics = Diagnostics()
    loaded = load_file(path, "x", diagnostics)
    assert list(diagnostics) == []
    assert loaded.data == {"kind": "country", "title": "X"}
    assert loaded.position(("title",)) == (2, 8)


def test_unreadable_file(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    load_file(tmp_path / "missing.yml", "missing", diagnostics)
    assert [d.message for d in diagnostics] == ["cannot read file: No such file or directory"]


def test_discover_order_and_ignores(tmp_path: Path) -> None:
    for name in ["b/z.yml", "a.yml", "b/a.yaml", ".hidden/x.yml", "notes.md", "_sources.yml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("kind: country\n")
    diagnostics = Diagnostics()
    files, sources = discover(tmp_path, diagnostics)
    assert [ident for _, ident in files] == ["a", "b/a", "b/z"]
    assert sources == tmp_path / "_sources.yml"
    assert list(diagnostics) == []


def test_too_many_plain_values_refused_before_composing() -> None:
    text = "items: [" + ", ".join(["1"] * (MAX_NODES + 10)) + "]\n"
    start = time.perf_counter()
    data, problems, _ = _read(text)
    elapsed = time.perf_counter() - start
    assert data is None
    assert problems[0].endswith(f"error: document has more than {MAX_NODES} values")
    assert elapsed < 3.0  # a hang guard (0.3 s here), not a speed target


def test_a_signature_is_settled_once_a_clock_tick_has_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file may be trusted by its signature only when a further change could not keep
    it: changed more than a tick ago (whole-second times: a coarse file system)."""
    import briefbook.incremental.signatures as signatures

    path = tmp_path / "brief.yml"
    path.write_text("kind: country\n")
    now = time.time_ns()
    fine = now - 10**9 + 123_456_789  # a time with a fraction of a second
    os.utime(path, ns=(fine, fine))
    monkeypatch.setattr(signatures.time, "time_ns", lambda: now)
    assert signatures.settled_signature(path) is None  # the change time is now
    later = now + signatures.FINE_RACY_NS + 10**7
    monkeypatch.setattr(signatures.time, "time_ns", lambda: later)
    assert signatures.settled_signature(path) == signatures.signature(path)
    coarse = now // 10**9 * 10**9  # the last whole second: less than 1 s before now
    monkeypatch.setattr(signatures, "signature", lambda _: (1, 2, coarse, coarse))
    assert signatures.settled_signature(path) is None  # within two seconds of a whole-second time
    monkeypatch.setattr(signatures.time, "time_ns", lambda: coarse + signatures.RACY_NS + 1)
    assert signatures.settled_signature(path) == (1, 2, coarse, coarse)
