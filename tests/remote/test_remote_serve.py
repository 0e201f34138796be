"""`kg serve`: raw HTTP, read-only by default, big results, time limits, clean stops."""
from __future__ import annotations

import shutil
import signal
import time

import httpx
import pyoxigraph as ox
import pytest

from .support import free_port, one_line, run_kg

TIMELINE = """PREFIX schema: <https://schema.org/>
SELECT ?entry ?published WHERE { ?entry a schema:BlogPosting ; schema:datePublished ?published } ORDER BY ?published"""
INSERT = 'INSERT DATA { GRAPH <https://kg.example.org/id/graph/manual> { <https://kg.example.org/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "ajouté" } }'


def store_quads(path) -> int:
    db = ox.Store.read_only(str(path))
    try:
        return len(db)
    finally:
        del db


# ------------------------------------------------------------------------------ (g) raw HTTP
def test_raw_http_get_csv_and_json(served):
    csv = httpx.get(served.query_url, params={"query": TIMELINE}, headers={"Accept": "text/csv"}, timeout=30)
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.splitlines()
    assert lines[0] == "entry,published" and len(lines) > 1

    js = httpx.get(served.query_url, params={"query": TIMELINE},
                   headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert js.status_code == 200
    assert js.headers["content-type"].startswith("application/sparql-results+json")
    bindings = js.json()["results"]["bindings"]
    assert len(bindings) == len(lines) - 1
    assert bindings[0]["published"]["datatype"] == "http://www.w3.org/2001/XMLSchema#dateTime"


def test_malformed_query_is_a_clear_400(served, tmp_path):
    response = httpx.get(served.query_url, params={"query": "SELECT * WHERE { ?s ?p"}, timeout=30)
    assert response.status_code == 400
    assert "error" in response.text.lower()
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE { ?s ?p")
    result = run_kg("query", bad, "--endpoint", served.query_url)
    assert result.returncode == 2
    assert "HTTP 400" in one_line(result.stderr)


def test_read_only_by_default_refuses_updates(served, built_store):
    before = store_quads(built_store)
    update = httpx.post(served.base + "/update", data={"update": INSERT}, timeout=30)
    assert update.status_code == 403
    put = httpx.put(served.base + "/store", params={"graph": "https://kg.example.org/id/graph/manual"},
                    content=b"<https://kg.example.org/id/x> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" .",
                    headers={"Content-Type": "text/turtle"}, timeout=30)
    assert put.status_code == 403
    assert store_quads(built_store) == before


def test_allow_update_writes_the_store_itself(built_store, tmp_path, kg_serve_factory):
    store = tmp_path / "writable"
    shutil.copytree(built_store, store)
    before = store_quads(store)
    server = kg_serve_factory(store, "--allow-update")
    update = httpx.post(server.base + "/update", data={"update": INSERT}, timeout=30)
    assert update.status_code in (200, 204), update.text
    ask = httpx.get(server.query_url, params={"query": 'ASK { ?s ?p "ajouté" }'},
                    headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert ask.json()["boolean"] is True
    assert server.stop() == 0
    assert "SPARQL update:" in server.stdout
    assert store_quads(store) == before + 1


# ------------------------------------------------------------------------------ (f) big results, time limits
def test_huge_result_goes_through(built_store, served, tmp_path):
    n = store_quads(built_store)
    wanted = 120_000
    copies = -(-wanted // (n * n))                          # enough rows whatever the store's size
    values = " ".join(str(i) for i in range(1, copies + 1))
    query = tmp_path / "cross.rq"
    query.write_text(f"SELECT ?s ?o2 ?k WHERE {{ ?s ?p ?o . ?s2 ?p2 ?o2 . VALUES ?k {{ {values} }} }} LIMIT {wanted}")
    started = time.monotonic()
    result = run_kg("query", query, "--endpoint", served.query_url, "--format", "tsv", timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == wanted + 1
    assert time.monotonic() - started < 120


def test_query_past_the_time_limit_fails_clearly(built_store, kg_serve_factory, tmp_path):
    """Oxigraph cancels a query past --timeout-s when it next reads its storage and cuts the
    result short; a query it cannot cancel meets the client's own limit. Either way: a clear
    message naming the endpoint, in bounded time."""
    n = store_quads(built_store)
    copies = max(1, -(-500_000_000 // n ** 3))           # far more than a second of work, whatever n is
    values = " ".join(str(i) for i in range(1, copies + 1))
    query = tmp_path / "forever.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
                     f"FILTER(STR(?a) != STR(?i)) VALUES ?k {{ {values} }} }}")
    server = kg_serve_factory(built_store, "--timeout-s", "1")
    started = time.monotonic()
    result = run_kg("query", query, "--endpoint", server.query_url, env={"KG_ENDPOINT_TIMEOUT": "10"}, timeout=120)
    elapsed = time.monotonic() - started
    assert result.returncode == 2, result.stdout
    message = one_line(result.stderr)
    assert server.query_url in message
    assert "time limit" in message or "no answer within 10 s" in message
    assert "Traceback" not in result.stderr
    assert elapsed < 40


# ------------------------------------------------------------------------------ lifecycle
def test_ctrl_c_stops_the_server_and_removes_the_snapshot(built_store, kg_serve_factory):
    parent = built_store.parent
    before = set(parent.glob(".kg-serve-*"))             # the session's `kg serve` may have one
    server = kg_serve_factory(built_store)
    assert "SPARQL endpoint: " + server.query_url + "\n" in server.lines
    assert "YASGUI:          " + server.base + "/\n" in server.lines
    assert len(set(parent.glob(".kg-serve-*")) - before) == 1
    assert server.stop(signal.SIGINT) == 0
    assert set(parent.glob(".kg-serve-*")) == before
    with pytest.raises(httpx.HTTPError):
        httpx.get(server.base + "/", timeout=2)


def test_sigterm_stops_the_server(built_store, kg_serve_factory):
    server = kg_serve_factory(built_store)
    assert server.stop(signal.SIGTERM) == 0
    with pytest.raises(httpx.HTTPError):
        httpx.get(server.base + "/", timeout=2)


def test_serve_refuses_a_store_being_written(built_store, tmp_path):
    store = tmp_path / "busy"
    shutil.copytree(built_store, store)
    writer = ox.Store(str(store))                  # holds the lock, as a running `kg build` does
    try:
        result = run_kg("serve", "--store", store, "--port", str(free_port()), timeout=60)
    finally:
        del writer
    assert result.returncode != 0
    assert "being written by another kg process" in one_line(result.stderr)


def test_serve_reports_a_busy_port_and_a_missing_store(built_store, served, tmp_path):
    busy = run_kg("serve", "--store", built_store, "--port", str(served.port), timeout=60)
    assert busy.returncode != 0 and "port is in use" in one_line(busy.stderr)
    missing = run_kg("serve", "--store", tmp_path / "nothing", "--port", str(free_port()), timeout=60)
    assert missing.returncode != 0 and "no kg store here" in one_line(missing.stderr)
