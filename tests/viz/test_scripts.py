"""The analyst scripts in scripts/ run as plain programs on an exported file or a store."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], capture_output=True, text=True,
                          timeout=300)


def test_actor_centrality(fixture_path):
    done = run("actor_centrality.py", "--graph", str(fixture_path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:3] == ["actor", "type", "related"]
    assert lines[1].startswith("Volodymyr Zelensky")      # the broker between the accusations and the talks
    assert any(line.startswith("Marco Rubio") for line in lines)


def test_actor_centrality_on_one_relation(store_path):
    done = run("actor_centrality.py", "--store", str(store_path), "--relation", "accused")
    assert done.returncode == 0, done.stderr
    assert {line.split("  ")[0] for line in done.stdout.splitlines()[1:]} == {
        "ministère de la Défense russe", "Ukraine", "Volodymyr Zelensky", "Russie"}


def test_who_met_whom(fixture_path):
    done = run("who_met_whom.py", "--graph", str(fixture_path), "--actor", "rubio")
    assert done.returncode == 0, done.stderr
    assert "Arabie saoudite — Marco Rubio: 1 meeting(s): discussions sur un cessez-le-feu in Djeddah on 2025-03-11" \
        in done.stdout
    assert len(done.stdout.splitlines()) == 3


def test_shortest_path(fixture_path):
    done = run("shortest_path.py", "--graph", str(fixture_path), "Vorobyov", "ukraine")
    assert done.returncode == 0, done.stderr
    assert "through 2 event(s)" in done.stdout
    assert "—reporter— [CasualtyReport]" in done.stdout and "—perpetrator— Ukraine" in done.stdout
    none = run("shortest_path.py", "--graph", str(fixture_path), "Vorobyov", "Rubio")
    assert none.returncode == 1 and "no path" in none.stdout
    unknown = run("shortest_path.py", "--graph", str(fixture_path), "Nobody", "Rubio")
    assert unknown.returncode == 2 and "no actor or place of any event matches" in unknown.stderr
