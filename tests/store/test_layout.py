"""The store's layout: each document in its own graph, actors and places described once."""
from datetime import date

from rdflib import Graph, Literal, URIRef

from kg.extract import extract
from kg.ingest import parse_text
from kg.store import KnowledgeStore
from kg.store.layout import SHARED_GRAPH, split_cards
from kg.store.mapping import build_graph
from kg.store.namespaces import GAF, ID, KG, OWL, RDF, RDFS, SKOS

KHARKIV = """Chapeau.

11:20 - Frappe sur Kharkiv Le gouverneur Oleh Synehoubov a fait état de deux blessés à Kharkiv.
"""
ODESSA = """Chapeau.

08:40 - Nuit agitée Le gouverneur Oleh Synehoubov a fait état de cinq blessés, après une attaque sur Odessa.
"""

LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a rdfs:label ?label } FILTER(CONTAINS(?label, "Synehoubov")) }
GROUP BY ?label"""


def build(kb: KnowledgeStore, text: str, name: str) -> Graph:
    graph = build_graph(extract(parse_text(text, name, day=date(2025, 2, 12)), kb.known_actors()))
    kb.replace_graph(graph)
    return graph


def card(graph_name: str, key: str, label: str, *alts: str) -> Graph:
    g = Graph(identifier=ID[f"graph/{graph_name}"])
    actor = ID[f"actor/{key}"]
    g.add((actor, RDF.type, KG.Actor))
    g.add((actor, RDF.type, KG.Person))
    g.add((actor, RDFS.label, Literal(label)))
    for alt in alts:
        g.add((actor, SKOS.altLabel, Literal(alt)))
    g.add((actor, GAF.denotedBy, URIRef(f"https://kg.example.org/id/entry/{graph_name}/e1#char=0,5")))
    return g


def quads_about(kb: KnowledgeStore, subject: URIRef):
    return [q for q in kb.ox.quads_for_pattern(None, None, None, None) if q.subject.value == str(subject)]


def test_an_actor_of_two_documents_is_described_once(tmp_path):
    with KnowledgeStore(tmp_path / "s") as kb:
        build(kb, KHARKIV, "kharkiv.txt")
        build(kb, ODESSA, "odessa.txt")
        rows = list(kb.query(LABELS))
        assert [(str(label), int(n)) for label, n in rows] == [("Oleh Synehoubov", 1)]
        reports = list(kb.query("""PREFIX kg: <https://kg.example.org/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?report ?name WHERE { ?report a kg:CasualtyReport ; kg:reporter ?r . ?r rdfs:label ?name }"""))
        # one row per report, not one per document that describes the reporter
        assert len(reports) == 2 and len({r[0] for r in reports}) == 2
        assert kb.documents() == ["https://kg.example.org/id/graph/kharkiv", "https://kg.example.org/id/graph/odessa"]


def test_mentions_stay_with_their_document():
    g = card("blog-x", "someone", "Someone")
    own, cards = split_cards(g)
    assert {p for _, p, _ in cards} == {RDF.type, RDFS.label}
    assert [p for _, p, _ in own] == [GAF.denotedBy]


def test_the_latest_name_wins_and_other_names_accumulate(tmp_path):
    key = ID["actor/ivan-petrenko"]
    with KnowledgeStore(tmp_path / "s") as kb:
        kb.replace_graph(card("blog-a", "ivan-petrenko", "Ivan Petrenko", "Petrenko"))
        kb.replace_graph(card("blog-b", "ivan-petrenko", "Ivan Petrenko", "Petrenko"))
        kb.replace_graph(card("blog-a", "ivan-petrenko", "Ivan V. Petrenko", "I. Petrenko"))
        shared = [q for q in quads_about(kb, key) if q.graph_name.value == str(SHARED_GRAPH)]
        labels = [q.object.value for q in shared if q.predicate.value == str(RDFS.label)]
        alts = sorted(q.object.value for q in shared if q.predicate.value == str(SKOS.altLabel))
        assert labels == ["Ivan V. Petrenko"]
        assert alts == ["I. Petrenko", "Petrenko"]
        assert all(q.graph_name.value == str(SHARED_GRAPH) or q.predicate.value == str(GAF.denotedBy)
                   for q in quads_about(kb, key))


def test_removing_a_document_forgets_what_only_it_mentioned(tmp_path):
    with KnowledgeStore(tmp_path / "s") as kb:
        build(kb, KHARKIV, "kharkiv.txt")
        odessa = build(kb, ODESSA, "odessa.txt")
        governor = next(s for s, _, o in odessa.triples((None, RDFS.label, Literal("Oleh Synehoubov"))))
        place = next(s for s, _, o in odessa.triples((None, RDFS.label, Literal("Odessa"))))
        assert quads_about(kb, place)
        kb.remove_document("odessa")
        assert quads_about(kb, governor), "still mentioned by the Kharkiv document"
        assert not quads_about(kb, place), "Odessa was mentioned only by the removed document"
        kb.remove_document("kharkiv")
        assert len(kb) == 0


def test_a_rebuild_that_drops_an_actor_is_pruned_by_the_build(tmp_path):
    with KnowledgeStore(tmp_path / "s") as kb:
        odessa = build(kb, ODESSA, "blog.txt")
        place = next(s for s, _, o in odessa.triples((None, RDFS.label, Literal("Odessa"))))
        build(kb, KHARKIV, "blog.txt")
        assert quads_about(kb, place), "until the build ends"
        kb.prune()
        assert not quads_about(kb, place)


def test_a_document_naming_a_state_only_as_a_places_country_keeps_its_full_card(tmp_path):
    france = ID["actor/france"]
    as_actor = Graph(identifier=ID["graph/blog-a"])
    as_actor.add((france, RDF.type, KG.Country))
    as_actor.add((france, RDF.type, KG.Actor))
    as_actor.add((france, RDFS.label, Literal("France")))
    as_actor.add((france, SKOS.prefLabel, Literal("France")))
    as_actor.add((france, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q142")))
    as_actor.add((france, GAF.denotedBy, URIRef("https://kg.example.org/id/entry/blog-a/e1#char=0,6")))
    as_place_state = Graph(identifier=ID["graph/blog-b"])
    as_place_state.add((france, RDF.type, KG.Country))
    as_place_state.add((france, RDFS.label, Literal("France")))
    as_place_state.add((ID["place/paris"], KG.country, france))
    with KnowledgeStore(tmp_path / "s") as kb:
        kb.replace_graph(as_actor)
        kb.replace_graph(as_place_state)
        before = sorted(map(str, kb.quads()))
        kb.replace_graph(as_place_state)
        assert sorted(map(str, kb.quads())) == before
        assert any(q.predicate.value == str(OWL.sameAs) for q in quads_about(kb, france))
