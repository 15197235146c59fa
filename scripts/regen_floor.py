"""The least work any regeneration after one edit must do, next to a full cold generate.

Whatever design regenerates after one brief is edited, it must still find every brief
file and tell which changed, load what it kept about the unchanged ones, rewrite the
JSON export (one file that shows every brief, so every edit changes it) and swap in
the new tree atomically. This script times those steps alone, with a deliberately
minimal stand-in for the kept state (a few fields per brief plus its export line),
at N briefs, and prints them as a share of the full generator's time measured in the
same run. Rendering the few stale pages and validating the edited brief come on top.

    python scripts/regen_floor.py            # N = 5,000
    python scripts/regen_floor.py --n 1000
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import corpus, run  # noqa: E402


def _timed(steps: dict[str, float], name: str, started: float) -> float:
    now = time.perf_counter()
    steps[name] = now - started
    return now


def skeleton(briefs: Path, generated: Path) -> dict[str, float]:
    """Seconds of each unavoidable step, on the files of one full generate."""
    records = json.loads((generated / "data" / "briefs.json").read_text("utf-8"))["briefs"]
    kept = pickle.dumps({
        "cards": {r["id"]: {"kind": r["kind"], "refs": r["refs"], "backlinks": r["backlinks"],
                            "sources": r["sources"], **{k: r["brief"].get(k) for k in (
                                "title", "summary", "tags", "reviewed", "marking")}}
                  for r in records},
        "export": {r["id"]: json.dumps(r, sort_keys=True).encode() for r in records},
    }, pickle.HIGHEST_PROTOCOL)
    steps: dict[str, float] = {}
    gc.disable()
    started = time.perf_counter()
    files = sorted(briefs.rglob("*.yml"))
    started = _timed(steps, "find the brief files", started)
    digests = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    started = _timed(steps, "read and hash each file", started)
    state = pickle.loads(kept)
    started = _timed(steps, f"load the kept state ({len(kept) / 1e6:.0f} MB)", started)
    export = b",\n".join(state["export"][key] for key in sorted(state["export"]))
    hashlib.sha256(export).hexdigest()
    (generated.parent / "export.json").write_bytes(export)
    started = _timed(steps, f"hash and write the export ({len(export) / 1e6:.0f} MB)", started)
    staging = generated.parent / "staging"
    for path in generated.rglob("*"):
        if path.is_file():
            target = staging / path.relative_to(generated)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    old = generated.parent / "old"
    generated.rename(old)
    staging.rename(generated)
    shutil.rmtree(old)
    _timed(steps, "stage unchanged files by hard link, swap, drop the old tree", started)
    gc.enable()
    assert len(digests) == len(files)
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="briefs in the corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefbook-regen-floor-") as tmp:
        work = Path(tmp)
        briefs = corpus(work, args.n)
        full = run("generate", str(briefs), str(work / "generated"))["seconds"]
        steps = skeleton(briefs, work / "generated")
    total = sum(steps.values())
    width = max(map(len, steps))
    for name, seconds in steps.items():
        print(f"{name:<{width}}  {seconds:6.3f} s  {seconds / full:6.1%}")
    print(f"{'unavoidable work':<{width}}  {total:6.3f} s  {total / full:6.1%} of the full "
          f"cold generate ({full:.2f} s, N = {args.n})")


if __name__ == "__main__":
    main()
