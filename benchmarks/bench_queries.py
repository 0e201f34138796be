"""Benchmark 3: median latency of every canned query (queries/*.rq) at about 1M triples, as
`kg query` runs it (KnowledgeStore.solutions made into printable rows), through rdflib's Dataset
on the same store (oxrdflib: rdflib terms for every row), and listed by pyoxigraph directly.

The graph: kg's own graphs of the sample and the development blogs, plus one synthetic
document with a fact of every kind (benchmarks/synthetic.py), laid out as kg's store lays them
out (kg/store/layout.py) and replicated with their IRIs rewritten until the store holds
--triples quads: each copy is a new document; actors and places are spread over --variants
variants each, described once in the shared graph. Loaded with `Store.bulk_load`.

Each query runs in a child process with a time budget (--budget seconds, warm-up included):
the Python API has no query timeout.

    .venv/bin/python benchmarks/bench_queries.py [--triples 1000000] [--runs 5] [--budget 60] [--store DIR]
"""
from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import re
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from common import ROOT, Timer, machine, median_ms, save, source_documents, table

ID = re.compile(r"(https://kg\.example\.org/id/([a-z]+)/)([^/>#\s]+)")
SHARED_KINDS = ("actor", "place")
TARGET_MS = 100.0


def base_graphs():
    """kg's graphs (rdflib) of the source documents and of the synthetic every-kind document."""
    from kg.extract import extract, parse_entries
    from kg.store.mapping import build_graph
    from synthetic import synthetic_graph

    graphs = []
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
    """N-Quads templates laid out as kg's store lays them out (kg/store/layout.py): each document's
    own triples in its graph, actor and place descriptions in the shared graph; with markers where
    each copy's suffixes go."""
    from kg.store.layout import SHARED_GRAPH, split_cards

    own_lines, card_lines = [], []
    for graph in graphs:
        own, cards = split_cards(graph)
        name = graph.identifier.n3()
        own_lines += [f"{s.n3()} {p.n3()} {o.n3()} {name} ." for s, p, o in own]
        card_lines += [f"{s.n3()} {p.n3()} {o.n3()} {SHARED_GRAPH.n3()} ." for s, p, o in cards]
    return _mark("\n".join(own_lines) + "\n"), _mark("\n".join(sorted(set(card_lines))) + "\n")


DATE = re.compile(r'"(\d{4}-\d{2}-\d{2})([^"]*)"\^\^<http://www\.w3\.org/2001/XMLSchema#(dateTime|date)>')


def _shift_dates(text: str, days: int) -> str:
    """Copy i happens i days later, as the next day's live blog would: an archive's entries do not
    all share the sample's few timestamps (which would make every ORDER BY a tie-break)."""
    def shift(match: re.Match) -> str:
        day, rest, kind = match.groups()
        moved = (date.fromisoformat(day) + timedelta(days=days)).isoformat()
        return f'"{moved}{rest}"^^<http://www.w3.org/2001/XMLSchema#{kind}>'

    return DATE.sub(shift, text)


def generate(folder: Path, doc: str, card: str, copies: int, variants: int) -> Path:
    path = folder / "kg.nq"
    with path.open("w", encoding="utf-8") as out:
        for i in range(copies):
            out.write(_shift_dates(doc, i).replace("\x00D", f"-c{i}").replace("\x00A", f"-v{i % variants}"))
            if i < variants:           # each variant's description once
                out.write(card.replace("\x00A", f"-v{i}").replace("\x00D", ""))
    return path


def _child(path: str, how: str, sparql: str, runs: int, conn) -> None:
    import time

    if how == "kg_query":      # what `kg query` runs: Oxigraph's solutions made into printable rows
        from kg.query import Rows
        from kg.store import KnowledgeStore

        kb = KnowledgeStore(path, read_only=True)
        run = lambda: Rows.from_oxigraph(kb.solutions(sparql)).rows  # noqa: E731
    elif how == "rdflib":      # the same store through rdflib's Dataset (oxrdflib), as library users query it
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
    parser.add_argument("--store", type=Path, help="keep the generated store here (reused if it exists)")
    args = parser.parse_args()

    import pyoxigraph as ox

    from kg.query import canned_queries

    info = {"benchmark": "queries", "machine": machine(), "runs": args.runs, "budget_s": args.budget,
            "variants": args.variants, "target_ms": TARGET_MS}
    work = Path(tempfile.mkdtemp(prefix="kg-bench-queries-"))
    path = args.store or work / "store"
    if not (path / "CURRENT").exists():
        clock = Timer()
        graphs = base_graphs()
        doc, card = templates(graphs)
        base_quads = doc.count("\n")
        copies = max(1, math.ceil((args.triples - card.count("\n") * args.variants) / base_quads))
        info["base_graphs_s"] = clock()
        clock = Timer()
        nquads = generate(work, doc, card, copies, args.variants)
        info["generate_s"] = clock()
        clock = Timer()
        store = ox.Store(str(path))
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.flush()
        info.update(bulk_load_s=clock(), base_quads=base_quads, copies=copies, documents=len(graphs) * copies)
        del store
        nquads.unlink()
    store = ox.Store.read_only(str(path))
    info["quads"] = len(store)
    info["named_graphs"] = len(list(store.named_graphs()))
    del store
    print(f"{info['quads']:,} quads in {info['named_graphs']:,} named graphs", file=sys.stderr)

    results = []
    for name, qpath in canned_queries().items():
        sparql = qpath.read_text(encoding="utf-8")
        row = {"query": name}
        for how in ("kg_query", "rdflib", "pyoxigraph"):
            row[how] = measure(path, how, sparql, args.runs, args.budget)
        results.append(row)
        print(f"  {name}: " + ", ".join(f"{k} {_ms(v, args.budget)}" for k, v in row.items() if k != "query"),
              file=sys.stderr)
    info["queries"] = results
    saved = save("queries", info)

    print(f"\nCanned queries at {info['quads']:,} quads ({info['named_graphs']:,} named graphs), median of "
          f"{args.runs} runs, ms (* = fewer runs within the {args.budget:.0f} s budget); load average at start "
          f"{info['machine']['load_average'][0]:.1f} on {info['machine']['cores']} cores\n")
    headers = ["query", "rows", "kg query (rows)", "rdflib Dataset", "pyoxigraph (list)", f"< {TARGET_MS:.0f} ms"]
    rows = []
    for r in results:
        main_ = r["kg_query"]
        ok = main_["median_ms"] is not None and main_["median_ms"] < TARGET_MS
        rows.append([r["query"], r["pyoxigraph"]["rows"] or "-", _ms(main_, args.budget), _ms(r["rdflib"], args.budget),
                     _ms(r["pyoxigraph"], args.budget), "yes" if ok else "NO"])
    print(table(headers, rows))
    print(f"\nwrote {saved.relative_to(ROOT)}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
