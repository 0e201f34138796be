"""The networkx views built from the hand-written fixture graph."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.store import KnowledgeStore
from kg.viz import actor_network, event_graph, event_paths_graph, find_nodes, raw_network, write_network

from .support import ID, actor, entry


@pytest.fixture(scope="module")
def actors(dataset):
    return actor_network(dataset)


@pytest.fixture(scope="module")
def events(dataset):
    return event_graph(dataset)


def relation_edges(g, relation):
    return {(a, b): d for a, b, k, d in g.edges(keys=True, data=True) if k == relation}


# ------------------------------------------------------------------ actor network
def test_actor_nodes_carry_label_and_type(actors):
    assert actors.nodes[actor("ukraine")]["label"] == "Ukraine"
    assert actors.nodes[actor("ukraine")]["type"] == "Country"
    assert actors.nodes[actor("ukraine")]["wikidata"].endswith("Q212")
    assert actors.nodes[actor("russian-mod")]["type"] == "Organization"
    assert actors.nodes[actor("ukrainian-delegation")]["type"] == "Group"
    assert actors.nodes[actor("marco-rubio")]["type"] == "Person"
    assert actors.nodes[actor("andrey-vorobyov")]["casualty_reports"] == 2
    assert actors.nodes[actor("andrii-kovalenko")]["statements"] == 1


def test_accusations_are_counted_with_their_entries(actors):
    accused = relation_edges(actors, "accused")
    assert set(accused) == {(actor("russian-mod"), actor("ukraine")), (actor("volodymyr-zelensky"), actor("russia"))}
    mod = accused[(actor("russian-mod"), actor("ukraine"))]
    assert mod["count"] == 2
    assert mod["entries"] == [entry("e1"), entry("e3")]
    assert mod["stance"] == ["attributes"]
    assert mod["first_reported"].startswith("2025-03-11T08:08")
    assert mod["last_reported"].startswith("2025-03-11T09:33")
    assert (mod["start"], mod["end"]) == ("2025-03-11", "2025-03-11")


def test_meeting_participants_met_each_other_once_per_pair(actors):
    met = relation_edges(actors, "met")
    people = {actor("marco-rubio"), actor("ukrainian-delegation"), actor("saudi-arabia")}
    assert {frozenset(pair) for pair in met} == {frozenset(p) for p in
                                                 [(a, b) for a in people for b in people if a < b]}
    assert all(not d["directed"] and d["count"] == 1 and d["entries"] == [entry("e2")] for d in met.values())


def test_truce_proposal_and_reaction(actors):
    zelensky, rubio = actor("volodymyr-zelensky"), actor("marco-rubio")
    assert actors.has_edge(zelensky, rubio, key="proposed_truce_to")
    reaction = actors.edges[rubio, zelensky, "reacted_to"]
    assert reaction["reaction"] == ["welcomed"]
    assert reaction["entries"] == [entry("e2")]


def test_attack_and_quote_edges(actors):
    attacked = actors.edges[actor("ukraine"), actor("russia"), "attacked"]
    assert attacked["count"] == 1 and attacked["entries"] == [entry("e1"), entry("e3")]
    assert actors.has_edge(actor("andrii-kovalenko"), actor("vladimir-poutine"), key="quoted")
    assert set(k for *_, k in actors.edges(keys=True)) == {"accused", "attacked", "met", "proposed_truce_to",
                                                            "reacted_to", "quoted"}
    assert actors.number_of_edges() == 9


def test_options_leave_out_inferred_relations(dataset):
    g = actor_network(dataset, quoted=False, attacked=False)
    assert not any(k in ("quoted", "attacked") for *_, k in g.edges(keys=True))


def test_store_and_file_give_the_same_network(store_path, actors):
    with KnowledgeStore(store_path, read_only=True) as kb:
        from_store = actor_network(kb)
    assert set(from_store.nodes) == set(actors.nodes)
    assert set(from_store.edges(keys=True)) == set(actors.edges(keys=True))
    assert from_store.edges[actor("russian-mod"), actor("ukraine"), "accused"]["count"] == 2


# ------------------------------------------------------------------ event graph
def test_event_graph_nodes(events):
    kinds = {}
    for _, data in events.nodes(data=True):
        kinds.setdefault(data["kind"], set()).add(data["type"])
    assert kinds["event"] == {"Attack", "Meeting", "TruceProposal", "CasualtyReport", "Attribution"}
    assert kinds["day"] == {"Day"}
    assert "City" in kinds["place"]
    assert {"Person", "Group", "Country"} <= kinds["actor"]
    assert events.nodes[f"{ID}casualties/fixture/c1"]["label"] == "casualties: 1 killed, 3 injured"
    assert events.nodes[f"{ID}casualties/fixture/c2"]["label"] == "casualties: 2 killed, >=20 injured"


def test_event_graph_edges(events):
    attack, meeting = f"{ID}attack/fixture/drones", f"{ID}meeting/fixture/jeddah"
    assert events.has_edge(attack, actor("ukraine"), key="perpetrator")
    assert events.has_edge(attack, f"{ID}place/moscou", key="target")
    assert events.has_edge(attack, "day:2025-03-11", key="on_day")
    assert events.edges[attack, "day:2025-03-11", "on_day"]["day_source"] == "event"
    assert {b for _, b, k in events.out_edges(meeting, keys=True) if k == "participant"} == {
        actor("marco-rubio"), actor("ukrainian-delegation"), actor("saudi-arabia")}
    assert events.has_edge(meeting, f"{ID}place/djeddah", key="place")
    assert events.edges[f"{ID}truce/fixture/air-sea", actor("marco-rubio"), "reactor"]["reaction"] == ["welcomed"]
    a1 = f"{ID}attribution/fixture/a1"
    assert events.nodes[a1]["label"] == "attributes"
    assert {(k, b) for _, b, k in events.out_edges(a1, keys=True) if k != "on_day"} == {
        ("claimant", actor("russian-mod")), ("accused", actor("ukraine")), ("about", attack)}
    report = f"{ID}casualties/fixture/c2"
    assert events.has_edge(report, actor("andrey-vorobyov"), key="reporter")
    assert events.has_edge(report, attack, key="about")
    assert events.edges[report, "day:2025-03-11", "on_day"]["day_source"] == "reported"


def test_paths_go_through_events_not_days(events):
    h = event_paths_graph(events)
    assert not any(d["kind"] == "day" for _, d in h.nodes(data=True))
    path = nx.shortest_path(h, actor("andrey-vorobyov"), actor("ukraine"))
    assert [h.nodes[n]["type"] for n in path] == ["Person", "CasualtyReport", "Attack", "Country"]
    assert not nx.has_path(h, actor("andrey-vorobyov"), actor("marco-rubio"))
    assert nx.has_path(event_paths_graph(events, via_days=True), actor("andrey-vorobyov"), actor("marco-rubio"))


def test_find_nodes_ignores_case_and_accents(events, actors):
    assert find_nodes(actors, "zelensky") == [actor("volodymyr-zelensky")]
    assert find_nodes(actors, "andrii kovalenko") == [actor("andrii-kovalenko")]   # "Andriï" in the label
    assert find_nodes(events, "moscou", kind="place") == [f"{ID}place/moscou"]
    assert set(find_nodes(actors, "ukrain")) == {actor("ukraine"), actor("ukrainian-delegation")}


def test_raw_network_keeps_predicates(dataset):
    raw = raw_network(dataset)
    assert raw.has_edge(f"{ID}attack/fixture/drones", actor("ukraine"),
                        key="https://kg.example.org/ontology#perpetrator")
    assert all(not str(n).startswith('"') for n in raw.nodes)   # IRIs only, no literals


# ------------------------------------------------------------------ files
def test_graphml_round_trips(tmp_path, actors):
    path = tmp_path / "actors.graphml"
    write_network(actors, path, "graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(actors.nodes)
    assert set(back.edges(keys=True)) == set(actors.edges(keys=True))
    edge = back.edges[actor("russian-mod"), actor("ukraine"), "accused"]
    assert edge["entries"] == f"{entry('e1')} {entry('e3')}"
    assert edge["count"] == 2
    assert back.nodes[actor("ukraine")]["type"] == "Country"


def test_gexf_has_start_and_end_for_gephi(tmp_path, actors, events):
    path = tmp_path / "actors.gexf"
    write_network(actors, path, "gexf")
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    back = nx.read_gexf(path)
    assert back.nodes[actor("ukraine")]["start"] == "2025-03-11"
    assert set(back.nodes) == set(actors.nodes)
    write_network(events, tmp_path / "events.gexf", "gexf")
    assert set(nx.read_gexf(tmp_path / "events.gexf").nodes) == set(events.nodes)


def test_json_is_node_link_for_d3(tmp_path, actors):
    path = tmp_path / "actors.json"
    write_network(actors, path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"nodes", "links"} <= set(data)
    back = nx.node_link_graph(data, edges="links")
    assert set(back.edges(keys=True)) == set(actors.edges(keys=True))
    assert any(link["relation"] == "met" for link in data["links"])


def test_unknown_network_format(tmp_path, actors):
    with pytest.raises(ValueError):
        write_network(actors, tmp_path / "x.dot", "dot")


def test_exported_trig_reads_as_the_union_of_its_graphs(tmp_path, store_path, actors):
    from kg.export import export
    from kg.viz import load_rdf

    path = tmp_path / "out.trig"
    with KnowledgeStore(store_path, read_only=True) as kb, path.open("wb") as handle:
        export(kb, "trig", handle)
    g = actor_network(load_rdf(path))
    assert set(g.edges(keys=True)) == set(actors.edges(keys=True))
