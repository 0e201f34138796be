"""How a document's graph is laid out in a store: its own named graph, plus one shared graph
that describes each actor and place once.

Every document mentions actors and places that other documents mention too. If each document's
graph repeated their descriptions (types, labels, Wikidata link), a query over the union of the
graphs would see those triples once per document: Oxigraph 0.5's union default graph keeps
duplicates, so joins on an actor's label would multiply rows, and would get slower as the
archive grows. So the descriptions ("cards") go to `SHARED_GRAPH`, written with set semantics:
a document adds its cards; the names it gives replace the previous ones (one label per actor,
the latest build wins), alternative labels and types accumulate. What a document says about an
actor (its mentions, its facts) stays in the document's graph, so dropping a document's graph
drops its part; `prune_update()` then removes the cards no document refers to.
"""
from __future__ import annotations

from typing import Iterable

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.store.namespaces import ID, KG, OWL, RDF, RDFS, SKOS

SHARED_GRAPH = ID["graph/actors-and-places"]
CARD_SUBJECTS = (str(ID["actor/"]), str(ID["place/"]))
CARD_PREDICATES = frozenset({RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel, OWL.sameAs,
                             KG.placeKind, KG.country})
# a later build's value replaces the earlier one for these; the others accumulate
SINGLE_VALUED = (RDFS.label, SKOS.prefLabel, OWL.sameAs, KG.placeKind, KG.country)
REPLACED_TYPES = (KG.Person, KG.Organization, KG.Country, KG.Group)


def is_card_triple(triple: tuple[Node, Node, Node]) -> bool:
    s, p, _ = triple
    return isinstance(s, URIRef) and p in CARD_PREDICATES and str(s).startswith(CARD_SUBJECTS)


def split_cards(graph: Graph) -> tuple[list, list]:
    """The document's own triples, and the cards of the actors and places it mentions."""
    own, cards = [], []
    for triple in graph:
        (cards if is_card_triple(triple) else own).append(triple)
    return own, cards


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)


def merge_cards_update(cards: list) -> str:
    """SPARQL Update that merges a document's cards into the shared graph: for each subject, the
    single-valued properties this document gives replace the stored ones (those it does not give
    are kept: a document that names a country only as a place's state gives no Wikidata link)."""
    if not cards:
        return ""
    replaced = sorted({(s, p) for s, p, o in cards if p in SINGLE_VALUED or (p == RDF.type and o in REPLACED_TYPES)})
    shared = SHARED_GRAPH.n3()
    insert = f"INSERT DATA {{ GRAPH {shared} {{\n{ntriples(cards)}\n}} }}"
    if not replaced:
        return insert
    pairs = " ".join(f"({s.n3()} {p.n3()})" for s, p in replaced)
    types = ", ".join(t.n3() for t in REPLACED_TYPES)
    return (f"DELETE {{ GRAPH {shared} {{ ?s ?p ?o }} }} WHERE {{ VALUES (?s ?p) {{ {pairs} }} GRAPH {shared} {{ ?s ?p ?o }}"
            f" FILTER(?p != {RDF.type.n3()} || ?o IN ({types})) }} ;\n{insert}")


def replace_document_update(graph: Graph) -> str:
    """SPARQL Update that puts a document's graph in place of its previous version, cards merged."""
    name = graph.identifier
    if not isinstance(name, URIRef) or name == SHARED_GRAPH:
        raise ValueError("a document graph needs its own IRI name")
    own, cards = split_cards(graph)
    parts = [f"DROP SILENT GRAPH {name.n3()}", f"INSERT DATA {{ GRAPH {name.n3()} {{\n{ntriples(own)}\n}} }}"]
    merge = merge_cards_update(cards)
    return " ;\n".join(parts + ([merge] if merge else []))


def prune_update() -> str:
    """SPARQL Update that removes the cards of actors and places no document refers to any more
    (a place's country counts as referred to while the place is)."""
    shared = SHARED_GRAPH.n3()
    unreferred = (f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?anyP ?anyO }} FILTER(?g != {shared}) }}"
                  f" FILTER NOT EXISTS {{ GRAPH ?h {{ ?anyS ?anyQ ?s }} FILTER(?h != {shared}) }}"
                  f" FILTER NOT EXISTS {{ GRAPH {shared} {{ ?place {KG.country.n3()} ?s }} }}")
    prune = f"DELETE {{ GRAPH {shared} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {shared} {{ ?s ?p ?o }} {unreferred} }}"
    # the second pass removes the countries of the places the first one removed
    return prune + " ;\n" + prune
