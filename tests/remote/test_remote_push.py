"""`kg push` and `kg build --endpoint` against real Oxigraph servers."""
from __future__ import annotations

import socket
from concurrent.futures import ThreadPoolExecutor
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pyoxigraph as ox

from .support import MUST_HAVE_ROWS, QUERIES, SAMPLE, json_rows, normalise, one_line, run_kg

SAMPLE_GRAPH = "https://kg.example.org/id/graph/liveblog-2025-03-11"
SECOND_GRAPH = "https://kg.example.org/id/graph/d3-frappe-kiev-24-avril"
SHARED_GRAPH = "https://kg.example.org/id/graph/actors-and-places"   # the actors' and places' descriptions


def local_graph_sizes(store) -> dict[str, int]:
    db = ox.Store.read_only(str(store))
    try:
        return {g.value: sum(1 for _ in db.quads_for_pattern(None, None, None, g)) for g in db.named_graphs()}
    finally:
        del db


def local_quads(store) -> set[str]:
    db = ox.Store.read_only(str(store))
    try:
        return {str(q) for q in db}
    finally:
        del db


def remote_quads(server) -> set[str]:
    response = httpx.get(server.base + "/store", headers={"Accept": "application/n-quads"}, timeout=30)
    response.raise_for_status()
    return {str(q) for q in ox.parse(response.content, format=ox.RdfFormat.N_QUADS)}


# ------------------------------------------------------------------------------ (b) idempotent
def test_push_twice_leaves_the_remote_store_unchanged(built_store, oxigraph_factory):
    server = oxigraph_factory()
    first = run_kg("push", "--endpoint", server.query_url, "--store", built_store)
    assert first.returncode == 0, first.stderr
    assert "pushed 1 document" in first.stdout
    after_first = server.quads()
    contents = remote_quads(server)
    assert after_first == sum(local_graph_sizes(built_store).values()) > 0
    assert contents == local_quads(built_store)

    second = run_kg("push", "--endpoint", server.query_url, "--store", built_store)
    assert second.returncode == 0, second.stderr
    assert server.quads() == after_first
    assert remote_quads(server) == contents


def test_push_one_graph_by_document_id(two_document_store, oxigraph_factory):
    server = oxigraph_factory()
    result = run_kg("push", "--endpoint", server.base, "--store", two_document_store,
                    "--graph", "d3-frappe-kiev-24-avril")
    assert result.returncode == 0, result.stderr
    assert set(server.graph_sizes()) == {SHARED_GRAPH, SECOND_GRAPH}
    assert server.graph_sizes()[SECOND_GRAPH] == local_graph_sizes(two_document_store)[SECOND_GRAPH]


def test_push_unknown_graph_is_refused(built_store, oxigraph_factory):
    server = oxigraph_factory()
    result = run_kg("push", "--endpoint", server.query_url, "--store", built_store, "--graph", "no-such-document")
    assert result.returncode != 0
    assert "no document graph https://kg.example.org/id/graph/no-such-document" in one_line(result.stderr)
    assert server.quads() == 0


