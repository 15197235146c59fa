"""A cache that cannot lie: whatever happens to the files in ``.briefbook/``, a run gives
byte for byte what a run without a cache gives, and nothing raises.

Each trial damages every cache file of a primed project in one way (bytes flipped at
random, a span overwritten, the file cut short, junk appended, or the cache of another
project with the same paths put in its place), optionally edits a brief's title, and
runs the generator. The output and the diagnostics must be those of a cold run of the
same briefs. Issue 19, finding 2: with the cache a pickle, 9 of 20 flipped bytes gave
wrong output, 7 phantom errors on valid briefs and 4 tracebacks.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import briefbook.incremental.cache
from briefbook.errors import Diagnostics
from briefbook.pipeline import Settings, generate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synth_corpus import write_corpus  # noqa: E402

TODAY = dt.date(2026, 11, 22)
TRIALS = 60
N_BRIEFS = 24
Damage = Callable[[bytes, random.Random, bytes], bytes]


def _flip(data: bytes, rng: random.Random, _: bytes) -> bytes:
    damaged = bytearray(data)
    for _flipped in range(rng.randint(1, 4)):
        damaged[rng.randrange(len(damaged))] ^= rng.randint(1, 255)
    return bytes(damaged)


def _overwrite(data: bytes, rng: random.Random, _: bytes) -> bytes:
    start = rng.randrange(len(data))
    length = rng.randint(1, 64)
    return data[:start] + rng.randbytes(length) + data[start + length:]


def _truncate(data: bytes, rng: random.Random, _: bytes) -> bytes:
    return data[:rng.randrange(len(data))]


def _append(data: bytes, rng: random.Random, _: bytes) -> bytes:
    return data + rng.randbytes(rng.randint(1, 256))


def _foreign(_: bytes, __: random.Random, other: bytes) -> bytes:
    return other


# Flipped bytes are the commonest damage (a bad sector, a bad cable, a cosmic ray).
DAMAGES: list[Damage] = [_flip, _flip, _flip, _overwrite, _truncate, _append, _foreign]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _messages(diagnostics: Diagnostics) -> list[str]:
    return sorted(item.format() for item in diagnostics)


class _Project:
    """A synthetic project: briefs, their generated folder and the cache beside it."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.briefs = root / "briefs"
        write_corpus(self.briefs, N_BRIEFS, seed=seed)
        self.edited = sorted((self.briefs / "meeting").glob("*.yml"))[0]
        self.original = self.edited.read_text("utf-8")

    def settings(self, out: str = "generated") -> Settings:
        return Settings(briefs_dir=self.briefs, templates_dir=ROOT / "templates",
                        out_dir=self.root / out, today=TODAY, jobs=1)

    def run(self, monkeypatch: pytest.MonkeyPatch, *, cache: bool = True,
            out: str = "generated") -> Diagnostics:
        monkeypatch.chdir(self.root)  # the same display paths in every project
        monkeypatch.setenv("BRIEFBOOK_CACHE", "1" if cache else "0")
        return generate(self.settings(out))[1]

    def edit_title(self, edited: bool) -> None:
        text = self.original.replace("title: {en: ", "title: {en: Edited ", 1) if edited \
            else self.original
        assert text != self.original or not edited
        self.edited.write_text(text, "utf-8")

    def cache_files(self) -> dict[Path, bytes]:
        return {path: path.read_bytes() for path in sorted((self.root / ".briefbook").iterdir())
                if path.is_file()}


def _cold(project: _Project, monkeypatch: pytest.MonkeyPatch,
          edited: bool) -> tuple[dict[str, bytes], list[str]]:
    project.edit_title(edited)
    out = f"cold-{int(edited)}/generated"
    diagnostics = project.run(monkeypatch, cache=False, out=out)
    return _tree(project.root / out), _messages(diagnostics)


def test_a_damaged_cache_never_changes_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _Project(tmp_path / "project", seed=1)
    other = _Project(tmp_path / "other", seed=2)  # the same ids and paths, other contents
    other.run(monkeypatch)
    foreign = next(iter(other.cache_files().values()))
    expected = {edited: _cold(project, monkeypatch, edited) for edited in (False, True)}
    project.edit_title(False)
    project.run(monkeypatch)
    primed = project.cache_files()
    assert primed, "the first run wrote no cache"
    out = project.root / "generated"
    primed_out = tmp_path / "primed-out"
    shutil.copytree(out, primed_out)
    failures = []
    for trial in range(TRIALS):
        rng = random.Random(f"cache-damage-{trial}")
        damage, edited = rng.choice(DAMAGES), rng.random() < 0.5
        shutil.rmtree(out)
        shutil.copytree(primed_out, out)
        for path, data in primed.items():
            path.write_bytes(damage(data, rng, foreign))
        project.edit_title(edited)
        what = f"trial {trial} ({damage.__name__.strip('_')}, edited={edited})"
        try:
            diagnostics = project.run(monkeypatch)
        except Exception as error:  # noqa: BLE001 - every trial is reported, then the test fails
            first = getattr(error, "diagnostics", None)
            detail = _messages(first)[:1] if first is not None else ""
            failures.append(f"{what}: raised {type(error).__name__}: {error} {detail}"[:300])
            continue
        tree, messages = expected[edited]
        if _messages(diagnostics) != messages:
            failures.append(f"{what}: diagnostics {_messages(diagnostics)[:2]}"[:300])
        elif _tree(out) != tree:
            wrong = sorted(p for p in tree.keys() | _tree(out).keys()
                           if tree.get(p) != _tree(out).get(p))
            failures.append(f"{what}: {len(wrong)} wrong files, e.g. {wrong[:3]}")
    assert not failures, f"{len(failures)} of {TRIALS} trials failed:\n" + "\n".join(failures)


def test_a_damaged_cache_is_repaired_by_the_run_that_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damaged entries are dropped, made again and saved: the run after parses nothing
    and writes nothing."""
    project = _Project(tmp_path / "project", seed=1)
    project.run(monkeypatch)
    for path, data in project.cache_files().items():
        damaged = bytearray(data)
        for position in range(len(damaged) // 3, len(damaged), max(1, len(damaged) // 40)):
            damaged[position] ^= 0x20
        path.write_bytes(bytes(damaged))
    project.run(monkeypatch)
    parsed: list[Path] = []
    original = briefbook.incremental.cache.load_file
    monkeypatch.setattr(briefbook.incremental.cache, "load_file",
                        lambda path, *a, **k: parsed.append(path) or original(path, *a, **k))
    monkeypatch.chdir(project.root)
    report, _ = generate(project.settings())
    assert parsed == [] and report.written == []


class _Planted:
    """Unpickling this creates a file: what a planted pickle could do, harmlessly."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


def test_a_planted_pickle_is_never_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache is not a pickle: a pickle planted under the old name or the new one (as a
    restored CI cache could hold) runs nothing, and the old one is removed."""
    import pickle

    project = _Project(tmp_path / "project", seed=1)
    expected = _cold(project, monkeypatch, edited=False)
    marker = tmp_path / "code-ran"
    cache_dir = project.root / ".briefbook"
    cache_dir.mkdir()
    planted = pickle.dumps(_Planted(marker))
    for name in ("cache-generated.pickle", "cache-generated.msgpack"):
        (cache_dir / name).write_bytes(planted)
    diagnostics = project.run(monkeypatch)
    assert not marker.exists()
    assert (_tree(project.root / "generated"), _messages(diagnostics)) == expected
    assert sorted(path.name for path in cache_dir.iterdir()) == ["cache-generated.msgpack"]
