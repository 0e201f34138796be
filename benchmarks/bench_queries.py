"""Benchmark 3: median latency of every canned query (queries/*.rq) at about 1M triples,
through kg's KnowledgeStore (rdflib + oxrdflib) and through pyoxigraph directly.

The graph: kg's own graphs of the sample and the development blogs, plus one synthetic
document with a fact of every kind (benchmarks/synthetic.py), replicated with their IRIs
rewritten until the store holds --triples quads (each copy is a new document; actors and
places are spread over --variants variants each, so each actor or place is described in
copies/variants documents), loaded with `Store.bulk_load`.

Two layouts of the same data are measured:
  kg       what kg writes today: every document's named graph repeats the description
           (type, labels, sameAs...) of each actor and place it mentions;
  shared   those descriptions stored once, in one shared named graph (a possible fix).
pyoxigraph 0.5's union default graph does not merge duplicate triples (oxigraph issue
#1919, fixed in 0.6 by PR #1920), so in the kg layout every join on an actor multiplies
rows by the number of documents that describe it.

Each query runs in a child process with a time budget (--budget seconds, warm-up included):
the Python API has no query timeout.

    .venv/bin/python benchmarks/bench_queries.py [--triples 1000000] [--runs 5] [--budget 60]
"""
from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import re
import shutil
import sys
import tempfile
from pathlib import Path

from common import ROOT, Timer, machine, median_ms, save, source_documents, table

ID = re.compile(r"(https://kg\.example\.org/id/([a-z]+)/)([^/>#\s]+)")
SHARED_KINDS = ("actor", "place")
CARD = {f"<{p}>" for p in (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2002/07/owl#sameAs", "https://kg.example.org/ontology#placeKind",
    "https://kg.example.org/ontology#country")}
SHARED_GRAPH = "<https://kg.example.org/id/graph/shared>"
TARGET_MS = 100.0


def base_graphs():
    """kg's graphs (rdflib) of the source documents and of the synthetic every-kind document."""
    from kg.extract import extract, parse_entries
    from kg.store.mapping import build_graph
    from synthetic import kg_count_workaround, synthetic_graph

    graphs = []
    with kg_count_workaround():   # no-op once kg/store/mapping/events.py writes KG["count"]
        for document in source_documents():
            graphs.append(build_graph(extract(document, items=parse_entries([document])[0])))
    graphs.append(synthetic_graph("every-kind", entries=6))
    return graphs


def _mark(text: str) -> str:
    def mark(match: re.Match) -> str:
        prefix, kind, segment = match.groups()
        return f"{prefix}{segment}\x00{'A' if kind in SHARED_KINDS else 'D'}"

    return ID.sub(mark, text)


def templates(graphs) -> tuple[str, str]:
    """N-Quads-like templates: document triples (with their graph) and actor/place descriptions
    (without a graph), with markers where each copy's suffixes go."""
    own, cards = [], []
    for graph in graphs:
        name = graph.identifier.n3()
        for s, p, o in graph:
            line = f"{s.n3()} {p.n3()} {o.n3()}"
            kind = ID.match(str(s))
            if kind and kind.group(2) in SHARED_KINDS and p.n3() in CARD:
                cards.append((line, name))
            else:
                own.append(f"{line} {name} .")
    doc = _mark("\n".join(own) + "\n")
    card = _mark("\n".join(f"{line} \x01{name}\x02 ." for line, name in cards) + "\n")
    return doc, card


def generate(folder: Path, doc: str, card: str, copies: int, variants: int) -> dict[str, Path]:
    paths = {"kg": folder / "kg.nq", "shared": folder / "shared.nq"}
    card_kg = re.sub("\x01(.*?)\x02", r"\1", card)
    card_shared = re.sub("\x01(.*?)\x02", SHARED_GRAPH, card)
    with paths["kg"].open("w", encoding="utf-8") as kg_file, paths["shared"].open("w", encoding="utf-8") as shared:
        for i in range(copies):
            own = doc.replace("\x00D", f"-c{i}").replace("\x00A", f"-v{i % variants}")
            kg_file.write(own)
            kg_file.write(card_kg.replace("\x00D", f"-c{i}").replace("\x00A", f"-v{i % variants}"))
            shared.write(own)
            if i < variants:           # each variant's description once
                shared.write(card_shared.replace("\x00A", f"-v{i}"))
    return paths


def _child(path: str, how: str, sparql: str, runs: int, conn) -> None:
    import time

    if how == "knowledge_store":
        from kg.store import KnowledgeStore

        kb = KnowledgeStore(path, read_only=True)
        run = lambda: list(kb.query(sparql))  # noqa: E731
    else:
        import pyoxigraph as ox

        store = ox.Store.read_only(path)
        run = lambda: list(store.query(sparql, use_default_graph_as_union=True))  # noqa: E731
    started = time.perf_counter()
    conn.send(("rows", len(run()), time.perf_counter() - started))
    for _ in range(runs):
        started = time.perf_counter()
        run()
        conn.send(("run", None, time.perf_counter() - started))
    conn.send(("done", None, 0.0))


