"""Helpers of the fail-safe tests (a plain module, not a conftest: tests/validate has its own): run the real `kg` in a subprocess, read a store back."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path



ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "liveblog-2025-03-11.txt"
KG = Path(sys.executable).with_name("kg")
INSTRUMENTED = Path(__file__).with_name("instrumented_kg.py")


def run_kg(*args, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG), *map(str, args)], capture_output=True, text=True, timeout=timeout, **kwargs)


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


SHARED = "<https://kg.example.org/id/graph/actors-and-places>"   # the actors' and places' descriptions


def store_contents(path: Path) -> dict[str, frozenset[str]]:
    """Every named graph of a store and its triples (as N-Triples-like strings).

    Opens the store for writing, which also proves that no stale lock is left behind."""
    import pyoxigraph as ox

    store = ox.Store(str(path))
    try:
        graphs: dict[str, set[str]] = {}
        for quad in store.quads_for_pattern(None, None, None, None):
            graphs.setdefault(str(quad.graph_name), set()).add(f"{quad.subject} {quad.predicate} {quad.object}")
        return {name: frozenset(triples) for name, triples in graphs.items()}
    finally:
        del store


def copy_store(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


