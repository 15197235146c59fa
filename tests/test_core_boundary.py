"""The core never imports MkDocs: only the engine adapters (briefbook.engines) and the CLI may."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import briefbook

ADAPTERS = ("briefbook.engines", "briefbook.cli", "briefbook.__main__")


def test_core_modules_do_not_import_mkdocs() -> None:
    package = Path(briefbook.__file__).parent
    modules = {".".join(("briefbook", *p.relative_to(package).with_suffix("").parts))
               .removesuffix(".__init__") for p in package.rglob("*.py")}
    core = sorted(m for m in modules if not m.startswith(ADAPTERS))
    assert "briefbook.pipeline" in core and "briefbook.engines.mkdocs.plugin" not in core
    code = ("import importlib, sys\n"
            f"for name in {core!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == "[]"