def measure(store: Path, how: str, sparql: str, runs: int, budget: float) -> dict:
    context = mp.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(str(store), how, sparql, runs, child), daemon=True)
    clock = Timer()
    process.start()
    child.close()
    rows, first, samples, finished = None, None, [], False
    while not finished:
        left = budget - clock()
        if left <= 0 or not parent.poll(left):
            break
        kind, value, seconds = parent.recv()
        if kind == "rows":
            rows, first = value, seconds
        elif kind == "run":
            samples.append(seconds)
        else:
            finished = True
    if process.is_alive():
        process.kill()
    process.join()
    return {"rows": rows, "first_ms": None if first is None else first * 1000,
            "median_ms": median_ms(samples) if samples else None,
            "min_ms": min(samples) * 1000 if samples else None, "runs": len(samples), "complete": finished}


def _ms(result: dict, budget: float) -> str:
    if result["median_ms"] is not None:
        return f"{result['median_ms']:,.1f}" + ("" if result["complete"] else "*")
    if result["first_ms"] is not None:
        return f"{result['first_ms']:,.0f} (1 run)"
    return f"> {budget:.0f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--variants", type=int, default=40, help="variants of each actor and place")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds allowed per query and path")
    parser.add_argument("--work", type=Path, help="folder for the stores (default: temporary, removed)")
    args = parser.parse_args()

    import pyoxigraph as ox

    from kg.query import canned_queries

    info = {"benchmark": "queries", "machine": machine(), "runs": args.runs, "budget_s": args.budget,
            "variants": args.variants, "target_ms": TARGET_MS}
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-queries-"))
    work.mkdir(parents=True, exist_ok=True)
    clock = Timer()
    graphs = base_graphs()
    doc, card = templates(graphs)
    base_quads = doc.count("\n") + card.count("\n")
    copies = max(1, math.ceil(args.triples / base_quads))
    info["base_graphs_s"] = clock()
    clock = Timer()
    files = generate(work, doc, card, copies, args.variants)
    info["generate_s"] = clock()
    layouts = {}
    for layout, nquads in files.items():
        path = work / f"store-{layout}"
        clock = Timer()
        store = ox.Store(str(path))
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.flush()
        layouts[layout] = {"path": path, "bulk_load_s": clock(), "quads": len(store),
                           "distinct_triples": next(iter(store.query(
                               "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")))[0].value}
        del store
        nquads.unlink()
        print(f"{layout}: {layouts[layout]['quads']:,} quads ({layouts[layout]['distinct_triples']} distinct triples), "
              f"bulk load {layouts[layout]['bulk_load_s']:.1f} s", file=sys.stderr)
    info.update(base_quads=base_quads, copies=copies, documents=len(graphs) * copies,
                layouts={k: {kk: vv for kk, vv in v.items() if kk != "path"} for k, v in layouts.items()})

    results = []
    for name, qpath in canned_queries().items():
        sparql = qpath.read_text(encoding="utf-8")
        row = {"query": name}
        for layout in layouts:
            for how in ("knowledge_store", "pyoxigraph"):
                row[f"{layout}/{how}"] = measure(layouts[layout]["path"], how, sparql, args.runs, args.budget)
        results.append(row)
        print(f"  {name}: " + ", ".join(f"{k} {_ms(v, args.budget)}" for k, v in row.items() if k != "query"),
              file=sys.stderr)
    info["queries"] = results
    path = save("queries", info)

    kg_quads = layouts["kg"]["quads"]
    print(f"\nCanned queries at {kg_quads:,} quads ({len(graphs) * copies:,} documents; each actor/place described in "
          f"~{copies // args.variants} of them), median of {args.runs} runs, ms "
          f"(* = fewer runs within the {args.budget:.0f} s budget); load average at start "
          f"{info['machine']['load_average'][0]:.1f} on {info['machine']['cores']} cores\n")
    headers = ["query", "rows (kg)", "rows (shared)", "kg: KnowledgeStore", "kg: pyoxigraph",
               "shared: KnowledgeStore", "shared: pyoxigraph", f"< {TARGET_MS:.0f} ms (kg, KnowledgeStore)"]
    rows = []
    for r in results:
        main_ = r["kg/knowledge_store"]
        ok = main_["median_ms"] is not None and main_["median_ms"] < TARGET_MS
        rows.append([r["query"], r["kg/pyoxigraph"]["rows"] or "-", r["shared/pyoxigraph"]["rows"] or "-",
                     _ms(main_, args.budget), _ms(r["kg/pyoxigraph"], args.budget),
                     _ms(r["shared/knowledge_store"], args.budget), _ms(r["shared/pyoxigraph"], args.budget),
                     "yes" if ok else "NO"])
    print(table(headers, rows))
    print(f"\nwrote {path.relative_to(ROOT)}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
