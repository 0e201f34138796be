"""kg.remote without a server: URL derivation, credentials, SPARQL JSON to rdflib terms."""
from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from kg.query import render
from kg.remote import RemoteError, derive_endpoints, resolve_auth, rows_from_json

XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


@pytest.mark.parametrize("url, query, update, store", [
    ("http://h:7878", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:7878/", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:7878/query", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:7878/store", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:3030/kg/sparql", "http://h:3030/kg/sparql", "http://h:3030/kg/update", "http://h:3030/kg/data"),
    ("http://h:3030/kg/query", "http://h:3030/kg/query", "http://h:3030/kg/update", "http://h:3030/kg/data"),
    ("http://h:3030/kg", "http://h:3030/kg", "http://h:3030/kg", "http://h:3030/kg"),
    ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements",
     "http://h:7200/repositories/kg/rdf-graphs/service"),
    ("https://h/graphdb/repositories/kg", "https://h/graphdb/repositories/kg",
     "https://h/graphdb/repositories/kg/statements", "https://h/graphdb/repositories/kg/rdf-graphs/service"),
    ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud"),
    ("http://h:8890/sparql-auth", "http://h:8890/sparql-auth", "http://h:8890/sparql-auth",
     "http://h:8890/sparql-graph-crud-auth"),
])
def test_derived_endpoints(url, query, update, store):
    endpoints = derive_endpoints(url)
    assert (endpoints.query, endpoints.update, endpoints.graph_store) == (query, update, store)


@pytest.mark.parametrize("url", ["localhost:7878", "ftp://h/query", "http://", "/query"])
def test_not_an_http_url(url):
    with pytest.raises(RemoteError, match="not an http"):
        derive_endpoints(url)


def test_remote_error_is_a_value_error():
    assert issubclass(RemoteError, ValueError)     # kg query catches ValueError


def test_credentials_from_the_environment(monkeypatch):
    for name in ("KG_ENDPOINT_TOKEN", "KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD", "KG_ENDPOINT_AUTH"):
        monkeypatch.delenv(name, raising=False)
    assert not resolve_auth().given
    monkeypatch.setenv("KG_ENDPOINT_USER", "u")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "p")
    auth = resolve_auth()
    assert (auth.user, auth.password, auth.token, auth.digest) == ("u", "p", None, False)
    assert resolve_auth(user="v", password="q").user == "v"
    monkeypatch.setenv("KG_ENDPOINT_TOKEN", "t")
    assert resolve_auth().token == "t"
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD")
    monkeypatch.delenv("KG_ENDPOINT_TOKEN")
    with pytest.raises(RemoteError, match="needs a password"):
        resolve_auth()


def test_json_bindings_become_the_terms_the_embedded_store_gives():
    data = {"head": {"vars": ["u", "plain", "lang", "typed", "blank", "unbound"]},
            "results": {"bindings": [{
                "u": {"type": "uri", "value": "https://kg.example.org/id/actor/x"},
                "plain": {"type": "literal", "value": "texte, \"cité\""},
                "lang": {"type": "literal", "value": "Kiev", "xml:lang": "fr"},
                "typed": {"type": "typed-literal", "value": "12", "datatype": str(XSD_INTEGER)},
                "blank": {"type": "bnode", "value": "b0"}}]}}
    rows = rows_from_json(data)
    assert rows.variables == ["u", "plain", "lang", "typed", "blank", "unbound"]
    assert rows.rows == [[URIRef("https://kg.example.org/id/actor/x"), Literal("texte, \"cité\"", datatype=XSD_STRING),
                          Literal("Kiev", lang="fr"), Literal("12", datatype=XSD_INTEGER), BNode("b0"), None]]
    assert render(rows, "csv").splitlines()[1] == 'https://kg.example.org/id/actor/x,"texte, ""cité""",Kiev,12,b0,'


def test_ask_results_are_not_rows():
    with pytest.raises(RemoteError, match="only SELECT"):
        rows_from_json({"head": {}, "boolean": True})
