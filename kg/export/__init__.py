"""Export the store as Turtle, TriG, N-Quads, N-Triples or JSON-LD.

Turtle and N-Triples hold the union of all documents (one graph, as another store would
load it); TriG, N-Quads and JSON-LD keep each document in its named graph. Oxigraph's own
serialisers do the work (far faster than rdflib's); JSON-LD goes through rdflib.
"""
from __future__ import annotations

import io
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset

from kg.store import KnowledgeStore
from kg.store.namespaces import PREFIXES

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (None, True),
}
EXTENSIONS = {"turtle": ".ttl", "ntriples": ".nt", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}
_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}


def export(store: KnowledgeStore, fmt: str, output: BinaryIO) -> int:
    """Write the store to `output`; returns the number of triples (or quads) written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    rdf_format, with_graphs = FORMATS[fmt]
    if fmt == "jsonld":
        return _jsonld(store, output)
    if with_graphs:
        quads = list(store.quads())
        prefixes = _PREFIXES if rdf_format is ox.RdfFormat.TRIG else None
        ox.serialize(quads, output, rdf_format, prefixes=prefixes)
        return len(quads)
    triples = _union_triples(store)
    prefixes = _PREFIXES if rdf_format is ox.RdfFormat.TURTLE else None
    ox.serialize(triples, output, rdf_format, prefixes=prefixes)
    return len(triples)


def _union_triples(store: KnowledgeStore) -> list[ox.Triple]:
    seen: dict[ox.Triple, None] = {}
    for quad in store.quads():
        seen.setdefault(quad.triple, None)
    return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _jsonld(store: KnowledgeStore, output: BinaryIO) -> int:
    buffer = io.BytesIO()
    ox.serialize(list(store.quads()), buffer, ox.RdfFormat.N_QUADS)
    dataset = Dataset()
    dataset.parse(data=buffer.getvalue().decode("utf-8"), format="nquads")
    output.write(dataset.serialize(format="json-ld", context=_PREFIXES, indent=1).encode("utf-8"))
    return len(dataset)
