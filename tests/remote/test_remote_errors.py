"""Errors a remote store can throw at kg: refused connections, wrong URLs, 401s, silence.

Each ends with a non-zero exit and one clear line naming the URL; credentials (basic, digest,
bearer token) get through when given.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from .support import free_port, one_line, run_kg

USER, PASSWORD, TOKEN, REALM = "alice", "s3cret", "t0ken", "SPARQL"
ONE_ROW = {"head": {"vars": ["entry", "published", "title"]},
           "results": {"bindings": [{"entry": {"type": "uri", "value": "https://kg.example.org/id/entry/x"},
                                     "published": {"type": "literal", "value": "2025-03-11T08:08:00+01:00",
                                                   "datatype": "http://www.w3.org/2001/XMLSchema#dateTime"},
                                     "title": {"type": "literal", "value": "Titre", "xml:lang": "fr"}}]}}


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 - what digest auth uses


class _Guarded(BaseHTTPRequestHandler):
    """A SPARQL endpoint and graph store that wants credentials (mode: basic, digest or bearer)."""

    mode = "basic"
    seen: list = []

    def log_message(self, *args):
        pass

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        type(self).seen.append(header)
        if self.mode == "basic":
            return header == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.mode == "bearer":
            return header == f"Bearer {TOKEN}"
        if not header.startswith("Digest "):
            return False
        fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header[7:]))
        ha1 = _md5(f"{fields.get('username')}:{REALM}:{PASSWORD}")
        ha2 = _md5(f"{self.command}:{fields.get('uri')}")
        expected = _md5(f"{ha1}:{fields.get('nonce')}:{fields.get('nc')}:{fields.get('cnonce')}:{fields.get('qop')}:{ha2}")
        return fields.get("username") == USER and fields.get("response") == expected

    def _challenge(self) -> str:
        if self.mode == "digest":
            return f'Digest realm="{REALM}", nonce="n0nce", qop="auth", algorithm=MD5'
        if self.mode == "bearer":
            return 'Bearer realm="kg-test"'
        return f'Basic realm="{REALM}"'

    def _answer(self, status: int, body: bytes = b"", content_type: str = "text/plain") -> None:
        self.send_response(status)
        if status == 401:
            self.send_header("WWW-Authenticate", self._challenge())
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if not self._authorised():
            self._answer(401, b"Unauthorized")
        elif self.command == "PUT":
            self._answer(201)
        else:
            self._answer(200, json.dumps(ONE_ROW).encode(), "application/sparql-results+json")

    do_GET = do_POST = do_PUT = _handle  # noqa: N815


@pytest.fixture
def guarded() -> Iterator:
    servers = []

    def start(mode: str) -> str:
        handler = type(f"Guarded_{mode}", (_Guarded,), {"mode": mode, "seen": []})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        server.handler = handler
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------------------ (c) unreachable, wrong URL
def test_connection_refused(built_store):
    url = f"http://127.0.0.1:{free_port()}/query"
    query = run_kg("query", "timeline", "--endpoint", url)
    assert query.returncode == 2
    assert one_line(query.stderr) == f"kg: timeline: {url}: the server is not reachable (connection refused): " \
                                     "is it running, on this host and port?"
    push = run_kg("push", "--endpoint", url, "--store", built_store)
    assert push.returncode == 1
    message = one_line(push.stderr)
    assert "not reachable (connection refused)" in message and url.replace("/query", "/store") in message
    assert "Traceback" not in push.stderr + query.stderr


def test_wrong_urls(built_store, oxigraph_server):
    wrong = oxigraph_server.base + "/no-such-endpoint"
    query = run_kg("query", "timeline", "--endpoint", wrong)
    assert query.returncode == 2
    assert f"{wrong}: HTTP 404" in one_line(query.stderr)
    push = run_kg("push", "--endpoint", oxigraph_server.query_url, "--graph-store", wrong, "--store", built_store)
    assert push.returncode == 1
    assert f"{wrong} (graph https://kg.example.org/id/graph/actors-and-places): HTTP 404" in one_line(push.stderr)
    not_http = run_kg("query", "timeline", "--endpoint", "localhost:7878/query")
    assert not_http.returncode == 2 and "not an http:// or https:// URL" in one_line(not_http.stderr)


def test_a_server_that_never_answers_meets_the_time_limit(built_store):
    """A server that accepts connections and says nothing: a clear time-out, not a hang."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)                      # the kernel accepts; nobody ever answers
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
    try:
        started = time.monotonic()
        query = run_kg("query", "timeline", "--endpoint", url, env={"KG_ENDPOINT_TIMEOUT": "2"}, timeout=60)
        push = run_kg("push", "--endpoint", url, "--store", built_store, "--timeout", "2", timeout=60)
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert query.returncode == 2 and f"{url}: no answer within 2 s" in one_line(query.stderr)
    assert push.returncode == 1 and "no answer within 2 s" in one_line(push.stderr)
    assert "https://kg.example.org/id/graph/liveblog-2025-03-11" in one_line(push.stderr).split("not pushed:")[1]
    assert elapsed < 30


