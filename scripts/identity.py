"""The byte-identity record: what the generator and the site build produce, file by file.

Three corpora (the demo in ``briefs/``, the golden corpus in ``tests/golden/briefs``,
and a 1,000-brief synthetic corpus) are generated and built with a fixed date and the
public audience, through the ``briefbook`` command as a user runs it, beside the
hand-written pages the navigation names (developer pages are left out). The SHA-256 of
every generated Markdown file (``data/briefs.json`` among them) and of every file of
the built site is recorded in ``tests/identity/<corpus>.json``;
``tests/test_identity.py`` builds again and compares.

Regenerate the record only for a deliberate change of output, in a commit of its own:

    .venv/bin/python scripts/identity.py record [CORPUS ...]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD_DIR = ROOT / "tests" / "identity"
TODAY = "2026-11-22"
SYNTHETIC = 1000
CORPORA = ("demo", "golden", "synthetic")
SOURCE_DATE_EPOCH = "1795305600"  # 2026-11-22: MkDocs dates the sitemap from it


def _briefs(corpus: str, dest: Path) -> None:
    if corpus == "demo":
        shutil.copytree(ROOT / "briefs", dest)
    elif corpus == "golden":
        shutil.copytree(ROOT / "tests" / "golden" / "briefs", dest)
    else:
        sys.path.insert(0, str(ROOT / "scripts"))
        from synth_corpus import write_corpus

        write_corpus(dest, SYNTHETIC)


def _digest(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":  # gzip's header holds a time; the content is what counts
        data = gzip.decompress(data)
    return hashlib.sha256(data).hexdigest()


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): _digest(p)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "BRIEFBOOK_CACHE": "0", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    done = subprocess.run([sys.executable, "-m", "briefbook", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"briefbook {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def _nav_pages(config: Path) -> list[str]:
    """The pages the navigation of ``config`` names."""
    import yaml

    found: list[str] = []
    stack = [yaml.safe_load(config.read_text("utf-8")).get("nav", [])]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _docs(dest: Path) -> None:
    """The hand-written pages readers reach (those the navigation names) and the assets:
    developer pages such as docs/architecture.md are not part of the record."""
    shutil.copytree(ROOT / "docs" / "assets", dest / "assets")
    for page in _nav_pages(ROOT / "mkdocs.yml"):
        if (ROOT / "docs" / page).is_file():
            (dest / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / "docs" / page, dest / page)


def measure(corpus: str, work: Path) -> dict[str, dict[str, str]]:
    """Generate and build ``corpus`` in ``work``; the digests of both trees."""
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", work / "templates")
    _docs(work / "docs")
    _briefs(corpus, work / "briefs")
    common = ["--today", TODAY, "--audience", "public"]
    _run(["render", "--out", "markdown", "--no-packs", *common], work)
    _run(["build", "--site-dir", "site", "--no-packs", *common], work)
    generated = work / "generated"
    return {"generated": _digests(work / "markdown"), "site": _digests(work / "site"),
            "build-generated": _digests(generated) if generated.is_dir() else {}}


def record_path(corpus: str) -> Path:
    return RECORD_DIR / f"{corpus}.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["record"])
    parser.add_argument("corpora", nargs="*", default=list(CORPORA))
    options = parser.parse_args()
    RECORD_DIR.mkdir(parents=True, exist_ok=True)
    for corpus in options.corpora:
        with tempfile.TemporaryDirectory() as work:
            digests = measure(corpus, Path(work))
        record_path(corpus).write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")
        print(f"{corpus}: {len(digests['generated'])} generated files, "
              f"{len(digests['site'])} site files")


if __name__ == "__main__":
    main()
