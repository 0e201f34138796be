"""Helpers of the validation tests (a plain module, not a conftest: tests/failsafe has its own)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "liveblog-2025-03-11.txt"
FIXTURES = ROOT / "tests" / "fixtures"
SHAPES = ROOT / "ontology" / "shapes.ttl"
KG = Path(sys.executable).with_name("kg")

if str(ROOT / "benchmarks") not in sys.path:      # benchmarks/synthetic.py: facts of every kind
    sys.path.insert(0, str(ROOT / "benchmarks"))


def run_kg(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG), *map(str, args)], capture_output=True, text=True, timeout=timeout)
