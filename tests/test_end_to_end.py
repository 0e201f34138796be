"""One end-to-end run on the bundled sample, through the real `kg` command."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "liveblog-2025-03-11.txt"
KG = [sys.executable, "-m", "kg.cli"]


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def rows(store: Path, name: str) -> list[dict[str, str]]:
    result = kg("query", name, "--store", str(store), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("e2e") / "store"
    result = kg("build", str(SAMPLE), "--store", str(path))
    assert result.returncode == 0, result.stderr
    assert "8 entries" in result.stdout
    return path


def test_timeline_has_every_entry_with_its_offset(store):
    timeline = rows(store, "timeline")
    assert [r["published"] for r in timeline][:2] == ["2025-03-10T23:43:00+01:00", "2025-03-11T08:08:00+01:00"]
    assert len(timeline) == 8
    assert timeline[-1]["title"] == "Le bilan de l'attaque aérienne s'alourdit"


def test_actors_are_resolved_once_with_wikidata(store):
    actors = {r["label"]: r for r in rows(store, "actors")}
    assert actors["Volodymyr Zelensky"]["sameAs"] == "http://www.wikidata.org/entity/Q3874799"
    assert "Kiev" in actors["Ukraine"]["altLabels"]
    assert sum("Vorob" in label for label in actors) == 1


def test_the_headline_question_who_proposed_which_truce(store):
    proposals = rows(store, "truce_proposals")
    zelensky = [p for p in proposals if p["proposerLabel"] == "Volodymyr Zelensky"]
    assert zelensky and {"air", "sea"} <= set(zelensky[0]["scope"].split())
    assert zelensky[0]["proposedAt"].startswith("2025-03-11")


def test_every_fact_question_answers(store):
    for name in ("statements", "attributions", "casualty_reports", "interceptions", "attacks", "meetings"):
        assert rows(store, name), name


def test_statements_keep_their_source_entry(store):
    for row in rows(store, "statements"):
        assert row["source"].startswith("https://kg.example.org/id/entry/liveblog-2025-03-11/")


def test_rebuild_is_idempotent_and_export_parses(store, tmp_path):
    before = kg("export", "--store", str(store), "--format", "nquads").stdout
    assert kg("build", str(SAMPLE), "--store", str(store)).returncode == 0
    after = kg("export", "--store", str(store), "--format", "nquads").stdout
    assert sorted(before.splitlines()) == sorted(after.splitlines())
    out = tmp_path / "graph.ttl"
    assert kg("export", "--store", str(store), "--format", "turtle", "-o", str(out)).returncode == 0
    graph = Dataset()
    graph.parse(out, format="turtle")
    assert len(graph) > 500


def test_bad_file_is_reported_and_good_file_still_built(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    result = kg("build", str(bad), str(SAMPLE), "--store", str(tmp_path / "s"))
    assert result.returncode == 1
    assert str(bad) in result.stderr and "binary" in result.stderr
    assert len(rows(tmp_path / "s", "timeline")) == 8
