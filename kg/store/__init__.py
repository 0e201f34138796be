"""The embedded, persistent store: rdflib's API over an Oxigraph database on disk.

Each live blog lives in its own named graph, and the actors and places they mention are
described once in a shared graph (see kg/store/layout.py); replacing a document's graph is one
Oxigraph transaction (DROP + INSERT DATA + merge of its cards), so a crash leaves the previous
version intact. Queries see the union of all graphs, as `kg serve` and an exported file do.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Iterable, Optional

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph

from kg.facts import Actor
from kg.store.layout import SHARED_GRAPH, prune_update, replace_document_update
from kg.store.mapping.core import graph_iri
from kg.store.namespaces import KG, PREFIXES

DEFAULT_STORE = "kg-store"


class StoreError(Exception):
    """The store cannot be opened or written; `str()` is a one-line message."""


def default_store_path() -> Path:
    return Path(os.environ.get("KG_STORE", DEFAULT_STORE))


class KnowledgeStore:
    def __init__(self, path: Optional[str | Path] = None, *, read_only: bool = False, create: bool = True):
        self.path = Path(path) if path is not None else default_store_path()
        self.read_only = read_only
        if read_only or not create:
            if not self.path.is_dir():
                raise StoreError(f"{self.path}: no kg store here (build one with `kg build FILE --store {self.path}`)")
        elif not self.path.exists():
            self.path.mkdir(parents=True)
        try:
            self.ox = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"{self.path}: the store is in use by another kg process (one writer at a time); "
                                 "wait for it to finish or use --store to pick another folder") from None
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from None
        self.dataset = Dataset(store=OxigraphStore(store=self.ox), default_union=True)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace)

    def __enter__(self) -> "KnowledgeStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if not self.read_only:
            self.ox.flush()
        # RocksDB closes when the last reference goes: drop ours and rdflib's, now
        self.dataset.store.close()
        del self.dataset
        del self.ox
        gc.collect()

    def __len__(self) -> int:
        return len(self.ox)

    # -------------------------------------------------------------- writing
    def replace_graph(self, graph: Graph) -> int:
        """Put a document's graph in place of its previous version, atomically."""
        self.ox.update(replace_document_update(graph))
        return len(graph)

    def prune(self) -> None:
        """Forget the actors and places that no document mentions any more."""
        self.ox.update(prune_update())

    def remove_document(self, doc_id: str) -> None:
        self.ox.update(f"DROP SILENT GRAPH <{graph_iri(doc_id)}> ;\n{prune_update()}")

    def documents(self) -> list[str]:
        shared = str(SHARED_GRAPH)
        return sorted(str(g.value) for g in self.ox.named_graphs() if g.value != shared)

    # -------------------------------------------------------------- reading
    def query(self, sparql: str):
        """Run SPARQL over the union of the documents; returns an rdflib Result."""
        return self.dataset.query(sparql)

    def solutions(self, sparql: str):
        """Run SPARQL over the union of the documents straight on Oxigraph (pyoxigraph's result: for
        large SELECTs, making rdflib terms of every row took as long as the query itself)."""
        return self.ox.query(sparql, use_default_graph_as_union=True)

    def known_actors(self) -> list[Actor]:
        """Actors of earlier documents, so that a new document reuses their nodes."""
        rows = self.ox.query(
            """PREFIX kg: <%s> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
            SELECT ?a ?label ?type (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?alts) (SAMPLE(?same) AS ?sameAs)
            WHERE { ?a a kg:Actor ; rdfs:label ?label . OPTIONAL { ?a a ?type FILTER(?type IN (kg:Person, kg:Organization, kg:Country, kg:Group)) }
                    OPTIONAL { ?a skos:altLabel ?alt } OPTIONAL { ?a owl:sameAs ?same } }
            GROUP BY ?a ?label ?type""" % KG,
            use_default_graph_as_union=True)
        actors = []
        for row in rows:
            key = row["a"].value.rsplit("/", 1)[-1]
            kind = row["type"].value.rsplit("#", 1)[-1] if row["type"] else "Person"
            alts = set(row["alts"].value.split("\u001f")) - {""} if row["alts"] else set()
            qid = row["sameAs"].value.rsplit("/", 1)[-1] if row["sameAs"] else None
            actors.append(Actor(key, row["label"].value, kind, qid, alts))
        return actors

    def quads(self) -> Iterable[ox.Quad]:
        return self.ox.quads_for_pattern(None, None, None, None)
