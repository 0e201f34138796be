"""kg beyond one laptop: query, build into and push to a remote SPARQL store.

Two standard protocols, nothing store-specific:

* SPARQL 1.1 Protocol for queries (through SPARQLWrapper, JSON results), turned into the
  same `kg.query.Rows` of rdflib terms the embedded store gives, so `kg query --endpoint`
  prints the same table, CSV, TSV or JSON;
* SPARQL 1.1 Graph Store HTTP Protocol for writes (through httpx: rdflib has no client):
  one `PUT ...?graph=IRI` per document graph, which replaces the graph and is therefore
  idempotent (pushing twice leaves the remote store as it was).

Remote stores are expected to answer queries over the union of their named graphs (as
`kg serve` and the embedded store do): see docs/remote.md for Fuseki, GraphDB, Virtuoso
and Oxigraph.

Credentials: `user`/`password` (basic auth, or digest when the server asks for it) or a
bearer `token`; each falls back to KG_ENDPOINT_USER, KG_ENDPOINT_PASSWORD and
KG_ENDPOINT_TOKEN. KG_ENDPOINT_TIMEOUT sets the default time limit in seconds.
"""
from __future__ import annotations

import http.client
import json
import os
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import urlsplit, urlunsplit

import httpx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.facts import Actor
from kg.query import Rows
from kg.store.layout import SHARED_GRAPH, merge_cards_update, ntriples, prune_update, split_cards
from kg.store.namespaces import KG

DEFAULT_TIMEOUT = 60.0
TURTLE = "text/turtle; charset=utf-8"   # N-Triples bodies are valid Turtle, and every store reads Turtle


class RemoteError(ValueError):
    """A remote store failed or cannot be reached; `str()` is a one-line message naming the URL.

    A ValueError so that `kg query` reports it like a bad query (exit code 2).
    """

    def __init__(self, message: str, *, url: str = "", status: Optional[int] = None):
        super().__init__(message)
        self.url = url
        self.status = status


# ----------------------------------------------------------------------------- endpoints
@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    graph_store: str


def _check_url(url: str) -> tuple:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(f"{url}: not an http:// or https:// URL", url=url)
    return parts


def derive_endpoints(url: str) -> Endpoints:
    """Query, update and graph store URLs from the one URL the user gave.

    * Oxigraph server (`http://host:7878`, `.../query`, `.../update` or `.../store`):
      `/query`, `/update`, `/store`;
    * Fuseki (`http://host:3030/ds/sparql`, `/ds/query`, `/ds/update`, `/ds/data`):
      `/ds/sparql`, `/ds/update`, `/ds/data`; the bare dataset URL `/ds` does all three;
    * GraphDB and RDF4J (`http://host:7200/repositories/REPO`): `.../statements` for updates,
      `.../rdf-graphs/service` for the graph store;
    * Virtuoso (`http://host:8890/sparql`): `/sparql` and `/sparql-graph-crud` (use
      `--graph-store .../sparql-graph-crud-auth` with credentials);
    * anything else: the URL itself for all three (override with `graph_store=`/`update=`).
    """
    parts = _check_url(url)
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))

    given = urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
    if path in ("", "/query", "/update", "/store"):
        return Endpoints(at("/query"), at("/update"), at("/store"))
    if path == "/sparql":                                     # Virtuoso
        return Endpoints(given, given, at("/sparql-graph-crud"))
    if path in ("/sparql-auth", "/sparql-graph-crud", "/sparql-graph-crud-auth"):
        auth = path.endswith("-auth")
        return Endpoints(at("/sparql-auth" if auth else "/sparql"), at("/sparql-auth" if auth else "/sparql"),
                         at("/sparql-graph-crud-auth" if auth else "/sparql-graph-crud"))
    segments = path.split("/")
    if len(segments) >= 3 and segments[-2] == "repositories":   # GraphDB, RDF4J
        return Endpoints(given, at(path + "/statements"), at(path + "/rdf-graphs/service"))
    if "repositories" in segments:
        i = segments.index("repositories")
        if i + 1 < len(segments):
            repo = "/".join(segments[: i + 2])
            return Endpoints(at(repo), at(repo + "/statements"), at(repo + "/rdf-graphs/service"))
    last = segments[-1]
    if last in ("sparql", "query", "update", "data", "get"):   # Fuseki dataset services
        dataset = "/".join(segments[:-1])
        query = given if last in ("sparql", "query") else at(dataset + "/sparql")
        return Endpoints(query, at(dataset + "/update"), at(dataset + "/data"))
    return Endpoints(given, given, given)


