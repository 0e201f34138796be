"""The embedded store: persistence, idempotent rebuilds, replacement, export round trips."""
import io
from datetime import date

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from kg.export import export
from kg.extract import extract
from kg.ingest import parse_text
from kg.store import KnowledgeStore, StoreError
from kg.store.mapping import build_graph

BLOG = """Chapeau du direct.

11:20 - Frappe sur Kharkiv Le gouverneur Oleh Synehoubov a fait état de deux blessés.
10:05 - Réunion à Genève Les délégations se retrouvent en Suisse.
"""


def build(store: KnowledgeStore, text: str = BLOG, name: str = "blog-a.txt") -> int:
    doc = parse_text(text, name, day=date(2025, 2, 12))
    return store.replace_graph(build_graph(extract(doc, store.known_actors())))


def test_store_persists_across_openings(tmp_path):
    with KnowledgeStore(tmp_path / "s") as kb:
        written = build(kb)
        assert len(kb) == written
    with KnowledgeStore(tmp_path / "s", read_only=True) as kb:
        assert len(kb) == written
        assert kb.documents() == ["https://kg.example.org/id/graph/blog-a"]


def test_rebuilding_the_same_text_changes_nothing(tmp_path):
    with KnowledgeStore(tmp_path / "s") as kb:
        build(kb)
        first = sorted(map(str, kb.quads()))
        build(kb)
        assert sorted(map(str, kb.quads())) == first


def test_rebuilding_a_changed_document_replaces_its_graph(tmp_path):
    with KnowledgeStore(tmp_path / "s") as kb:
        build(kb)
        build(kb, BLOG + "09:00 - Troisième entrée Le calme est revenu.\n")
        titles = {str(r[0]) for r in kb.query(
            "PREFIX schema: <https://schema.org/> SELECT ?t WHERE { ?e a schema:BlogPosting ; schema:headline ?t }")}
        assert titles == {"Frappe sur Kharkiv", "Réunion à Genève", "Troisième entrée"}
        build(kb, "08:00 - Seule entrée Le texte a changé.\n")
        titles = {str(r[0]) for r in kb.query(
            "PREFIX schema: <https://schema.org/> SELECT ?t WHERE { ?e a schema:BlogPosting ; schema:headline ?t }")}
        assert titles == {"Seule entrée"}


def test_documents_live_in_their_own_graphs(tmp_path):
    with KnowledgeStore(tmp_path / "s") as kb:
        build(kb, name="blog-a.txt")
        build(kb, "07:00 - Autre jour Un autre texte.\n", name="blog-b.txt")
        assert len(kb.documents()) == 2
        kb.remove_document("blog-a")
        assert kb.documents() == ["https://kg.example.org/id/graph/blog-b"]


def test_a_second_writer_gets_a_clear_message(tmp_path):
    with KnowledgeStore(tmp_path / "s"):
        with pytest.raises(StoreError, match="in use by another kg process"):
            KnowledgeStore(tmp_path / "s")


def test_reading_a_missing_store_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="no kg store"):
        KnowledgeStore(tmp_path / "none", read_only=True)


@pytest.mark.parametrize("fmt,rdflib_format", [("turtle", "turtle"), ("ntriples", "nt"), ("trig", "trig"),
                                                ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_export_parses_back_with_the_same_triples(tmp_path, fmt, rdflib_format):
    with KnowledgeStore(tmp_path / "s") as kb:
        build(kb)
        expected = {q.triple for q in kb.quads()}
        buffer = io.BytesIO()
        export(kb, fmt, buffer)
    parsed = Dataset(default_union=True)
    parsed.parse(data=buffer.getvalue().decode("utf-8"), format=rdflib_format)
    assert len(set(parsed.triples((None, None, None)))) == len(expected)


def test_turtle_export_loads_into_another_oxigraph_store(tmp_path):
    with KnowledgeStore(tmp_path / "s") as kb:
        build(kb)
        count = len({q.triple for q in kb.quads()})
        buffer = io.BytesIO()
        export(kb, "turtle", buffer)
    other = ox.Store()
    other.load(buffer.getvalue(), ox.RdfFormat.TURTLE)
    assert len(other) == count


def test_actors_of_earlier_documents_keep_their_node(tmp_path):
    with KnowledgeStore(tmp_path / "s") as kb:
        build(kb, "10:00 - Déclaration Le député Sergueï Karakaïev a parlé aux journalistes.\n", "a.txt")
        build(kb, "10:00 - Déclaration Le député Sergey Karakayev a répondu aux critiques.\n", "b.txt")
        labels = [str(r[0]) for r in kb.query(
            "PREFIX kg: <https://kg.example.org/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "SELECT DISTINCT ?l WHERE { ?a a kg:Person ; rdfs:label ?l FILTER(CONTAINS(?l, 'Karaka')) }")]
        assert labels == ["Sergueï Karakaïev"]
