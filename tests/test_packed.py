"""Packed values (the cache's format): every YAML value comes back exactly, and damaged
bytes raise Damaged, never anything else."""

from __future__ import annotations

import datetime as dt
import io
import math
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefbook.errors import Diagnostics
from briefbook.load.fastyaml import FALLBACK, fast_load
from briefbook.load.packed import (
    Damaged,
    pack,
    pack_values,
    read_packed,
    unpack,
    unpack_values,
    values_digest,
    write_packed,
)
from briefbook.load.safeyaml import Positions, read_mapping

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

# Every kind of scalar libyaml and PyYAML's resolvers make, plain and quoted.
YAML = """\
text: plain words
quoted: "with \\"escapes\\" \\t and \\u00e9 and \\U0001F600"
single: 'it''s'
empty: ''
nul: "a\\0b"
folded: >-
  two
  lines
literal: |
  kept
  breaks
none: null
tilde: ~
yes_text: yes
true_bool: true
false_bool: False
int: 42
negative: -7
octal: 0o17
hex: 0x1F
big: 123456789012345678901234567890
big_negative: -123456789012345678901234567890
huge_hex: 0x%s
float: 3.25
exponent: 1.5e-300
negative_zero: -0.0
inf: .inf
negative_inf: -.Inf
nan: .NaN
sexagesimal: 1:30
date: 2024-02-29
early_date: 0001-01-01
datetime: 2024-02-29 23:59:59
fraction: 2024-02-29T23:59:59.123456
utc: 2024-02-29T23:59:59Z
offset: 2024-02-29 23:59:59.5 -05:30
list: [1, two, 3.0, null, [nested, {deep: true}]]
mapping: {z: 1, a: 2, m: {y: [], x: {}}}
order:
  zebra: 1
  apple: 2
  mango: 3
""" % ("f" * 5000)


def _exact(value: Any) -> Any:
    """``value`` with the type of every part, and floats by their bits, so that 1 and True,
    0.0 and -0.0, naive and aware times, and nan compare as what they are."""
    if isinstance(value, dict):
        return ("dict", [(key, _exact(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_exact(item) for item in value])
    if isinstance(value, float):
        return ("float", value.hex() if not math.isnan(value) else "nan")
    if isinstance(value, dt.datetime):
        return ("datetime", value.isoformat(), repr(value.tzinfo))
    return (type(value).__name__, value)


def _careful(text: str) -> Any:
    return read_mapping(text, "x.yml", Positions(), Diagnostics())


def test_every_yaml_value_comes_back_exactly() -> None:
    for data in (_careful(YAML), fast_load(YAML)):
        assert data is not None and data is not FALLBACK
        packed = pack_values(data)
        assert packed is not None
        assert _exact(unpack_values(packed)) == _exact(data)
    assert type(_careful(YAML)["utc"].tzinfo) is dt.timezone
    assert unpack_values(pack_values(_careful(YAML)) or b"")["utc"].tzinfo is dt.UTC


def test_briefs_come_back_exactly(tmp_path: Path) -> None:
    from synth_corpus import write_corpus

    write_corpus(tmp_path / "synth", 100)
    for path in [*REPO.glob("briefs/**/*.yml"), *(tmp_path / "synth").rglob("*.yml")]:
        data = _careful(path.read_text("utf-8"))
        assert _exact(unpack_values(pack_values(data) or b"")) == _exact(data), path


def test_what_cannot_be_packed_exactly_is_not_packed() -> None:
    """YAML refuses a lone surrogate (no UTF-8 holds it); were one to come, the file
    would simply not be cached."""
    assert _careful('title: "\\ud800"\n') is None
    assert pack_values({"title": "\ud800"}) is None
    assert pack_values({"when": dt.time(12, 0)}) is None


def test_the_digest_covers_the_file_digest_and_the_values() -> None:
    packed = pack_values({"a": 1}) or b""
    check = values_digest("0" * 64, packed)
    assert check != values_digest("1" + "0" * 63, packed)
    assert check != values_digest("0" * 64, pack_values({"a": 2}) or b"")


def _damaged(data: bytes, rng: random.Random) -> bytes:
    how = rng.randrange(4)
    if how == 0:
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] ^= rng.randint(1, 255)
        return bytes(damaged)
    if how == 1:
        return data[:rng.randrange(len(data))]
    if how == 2:
        return data + rng.randbytes(rng.randint(1, 16))
    return rng.randbytes(rng.randint(0, 64))


def test_damaged_values_raise_damaged_and_nothing_else() -> None:
    packed = pack_values(_careful(YAML)) or b""
    rng = random.Random(19)
    for _ in range(3000):
        try:
            unpack_values(_damaged(packed, rng))
        except Damaged:
            pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_raise_damaged_or_unpack(data: bytes) -> None:
    for decode in (unpack_values, unpack, lambda b: unpack(b, use_list=False),
                   lambda b: read_packed(io.BytesIO(b), len(b))):
        try:
            decode(data)
        except Damaged:
            pass


def test_extension_types_are_refused_in_plain_data() -> None:
    with pytest.raises(Damaged):
        unpack(pack_values({"when": dt.date(2024, 1, 1)}) or b"")
    assert unpack(pack((1, "a", [b"x"])), use_list=False) == (1, "a", (b"x",))


def test_written_a_piece_at_a_time_read_back_whole() -> None:
    entries = {f"briefs/{i}.yml": (f"{i:064x}", bytes([i % 256]) * i, b"\0" * 32)
               for i in range(300)}
    stream = io.BytesIO()
    write_packed(stream, (4, "code"), entries, ((b"check", b"section"),))
    data = stream.getvalue()
    assert data == pack((4, "code", entries, (b"check", b"section")))
    assert read_packed(io.BytesIO(data), len(data)) == (4, "code", entries, (b"check", b"section"))
    with pytest.raises(Damaged):
        read_packed(io.BytesIO(data + b"\0"), len(data) + 1)
    with pytest.raises(Damaged):
        read_packed(io.BytesIO(data[:-1]), len(data) - 1)
