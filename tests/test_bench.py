"""The benchmark script runs end to end and reports every measurement."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_quick_bench_reports_all_measurements(tmp_path: Path) -> None:
    sizes = "gen=20,40;build=20,30;edit=30;lang=20;maps=20;zensical=20;engine=20,30;search=20"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench.py"),
            "--quick",
            "--repeat",
            "2",
            "--build-repeat",
            "2",
            "--sizes",
            sizes,
            "--out",
            str(tmp_path),
        ],
        check=True,
        timeout=600,
        capture_output=True,
    )
    results = json.loads((tmp_path / "bench-quick.json").read_text("utf-8"))
    assert [g["n"] for g in results["generator"]] == [20, 40]
    for g in results["generator"]:
        for part in ("floor", "generator", "generator_warm"):
            assert g[part]["seconds"] > 0 and g[part]["peak_mb"] > 0
            assert g[part]["cpu_seconds"] > 0 and g[part]["peak_pss_mb"] > 0
        assert g["generator"]["files"] > 20
        assert len(g["samples"]["generator"]) == len(g["samples"]["floor"]) == 2
        assert g["generator"]["seconds"] == min(g["samples"]["generator"])
    assert [b["n"] for b in results["build"]] == [20, 30]
    for b in results["build"]:
        assert b["full"]["seconds"] > 0 and b["plain"]["seconds"] > 0
        assert b["site_mb"] > 0  # a plain MkDocs build: no search index (briefbook build's)
        assert len(b["samples"]["full"]) == len(b["samples"]["plain"]) == 2
        assert b["full"]["seconds"] == min(b["samples"]["full"])
        assert b["plain"]["seconds"] == min(b["samples"]["plain"])
    assert results["build_scaling"] > 0
    (edit,) = results["edit"]
    assert edit["n"] == 30 and edit["regen"]["seconds"] > 0
    assert edit["edited"].endswith(".yml")
    assert f"meeting/{Path(edit['edited']).stem}.md" in edit["rewritten"]
    # The preview's process regenerates after each of its edits, writing the edited page.
    assert len(edit["preview"]["regens"]) == 5 and edit["ratio_preview"] > 0
    assert f"meeting/{Path(edit['edited']).stem}.md" in edit["preview"]["written"]
    # The maps' share: the same generate with every map drawn as nothing.
    (maps,) = results["maps"]
    assert maps["maps"] > 0 and maps["ms_per_map"] != 0
    assert maps["with_maps"]["seconds"] > 0 and maps["without_maps"]["seconds"] > 0
    assert len(maps["samples"]["with_maps"]) == len(maps["samples"]["without_maps"]) == 2
    # Zensical beside MkDocs, measured when it is installed (make test installs it).
    (z,) = results["zensical"]
    assert z["n"] == 20 and z["ratio"] > 0
    for part in ("plain", "cold", "warm", "edited"):
        assert z[part]["seconds"] > 0, part
    assert set(z["engines"]) == {"mkdocs", "zensical", "zensical_again"}
    assert z["site"]["search_index_mb"] > 0 and z["edited_page"].startswith("meeting/")
    # briefbook's site build against MkDocs's own, cold and after one edit, cache kept.
    assert [e["n"] for e in results["engine"]] == [20, 30]
    for e in results["engine"]:
        for part in ("plain", "cold", "edited"):
            assert e[part]["seconds"] > 0 and e[part]["cpu_seconds"] > 0, part
        assert e["ratio_cold"] > 0 and e["ratio_edited"] > 0
        assert "meeting/index.md" in e["changed"]
    # The search, in Chromium: bytes from opening it to the first results, then the time
    # from the last keystroke to the results of each next query.
    (search,) = results["search"]
    assert search["n"] == 20 and search["index_mb"] > 0 and search["pagefind_seconds"] > 0
    assert len(search["first"]) == 3
    assert all(f["bytes"] > 0 and f["results"] > 0 for f in search["first"])
    assert search["next_ms"] and search["next_ms_max"] > 0