# ----------------------------------------------------------------------------- credentials
@dataclass(frozen=True)
class Auth:
    user: Optional[str] = None
    password: Optional[str] = None
    token: Optional[str] = None
    digest: bool = False        # SPARQLWrapper cannot find out by itself; httpx can

    @property
    def given(self) -> bool:
        return bool(self.token or self.user)

    def httpx_auth(self) -> Optional[httpx.Auth]:
        if self.token:
            return _BearerAuth(self.token)
        if self.user:
            if self.digest:
                return httpx.DigestAuth(self.user, self.password or "")
            return _BasicThenDigest(self.user, self.password or "")
        return None


def resolve_auth(user: Optional[str] = None, password: Optional[str] = None,
                 token: Optional[str] = None) -> Auth:
    """Explicit credentials first, then KG_ENDPOINT_TOKEN / KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD."""
    env = os.environ
    token = token or env.get("KG_ENDPOINT_TOKEN") or None
    user = user or env.get("KG_ENDPOINT_USER") or None
    password = password if password is not None else env.get("KG_ENDPOINT_PASSWORD")
    if user and password is None:
        raise RemoteError("a user name needs a password: pass --password or set KG_ENDPOINT_PASSWORD")
    if password is not None and not user and not token:
        raise RemoteError("a password needs a user name: pass --user or set KG_ENDPOINT_USER")
    digest = env.get("KG_ENDPOINT_AUTH", "").strip().lower() == "digest"
    return Auth(user, password, token, digest)


def default_timeout() -> float:
    value = os.environ.get("KG_ENDPOINT_TIMEOUT")
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise RemoteError(f"KG_ENDPOINT_TIMEOUT must be a number of seconds, not {value!r}") from None
    if seconds <= 0:
        raise RemoteError(f"KG_ENDPOINT_TIMEOUT must be positive, not {value!r}")
    return seconds


