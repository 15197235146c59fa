"""The package's structure, checked from its own code: layers, cycles, types and sizes.

The rules are those of docs/architecture.md: a stage imports only earlier stages,
``models`` and ``errors``; only the engines import MkDocs, only the CLI imports
click, only load/packed.py imports msgpack and only load/forking.py imports pickle
(import-linter contracts in pyproject.toml); no import cycle, not even through
``TYPE_CHECKING``; mypy in strict mode finds nothing; modules stay under about 300
lines and functions under about 50.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import briefbook

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(briefbook.__file__).parent
BIN = Path(sys.executable).parent
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_the_import_contracts_hold() -> None:
    done = _run(str(BIN / "lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def _cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph.find_modules_directly_imported_by(module) & modules):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles_type_checking_imports_included() -> None:
    graph = grimp.build_graph("briefbook", exclude_type_checking_imports=False)
    # A package's __init__ re-exports its modules: it is not a module of the cycle.
    modules = {m for m in graph.modules
               if not (PACKAGE.parent / (m.replace(".", "/") + "/__init__.py")).exists()}
    assert _cycles(graph, modules) == []


def test_mypy_strict_finds_nothing() -> None:
    done = _run(sys.executable, "-m", "mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text("utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = [(node.name, node.end_lineno - node.lineno + 1)
            for node in ast.walk(ast.parse(text))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno is not None
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []
