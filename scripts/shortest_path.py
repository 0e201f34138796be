"""How are two actors connected? The shortest path between them through events and places.

    python scripts/shortest_path.py --store kg-store Zelensky Poutine
    python scripts/shortest_path.py --graph out.ttl "ministère de la Défense russe" Rubio --all

Walks the event graph (attack - perpetrator/target, meeting - participant/place, truce proposal -
proposer/reactor, casualty report - reporter/place/attack, attribution - claimant/accused/attack)
without going through days, unless --via-days is given (then two events of the same day are two
steps apart).
"""
from __future__ import annotations

import argparse
import itertools
import sys

import networkx as nx

from kg.viz import event_graph, event_paths_graph, find_nodes, open_source


def describe(h: nx.Graph, path: list[str]) -> str:
    parts = []
    for i, node in enumerate(path):
        data = h.nodes[node]
        name = data.get("label", node)
        parts.append(f"[{data.get('type')}] {name}" if data.get("kind") == "event" else name)
        if i + 1 < len(path):
            parts.append(f" —{h.edges[node, path[i + 1]].get('relation')}— ")
    return "".join(parts)


def resolve(g: nx.Graph, name: str) -> str | None:
    found = find_nodes(g, name, kind="actor") or find_nodes(g, name, kind="place")
    if len(found) == 1:
        return found[0]
    if not found:
        print(f"shortest_path: no actor or place of any event matches {name!r}", file=sys.stderr)
    else:
        names = ", ".join(sorted(g.nodes[n]["label"] for n in found))
        print(f"shortest_path: {name!r} matches several: {names}; be more precise", file=sys.stderr)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actor_a", metavar="ACTOR_A")
    parser.add_argument("actor_b", metavar="ACTOR_B")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--store", help="kg store folder (default: $KG_STORE or ./kg-store)")
    source.add_argument("--graph", help="an exported RDF file (kg export -o out.ttl)")
    parser.add_argument("--all", action="store_true", help="print every shortest path (up to 20), not just one")
    parser.add_argument("--via-days", action="store_true", help="also connect events through their day")
    args = parser.parse_args(argv)
    try:
        with open_source(store=args.store, graph=args.graph) as graph:
            h = event_paths_graph(event_graph(graph), via_days=args.via_days)
    except Exception as exc:
        print(f"shortest_path: {exc}", file=sys.stderr)
        return 1
    a, b = resolve(h, args.actor_a), resolve(h, args.actor_b)
    if a is None or b is None:
        return 2
    try:
        paths = (list(itertools.islice(nx.all_shortest_paths(h, a, b), 20)) if args.all
                 else [nx.shortest_path(h, a, b)])
    except nx.NetworkXNoPath:
        print(f"no path between {h.nodes[a]['label']} and {h.nodes[b]['label']} in this graph")
        return 1
    events = sum(1 for n in paths[0] if h.nodes[n].get("kind") == "event")
    print(f"{h.nodes[a]['label']} and {h.nodes[b]['label']}: {len(paths[0]) - 1} step(s), through {events} event(s)")
    for path in paths:
        print("  " + describe(h, path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
