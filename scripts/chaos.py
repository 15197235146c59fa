"""The crash, corruption, concurrency and disk-full campaign against ``briefbook render``.

Every trial runs the real command line in a child process on a synthetic project and
checks the promises of issue 19:

* **kill**: a run killed at a random moment (SIGKILL, by its process id only) leaves
  no process of its own behind, leaves the output folder either as it was or as the
  finished run makes it (never missing, never a mix), and the next run succeeds
  without a traceback;
* **corrupt**: random bytes of the cache flipped, the cache truncated or padded: the
  run succeeds without a traceback and its output is byte-identical to a cold run;
* **concurrent**: two runs at once on one output folder both succeed (one waits for
  the other) and leave the output of a cold run;
* **diskfull**: a run into a full file system (a small tmpfs, mounted only where this
  process may) fails with one line naming the folder, no traceback, and leaves the
  previous output as it was.

    python scripts/chaos.py --trials 100           # 25 of each campaign
    python scripts/chaos.py --trials 8 --briefs 60  # the slice make test runs

Prints one line per broken promise and a summary; exits 1 if any promise broke.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synth_corpus import write_corpus  # noqa: E402

TODAY = "2026-11-22"
CAMPAIGNS = ("kill", "corrupt", "concurrent", "diskfull")


def tree(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder`` (empty when it does not exist)."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Project:
    """A throw-away project: briefs, templates and an output folder."""

    def __init__(self, base: Path, briefs: int) -> None:
        self.base = base
        self.briefs = base / "briefs"
        write_corpus(self.briefs, briefs)
        shutil.copytree(ROOT / "templates", base / "templates")
        shutil.copy(ROOT / "mkdocs.yml", base / "mkdocs.yml")
        self.out = base / "generated"
        self.edits = 0

    def command(self, out: Path | None = None) -> list[str]:
        return [sys.executable, "-m", "briefbook", "render", "--briefs", str(self.briefs),
                "--templates", str(self.base / "templates"), "--today", TODAY,
                "--out", str(out or self.out)]

    def start(self, out: Path | None = None, cache: bool = True) -> subprocess.Popen[str]:
        env = {**os.environ, "BRIEFBOOK_CACHE": "1" if cache else "0"}
        return subprocess.Popen(self.command(out), cwd=self.base, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def run(self, out: Path | None = None, cache: bool = True) -> tuple[int, str]:
        process = self.start(out, cache)
        _, err = process.communicate(timeout=600)
        return process.returncode, err

    def cold(self) -> dict[str, str]:
        """The output of a cold run of the current briefs (cache off, a fresh folder)."""
        scratch = Path(tempfile.mkdtemp(dir=self.base, prefix="cold-")) / "out"
        code, err = self.run(scratch, cache=False)
        if code != 0:
            raise RuntimeError(f"a cold run failed:\n{err}")
        found = tree(scratch)
        shutil.rmtree(scratch.parent)
        return found

    def edit(self) -> None:
        """Change one brief's summary, so that old and new output differ."""
        self.edits += 1
        path = sorted((self.briefs / "meeting").glob("*.yml"))[self.edits % 5]
        text = path.read_text("utf-8")
        path.write_text(text.replace("summary: >-\n", f"summary: >-\n  Edit {self.edits}.\n", 1),
                        "utf-8")


