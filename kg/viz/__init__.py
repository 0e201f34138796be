"""Visualise the knowledge graph: networkx views (actor network, event graph) and pictures.

    from kg.viz import open_source, actor_network, event_graph
    with open_source(store="kg-store") as source:      # or open_source(graph="out.ttl")
        g = actor_network(source)

Pictures live in `kg.viz.plots` (matplotlib, imported only when drawing); `kg viz ...` commands
in `kg.viz.commands`.
"""
from kg.viz.networks import (ACTOR_RELATIONS, actor_network, event_graph, event_paths_graph, find_nodes,
                             flatten, involved, load_rdf, open_source, raw_network, select, simple_graph,
                             write_network)
from kg.viz.timeline import Timeline, timeline_data

__all__ = ["ACTOR_RELATIONS", "actor_network", "event_graph", "event_paths_graph", "find_nodes", "flatten",
           "involved", "load_rdf", "open_source", "raw_network", "select", "simple_graph", "write_network",
           "Timeline", "timeline_data"]
