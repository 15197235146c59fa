#!/usr/bin/env python3
"""Long fuzzing run of the load → validate → resolve path on hostile briefs.

Generates and mutates briefs (byte flips, structural mutations of the demo briefs,
and a catalogue of hostile YAML: alias bombs, deep nesting, Python tags, huge
numbers, bad encodings) and checks each one through ``briefbook.check``. Every case
must end in success or in diagnostics: no exception, no case slower than one second,
and bounded memory. Prints a summary; exits 1 if any case crashed or hung.

    .venv/bin/python scripts/fuzz.py --cases 10000 --seed 1
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import yaml

from briefbook import Settings, check

REPO = Path(__file__).resolve().parents[1]
HANG_SECONDS = 1.0
MEMORY_LIMIT = 2 * 1024**3

HOSTILE = [
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
              for i in range(9)),
    "kind: country\ntitle: " + "[" * 20000 + "]" * 20000 + "\n",
    "kind: country\ntitle: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    "kind: !!python/object/apply:os.system ['echo pwned']\n",
    "kind: country\ntitle: !!python/name:os.system\n",
    "kind: country\nreviewed: 2025-02-30\n",
    "kind: country\nvalue: " + "9" * 5000 + "\n",
    "kind: country\nvalue: 1e99999\n",
    "&a a: *a\n",
    "a: &a\n  b: *a\n",
    "- just\n- a list\n",
    "",
    "# only a comment\n",
    "kind: country\nkind: person\n",
    "<<: {kind: country}\n",
    "kind: country\ntitle: \"\\ud800\"\n",
    "? [complex, key]\n: value\n",
    "kind: country\n" + "x" * 2_000_000 + ": 1\n",
    "\t\tkind: country\n",
    "--- a\n--- b\n",
]


def demo_briefs() -> list[tuple[str, dict[str, Any]]]:
    """The demo briefs as (relative path, data) pairs to mutate."""
    found = []
    for path in sorted((REPO / "briefs").rglob("*.yml")):
        if not path.name.startswith("_"):
            found.append((str(path.relative_to(REPO / "briefs")),
                          yaml.safe_load(path.read_text("utf-8"))))
    return found


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Flip, insert or delete a few random bytes."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not buffer:
            break
        position = rng.randrange(len(buffer))
        choice = rng.random()
        if choice < 0.4:
            buffer[position] = rng.randrange(256)
        elif choice < 0.7:
            buffer.insert(position, rng.choice(b":-[]{}&*!|>'\"#\n\t %@`"))
        else:
            del buffer[position]
    return bytes(buffer)


def _random_value(rng: random.Random) -> Any:
    return rng.choice([
        None, True, 0, -1, 10**30, 3.5, float("inf"), "", "x" * rng.randint(1, 500),
        "<script>alert(1)</script>", "{{ 7*7 }}", "javascript:alert(1)", "../../etc/passwd",
        dt.date(2025, 1, 1), [], {}, ["a", 1, None], {"en": None}, {"xx": "y"},
        "TLP:RED", "2024-H3", "ZZZ", "country/nowhere",
    ])


def mutate_structure(data: Any, rng: random.Random) -> Any:
    """Delete, replace, duplicate or retype one node somewhere in the brief."""
    data = copy.deepcopy(data)
    parents: list[Any] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict | list):
            parents.append(node)
            for child in (node.values() if isinstance(node, dict) else node):
                collect(child)

    collect(data)
    for _ in range(rng.randint(1, 3)):
        if not parents:
            break
        node = rng.choice(parents)
        if isinstance(node, dict) and node:
            key = rng.choice(list(node))
            action = rng.random()
            if action < 0.3:
                del node[key]
            elif action < 0.8:
                node[key] = _random_value(rng)
            else:
                node[key + rng.choice(["", "s", "_x"])] = copy.deepcopy(node[key])
        elif isinstance(node, list) and node:
            index = rng.randrange(len(node))
            node[index] = _random_value(rng) if rng.random() < 0.7 else copy.deepcopy(node)
    return data


def cases(count: int, rng: random.Random) -> list[tuple[str, bytes]]:
    """``count`` hostile files: the fixed catalogue first, then random mutations."""
    seeds = demo_briefs()
    made: list[tuple[str, bytes]] = [("country/hostile.yml", text.encode("utf-8"))
                                     for text in HOSTILE]
    made.append(("country/latin1.yml", "kind: country\ntitle: Tür\n".encode("latin-1")))
    while len(made) < count:
        name, data = rng.choice(seeds)
        if rng.random() < 0.5:
            text = yaml.safe_dump(mutate_structure(data, rng), allow_unicode=True)
            made.append((name, text.encode("utf-8")))
        else:
            raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
            made.append((name, mutate_bytes(raw, rng)))
    return made[:count]


class Hang(Exception):
    """A case ran past the alarm."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def run(count: int, seed: int) -> dict[str, Any]:
    """Check every case in a scratch briefs folder; return the summary."""
    rng = random.Random(seed)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    signal.signal(signal.SIGALRM, _alarm)
    scratch = Path(tempfile.mkdtemp(prefix="briefbook-fuzz-"))
    shutil.copy(REPO / "briefs" / "_sources.yml", scratch / "_sources.yml")
    summary: dict[str, Any] = {"cases": 0, "valid": 0, "rejected": 0, "crashes": [],
                               "slow": [], "max_seconds": 0.0}
    started = time.perf_counter()
    for number, (name, data) in enumerate(cases(count, rng)):
        target = scratch / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        begin = time.perf_counter()
        signal.alarm(10)
        try:
            result = check(Settings(briefs_dir=scratch, today=dt.date(2026, 11, 22)))
            summary["valid" if result.site else "rejected"] += 1
        except Hang:
            summary["crashes"].append({"case": number, "error": "hang over 10 s"})
        except BaseException:  # noqa: BLE001 - any exception at all is a finding
            summary["crashes"].append({"case": number, "error": traceback.format_exc(limit=3)})
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - begin
        summary["max_seconds"] = max(summary["max_seconds"], elapsed)
        if elapsed > HANG_SECONDS:
            summary["slow"].append({"case": number, "seconds": round(elapsed, 3)})
        summary["cases"] += 1
        target.unlink()
    shutil.rmtree(scratch)
    summary["total_seconds"] = round(time.perf_counter() - started, 1)
    summary["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    summary["max_seconds"] = round(summary["max_seconds"], 3)
    return summary


def main() -> int:
    """Parse options, run, print the summary as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    summary = run(options.cases, options.seed)
    print(json.dumps(summary, indent=2))
    return 1 if summary["crashes"] or summary["slow"] else 0


if __name__ == "__main__":
    sys.exit(main())
