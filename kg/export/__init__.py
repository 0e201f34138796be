"""Export the store as Turtle, TriG, N-Quads, N-Triples or JSON-LD.

Turtle and N-Triples hold the union of all documents (one graph, as another store would
load it); TriG, N-Quads and JSON-LD keep each document in its named graph. Oxigraph's own
serialisers do the work (far faster than rdflib's).
"""
from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from kg.store import KnowledgeStore
from kg.store.namespaces import PREFIXES

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}
EXTENSIONS = {"turtle": ".ttl", "ntriples": ".nt", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}
_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}


def export(store: KnowledgeStore, fmt: str, output: BinaryIO) -> int:
    """Write the store to `output`; returns the number of triples (or quads) written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    rdf_format, with_graphs = FORMATS[fmt]
    if with_graphs:
        # the store's own dump: as fast as exporting can be
        prefixes = _PREFIXES if rdf_format is not ox.RdfFormat.N_QUADS else None
        store.ox.dump(output, rdf_format, prefixes=prefixes)
        return len(store)
    triples = _union_triples(store)
    prefixes = _PREFIXES if rdf_format is ox.RdfFormat.TURTLE else None
    ox.serialize(triples, output, rdf_format, prefixes=prefixes)
    return len(triples)


def _union_triples(store: KnowledgeStore) -> list[ox.Triple]:
    """Each triple once, in the store's own order (graph by graph, each subject's triples together):
    stable for a given store, and sorting 1M triples in Python would double the time."""
    return list(dict.fromkeys(quad.triple for quad in store.quads()))
