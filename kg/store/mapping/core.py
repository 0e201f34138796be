"""Document, entries, actors and places, the fact registry, and deterministic IRIs."""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Callable, Optional

from rdflib import Graph, Literal, URIRef

from kg.facts import Actor, ExtractionResult, Fact, Place, Span
from kg.store.namespaces import GAF, ID, KG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, WD, XSD

ACTOR_CLASSES = {"Person": KG.Person, "Organization": KG.Organization, "Country": KG.Country, "Group": KG.Group}
FACT_MAPPERS: dict[type, Callable[[Fact, "Minter", Graph], None]] = {}


def maps(fact_type: type):
    """Register the function that writes one kind of fact into the graph."""
    def register(fn):
        FACT_MAPPERS[fact_type] = fn
        return fn
    return register


class Minter:
    """Deterministic IRIs: the same text always gives the same IRIs."""

    def __init__(self, result: ExtractionResult):
        self.result = result
        self.doc_id = result.document.doc_id
        self.entries = {e.entry_id: e for e in result.document.entries}

    @property
    def document(self) -> URIRef:
        return ID[f"doc/{self.doc_id}"]

    @property
    def graph(self) -> URIRef:
        return graph_iri(self.doc_id)

    def entry(self, entry_id: str) -> URIRef:
        return ID[f"entry/{self.doc_id}/{entry_id}"]

    def mention(self, entry_id: str, span: Span) -> URIRef:
        return URIRef(f"{self.entry(entry_id)}#char={span.start},{span.end}")

    @staticmethod
    def actor(key: str) -> URIRef:
        return ID[f"actor/{key}"]

    @staticmethod
    def place(key: str) -> URIRef:
        return ID[f"place/{key}"]

    def fact(self, kind: str, *parts) -> URIRef:
        digest = hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:10]
        return ID[f"{kind}/{self.doc_id}/{digest}"]

    def published(self, entry_id: str) -> Literal:
        return Literal(self.entries[entry_id].published.isoformat(), datatype=XSD.dateTime)


def graph_iri(doc_id: str) -> URIRef:
    return ID[f"graph/{doc_id}"]


def day(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def stamp(value: datetime) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def add_provenance(g: Graph, node: URIRef, fact: Fact, mint: Minter) -> None:
    """What every fact carries: its entry, the span it was read from, when, how sure."""
    g.add((node, RDF.type, KG.Fact))
    g.add((node, PROV.wasDerivedFrom, mint.entry(fact.entry_id)))
    mention = mint.mention(fact.entry_id, fact.span)
    g.add((node, GAF.denotedBy, mention))
    g.add((mention, RDF.type, GAF.Mention))
    g.add((mention, KG.mentionedIn, mint.entry(fact.entry_id)))
    g.add((node, KG.reportedAt, mint.published(fact.entry_id)))
    g.add((node, KG.certainty, KG[fact.certainty]))
    g.add((node, KG.polarity, KG[fact.polarity]))


def new_graph(identifier: Optional[URIRef] = None) -> Graph:
    g = Graph(identifier=identifier)
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    return g


def build_graph(result: ExtractionResult) -> Graph:
    mint = Minter(result)
    g = new_graph(mint.graph)
    _document(g, result, mint)
    for actor in result.actors.values():
        _actor(g, actor, mint)
    for place in result.places.values():
        _place(g, place, mint)
        if place.country and place.country not in result.actors and place.country_label:
            # the state a place lies in, named but not an actor of this text (not typed kg:Actor)
            g.add((mint.actor(place.country), RDF.type, KG.Country))
            g.add((mint.actor(place.country), RDFS.label, Literal(place.country_label)))
    for fact in result.facts:
        mapper = FACT_MAPPERS.get(type(fact))
        if mapper is None:
            raise TypeError(f"no graph mapping for {type(fact).__name__}")
        mapper(fact, mint, g)
    return g


def _document(g: Graph, result: ExtractionResult, mint: Minter) -> None:
    doc = result.document
    d = mint.document
    g.add((d, RDF.type, SCHEMA.LiveBlogPosting))
    g.add((d, SCHEMA.identifier, Literal(doc.doc_id)))
    g.add((d, PROV.hadPrimarySource, Literal(doc.source)))
    if doc.title:
        g.add((d, SCHEMA.headline, Literal(doc.title, lang="fr")))
    if doc.lead:
        g.add((d, SCHEMA.description, Literal(doc.lead, lang="fr")))
    if doc.entries:
        newest = max(e.published for e in doc.entries)
        oldest = min(e.published for e in doc.entries)
        g.add((d, SCHEMA.datePublished, stamp(oldest)))
        g.add((d, SCHEMA.dateModified, stamp(newest)))
        g.add((d, SCHEMA.coverageStartTime, stamp(oldest)))
        g.add((d, SCHEMA.coverageEndTime, stamp(newest)))
    for entry in doc.entries:
        e = mint.entry(entry.entry_id)
        g.add((d, SCHEMA.liveBlogUpdate, e))
        g.add((e, RDF.type, SCHEMA.BlogPosting))
        g.add((e, SCHEMA.isPartOf, d))
        g.add((e, SCHEMA.datePublished, mint.published(entry.entry_id)))
        g.add((e, SCHEMA.headline, Literal(entry.title, lang="fr")))
        g.add((e, SCHEMA.articleBody, Literal(entry.body, lang="fr")))
        g.add((e, PROV.wasDerivedFrom, d))
        if entry.url:
            g.add((e, SCHEMA.url, URIRef(entry.url)))


def _actor(g: Graph, actor: Actor, mint: Minter) -> None:
    a = mint.actor(actor.key)
    g.add((a, RDF.type, ACTOR_CLASSES.get(actor.kind, KG.Actor)))
    g.add((a, RDF.type, KG.Actor))
    g.add((a, RDF.type, SEM.Actor))
    g.add((a, RDFS.label, Literal(actor.label)))
    g.add((a, SKOS.prefLabel, Literal(actor.label)))
    for alias in sorted(actor.aliases):
        if alias != actor.label:
            g.add((a, SKOS.altLabel, Literal(alias)))
    if actor.wikidata:
        g.add((a, OWL.sameAs, WD[actor.wikidata]))
    for mention in actor.mentions:
        m = mint.mention(mention.entry_id, mention.span)
        g.add((a, GAF.denotedBy, m))
        g.add((m, RDF.type, GAF.Mention))
        g.add((m, KG.mentionedIn, mint.entry(mention.entry_id)))


def _place(g: Graph, place: Place, mint: Minter) -> None:
    p = mint.place(place.key)
    g.add((p, RDF.type, KG.Place))
    g.add((p, RDF.type, SEM.Place))
    g.add((p, RDFS.label, Literal(place.label)))
    g.add((p, KG.placeKind, Literal(place.kind)))
    if place.wikidata:
        g.add((p, OWL.sameAs, WD[place.wikidata]))
    if place.country:
        g.add((p, KG.country, mint.actor(place.country)))
    for mention in place.mentions:
        g.add((p, GAF.denotedBy, mint.mention(mention.entry_id, mention.span)))