def survivors(marker: str) -> list[int]:
    """Processes whose command line names ``marker`` (this campaign's output folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


class Campaign:
    """Runs trials and collects broken promises."""

    def __init__(self, project: Project, rng: random.Random, cold_seconds: float) -> None:
        self.project, self.rng, self.cold_seconds = project, rng, cold_seconds
        self.broken: list[str] = []
        self.done = dict.fromkeys(CAMPAIGNS, 0)
        self.reference: dict[str, str] = {}

    def promise(self, kept: bool, what: str) -> None:
        if not kept:
            self.broken.append(what)
            print(f"broken: {what}", flush=True)

    def clean_run(self, label: str) -> None:
        code, err = self.project.run()
        self.promise(code == 0 and "Traceback" not in err, f"{label}: rerun failed: {err[-400:]}")

    def kill(self, trial: int) -> None:
        project = self.project
        before = tree(project.out)
        project.edit()
        process = project.start()
        time.sleep(self.rng.uniform(0.0, self.cold_seconds))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        time.sleep(0.5)
        left = survivors(str(project.out))
        for pid in left:  # never leave them running, whatever the verdict
            os.kill(pid, signal.SIGKILL)
        self.promise(not left, f"kill {trial}: {len(left)} process(es) of the killed run left")
        middle = tree(project.out)
        self.clean_run(f"kill {trial}")
        after = tree(project.out)
        self.promise(middle in (before, after),
                     f"kill {trial}: a killed run left a mixed or missing output folder "
                     f"({len(middle)} files; before {len(before)}, after {len(after)})")

    def corrupt(self, trial: int) -> None:
        project = self.project
        files = [p for p in (project.base / ".briefbook").glob("*") if p.is_file()]
        for path in files:
            data = bytearray(path.read_bytes())
            if not data:
                continue
            how = self.rng.choice(("flip", "flip", "truncate", "pad"))
            if how == "flip":
                for _ in range(self.rng.randint(1, 4)):
                    data[self.rng.randrange(len(data))] ^= 1 << self.rng.randrange(8)
            elif how == "truncate":
                del data[self.rng.randrange(len(data)):]
            else:
                data += os.urandom(self.rng.randint(1, 64))
            path.write_bytes(bytes(data))
        code, err = project.run()
        self.promise(code == 0 and "Traceback" not in err,
                     f"corrupt {trial}: the run failed: {err[-400:]}")
        self.promise(tree(project.out) == project.cold(),
                     f"corrupt {trial}: output differs from a cold run")

    def concurrent(self, trial: int) -> None:
        project = self.project
        project.edit()
        runs = [project.start(), project.start()]
        results = [(run.wait(timeout=600), run.stderr.read() if run.stderr else "")
                   for run in runs]
        for code, err in results:
            self.promise(code == 0 and "Traceback" not in err,
                         f"concurrent {trial}: a run failed: {err[-400:]}")
        self.promise(tree(project.out) == project.cold(),
                     f"concurrent {trial}: output differs from a cold run")

    def diskfull(self, trial: int) -> bool:
        """False when no small file system can be mounted here (the campaign is skipped)."""
        mount = Path(tempfile.mkdtemp(dir=self.project.base, prefix="full-"))
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return False
        try:
            self._fill_and_run(mount, trial)
        finally:
            subprocess.run(["umount", str(mount)], capture_output=True)
        return True

    def _fill_and_run(self, mount: Path, trial: int) -> None:
        """The last output copied into ``mount``, the rest of it filled, then a run there
        after an edit: it must fail clearly and leave that output as it was."""
        out = mount / "generated"
        shutil.copytree(self.project.out, out)
        before = tree(out)
        spare = self.rng.choice((0, 4096, 65536))  # bytes left free
        with open(mount / "filler", "wb") as filler:
            try:
                while True:
                    filler.write(b"\0" * (1 << 20))
                    filler.flush()
            except OSError:
                pass
        if spare:
            os.truncate(mount / "filler", max(0, (mount / "filler").stat().st_size - spare))
        self.project.edit()
        code, err = self.project.run(out)
        lines = err.strip().splitlines()
        self.promise(code == 1 and "Traceback" not in err and 1 <= len(lines) <= 2
                     and str(mount) in err,
                     f"diskfull {trial}: not one clear line and exit 1: exit {code}, "
                     f"{err[-400:]}")
        self.promise(tree(out) == before,
                     f"diskfull {trial}: the failed run changed the previous output")

    def trial(self, name: str, number: int) -> None:
        if name == "diskfull":
            if not self.diskfull(number):
                print("diskfull: no tmpfs can be mounted here: campaign skipped", flush=True)
                self.done[name] = -1
                return
        else:
            getattr(self, name)(number)
        self.done[name] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--briefs", type=int, default=450)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--only", default=",".join(CAMPAIGNS))
    options = parser.parse_args()
    names = [n for n in options.only.split(",") if n in CAMPAIGNS]
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="briefbook-chaos-") as base:
        project = Project(Path(base), options.briefs)
        start = time.perf_counter()
        code, err = project.run()
        if code != 0:
            raise SystemExit(f"the first run failed:\n{err}")
        campaign = Campaign(project, rng, time.perf_counter() - start)
        for number in range(options.trials):
            name = names[number % len(names)]
            if campaign.done.get(name, 0) >= 0:
                campaign.trial(name, number)
    ran = {k: v for k, v in campaign.done.items() if k in names}
    counts = ", ".join(f"{k} {v if v >= 0 else 'skipped'}" for k, v in ran.items())
    print(f"chaos: {sum(max(v, 0) for v in ran.values())} trials ({counts}), "
          f"{len(campaign.broken)} broken promise(s)")
    raise SystemExit(1 if campaign.broken else 0)


if __name__ == "__main__":
    main()