def test_push_into_the_default_graph(two_document_store, oxigraph_factory):
    server = oxigraph_factory()
    result = run_kg("push", "--endpoint", server.query_url, "--store", two_document_store, "--into", "default")
    assert result.returncode == 0, result.stderr
    assert server.graph_sizes() == {}
    db = ox.Store.read_only(str(two_document_store))
    union = {q.triple for q in db}
    del db
    count = int(server.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"])
    assert count == len(union)


# ------------------------------------------------------------------------------ (e) server dies mid-push
class _KillingProxy(BaseHTTPRequestHandler):
    """Forwards the first PUT to Oxigraph; during the second, sends Oxigraph half of the body,
    SIGKILLs it, and hangs up on the client without an answer."""

    server_version = "KillingProxy"
    puts = 0
    lock = threading.Lock()

    def log_message(self, *args):  # quiet
        pass

    def do_PUT(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        with self.lock:
            type(self).puts += 1
            number = type(self).puts
        target = self.server.target          # the OxigraphServer
        if number == 1:
            response = httpx.put(target.base + self.path, content=body,
                                 headers={"Content-Type": self.headers["Content-Type"]}, timeout=30)
            self.send_response(response.status_code)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with socket.create_connection(("127.0.0.1", target.port)) as upstream:
            head = (f"PUT {self.path} HTTP/1.1\r\nHost: 127.0.0.1:{target.port}\r\n"
                    f"Content-Type: {self.headers['Content-Type']}\r\nContent-Length: {length}\r\n\r\n")
            upstream.sendall(head.encode() + body[: length // 2])
            time.sleep(0.2)
            target.kill()
        self.close_connection = True         # no answer at all: the client sees the connection drop


def test_server_killed_mid_push(two_document_store, oxigraph_factory, tmp_path):
    sizes = local_graph_sizes(two_document_store)
    assert set(sizes) == {SHARED_GRAPH, SAMPLE_GRAPH, SECOND_GRAPH}
    location = tmp_path / "dying-db"
    server = oxigraph_factory(location)
    _KillingProxy.puts = 0
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), _KillingProxy)
    proxy.target = server
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        endpoint = f"http://127.0.0.1:{proxy.server_address[1]}/query"
        started = time.monotonic()
        result = run_kg("push", "--endpoint", endpoint, "--store", two_document_store, timeout=60)
        assert time.monotonic() - started < 30
    finally:
        proxy.shutdown()
        proxy.server_close()
    message = one_line(result.stderr)
    assert result.returncode != 0
    assert "push stopped" in message and "pushed 1 of 3 graph(s)" in message
    # the shared graph goes first, then the documents in IRI order: the second document, the sample
    remaining = message.split("not pushed:", 1)[1]
    assert SAMPLE_GRAPH in remaining and SECOND_GRAPH in remaining and SHARED_GRAPH not in remaining
    assert "run kg push again" in message
    assert "Traceback" not in result.stderr

    # After a restart, every graph on the server is complete or absent.
    revived = oxigraph_factory(location)
    remote = revived.graph_sizes()
    assert remote.get(SHARED_GRAPH) == sizes[SHARED_GRAPH]
    assert remote.get(SECOND_GRAPH, 0) in (0, sizes[SECOND_GRAPH])
    assert SAMPLE_GRAPH not in remote

    # Running the push again resumes: everything is there, once.
    again = run_kg("push", "--endpoint", revived.query_url, "--store", two_document_store)
    assert again.returncode == 0, again.stderr
    assert revived.graph_sizes() == sizes


# ------------------------------------------------------------------------------ (h) build into a server
def test_build_straight_into_an_oxigraph_server(oxigraph_factory, tmp_path):
    """`kg build --endpoint` gives the server what `kg build --store` gives the embedded store.

    Both builds run side by side (same code, half the time), then every canned query must agree."""
    server = oxigraph_factory()
    local_store = tmp_path / "local"
    with ThreadPoolExecutor(2) as pool:
        remote_build = pool.submit(run_kg, "build", SAMPLE, "--endpoint", server.query_url)
        local_build = pool.submit(run_kg, "build", SAMPLE, "--store", local_store)
        remote_result, local_result = remote_build.result(), local_build.result()
    assert remote_result.returncode == 0, remote_result.stderr
    assert local_result.returncode == 0, local_result.stderr
    assert f"({server.quads()} in the store)" in remote_result.stdout
    assert server.graph_sizes() == local_graph_sizes(local_store)
    assert remote_quads(server) == local_quads(local_store)
    # the canned queries, in this process this time (the `kg query` paths are tested elsewhere)
    from kg.query import Rows, load_query, render
    from kg.remote import remote_select
    from kg.store import KnowledgeStore

    with KnowledgeStore(local_store, read_only=True) as kb:
        for name in QUERIES:
            sparql = load_query(name)
            remote_vars, remote_rows = json_rows(render(remote_select(server.query_url, sparql), "json"))
            local_vars, local_rows = json_rows(render(Rows.from_rdflib(kb.query(sparql)), "json"))
            assert remote_vars == local_vars
            assert normalise(remote_vars, remote_rows) == normalise(local_vars, local_rows), name
            if name in MUST_HAVE_ROWS:
                assert remote_rows, name


def test_remote_store_interface(built_store, oxigraph_factory):
    """RemoteStore as `kg build --endpoint` uses it: known actors, idempotent replace, length."""
    from rdflib import Graph, Literal, URIRef

    from kg.remote import RemoteStore
    from kg.store import KnowledgeStore

    server = oxigraph_factory()
    with RemoteStore(server.base) as remote:
        assert remote.graph_store == server.base + "/store"
        assert len(remote) == 0 and remote.known_actors() == []
        graph = Graph(identifier=URIRef("https://kg.example.org/id/graph/test"))
        graph.add((URIRef("https://kg.example.org/id/actor/x"), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                   URIRef("https://kg.example.org/ontology#Actor")))
        graph.add((URIRef("https://kg.example.org/id/actor/x"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                   Literal("Ex « é » \"quoted\"\nline")))
        assert remote.replace_graph(graph) == 2
        assert remote.replace_graph(graph) == 2
        assert len(remote) == 2
        [actor] = remote.known_actors()
        assert (actor.key, actor.label, actor.kind) == ("x", "Ex « é » \"quoted\"\nline", "Person")
    with KnowledgeStore(built_store, read_only=True) as kb:
        local = sorted((a.key, a.label, a.kind, sorted(a.aliases)) for a in kb.known_actors())
    push = run_kg("push", "--endpoint", server.query_url, "--store", built_store)
    assert push.returncode == 0, push.stderr
    with RemoteStore(server.query_url) as remote:
        remote.delete_graph("https://kg.example.org/id/graph/test")
        remote.delete_graph("https://kg.example.org/id/graph/test")      # absent: no error
        assert sorted((a.key, a.label, a.kind, sorted(a.aliases)) for a in remote.known_actors()) == local
        assert remote.documents() == [SAMPLE_GRAPH]
