"""The least work a regeneration after one edit must do, next to a full cold generate.

Whatever the design, after one brief is edited a regeneration must still tell which
brief files changed, rewrite the JSON export (one file that shows every brief, so
every edit changes it) and put the changed pages in place without leaving half a
page. A new process (``make site`` after an edit) must also read every brief file
and load what it kept about the unchanged ones; a running process (the live preview)
keeps that in memory and need only ``stat`` each file. This script times those steps
alone for both, with a deliberately minimal stand-in for the kept state (a few fields
per brief plus its export line), at N briefs, and prints them as a share of the full
generator's time measured in the same run. Validating the edited brief, resolving and
rendering the pages that show it come on top.

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


PAGES_PER_EDIT = 5
"""Pages one edit of a meeting's summary changes: its own, its kind's index, two tag pages
and the export (the benchmark's edit)."""


def _kept_state(generated: Path) -> bytes:
    records = json.loads((generated / "data" / "briefs.json").read_text("utf-8"))["briefs"]
    return pickle.dumps({
        "cards": {r["id"]: {"kind": r["kind"], "refs": r["refs"], "backlinks": r["backlinks"],
                            "sources": r["sources"], **{k: r["brief"].get(k) for k in (
                                "title", "summary", "tags", "reviewed", "marking")}}
                  for r in records},
        "export": {r["id"]: json.dumps(r, sort_keys=True).encode() for r in records},
    }, pickle.HIGHEST_PROTOCOL)


def skeleton(briefs: Path, generated: Path, kept: bytes, *, resident: bool
             ) -> dict[str, float]:
    """Seconds of each unavoidable step, on the files of one full generate (``kept``: the
    stand-in state, pickled): in a new process, or (``resident``) in one that kept its
    state in memory."""
    state = pickle.loads(kept) if resident else None
    pages = sorted(str(p.relative_to(generated)) for p in generated.rglob("*.md"))
    pages = pages[:PAGES_PER_EDIT - 1]
    steps: dict[str, float] = {}
    gc.disable()
    started = time.perf_counter()
    files = sorted(briefs.rglob("*.yml"))
    started = _timed(steps, "find the brief files", started)
    if resident:
        seen = [os.stat(path) for path in files]
        started = _timed(steps, "stat each file", started)
    else:
        seen = [hashlib.sha256(path.read_bytes()).hexdigest() for path in files]
        started = _timed(steps, "read and hash each file", started)
        state = pickle.loads(kept)
        started = _timed(steps, f"load the kept state ({len(kept) / 1e6:.0f} MB)", started)
    assert state is not None and len(seen) == len(files)
    export = b",\n".join(state["export"][key] for key in sorted(state["export"]))
    hashlib.sha256(export).hexdigest()
    spare = generated.parent / "spare"
    spare.write_bytes(export)
    os.replace(spare, generated / "data" / "briefs.json")
    started = _timed(steps, f"hash and write the export ({len(export) / 1e6:.0f} MB)", started)
    for page in pages:  # written beside, then renamed: never half a page
        spare.write_bytes((generated / page).read_bytes() + b"\nEdited.\n")
        os.replace(spare, generated / page)
    _timed(steps, f"replace {len(pages)} more pages in place", started)
    gc.enable()
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="briefs in the corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefbook-regen-floor-") as tmp:
        work = Path(tmp)
        briefs = corpus(work, args.n)
        full = run("generate", str(briefs), str(work / "generated"))["seconds"]
        generated = work / "generated"
        kept = _kept_state(generated)
        floors = {"new process": skeleton(briefs, generated, kept, resident=False),
                  "running preview": skeleton(briefs, generated, kept, resident=True)}
    width = max(len(name) for steps in floors.values() for name in steps)
    for process, steps in floors.items():
        print(f"{process}:")
        for name, seconds in steps.items():
            print(f"  {name:<{width}}  {seconds:6.3f} s  {seconds / full:6.1%}")
        total = sum(steps.values())
        print(f"  {'unavoidable work':<{width}}  {total:6.3f} s  {total / full:6.1%} of the "
              f"full cold generate ({full:.2f} s, N = {args.n})")


if __name__ == "__main__":
    main()
