"""Which actors are central? Degree and betweenness in the actor network, as a table.

    python scripts/actor_centrality.py --store kg-store
    python scripts/actor_centrality.py --graph out.ttl --relation accused --relation met --top 10

degree: share of the other actors one is related to; facts out/in: facts where the actor is the
source (accuser, proposer, speaker...) or the target; betweenness: how often the actor lies on the
shortest path between two others (a broker).
"""
from __future__ import annotations

import argparse
import sys

import networkx as nx

from kg.viz import ACTOR_RELATIONS, actor_network, open_source, simple_graph


def centrality(g: nx.MultiDiGraph, relations: set[str] | None = None) -> list[dict]:
    h = simple_graph(g, relations)
    h.remove_nodes_from([n for n in list(h) if h.degree(n) == 0])
    if not h:
        return []
    degree = nx.degree_centrality(h)
    between = nx.betweenness_centrality(h)
    out_facts = {n: 0 for n in h}
    in_facts = {n: 0 for n in h}
    for a, b, data in g.edges(data=True):
        if a in h and b in h and (not relations or data["relation"] in relations):
            out_facts[a] += data["count"]
            in_facts[b] += data["count"]
    rows = [{"actor": h.nodes[n]["label"], "type": h.nodes[n]["type"], "related": h.degree(n),
             "degree": degree[n], "facts_out": out_facts[n], "facts_in": in_facts[n], "betweenness": between[n]}
            for n in h]
    return sorted(rows, key=lambda r: (-r["betweenness"], -r["degree"], r["actor"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--store", help="kg store folder (default: $KG_STORE or ./kg-store)")
    source.add_argument("--graph", help="an exported RDF file (kg export -o out.ttl)")
    parser.add_argument("--relation", action="append", choices=ACTOR_RELATIONS,
                        help="only these relations (repeat the option; default: all)")
    parser.add_argument("--top", type=int, default=25, help="rows to print (default: 25)")
    args = parser.parse_args(argv)
    try:
        with open_source(store=args.store, graph=args.graph) as graph:
            network = actor_network(graph)
    except Exception as exc:   # a missing store, a malformed file: one line, not a traceback
        print(f"actor_centrality: {exc}", file=sys.stderr)
        return 1
    rows = centrality(network, set(args.relation) if args.relation else None)
    if not rows:
        print("no relations between actors in this graph")
        return 0
    width = max(len(r["actor"]) for r in rows[:args.top])
    print(f"{'actor':<{width}}  {'type':<12} {'related':>7} {'degree':>7} {'facts out':>9} {'facts in':>8} "
          f"{'betweenness':>11}")
    for r in rows[:args.top]:
        print(f"{r['actor']:<{width}}  {r['type']:<12} {r['related']:>7} {r['degree']:>7.2f} {r['facts_out']:>9} "
              f"{r['facts_in']:>8} {r['betweenness']:>11.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
