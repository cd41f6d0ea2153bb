"""Imports point one way: the pure core never reaches for storage, ingest or the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "turquesa"

# package -> packages it must not import (at run time; TYPE_CHECKING imports are free)
FORBIDDEN = {
    "model": {"normalise", "ingest", "storage", "export", "synth", "cli"},
    "normalise": {"ingest", "storage", "export", "synth", "cli"},
    "synth": {"ingest", "storage", "export", "cli"},
    "export": {"ingest", "storage", "cli", "synth"},
    "storage": {"ingest", "cli", "export", "synth"},
    "ingest": {"cli", "export", "synth"},
    "analysis": {"cli", "ingest", "synth", "export", "report", "server"},
    "report": {"cli", "ingest", "synth", "server"},
    "i18n": {"cli", "ingest", "synth", "export", "report", "analysis", "storage", "resolve"},
    "server": {"cli", "synth", "report"},
}


def _runtime_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            guarded.update(id(n) for n in ast.walk(node))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n.split(".")[1] for n in names if n.startswith("turquesa.") and n.count(".") >= 1}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_one_way(package: str) -> None:
    for path in (PACKAGE / package).rglob("*.py"):
        bad = _runtime_imports(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_nothing_imports_the_cli() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "cli" in path.relative_to(PACKAGE).parts or path.name == "__main__.py":
            continue
        assert "cli" not in _runtime_imports(path), path


def test_the_process_helpers_stand_alone() -> None:
    """The load and the resolution share the worker pool and the collector setting;
    those helpers must not pull either of them (or anything else) in."""
    assert _runtime_imports(PACKAGE / "memory.py") == set()
    assert _runtime_imports(PACKAGE / "parallel.py") <= {"memory"}
