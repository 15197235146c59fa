"""Site-build cost of an imported country profile against a demo country of as many figures.

Issue 20's target: the site build per imported World Factbook country stays within 2x that
of a demo country with the same number of figures. Three projects are built, each with
`briefbook build` in a new process (best of --repeat runs, cache off):

* empty: the sources registry only (what every site costs: home, listings, theme);
* imported: the twelve shared Factbook countries, imported by `briefbook import factbook`;
* demo: twelve copies of the demo's Kazakhstan brief, each given as many figures (copies
  of the demo relation's, with their sources, across years and series) as the imported
  country of the same position has.

Per-country cost = (t(project) - t(empty)) / 12. Run: .venv/bin/python scripts/bench_profiles.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FACTBOOK = ROOT.parent / "shared" / "data" / "factbook"
BIN = Path(sys.executable).parent


def _project(work: Path, name: str) -> Path:
    project = work / name
    project.mkdir()
    for item in ("mkdocs.yml", "templates", "docs"):
        source = ROOT / item
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / item)
    (project / "briefs").mkdir()
    shutil.copy(ROOT / "briefs" / "_sources.yml", project / "briefs" / "_sources.yml")
    return project


def _build_seconds(project: Path, repeat: int) -> float:
    env = {**os.environ, "BRIEFBOOK_CACHE": "0"}
    best = float("inf")
    for _ in range(repeat):
        shutil.rmtree(project / "site", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([str(BIN / "briefbook"), "build", "--site-dir", "site"], cwd=project,
                       env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def _import(project: Path) -> list[int]:
    files = sorted(str(p) for p in FACTBOOK.glob("*/*.json"))
    subprocess.run([str(BIN / "briefbook"), "import", "factbook", *files, "--into", "briefs"],
                   cwd=project, check=True, capture_output=True)
    counts = []
    for path in sorted((project / "briefs" / "country").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        counts.append(len(data.get("figures") or []))
    return counts


def _demo_country(index: int, figures: int) -> dict[str, object]:
    brief = yaml.safe_load((ROOT / "briefs/country/kazakhstan.yml").read_text(encoding="utf-8"))
    relation = yaml.safe_load(
        (ROOT / "briefs/relation/kazakhstan-turkmenistan.yml").read_text(encoding="utf-8"))
    pattern = [f for f in relation["figures"] if f.get("period")]
    made = []
    for number in range(figures):
        figure = dict(pattern[number % len(pattern)])
        figure.pop("alternatives", None)
        label = figure["label"]
        figure["label"] = f"{label['en'] if isinstance(label, dict) else label} {number // 3}"
        figure["series"] = f"s{number // 3}"
        figure["period"] = 2020 + number % 3
        figure.pop("cumulative", None)
        figure["status"] = "actual"
        made.append(figure)
    brief.update(title=f"Demo country {index}", iso2=f"Q{chr(65 + index)}",
                 iso3=f"Q{chr(65 + index)}Q", figures=made, related=[], head_of_state=None)
    return brief


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        empty = _project(work, "empty")
        imported = _project(work, "imported")
        counts = _import(imported)
        demo = _project(work, "demo")
        (demo / "briefs" / "country").mkdir()
        for index, count in enumerate(counts):
            (demo / "briefs" / "country" / f"demo-{index}.yml").write_text(
                yaml.safe_dump(_demo_country(index, count), allow_unicode=True), encoding="utf-8")
        times = {name: _build_seconds(project, args.repeat)
                 for name, project in (("empty", empty), ("imported", imported), ("demo", demo))}
    per = {name: (times[name] - times["empty"]) / len(counts) for name in ("imported", "demo")}
    result = {"countries": len(counts), "figures": counts, "seconds": times,
              "per_country": per, "ratio": per["imported"] / per["demo"]}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
