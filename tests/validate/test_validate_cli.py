"""`kg validate` through the real command line, on a built sample and on broken stores."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from validate_support import FIXTURES, SAMPLE, SHAPES, run_kg

from kg.validate import load_shapes, load_store_graph, validate_graph

pytestmark = pytest.mark.slow     # kg build in subprocesses (spaCy model loads)

GRAPH = "https://kg.example.org/id/graph/liveblog-2025-03-11"
ENTRY = "https://kg.example.org/id/entry/liveblog-2025-03-11/"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("validate") / "sample-store"
    result = run_kg("build", SAMPLE, "--store", store)
    assert result.returncode == 0, f"kg build of the sample failed:\n{result.stderr[-3000:]}"
    return store


def _copy(store, tmp_path):
    target = tmp_path / "store"
    shutil.copytree(store, target)
    return target


def _update(store, sparql: str) -> None:
    db = ox.Store(str(store))
    db.update(sparql)
    db.flush()
    del db


def test_the_built_sample_conforms(sample_store):
    result = run_kg("validate", "--store", sample_store)
    assert result.returncode == 0, f"the sample does not conform:\n{result.stdout}{result.stderr}"
    assert "the graph conforms to the shapes: 0 violation(s)" in result.stdout


def test_broken_graph_loaded_into_a_store(tmp_path):
    store = tmp_path / "broken-store"
    db = ox.Store(str(store))
    db.load(path=str(FIXTURES / "shapes_broken.ttl"), format=ox.RdfFormat.TURTLE,
            to_graph=ox.NamedNode("https://kg.example.org/id/graph/broken"))
    db.flush()
    del db
    expected = validate_graph(load_store_graph(store), load_shapes(SHAPES))
    result = run_kg("validate", "--store", store)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    # the entry's time and title head its group, its problems follow
    header = lines.index("2025-03-11T10:05:00+00:00  Frappe de drones sur Kiev")
    group = lines[header + 1:]
    group = group[:next((i for i, ln in enumerate(group) if not ln.startswith("  ")), len(group))]
    assert any("id:fact/attribution-1  kg:accused" in ln for ln in group), "\n".join(group)
    assert any("kg:stance = kg:suggests" in ln for ln in group)
    assert "Not tied to one entry (actors, places, live blogs...)" in lines
    summary = lines[-1]
    counts = expected.counts()
    assert counts["Violation"] > 25
    assert summary.startswith("kg validate: the graph does NOT conform to the shapes: "
                              f"{counts['Violation']} violation(s), {counts['Warning']} warning(s) in 2 entries")


def test_triples_removed_from_a_built_store(sample_store, tmp_path):
    store = _copy(sample_store, tmp_path)
    before = validate_graph(load_store_graph(store), load_shapes(SHAPES)).counts()["Violation"]
    _update(store, f"""
        PREFIX schema: <https://schema.org/>  PREFIX kg: <https://kg.example.org/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>  PREFIX prov: <http://www.w3.org/ns/prov#>
        DELETE WHERE {{ GRAPH <{GRAPH}> {{ <{ENTRY}2025-03-11T0953> schema:headline ?title }} }} ;
        DELETE {{ GRAPH ?g {{ ?actor rdfs:label ?label }} }}
        WHERE {{ GRAPH ?g {{ ?actor a kg:Person ; rdfs:label ?label }} }} ;
        INSERT DATA {{ GRAPH <{GRAPH}> {{
            <https://kg.example.org/id/statement/test/1> a kg:Statement , kg:Fact ;
                prov:wasDerivedFrom <{ENTRY}2025-03-11T0933> ;
                kg:speaker <https://kg.example.org/id/place/nowhere> ;
                kg:reportedAt "2025-03-11T09:33:00+01:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> ;
                kg:certainty kg:certain ; kg:polarity kg:positive ;
                <http://groundedannotationframework.org/gaf#denotedBy> <{ENTRY}2025-03-11T0933#char=0,5> .
        }} }}""")
    result = run_kg("validate", "--store", store)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "2025-03-11T09:53:00+01:00  (no title)" in out
    assert "schema:headline" in out
    block = out.split("2025-03-11T09:33:00+01:00  L'Ukraine n'a pas fait de commentaire sur l'attaque contre Moscou", 1)
    assert len(block) == 2, out
    assert "id:statement/test/1  kg:quote" in block[1].split("\n20")[0]
    assert "id:statement/test/1  kg:speaker = id:place/nowhere" in block[1].split("\n20")[0]
    assert "rdfs:label" in out.split("Not tied to one entry", 1)[1]
    after = validate_graph(load_store_graph(store), load_shapes(SHAPES)).counts()["Violation"]
    assert after > before + 3
    assert "does NOT conform" in out.splitlines()[-1]


def test_validate_a_file(tmp_path):
    assert run_kg("validate", "--data", FIXTURES / "shapes_valid.ttl").returncode == 0
    result = run_kg("validate", "--data", FIXTURES / "shapes_broken.ttl")
    assert result.returncode == 1 and "does NOT conform" in result.stdout


@pytest.mark.parametrize("content, words", [(None, "no such shapes file"), ("not turtle at all ::", "not valid Turtle"),
                                             ("@prefix ex: <http://ex/> . ex:a ex:b ex:c .", "no SHACL shape")])
def test_bad_shapes_file(tmp_path, content, words):
    shapes = tmp_path / "shapes.ttl"
    if content is not None:
        shapes.write_text(content, encoding="utf-8")
    result = run_kg("validate", "--data", FIXTURES / "shapes_valid.ttl", "--shapes", shapes)
    assert result.returncode == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(shapes) in lines[0] and words in lines[0], result.stderr