# ------------------------------------------------------------------------------ (d) 401 and credentials
def test_401_says_authentication_is_needed(guarded, built_store):
    base = guarded("basic")
    query = run_kg("query", "timeline", "--endpoint", base + "/query")
    assert query.returncode == 2
    message = one_line(query.stderr)
    assert f"{base}/query: HTTP 401" in message and "needs authentication" in message
    push = run_kg("push", "--endpoint", base + "/query", "--store", built_store)
    assert push.returncode == 1
    message = one_line(push.stderr)
    assert "HTTP 401" in message and "needs authentication" in message and "--user/--password" in message


def test_401_with_wrong_credentials(guarded, built_store):
    base = guarded("basic")
    env = {"KG_ENDPOINT_USER": USER, "KG_ENDPOINT_PASSWORD": "wrong"}
    query = run_kg("query", "timeline", "--endpoint", base + "/query", env=env)
    assert query.returncode == 2 and "refused the credentials" in one_line(query.stderr)
    push = run_kg("push", "--endpoint", base + "/query", "--store", built_store, "--user", USER, "--password", "nope")
    assert push.returncode == 1 and "refused the credentials" in one_line(push.stderr)


def test_basic_credentials_get_through(guarded, built_store):
    base = guarded("basic")
    push = run_kg("push", "--endpoint", base + "/query", "--store", built_store, "--user", USER, "--password", PASSWORD)
    assert push.returncode == 0, push.stderr
    query = run_kg("query", "timeline", "--endpoint", base + "/query", "--format", "csv",
                   env={"KG_ENDPOINT_USER": USER, "KG_ENDPOINT_PASSWORD": PASSWORD})
    assert query.returncode == 0, query.stderr
    assert query.stdout.splitlines()[1] == "https://kg.example.org/id/entry/x,2025-03-11T08:08:00+01:00,Titre"


def test_bearer_token_from_the_environment(guarded, built_store):
    base = guarded("bearer")
    env = {"KG_ENDPOINT_TOKEN": TOKEN}
    assert run_kg("push", "--endpoint", base + "/query", "--store", built_store, env=env).returncode == 0
    query = run_kg("query", "timeline", "--endpoint", base + "/query", env=env)
    assert query.returncode == 0, query.stderr
    refused = run_kg("query", "timeline", "--endpoint", base + "/query", env={"KG_ENDPOINT_TOKEN": "other"})
    assert refused.returncode == 2 and "refused the credentials" in one_line(refused.stderr)


def test_digest_credentials_get_through(guarded, built_store):
    """Virtuoso's authenticated endpoints use digest: push finds out from the challenge."""
    base = guarded("digest")
    push = run_kg("push", "--endpoint", base + "/sparql", "--graph-store", base + "/sparql-graph-crud-auth",
                  "--store", built_store, "--user", USER, "--password", PASSWORD)
    assert push.returncode == 0, push.stderr
    query = run_kg("query", "timeline", "--endpoint", base + "/sparql",
                   env={"KG_ENDPOINT_USER": USER, "KG_ENDPOINT_PASSWORD": PASSWORD, "KG_ENDPOINT_AUTH": "digest"})
    assert query.returncode == 0, query.stderr


def test_a_user_without_a_password_is_refused(built_store):
    result = run_kg("push", "--endpoint", f"http://127.0.0.1:{free_port()}/query", "--store", built_store,
                    "--user", USER)
    assert result.returncode == 2 and "needs a password" in one_line(result.stderr)
