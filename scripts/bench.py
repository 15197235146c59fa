"""Benchmark the generator and the site build on synthetic corpora, next to their floors.

Every measurement runs in its own subprocess (fresh interpreter, its peak memory
read from the kernel with ``os.wait4``); numbers from one run are comparable with
each other, so the report gives ratios next to seconds. See docs/benchmark.md.

    python scripts/bench.py                 # full run (several minutes)
    python scripts/bench.py --quick         # smoke run on tiny corpora (< 2 minutes)
    python scripts/bench.py --sizes "gen=1000,10000;build=1000,5000;edit=5000" --out DIR
    python scripts/bench.py --repeat 7      # cold generator and floor seven times each (default 5)
    python scripts/bench.py --sizes "gen=;build=;edit=;lang=;zensical=0,1000"   # Zensical alone
    python scripts/bench.py --sizes "gen=;build=;edit=;lang=;packs=200"   # the packs alone
    python scripts/bench.py --sizes "gen=;build=;edit=;lang=;maps=;zensical=;packs=;engine=1000"
    python scripts/bench.py --sizes "gen=;build=;edit=;lang=;maps=;zensical=;packs=;search=5000"

Zensical beside MkDocs (``zensical`` sizes; 0 is the demo) is measured only when
Zensical is installed (``pip install 'briefbook[zensical]'``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
DEFAULT_SIZES = {"gen": [1000, 10000], "build": [1000, 5000], "edit": [5000], "lang": [5000],
                 "maps": [5000], "zensical": [0, 1000], "packs": [1000, 5000],
                 "engine": [1000, 5000], "search": [1000, 5000]}
QUICK_SIZES = {"gen": [50, 200], "build": [50, 100], "edit": [100], "lang": [100],
               "maps": [100], "zensical": [50], "packs": [20], "engine": [50, 100],
               "search": [50]}
LANGUAGES = "en,ru"
"""The languages generated, as the demo's mkdocs.yml configures them; BENCH_LANGUAGES
overrides it for one measurement (see :func:`bench_languages`)."""
EDITED = "Edited by the benchmark."
PREVIEW_EDITS = 5
"""Edits, each followed by a regeneration, in the process of a live preview."""

sys.path.insert(0, str(ROOT / "scripts"))
from bench_search import measure as measure_search  # noqa: E402
from bench_search import table_lines as search_lines  # noqa: E402
from briefbook.write.parallel import default_jobs  # noqa: E402
from synth_corpus import write_corpus  # noqa: E402

# --- what the subprocesses run ------------------------------------------------------------


def _floor(briefs: str, out: str) -> dict[str, Any]:
    """yaml.load (libyaml) + one precompiled trivial Jinja render + writing the file."""
    import jinja2

    template = jinja2.Environment().from_string("# {{ d.title }}\n\n{{ d.summary }}\n")
    files = sorted(Path(briefs).rglob("*.yml"))
    start = time.perf_counter()
    for path in files:
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        target = Path(out) / path.relative_to(briefs).with_suffix(".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(d=data), "utf-8")
    return {"seconds": time.perf_counter() - start, "files": len(files)}


def _settings(briefs: str, out: str) -> Any:
    import datetime as dt

    from briefbook import Settings

    languages = tuple(os.environ.get("BENCH_LANGUAGES", LANGUAGES).split(","))
    return Settings(briefs_dir=Path(briefs), templates_dir=ROOT / "templates",
                    out_dir=Path(out), today=dt.date.fromisoformat(TODAY), languages=languages)


def _generate(briefs: str, out: str) -> dict[str, Any]:
    from briefbook import generate

    settings = _settings(briefs, out)
    start = time.perf_counter()
    report, _ = generate(settings)
    return {
        "seconds": time.perf_counter() - start,
        "written": len(report.written),
        "unchanged": len(report.unchanged),
        "files": len(report.digests),
    }


def _generate_counting_maps(briefs: str, out: str) -> dict[str, Any]:
    """:func:`_generate`, and how many maps the output holds (every language's)."""
    result = _generate(briefs, out)
    result["maps"] = sum(page.read_text("utf-8").count('<figure class="bb-map"')
                         for page in Path(out).rglob("*.md"))
    return result


def _generate_without_maps(briefs: str, out: str) -> dict[str, Any]:
    """:func:`_generate` with every map drawn as nothing: the benchmark's own patch, in
    this process only (the render workers it forks inherit it); briefbook has no switch
    for it. The pages still gather what their maps would show."""
    from briefbook.render import mapping
    from briefbook.render.markup import Safe

    def no_map(*_args: Any, **_kwargs: Any) -> Safe:
        return Safe("")

    mapping.map_block = no_map  # type: ignore[assignment]
    return _generate(briefs, out)


def _preview(briefs: str, out: str, target: str, edits: str) -> dict[str, Any]:
    """A live preview's process: one full generate, then an edit and a regeneration,
    ``edits`` times, keeping results in memory between runs as ``mkdocs serve`` does.

    Each edit comes :data:`~briefbook.incremental.signatures.RACY_NS` after the run before
    it, as a person's saves do: a file changed more recently than that is not trusted by
    its signature and is read again (so, without the pause, the first edit after the
    corpus was written would read every file)."""
    from briefbook import BuildState, generate
    from briefbook.incremental.signatures import RACY_NS

    settings = _settings(briefs, out)
    state = BuildState(resident=True)
    start = time.perf_counter()
    generate(settings, state)
    full = time.perf_counter() - start
    path = Path(target)
    original = path.read_text("utf-8")
    regens, written = [], []
    for number in range(int(edits)):
        time.sleep(RACY_NS / 1e9)
        edited = f"summary: >-\n  {EDITED} ({number})\n"
        path.write_text(original.replace("summary: >-\n", edited, 1), "utf-8")
        start = time.perf_counter()
        report, _ = generate(settings, state)
        regens.append(time.perf_counter() - start)
        written = report.written
    return {"seconds": full, "regens": regens, "written": written}


def _mkdocs(config: str) -> dict[str, Any]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    build(load_config(config))
    return {"seconds": time.perf_counter() - start}


def _pagebuild(config: str) -> dict[str, Any]:
    """briefbook's site build (engines/mkdocs/pagebuild.py): every core, the page cache."""
    from mkdocs.config import load_config

    from briefbook.engines.mkdocs.pagebuild import build

    start = time.perf_counter()
    build(load_config(config))
    return {"seconds": time.perf_counter() - start}


def _zensical(config: str, clean: str) -> dict[str, Any]:
    """One Zensical build of a project; ``clean`` "1": without its cache."""
    import zensical

    start = time.perf_counter()
    zensical.build(config, {"clean": clean == "1", "strict": False})
    return {"seconds": time.perf_counter() - start}


def _engine(engine: str, config: str, site: str) -> dict[str, Any]:
    """``briefbook build --engine ENGINE`` (generator, cache off, then every language)."""
    import datetime as dt

    from briefbook import Settings
    from briefbook.engines import build_site

    settings = Settings(today=dt.date.fromisoformat(TODAY), config_file=Path(config))
    start = time.perf_counter()
    build_site(engine, Path(config), settings, site_dir=Path(site))
    return {"seconds": time.perf_counter() - start}


WORKERS = {"floor": _floor, "generate": _generate, "preview": _preview, "mkdocs": _mkdocs,
           "generate_maps": _generate_counting_maps, "generate_no_maps": _generate_without_maps,
           "zensical": _zensical, "engine": _engine, "pagebuild": _pagebuild}


def _tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and its descendants, from /proc (Linux): memory
    shared between forked processes is counted once, not once per process. Files in
    memory they hold open (the spool a forked child sends its values through) are added:
    they are memory too, though mapped by no process."""
    total, pending, in_memory = 0, [pid], {}
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as stream:
                total += next((int(line.split()[1]) for line in stream
                               if line.startswith("Pss:")), 0)
            for fd in os.listdir(f"/proc/{current}/fd"):
                link = f"/proc/{current}/fd/{fd}"
                if os.readlink(link).startswith("/memfd:"):
                    info = os.stat(link)
                    in_memory[info.st_ino] = info.st_blocks // 2  # 512-byte blocks
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as stream:
                    pending.extend(int(child) for child in stream.read().split())
        except (OSError, ValueError):
            continue  # the process ended between two reads
    return total + sum(in_memory.values())


def run(worker: str, *args: str, cache: bool = False, languages: str = LANGUAGES
        ) -> dict[str, Any]:
    """Run one measurement in a fresh subprocess; add its wall time and peak memory.

    Peak memory is the larger of the process's own peak RSS (exact, from the kernel)
    and the peak, sampled every 20 ms, of the summed PSS of the process and every
    process it forked (the generator renders in worker processes)."""
    env = dict(os.environ, BRIEFBOOK_TODAY=TODAY, BRIEFBOOK_CACHE="1" if cache else "0",
               BENCH_LANGUAGES=languages)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, __file__, "--worker", worker, *args],
                                stdout=out, stderr=err, env=env)
        peak_pss_kb = 0
        while proc.poll() is None:
            peak_pss_kb = max(peak_pss_kb, _tree_pss_kb(proc.pid))
            time.sleep(0.02)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode:
        raise SystemExit(f"bench: {worker} {' '.join(args)} failed:\n{stderr[-3000:]}")
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    result["wall_seconds"] = wall
    result["peak_rss_mb"] = result.pop("maxrss_kb") / 1024
    result["peak_pss_mb"] = peak_pss_kb / 1024
    result["peak_mb"] = max(result["peak_rss_mb"], result["peak_pss_mb"])
    return result


def _worker_main(worker: str, args: list[str]) -> None:
    import resource

    result = WORKERS[worker](*args)
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # CPU time of the process and of the render workers it forked (and waited for).
    own, forked = (resource.getrusage(who) for who in
                   (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    result["cpu_seconds"] = own.ru_utime + own.ru_stime + forked.ru_utime + forked.ru_stime
    print(json.dumps(result))


# --- setting up projects ------------------------------------------------------------------


def corpus(work: Path, n: int) -> Path:
    """The synthetic corpus of ``n`` briefs (written once per run); 0: the demo's briefs."""
    if n == 0:
        return ROOT / "briefs"
    folder = work / f"corpus-{n}" / "briefs"
    if not folder.exists():
        write_corpus(folder, n)
    return folder


def _config(project: Path, briefs: Path, *, plugin: bool, docs: Path,
            packs: bool = False) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    config["docs_dir"], config["site_dir"] = str(docs), str(project / "site")
    plugins = []
    for entry in config.get("plugins", []):
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name != "briefbook":
            plugins.append(entry)
        elif plugin:
            plugins.append(
                {
                    "briefbook": {
                        **entry["briefbook"],
                        "briefs": str(briefs),
                        "templates": str(ROOT / "templates"),
                        "generated": str(project / "generated"),
                        "packs": packs,
                    }
                }
            )
    config["plugins"] = plugins
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return path


def _site_sizes(site: Path) -> dict[str, Any]:
    """The site's size and its search index's: Zensical's search.json, or Pagefind's
    folder (made by ``briefbook build``; a plain MkDocs build has none)."""
    index = site / "search.json"
    pagefind = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    files = [p for p in site.rglob("*") if p.is_file()]
    search_bytes = (index.stat().st_size if index.exists()
                    else sum(p.stat().st_size for p in pagefind) if pagefind else None)
    return {
        "search_index_mb": search_bytes / 1e6 if search_bytes is not None else None,
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "site_files": len(files),
    }


# --- the measurements ---------------------------------------------------------------------


def _fastest(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest of ``runs`` (the one the shared machine disturbed least), with the
    worst peak memory of them all: memory is not a matter of luck."""
    fastest = dict(min(runs, key=lambda r: r["seconds"]))
    fastest["peak_mb"] = max(r["peak_mb"] for r in runs)
    return fastest


def _median_ratio(runs: list[dict[str, Any]], references: list[dict[str, Any]]) -> float:
    return (statistics.median(r["seconds"] for r in runs)
            / statistics.median(r["seconds"] for r in references))


def _alternately(repeat: int, variants: tuple[str, ...],
                 measure: Callable[[str, int], dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """``measure(variant, attempt)`` for each variant in turn, ``repeat`` times (so that
    the shared machine's load falls on every variant alike); each variant's runs."""
    runs: dict[str, list[dict[str, Any]]] = {variant: [] for variant in variants}
    for attempt in range(repeat):
        for variant in variants:
            runs[variant].append(measure(variant, attempt))
    return [runs[variant] for variant in variants]


def _cold(worker: str, briefs: Path, out: Path, **options: Any) -> dict[str, Any]:
    """One run of ``worker`` into ``out``, deleted after it (the next run is cold too)."""
    result = run(worker, str(briefs), str(out), **options)
    shutil.rmtree(out)
    return result


def bench_generator(work: Path, n: int, repeat: int = 1) -> dict[str, Any]:
    """The cold generator and its floor, alternately ``repeat`` times each; the fastest
    run of each is compared (the one the shared machine disturbed least), and the
    median ratio is kept beside it."""
    briefs = corpus(work, n)
    floors, colds = _alternately(repeat, ("floor", "generate"), lambda worker, attempt: _cold(
        worker, briefs, work / f"{worker}-{n}-{attempt}"))
    floor, cold = _fastest(floors), _fastest(colds)
    warm_dir = work / f"gen-warm-{n}"
    run("generate", str(briefs), str(warm_dir), cache=True)
    warm = run("generate", str(briefs), str(warm_dir), cache=True)
    return {
        "n": n,
        "floor": floor,
        "generator": cold,
        "generator_warm": warm,
        "samples": {"floor": [r["seconds"] for r in floors],
                    "generator": [r["seconds"] for r in colds]},
        "ratio": cold["seconds"] / floor["seconds"],
        "ratio_median": _median_ratio(colds, floors),
        "ratio_warm": warm["seconds"] / floor["seconds"],
    }


def bench_languages(work: Path, n: int, repeat: int = 1) -> dict[str, Any]:
    """The cold generator making English alone, then English and Russian, alternately
    ``repeat`` times each; fastest against fastest (target: at most 2.1)."""
    briefs = corpus(work, n)
    ones, twos = _alternately(repeat, ("en", "en,ru"), lambda languages, attempt: _cold(
        "generate", briefs, work / f"lang-{n}-{attempt}-{languages.replace(',', '-')}",
        languages=languages))
    one, two = _fastest(ones), _fastest(twos)
    return {"n": n, "one": one, "two": two, "ratio": two["seconds"] / one["seconds"],
            "ratio_median": _median_ratio(twos, ones),
            "samples": {"one": [r["seconds"] for r in ones], "two": [r["seconds"] for r in twos]}}


def bench_maps(work: Path, n: int, repeat: int = 1) -> dict[str, Any]:
    """The cold generator (every language) with its maps and with every map drawn as
    nothing, alternately ``repeat`` times each; the maps' share of a full generate is
    (with - without) / with, fastest against fastest (target: at most 0.15)."""
    briefs = corpus(work, n)
    withs, withouts = _alternately(
        repeat, ("generate_maps", "generate_no_maps"),
        lambda worker, attempt: _cold(worker, briefs, work / f"{worker}-{n}-{attempt}"))
    with_maps, without = _fastest(withs), _fastest(withouts)
    cost = with_maps["seconds"] - without["seconds"]
    median_cost = (statistics.median(r["seconds"] for r in withs)
                   - statistics.median(r["seconds"] for r in withouts))
    return {"n": n, "with_maps": with_maps, "without_maps": without,
            "maps": with_maps["maps"], "share": cost / with_maps["seconds"],
            "share_median": median_cost / statistics.median(r["seconds"] for r in withs),
            "ms_per_map": 1000 * cost / max(with_maps["maps"], 1),
            # CPU time of every process: less disturbed than wall time by a busy machine.
            "share_cpu": _cpu_share(withs, withouts),
            "samples": {"with_maps": [r["seconds"] for r in withs],
                        "without_maps": [r["seconds"] for r in withouts]}}


def _cpu_share(withs: list[dict[str, Any]], withouts: list[dict[str, Any]]) -> float:
    """The maps' share of a generate's CPU time, least against least."""
    least = min(r["cpu_seconds"] for r in withs)
    return (least - min(r["cpu_seconds"] for r in withouts)) / least


def bench_build(work: Path, n: int, repeat: int = 1) -> dict[str, Any]:
    """The full site build (plugin on) and plain MkDocs on the same Markdown, alternately
    ``repeat`` times each, compared fastest against fastest, the median ratio beside it.
    The first full build writes the generated Markdown the plain builds are given."""
    briefs = corpus(work, n)
    fulls, plains = [], []
    plain_project = work / f"plain-{n}"
    for attempt in range(repeat):
        project = work / f"build-{n}-{attempt}"
        project.mkdir()
        fulls.append(run("mkdocs", str(_config(project, briefs, plugin=True,
                                                  docs=ROOT / "docs"))))
        if attempt == 0:
            sizes = _site_sizes(project / "site")
            docs = plain_project / "docs"
            shutil.copytree(ROOT / "docs", docs)
            shutil.copytree(project / "generated", docs, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".briefbook-manifest.json"))
        else:
            shutil.rmtree(project)
        shutil.rmtree(plain_project / "site", ignore_errors=True)
        plains.append(run("mkdocs", str(_config(plain_project, briefs, plugin=False,
                                                   docs=plain_project / "docs"))))
    full, plain = _fastest(fulls), _fastest(plains)
    return {
        "n": n,
        "full": full,
        "plain": plain,
        "samples": {"full": [r["seconds"] for r in fulls],
                    "plain": [r["seconds"] for r in plains]},
        "ratio": full["seconds"] / plain["seconds"],
        "ratio_median": _median_ratio(fulls, plains),
        **sizes,
        "plain_site": _site_sizes(plain_project / "site"),
    }


def bench_edit(work: Path, n: int) -> dict[str, Any]:
    briefs = corpus(work, n)
    edit_briefs = work / f"edit-{n}" / "briefs"
    shutil.copytree(briefs, edit_briefs)
    out = work / f"edit-{n}" / "generated"
    full = run("generate", str(edit_briefs), str(out), cache=True)
    before = {p: p.stat() for p in out.rglob("*") if p.is_file()}
    target = sorted((edit_briefs / "meeting").glob("*.yml"))[n // 1000]
    original = target.read_text("utf-8")
    text = original.replace("summary: >-\n", f"summary: >-\n  {EDITED}\n", 1)
    target.write_text(text, "utf-8")
    regen = run("generate", str(edit_briefs), str(out), cache=True)
    after = {p: p.stat() for p in out.rglob("*") if p.is_file()}
    touched = sorted(
        str(p.relative_to(out))
        for p in after
        if p not in before
        or after[p].st_mtime_ns != before[p].st_mtime_ns
        or after[p].st_ino != before[p].st_ino
    )
    target.write_text(original, "utf-8")
    preview = run("preview", str(edit_briefs), str(work / f"edit-{n}" / "preview"), str(target),
                  str(PREVIEW_EDITS), cache=True)
    preview_regen = statistics.median(preview["regens"])
    return {
        "n": n,
        "edited": str(target.relative_to(edit_briefs)),
        "full": full,
        "regen": regen,
        "files_rewritten": len(touched),
        "rewritten": touched,
        "ratio": regen["seconds"] / full["seconds"],
        "preview": preview,
        "preview_regen": preview_regen,
        "ratio_preview": preview_regen / preview["seconds"],
    }


def _plain_docs(root: Path, generated: Path) -> Path:
    """docs/ and the default language's generated pages in one docs folder."""
    docs = root / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(ROOT / "docs", docs)
    others = LANGUAGES.split(",")[1:]
    shutil.copytree(generated, docs, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".briefbook-manifest.json", *others))
    for translated in docs.glob("*.*.md"):
        translated.unlink()
    return docs


def bench_engine(work: Path, n: int, repeat: int = 1) -> dict[str, Any]:
    """briefbook's site build against MkDocs's own on the same Markdown: the default
    language's pages and docs/ in one docs folder, one language, the search plugin as
    mkdocs.yml configures it, no briefbook plugin (so both build exactly the same site).
    Plain ``mkdocs build`` and briefbook's build without its page cache, alternately
    ``repeat`` times each; then one brief edited, the Markdown generated again, and
    briefbook's build with the cache of its last cold build kept."""
    root = work / f"engine-{n}"
    briefs = root / "briefs"
    shutil.copytree(corpus(work, n), briefs)
    run("generate", str(briefs), str(root / "generated"), cache=True)
    docs = _plain_docs(root, root / "generated")
    config = str(_config(root, briefs, plugin=False, docs=docs))
    plains, colds = [], []
    for _ in range(repeat):
        shutil.rmtree(root / "site", ignore_errors=True)
        plains.append(run("mkdocs", config))
        shutil.rmtree(root / "site", ignore_errors=True)
        shutil.rmtree(root / ".briefbook" / "site", ignore_errors=True)
        colds.append(run("pagebuild", config, cache=True))
    target = sorted((briefs / "meeting").glob("*.yml"))[n // 1000]
    text = target.read_text("utf-8").replace("summary: >-\n", f"summary: >-\n  {EDITED}\n", 1)
    target.write_text(text, "utf-8")
    run("generate", str(briefs), str(root / "generated"), cache=True)
    before = {p: p.read_bytes() for p in docs.rglob("*.md")}
    _plain_docs(root, root / "generated")
    changed = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md")
                     if before.get(p) != p.read_bytes())
    shutil.rmtree(root / "site", ignore_errors=True)  # as for every build timed here
    edited = run("pagebuild", config, cache=True)
    plain, cold = _fastest(plains), _fastest(colds)
    return {
        "n": n, "plain": plain, "cold": cold, "edited": edited, "changed": changed,
        "samples": {"plain": [r["seconds"] for r in plains],
                    "cold": [r["seconds"] for r in colds]},
        "ratio_cold": cold["seconds"] / plain["seconds"],
        "ratio_cold_median": _median_ratio(colds, plains),
        "ratio_edited": edited["seconds"] / plain["seconds"],
        "site": _site_sizes(root / "site"),
    }


def _engine_rows(found: list[dict[str, Any]]) -> list[str]:
    rows = []
    for e in found:
        plain = e["plain"]["seconds"]
        for label, part, target in (
                (f"briefbook build, no page cache (fastest of {len(e['samples']['cold'])})",
                 "cold", "0.65"),
                (f"briefbook build after one edit ({len(e['changed'])} pages changed), "
                 "page cache kept", "edited", "0.10")):
            rows.append(f"| {label} vs plain mkdocs (target {target}) | {e['n']} | "
                        f"{e[part]['seconds']:.2f} | {plain:.2f} | "
                        f"{e[part]['seconds'] / plain:.2f} | {e[part]['peak_mb']:.0f} |")
    if len(found) >= 2:
        growth = found[-1]["cold"]["seconds"] / found[0]["cold"]["seconds"]
        plain_growth = found[-1]["plain"]["seconds"] / found[0]["plain"]["seconds"]
        rows.append(f"| briefbook build growth t({found[-1]['n']})/t({found[0]['n']}), cold "
                    f"(target 5.5; plain mkdocs {plain_growth:.2f}) | | | | {growth:.2f} | |")
    return rows


def _engine_lines(found: list[dict[str, Any]]) -> list[str]:
    return [f"engine N={e['n']}: plain mkdocs (s) "
            f"{', '.join(f'{x:.2f}' for x in e['samples']['plain'])} "
            f"({e['plain']['cpu_seconds']:.1f} s of CPU); briefbook cold (s) "
            f"{', '.join(f'{x:.2f}' for x in e['samples']['cold'])} "
            f"({e['cold']['cpu_seconds']:.1f} s of CPU); median against median "
            f"{e['ratio_cold_median']:.2f}; after the edit {e['edited']['seconds']:.2f} s "
            f"({e['edited']['cpu_seconds']:.1f} s of CPU), pages changed: "
            + ", ".join(e["changed"]) for e in found]


def bench_zensical(work: Path, n: int, repeat: int = 1) -> dict[str, Any]:
    """Zensical beside MkDocs. On the same Markdown (docs/ and the generated folder, the
    default language's pages, in one docs folder): plain
    MkDocs and Zensical without its cache, alternately ``repeat`` times each; then
    Zensical with its cache, nothing changed, and after one page changed. Then the whole
    ``briefbook build`` with each engine (generator included, every language), in a new
    project each: cold, and with Zensical a second time, its cache and briefbook's kept."""
    briefs = corpus(work, n)
    root = work / f"zensical-{n}"
    root.mkdir()
    run("generate", str(briefs), str(root / "generated"))
    # The default language's site: Zensical 0.0.73 refuses a search index over a limit
    # that every language's pages in one site pass at 1,000 briefs (the timeline's text).
    docs = _plain_docs(root, root / "generated")
    config_file = _config(root, briefs, plugin=False, docs=docs)
    # Relative folders: Zensical 0.0.73 panics on an absolute docs_dir (MkDocs takes both).
    data = yaml.safe_load(config_file.read_text("utf-8"))
    data["docs_dir"], data["site_dir"] = "docs", "site"
    config_file.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    config = str(config_file)
    plains, colds = [], []
    for _ in range(repeat):
        shutil.rmtree(root / "site", ignore_errors=True)
        plains.append(run("mkdocs", config))
        shutil.rmtree(root / "site", ignore_errors=True)
        shutil.rmtree(root / ".cache", ignore_errors=True)
        colds.append(run("zensical", config, "1"))
    sizes = _site_sizes(root / "site")
    warm = run("zensical", config, "0")
    page = sorted((docs / "meeting").glob("*.md"))[0]
    page.write_text(page.read_text("utf-8") + f"\n{EDITED}\n", "utf-8")
    edited = run("zensical", config, "0")
    engines = {}
    for engine in ("mkdocs", "zensical"):
        project = work / f"engine-{engine}-{n}"
        project.mkdir()
        engine_config = str(_config(project, briefs, plugin=True, docs=ROOT / "docs"))
        engines[engine] = run("engine", engine, engine_config, str(project / "site"),
                              cache=True)
    engines["zensical_again"] = run("engine", "zensical", engine_config,
                                    str(project / "site"), cache=True)
    plain, cold = _fastest(plains), _fastest(colds)
    return {
        "n": n, "plain": plain, "cold": cold, "warm": warm, "edited": edited,
        "edited_page": str(page.relative_to(docs)),
        "samples": {"plain": [r["seconds"] for r in plains],
                    "cold": [r["seconds"] for r in colds]},
        "ratio": cold["seconds"] / plain["seconds"],
        "ratio_median": _median_ratio(colds, plains),
        "engines": engines, "site": sizes,
    }
def bench_search(work: Path, n: int) -> dict[str, Any]:
    """The site's search at ``n`` briefs: ``briefbook build`` (both languages, then
    Pagefind), then scripts/bench_search.py's measurements on the built site."""
    project = work / f"search-{n}"
    project.mkdir()
    config = _config(project, corpus(work, n), plugin=True, docs=ROOT / "docs")
    built = run("engine", "mkdocs", str(config), str(project / "site"))
    return {"n": n, "build": built, **measure_search(project / "site")}


def _pdfs(folder: Path) -> dict[Path, os.stat_result]:
    return {p: p.stat() for p in folder.rglob("*.pdf")}


def bench_packs(work: Path, n: int) -> dict[str, Any]:
    """The site build with the briefing packs against the same build without them (both
    cold, the cache on so that the edit after it can use it), then one edit of a
    meeting's summary and the build again: how long, and which packs were printed again."""
    briefs = work / f"packs-{n}" / "briefs"
    shutil.copytree(corpus(work, n), briefs)
    without_project, with_project = work / f"packs-{n}" / "without", work / f"packs-{n}" / "with"
    without_project.mkdir()
    with_project.mkdir()
    without = run("mkdocs", str(_config(without_project, briefs, plugin=True,
                                        docs=ROOT / "docs", packs=False)), cache=True)
    config = _config(with_project, briefs, plugin=True, docs=ROOT / "docs", packs=True)
    cold = run("mkdocs", str(config), cache=True)
    before = _pdfs(with_project / "generated")
    target = sorted((briefs / "meeting").glob("*.yml"))[n // 1000]
    original = target.read_text("utf-8")
    target.write_text(original.replace("summary: >-\n", f"summary: >-\n  {EDITED}\n", 1),
                      "utf-8")
    edited = run("mkdocs", str(config), cache=True)
    after = _pdfs(with_project / "generated")
    target.write_text(original, "utf-8")
    reprinted = sorted(str(p.relative_to(with_project / "generated")) for p in after
                       if p not in before or after[p].st_mtime_ns != before[p].st_mtime_ns)
    return {"n": n, "packs": len(before), "without": without, "with": cold, "edit": edited,
            "edited": str(target.relative_to(briefs)), "reprinted": reprinted,
            "ratio": cold["seconds"] / without["seconds"],
            "pack_seconds": (cold["seconds"] - without["seconds"]) / max(1, len(before))}


def _packs_table(results: dict[str, Any]) -> list[str]:
    lines = []
    for p in results.get("packs", []):
        lines.append(
            f"packs N={p['n']}: {p['packs']} packs; site build without packs "
            f"{p['without']['seconds']:.1f} s, with them (cold) {p['with']['seconds']:.1f} s "
            f"({p['with']['cpu_seconds']:.0f} s of CPU), ratio {p['ratio']:.2f} (target at "
            f"most 1.5); {p['pack_seconds']:.2f} s a pack; after one edit of {p['edited']} "
            f"{p['edit']['seconds']:.1f} s, {len(p['reprinted'])} packs written again: "
            + ", ".join(p["reprinted"]))
    return lines


def _table(results: dict[str, Any]) -> str:
    rows = [
        "| measurement | N | seconds | reference s | ratio | peak MB |",
        "|---|---|---|---|---|---|",
    ]
    for g in results["generator"]:
        rows.append(
            f"| generator (cold, fastest of {len(g['samples']['generator'])}) vs floor | "
            f"{g['n']} | {g['generator']['seconds']:.2f} | "
            f"{g['floor']['seconds']:.2f} | {g['ratio']:.2f} | {g['generator']['peak_mb']:.0f} |"
        )
        rows.append(
            f"| generator (warm cache, no change) vs floor | {g['n']} | "
            f"{g['generator_warm']['seconds']:.2f} | {g['floor']['seconds']:.2f} | "
            f"{g['ratio_warm']:.2f} | {g['generator_warm']['peak_mb']:.0f} |"
        )
    for b in results["build"]:
        rows.append(
            f"| full build (fastest of {len(b['samples']['full'])}) vs plain mkdocs | "
            f"{b['n']} | {b['full']['seconds']:.2f} | "
            f"{b['plain']['seconds']:.2f} | {b['ratio']:.2f} | {b['full']['peak_mb']:.0f} |"
        )
    if len(results["build"]) >= 2:
        rows.append(f"| build scaling t(max N)/t(min N) | | | | {results['build_scaling']:.2f} | |")
    for e in results["edit"]:
        rows.append(
            f"| regenerate after one edit vs full generate | {e['n']} | "
            f"{e['regen']['seconds']:.2f} | {e['full']['seconds']:.2f} | {e['ratio']:.3f} | "
            f"{e['regen']['peak_mb']:.0f} |"
        )
    for e in results["edit"]:
        rows.append(
            f"| regenerate after one edit in a running preview (median of "
            f"{len(e['preview']['regens'])}) vs its full generate | {e['n']} | "
            f"{e['preview_regen']:.2f} | {e['preview']['seconds']:.2f} | "
            f"{e['ratio_preview']:.3f} | {e['preview']['peak_mb']:.0f} |"
        )
    rows.extend(_zensical_rows(results.get("zensical", [])))
    rows.extend(_engine_rows(results.get("engine", [])))
    lines = ["\n".join(rows), ""]
    for g in results["generator"]:
        samples = g["samples"]
        lines.append(
            f"generator N={g['n']}, cold runs (s): "
            f"{', '.join(f'{x:.2f}' for x in samples['generator'])}; floor runs (s): "
            f"{', '.join(f'{x:.2f}' for x in samples['floor'])}; fastest against fastest "
            f"{g['ratio']:.2f}, median against median {g['ratio_median']:.2f}"
        )
        lines.append(
            f"generator N={g['n']}: {g['generator']['cpu_seconds']:.1f} s of CPU over "
            f"{g['generator']['seconds']:.1f} s (all processes, start-up included; "
            f"floor {g['floor']['cpu_seconds']:.1f} s); peak PSS "
            f"{g['generator']['peak_pss_mb']:.0f} MB, peak RSS of the main process "
            f"{g['generator']['peak_rss_mb']:.0f} MB"
        )
    for b in results["build"]:
        samples = b["samples"]
        lines.append(
            f"build N={b['n']}, full builds (s): "
            f"{', '.join(f'{x:.2f}' for x in samples['full'])}; plain mkdocs (s): "
            f"{', '.join(f'{x:.2f}' for x in samples['plain'])}; fastest against fastest "
            f"{b['ratio']:.2f}, median against median {b['ratio_median']:.2f}"
        )
        lines.append(
            f"site N={b['n']} (English, plain MkDocs build: no search index), "
            f"site {b['site_mb']:.1f} MB in {b['site_files']} files"
        )
    for g in results.get("languages", []):
        lines.append(
            f"languages N={g['n']}: English alone (s) "
            f"{', '.join(f'{x:.2f}' for x in g['samples']['one'])}; English and Russian (s) "
            f"{', '.join(f'{x:.2f}' for x in g['samples']['two'])}; fastest against fastest "
            f"{g['ratio']:.2f} (target at most 2.1), median against median "
            f"{g['ratio_median']:.2f}"
        )
    for m in results.get("maps", []):
        lines.append(
            f"maps N={m['n']}: {m['maps']} maps (every language); generate with maps (s) "
            f"{', '.join(f'{x:.2f}' for x in m['samples']['with_maps'])}; with every map "
            f"drawn as nothing (s) {', '.join(f'{x:.2f}' for x in m['samples']['without_maps'])}"
            f"; the maps' share of a generate, fastest against fastest {m['share']:.1%} "
            f"(target at most 15 %), median against median {m['share_median']:.1%}, "
            f"of CPU time {m['share_cpu']:.1%}; "
            f"{m['ms_per_map']:.1f} ms a map"
        )
    for e in results["edit"]:
        lines.append(
            f"edit N={e['n']} ({e['edited']}): {e['files_rewritten']} files rewritten: "
            + ", ".join(e["rewritten"])
        )
        lines.append(
            f"edit N={e['n']} in a running preview: regenerations (s) "
            f"{', '.join(f'{x:.3f}' for x in e['preview']['regens'])}; last one wrote "
            + ", ".join(e["preview"]["written"])
        )
    return "\n".join(lines + _packs_table(results) + _engine_lines(results.get("engine", []))
                     + search_lines(results.get("search", [])))


def _zensical_rows(found: list[dict[str, Any]]) -> list[str]:
    rows = []
    for z in found:
        n, plain = z["n"] or "demo", z["plain"]["seconds"]
        for label, part in ((f"plain Zensical, no cache (fastest of {len(z['samples']['cold'])})",
                             "cold"),
                            ("plain Zensical, its cache kept, nothing changed", "warm"),
                            ("plain Zensical, its cache kept, one page changed", "edited")):
            rows.append(f"| {label} vs plain mkdocs | {n} | {z[part]['seconds']:.2f} | "
                        f"{plain:.2f} | {z[part]['seconds'] / plain:.2f} | "
                        f"{z[part]['peak_mb']:.0f} |")
        engines = z["engines"]
        reference = engines["mkdocs"]["seconds"]
        for label, part in (("briefbook build --engine zensical, cold", "zensical"),
                            ("the same again, caches kept", "zensical_again")):
            rows.append(f"| {label} vs --engine mkdocs (both languages) | {n} | "
                        f"{engines[part]['seconds']:.2f} | {reference:.2f} | "
                        f"{engines[part]['seconds'] / reference:.2f} | "
                        f"{engines[part]['peak_mb']:.0f} |")
    return rows


def parse_sizes(spec: str, base: dict[str, list[int]]) -> dict[str, list[int]]:
    sizes = {k: list(v) for k, v in base.items()}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        key, _, values = part.partition("=")
        if key not in sizes:
            raise SystemExit(f"bench: unknown size group '{key}' "
                             "(use gen, build, edit, lang, maps, zensical, packs, engine, "
                             "search)")
        sizes[key] = [int(v) for v in values.split(",") if v.strip()]
    return sizes


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        _worker_main(sys.argv[2], sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description="Benchmark briefbook against its floors.")
    parser.add_argument("--quick", action="store_true", help="tiny corpora: a smoke run")
    parser.add_argument(
        "--sizes", default="", help='e.g. "gen=1000,10000;build=1000,5000;edit=5000"'
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs of the cold generator and its floor, alternating "
                             "(default 5; 1 with --quick)")
    parser.add_argument("--build-repeat", type=int, default=None,
                        help="runs of the full site build and of plain MkDocs, alternating "
                             "(default 3; 1 with --quick)")
    args = parser.parse_args()
    args.repeat = args.repeat or (1 if args.quick else 5)
    args.build_repeat = args.build_repeat or (1 if args.quick else 3)
    sizes = parse_sizes(args.sizes, QUICK_SIZES if args.quick else DEFAULT_SIZES)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="briefbook-bench-") as tmp:
        work = Path(tmp)
        results: dict[str, Any] = {
            "sizes": sizes,
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "render_jobs": default_jobs(),
            "load_average": os.getloadavg(),
        }
        results["generator"] = [bench_generator(work, n, args.repeat) for n in sizes["gen"]]
        results["build"] = [bench_build(work, n, args.build_repeat) for n in sizes["build"]]
        if len(results["build"]) >= 2:
            times = [b["full"]["seconds"] for b in results["build"]]
            results["build_scaling"] = times[-1] / times[0]
        results["edit"] = [bench_edit(work, n) for n in sizes["edit"]]
        results["languages"] = [bench_languages(work, n, args.repeat) for n in sizes["lang"]]
        results["maps"] = [bench_maps(work, n, args.repeat) for n in sizes["maps"]]
        if importlib.util.find_spec("zensical") is not None:
            results["zensical"] = [bench_zensical(work, n, args.build_repeat)
                                   for n in sizes["zensical"]]
        else:
            results["zensical_skipped"] = "zensical is not installed"
        results["packs"] = [bench_packs(work, n) for n in sizes["packs"]]
        results["engine"] = [bench_engine(work, n, args.build_repeat) for n in sizes["engine"]]
        results["search"] = [bench_search(work, n) for n in sizes["search"]]
    results["total_seconds"] = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    name = "bench-quick.json" if args.quick else "bench.json"
    (args.out / name).write_text(json.dumps(results, indent=2), "utf-8")
    print(_table(results))
    print(f"\nresults in {args.out / name} ({results['total_seconds']:.0f} s)")


if __name__ == "__main__":
    main()
