"""Measure the live preview: from saving a brief to the served page showing the edit.

Starts ``mkdocs serve`` (with the briefbook plugin) on a synthetic corpus of N
briefs on a free loopback port, waits for the first build, edits one brief's
summary, and polls the brief's page until it shows the new text, in every language of the
site (the Russian page at /ru/ too: a save must show in both).

    python scripts/serve_latency.py --n 1000 [--edits 3] [--full]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench import TODAY, _config  # noqa: E402
from synth_corpus import write_corpus  # noqa: E402


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    """The text at ``url``, or None while the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, deadline: float) -> float:
    while time.perf_counter() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter()
        time.sleep(0.05)
    raise SystemExit(f"serve_latency: {url} did not show {text!r} in time")


def measure(n: int, edits: int, timeout: float, dirty: bool = False) -> dict[str, object]:
    """Start the preview on N briefs and time ``edits`` successive edits."""
    with tempfile.TemporaryDirectory(prefix="briefbook-serve-") as tmp:
        project = Path(tmp)
        briefs = project / "briefs"
        write_corpus(briefs, n)
        config = _config(project, briefs, plugin=True, docs=ROOT / "docs")
        port = free_port()
        env = dict(os.environ, BRIEFBOOK_TODAY=TODAY)
        # `briefbook serve` is what `make serve` runs: dirty rebuilds unless --full.
        command = [sys.executable, "-m", "briefbook", "serve", "--config", str(config),
                   "--briefs", str(briefs), "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen(
            command + ([] if dirty else ["--full"]),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            target = sorted((briefs / "meeting").glob("*.yml"))[0]
            urls = [f"http://127.0.0.1:{port}/{prefix}meeting/{target.stem}/"
                    for prefix in ("", "ru/")]
            start = time.perf_counter()
            for url in urls:
                _wait_for(url, "bb-marking", start + timeout)
            first = time.perf_counter() - start
            latencies = []
            for i in range(edits):
                marker = f"Preview edit number {i} {time.time_ns()}"
                text = target.read_text("utf-8").replace(
                    "summary: >-\n", f"summary: >-\n  {marker}\n", 1
                )
                saved = time.perf_counter()
                target.write_text(text, "utf-8")
                latencies.append(max(_wait_for(url, marker, saved + timeout)
                                     for url in urls) - saved)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {
        "n": n,
        "dirty": dirty,
        "first_build_seconds": first,
        "edit_to_page_seconds": latencies,
        "languages": ["en", "ru"],
        "median_seconds": sorted(latencies)[len(latencies) // 2],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument(
        "--full",
        action="store_true",
        help="briefbook serve --full: rebuild every page on each change",
    )
    args = parser.parse_args()
    print(json.dumps(measure(args.n, args.edits, args.timeout, dirty=not args.full), indent=2))


if __name__ == "__main__":
    main()
