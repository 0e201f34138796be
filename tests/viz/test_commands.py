"""`kg viz ...` end to end: on a store holding the fixture, and on the sample built by `kg build`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import matplotlib.image as mpimg
import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app

from .support import actor

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "liveblog-2025-03-11.txt"
runner = CliRunner()


def kg(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("suffix", ["png", "svg", "graphml", "gexf", "json"])
def test_viz_actors_writes_every_format(tmp_path, store_path, suffix):
    out = tmp_path / f"actors.{suffix}"
    result = kg("viz", "actors", "-o", str(out), "--store", str(store_path))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
    assert not list(tmp_path.glob("*.part*"))
    if suffix == "graphml":
        g = nx.read_graphml(out, force_multigraph=True)
        assert g.has_edge(actor("russian-mod"), actor("ukraine"), key="accused")


def test_viz_actors_format_option_wins_over_the_suffix(tmp_path, store_path):
    out = tmp_path / "actors.out"
    result = kg("viz", "actors", "-o", str(out), "--store", str(store_path), "--format", "graphml")
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() == 12


def test_viz_timeline(tmp_path, store_path):
    out = tmp_path / "timeline.png"
    result = kg("viz", "timeline", "-o", str(out), "--store", str(store_path))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000
    assert mpimg.imread(str(out))[..., :3].std() > 0.05


def test_viz_events_and_exported_file(tmp_path, fixture_path):
    out = tmp_path / "events.gexf"
    result = kg("viz", "events", "-o", str(out), "--graph", str(fixture_path))
    assert result.exit_code == 0, result.output
    assert {d["kind"] for _, d in nx.read_gexf(out).nodes(data=True)} == {"event", "actor", "place", "day"}


def test_viz_errors_are_one_line(tmp_path, store_path):
    missing = kg("viz", "actors", "-o", str(tmp_path / "a.png"), "--store", str(tmp_path / "nowhere"))
    assert missing.exit_code == 1
    assert "no kg store here" in missing.output
    bad = kg("viz", "actors", "-o", str(tmp_path / "a.gif"), "--store", str(store_path))
    assert bad.exit_code == 2
    assert "--format must be one of" in bad.output
    assert kg("viz", "timeline", "-o", str(tmp_path / "t.graphml"), "--store", str(store_path)).exit_code == 2
    no_file = kg("viz", "actors", "-o", str(tmp_path / "a.png"), "--graph", str(tmp_path / "none.ttl"))
    assert no_file.exit_code == 2 and "no such file" in no_file.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <http://x/> .\nx:a x:b .\n", encoding="utf-8")
    malformed = kg("viz", "actors", "-o", str(tmp_path / "a.png"), "--graph", str(broken))
    assert malformed.exit_code == 2 and "cannot read it as RDF" in malformed.output
    assert not list(tmp_path.glob("a.*"))


def test_viz_on_an_empty_graph(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    for command in ("actors", "timeline"):
        result = kg("viz", command, "-o", str(tmp_path / f"{command}.png"), "--graph", str(empty))
        assert result.exit_code == 1 and "nothing to draw" in result.output
    result = kg("viz", "actors", "-o", str(tmp_path / "a.graphml"), "--graph", str(empty))
    assert result.exit_code == 0       # an empty network file is still a valid file


@pytest.mark.slow
def test_build_the_sample_then_draw_it(tmp_path):
    """The real pipeline: `kg build` the sample in a subprocess, then both pictures from its store."""
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    kg_bin = [str(Path(sys.executable).with_name("kg"))]    # the installed console script
    built = subprocess.run(kg_bin + ["build", str(SAMPLE), "--store", str(store)], capture_output=True, text=True,
                           env=env, timeout=600)
    assert built.returncode == 0, built.stderr
    for command, name in (("actors", "actors.png"), ("timeline", "timeline.png"), ("actors", "actors.graphml")):
        out = tmp_path / name
        done = subprocess.run(kg_bin + ["viz", command, "-o", str(out), "--store", str(store)],
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > (10_000 if name.endswith(".png") else 100)
    assert mpimg.imread(str(tmp_path / "timeline.png"))[..., :3].std() > 0.05
    g = nx.read_graphml(tmp_path / "actors.graphml")
    assert g.number_of_nodes() > 0
