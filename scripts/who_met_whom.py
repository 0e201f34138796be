"""Who met whom? Every pair of actors at the same meeting, with where and when.

    python scripts/who_met_whom.py --store kg-store
    python scripts/who_met_whom.py --graph out.ttl --actor Rubio

Read from the event graph: a meeting's participants (and mediators), its place and its day.
"""
from __future__ import annotations

import argparse
import sys
from itertools import combinations

import networkx as nx

from kg.viz import event_graph, find_nodes, open_source


def meetings(g: nx.MultiDiGraph) -> list[dict]:
    found = []
    for node, data in g.nodes(data=True):
        if data.get("type") != "Meeting":
            continue
        linked = {rel: sorted(g.nodes[b]["label"] for _, b, k in g.out_edges(node, keys=True)
                              if g.edges[node, b, k]["relation"] == rel)
                  for rel in ("participant", "mediator", "place")}
        found.append({"meeting": node, "label": data["label"], "day": data.get("date", ""),
                      "people": [b for _, b, k in g.out_edges(node, keys=True)
                                 if g.edges[node, b, k]["relation"] in ("participant", "mediator")],
                      "place": ", ".join(linked["place"]), "mediators": linked["mediator"]})
    return sorted(found, key=lambda m: (m["day"], m["label"]))


def pairs(g: nx.MultiDiGraph, found: list[dict]) -> dict[tuple[str, str], list[dict]]:
    met: dict[tuple[str, str], list[dict]] = {}
    for m in found:
        labels = sorted({g.nodes[p]["label"] for p in m["people"]})
        for a, b in combinations(labels, 2):
            met.setdefault((a, b), []).append(m)
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--store", help="kg store folder (default: $KG_STORE or ./kg-store)")
    source.add_argument("--graph", help="an exported RDF file (kg export -o out.ttl)")
    parser.add_argument("--actor", help="only the meetings of this actor (name or part of it)")
    args = parser.parse_args(argv)
    try:
        with open_source(store=args.store, graph=args.graph) as graph:
            g = event_graph(graph)
    except Exception as exc:
        print(f"who_met_whom: {exc}", file=sys.stderr)
        return 1
    found = meetings(g)
    if args.actor:
        wanted = set(find_nodes(g, args.actor, kind="actor"))
        if not wanted:
            print(f"who_met_whom: no actor matches {args.actor!r}", file=sys.stderr)
            return 2
        found = [m for m in found if wanted & set(m["people"])]
    if not found:
        print("no meetings in this graph")
        return 0
    for (a, b), where in sorted(pairs(g, found).items()):
        details = "; ".join(f"{m['label']}" + (f" in {m['place']}" if m["place"] else "")
                            + (f" on {m['day']}" if m["day"] else "") for m in where)
        print(f"{a} — {b}: {len(where)} meeting(s): {details}")
    lonely = [m for m in found if len(m["people"]) < 2]
    for m in lonely:
        who = ", ".join(g.nodes[p]["label"] for p in m["people"]) or "nobody named"
        print(f"({m['label']}: only {who} named as participant)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