class _BearerAuth(httpx.Auth):
    def __init__(self, token: str):
        self.token = token

    def auth_flow(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


class _BasicThenDigest(httpx.Auth):
    """Basic auth up front; if the server answers with a Digest challenge (Virtuoso), use digest."""
    requires_request_body = True

    def __init__(self, user: str, password: str):
        self.basic = httpx.BasicAuth(user, password)
        self.digest = httpx.DigestAuth(user, password)

    def auth_flow(self, request):
        response = yield next(self.basic.auth_flow(request))
        challenge = response.headers.get("www-authenticate", "")
        if response.status_code == 401 and challenge.lower().startswith("digest"):
            request.headers.pop("Authorization", None)
            digest_flow = self.digest.auth_flow(request)
            next(digest_flow)                  # its unauthenticated probe: we already have the answer
            try:
                yield digest_flow.send(response)
            except StopIteration:
                return


# ----------------------------------------------------------------------------- messages
def _first_line(body: Any, limit: int = 200) -> str:
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    text = " ".join(str(body or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def http_error_message(url: str, status: int, reason: str, body: Any, auth_given: bool,
                       check: str = "check the URL") -> str:
    detail = _first_line(body)
    if status == 401:
        if auth_given:
            return (f"{url}: HTTP 401 Unauthorized: the server refused the credentials "
                    "(check --user/--password, KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD or KG_ENDPOINT_TOKEN)")
        return (f"{url}: HTTP 401 Unauthorized: the server needs authentication "
                "(pass --user/--password, or set KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD or KG_ENDPOINT_TOKEN)")
    if status == 403:
        return f"{url}: HTTP 403 Forbidden: {detail or 'the server refuses this operation'}"
    if status == 404:
        return f"{url}: HTTP 404 Not Found: no SPARQL service at this URL ({check})"
    if status == 405:
        return f"{url}: HTTP 405 Method Not Allowed: this URL does not take this request ({check})"
    if status == 413:
        return f"{url}: HTTP 413 Payload Too Large: the server refuses a body this big"
    text = f"{url}: HTTP {status} {reason}".rstrip()
    return f"{text}: {detail}" if detail else text


def connection_error_message(url: str, exc: BaseException, timeout: float) -> str:
    reason = getattr(exc, "reason", exc)
    text = str(reason)
    lowered = text.lower()
    if isinstance(reason, ConnectionRefusedError) or "refused" in lowered:
        return f"{url}: the server is not reachable (connection refused): is it running, on this host and port?"
    if isinstance(reason, socket.gaierror) or "name or service not known" in lowered \
            or "nodename nor servname" in lowered or "name resolution" in lowered:
        return f"{url}: unknown host: {text}"
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in lowered:
        return f"{url}: no answer within {timeout:g} s (set KG_ENDPOINT_TIMEOUT for a longer limit)"
    if "disconnected" in lowered or "closed" in lowered or "reset" in lowered or "eof" in lowered:
        return f"{url}: the server closed the connection without a complete answer ({text})"
    return f"{url}: cannot talk to the server: {text or type(reason).__name__}"


# ----------------------------------------------------------------------------- queries
def _to_term(value: dict[str, Any]):
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        if lang:
            return Literal(text, lang=lang)
        # A simple literal is an xsd:string (RDF 1.1), as the embedded store reports it.
        return Literal(text, datatype=URIRef(value.get("datatype") or XSD.string))
    if kind == "triple":                     # RDF 1.2 triple term: print it in N-Triples-like form
        inner = value.get("value") or {}
        parts = [_to_term(inner.get(k, {})) for k in ("subject", "predicate", "object")]
        return Literal("<< " + " ".join(p.n3() if p is not None else "?" for p in parts) + " >>")
    raise ValueError(f"unknown term type {kind!r} in a SPARQL JSON result")


def rows_from_json(data: dict[str, Any]) -> Rows:
    if "boolean" in data:
        raise RemoteError("only SELECT queries print as rows (this query is an ASK)")
    variables = list(data.get("head", {}).get("vars", []))
    rows = []
    for binding in data.get("results", {}).get("bindings", []):
        rows.append([_to_term(binding[v]) if v in binding else None for v in variables])
    return Rows(variables, rows)


def _sparqlwrapper_class():
    from SPARQLWrapper import SPARQLWrapper

    class Wrapper(SPARQLWrapper):
        """SPARQLWrapper that lets urllib's HTTPError through, with its status, headers and body."""

        def _query(self):
            request = self._createRequest()
            return urllib.request.urlopen(request, timeout=self.timeout), self.returnFormat

    return Wrapper


def _cancelled_hint(raw: bytes) -> str:
    tail = raw[-300:].decode("utf-8", "replace")
    for line in reversed(tail.replace("[", "\n").replace("}", "\n").splitlines()):
        line = line.strip()
        if line and not line.startswith(("{", '"', ",")):
            return line
    return ""


def remote_select(endpoint: str, sparql: str, *, user: Optional[str] = None, password: Optional[str] = None,
                  token: Optional[str] = None, timeout: Optional[float] = None,
                  auth: Optional[Auth] = None) -> Rows:
    """Run a SELECT query at a SPARQL endpoint; returns rows of rdflib terms like the embedded store."""
    from SPARQLWrapper import BASIC, DIGEST, JSON, POST, URLENCODED

    auth = auth or resolve_auth(user, password, token)
    timeout = timeout if timeout is not None else default_timeout()
    query_url = derive_endpoints(endpoint).query     # an Oxigraph server's root means its /query
    wrapper = _sparqlwrapper_class()(query_url, agent="kg (SPARQLWrapper)")
    wrapper.setQuery(sparql)
    if wrapper.queryType not in ("SELECT", None):
        raise RemoteError(f"only SELECT queries print as rows (this query is a {wrapper.queryType})", url=query_url)
    wrapper.setReturnFormat(JSON)
    wrapper.setOnlyConneg(True)              # no format=/output= parameters: some servers reject them
    wrapper.setMethod(POST)                   # long queries do not fit in a URL
    wrapper.setRequestMethod(URLENCODED)
    wrapper.setTimeout(max(1, round(timeout)))
    if auth.token:
        wrapper.addCustomHttpHeader("Authorization", f"Bearer {auth.token}")
    elif auth.user:
        wrapper.setHTTPAuth(DIGEST if auth.digest else BASIC)
        wrapper.setCredentials(auth.user, auth.password or "")
    try:
        result = wrapper.query()
        response = result.response
        raw = response.read()
        content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        try:
            body = exc.read()
        except Exception:  # noqa: BLE001 - the body is only a hint
            body = b""
        raise RemoteError(http_error_message(query_url, exc.code, exc.reason or "", body, auth.given),
                          url=query_url, status=exc.code) from None
    except http.client.IncompleteRead:
        raise RemoteError(f"{query_url}: the answer stopped before its end (the server closed the connection)",
                          url=query_url) from None
    except (urllib.error.URLError, OSError) as exc:
        raise RemoteError(connection_error_message(query_url, exc, timeout), url=query_url) from None
    except Exception as exc:  # http.client.IncompleteRead, RemoteDisconnected, ...
        raise RemoteError(connection_error_message(query_url, exc, timeout), url=query_url) from None
    if "json" not in content_type.lower():
        raise RemoteError(f"{query_url}: the server answered {content_type or 'without a Content-Type'}, "
                          "not SPARQL JSON results: is this a SPARQL query endpoint?", url=query_url)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        hint = _cancelled_hint(raw)
        said = f" (the server said: {hint!r})" if hint else ""
        raise RemoteError(f"{query_url}: the result stopped before its end{said}: the query probably ran past "
                          "the server's time limit (kg serve --timeout-s) or the server failed mid-way",
                          url=query_url) from None
    if not isinstance(data, dict):
        raise RemoteError(f"{query_url}: the answer is not SPARQL JSON results", url=query_url)
    return rows_from_json(data)


# ----------------------------------------------------------------------------- the store
KNOWN_ACTORS = """PREFIX kg: <%s> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?a ?label ?type (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?alts) (SAMPLE(?same) AS ?sameAs)
WHERE { ?a a kg:Actor ; rdfs:label ?label . OPTIONAL { ?a a ?type FILTER(?type IN (kg:Person, kg:Organization, kg:Country, kg:Group)) }
        OPTIONAL { ?a skos:altLabel ?alt } OPTIONAL { ?a owl:sameAs ?same } }
GROUP BY ?a ?label ?type""" % KG

COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class RemoteStore:
    """A remote SPARQL store with the interface `kg build` writes through (like KnowledgeStore).

    `endpoint` is the query URL (or the server's root for Oxigraph); the graph store and
    update URLs are derived from it (see `derive_endpoints`) unless given.
    """

    def __init__(self, endpoint: str, *, graph_store: Optional[str] = None, update: Optional[str] = None,
                 user: Optional[str] = None, password: Optional[str] = None, token: Optional[str] = None,
                 timeout: Optional[float] = None):
        derived = derive_endpoints(endpoint)
        self.endpoint = derived.query
        self.update_url = update or derived.update
        self.graph_store = graph_store or derived.graph_store
        for url in (self.update_url, self.graph_store):
            _check_url(url)
        self.auth = resolve_auth(user, password, token)
        self.timeout = float(timeout) if timeout is not None else default_timeout()
        self.client = httpx.Client(timeout=httpx.Timeout(self.timeout), auth=self.auth.httpx_auth(),
                                   headers={"User-Agent": "kg"}, follow_redirects=True)

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r}, graph_store={self.graph_store!r})"

    def close(self) -> None:
        self.client.close()

    # -------------------------------------------------------------- reading
    def select(self, sparql: str) -> Rows:
        return remote_select(self.endpoint, sparql, auth=self.auth, timeout=self.timeout)

    def known_actors(self) -> list[Actor]:
        """Actors already in the remote store (same query as KnowledgeStore.known_actors)."""
        actors = []
        for a, label, kind, alts, same in self.select(KNOWN_ACTORS).rows:
            if a is None or label is None:
                continue
            key = str(a).rsplit("/", 1)[-1]
            kind_name = str(kind).rsplit("#", 1)[-1] if kind is not None else "Person"
            aliases = set(str(alts).split("\u001f")) - {""} if alts is not None else set()
            qid = str(same).rsplit("/", 1)[-1] if same is not None else None
            actors.append(Actor(key, str(label), kind_name, qid, aliases))
        return actors

    def __len__(self) -> int:
        """Quads in the remote store's named graphs (kg writes nothing to the default graph)."""
        rows = self.select(COUNT_QUADS).rows
        return int(rows[0][0].toPython()) if rows and rows[0][0] is not None else 0

    def documents(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows
        return sorted(str(r[0]) for r in rows if r[0] is not None and r[0] != SHARED_GRAPH)

    # -------------------------------------------------------------- writing
    def _request(self, method: str, url, shown: Optional[str] = None, **kwargs) -> httpx.Response:
        shown = shown or str(url)
        try:
            response = self.client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise RemoteError(f"{shown}: no answer within {self.timeout:g} s "
                              "(set --timeout or KG_ENDPOINT_TIMEOUT for a longer limit)", url=shown) from None
        except httpx.HTTPError as exc:
            raise RemoteError(connection_error_message(shown, exc, self.timeout), url=shown) from None
        if response.status_code >= 400:
            raise RemoteError(http_error_message(shown, response.status_code, response.reason_phrase,
                                                 response.content, self.auth.given,
                                                 check="check the URL, or give it with --graph-store"),
                              url=shown, status=response.status_code)
        return response

    def _shown(self, name: Optional[str]) -> str:
        return f"{self.graph_store} (graph {name})" if name is not None else f"{self.graph_store} (default graph)"

    def put_graph(self, name: Optional[str], body: bytes, content_type: str = TURTLE) -> None:
        """Replace graph `name` (None: the default graph) with `body` (Graph Store Protocol PUT)."""
        params = {"graph": str(name)} if name is not None else {"default": ""}
        self._request("PUT", self._gsp_url(params), shown=self._shown(name), content=body,
                      headers={"Content-Type": content_type})

    def delete_graph(self, name: str) -> None:
        """Drop a graph; a graph that is not there is no error."""
        try:
            self._request("DELETE", self._gsp_url({"graph": str(name)}), shown=self._shown(name))
        except RemoteError as exc:
            if exc.status != 404:
                raise

    def _gsp_url(self, params: dict[str, str]) -> httpx.URL:
        url = httpx.URL(self.graph_store)
        if "default" in params:          # `?default` has no value in the protocol
            query = (url.query.decode() + "&" if url.query else "") + "default"
            return url.copy_with(query=query.encode())
        return url.copy_merge_params(params)

    def replace_graph(self, graph: Graph) -> int:
        """Put a document's graph in place of its previous version (PUT: idempotent, atomic on the
        server), then merge the cards of its actors and places into the shared graph."""
        name = graph.identifier
        if not isinstance(name, URIRef) or name == SHARED_GRAPH:
            raise ValueError("a document graph needs its own IRI name")
        own, cards = split_cards(graph)
        self.put_graph(str(name), ntriples(own).encode("utf-8"))
        if cards:
            self.update(merge_cards_update(cards))
        return len(graph)

    def prune(self) -> None:
        """Forget the actors and places that no document mentions any more."""
        self.update(prune_update())

    def update(self, sparql: str) -> None:
        """Run a SPARQL update at the update endpoint."""
        self._request("POST", self.update_url, data={"update": sparql})
