"""Benchmark 2: build and export a large corpus (10,000 entries by default).

The corpus: the sample's and the development blogs' entries, varied (times 7 minutes apart
across days, other numbers, other people's names: new entry, fact and actor IRIs), written as
JSON Lines files of --per-file entries, one document each (common.write_corpus).

Build: kg's own pipeline, in this process and in `kg build`'s order (load_document,
parse_entries, extract, build_graph, KnowledgeStore.replace_graph, known actors carried from
one document to the next), each phase timed. The same graphs also go into an rdflib in-memory
Dataset, for comparison with the store's writes.

Export: `kg export` (turtle, nquads, trig; the real command) against the store's native dump
(`pyoxigraph.Store.dump`, N-Quads), and rdflib in memory: parse the same N-Quads into a
Dataset, serialize Turtle (union) and TriG.

    .venv/bin/python benchmarks/bench_build.py [--entries 10000] [--per-file 500] [--cli]
(--cli also times the real `kg build` on the same files: the extraction runs twice.)
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from common import ROOT, Timer, machine, save, table, write_corpus

TARGET_EXPORT_RATIO = 2.0


def build(paths, store_path: Path, info: dict) -> None:
    from rdflib import Dataset

    from kg.cli import _merge_known
    from kg.extract import extract, parse_entries
    from kg.ingest import load_document
    from kg.store import KnowledgeStore
    from kg.store.mapping import build_graph
    from synthetic import kg_count_workaround

    phases: Counter = Counter()
    totals: Counter = Counter()
    memory = Dataset()
    clock = Timer()
    documents = [load_document(p) for p in paths]
    phases["ingest"] += clock()
    clock = Timer()
    kb = KnowledgeStore(store_path)
    known = kb.known_actors()
    phases["store: open + known actors"] += clock()
    total = Timer()
    for number, document in enumerate(documents, start=1):
        clock = Timer()
        items = parse_entries([document])[0]
        phases["spaCy (parse_entries)"] += clock()
        clock = Timer()
        result = extract(document, known, items=items)
        phases["extractors (extract)"] += clock()
        clock = Timer()
        with kg_count_workaround():      # no-op once kg/store/mapping/events.py writes KG["count"]
            graph = build_graph(result)
        phases["graph (build_graph)"] += clock()
        clock = Timer()
        kb.replace_graph(graph)
        phases["store: replace_graph"] += clock()
        clock = Timer()
        memory.remove_graph(graph.identifier)
        target = memory.graph(graph.identifier)
        target += graph
        phases["(rdflib in-memory Dataset: add)"] += clock()
        known = _merge_known(known, result.actors.values())
        totals.update(entries=len(document.entries), facts=len(result.facts), triples=len(graph))
        print(f"  document {number}/{len(documents)}: {totals['entries']} entries, {total():.0f} s",
              file=sys.stderr, flush=True)
    clock = Timer()
    info["quads"] = len(kb)
    kb.close()
    phases["store: close"] += clock()
    info["build_phases_s"] = dict(phases)
    info["build_s"] = sum(v for k, v in phases.items() if not k.startswith("("))
    info["totals"] = dict(totals, documents=len(documents))


def cli_build(paths, store_path: Path) -> dict:
    kg = Path(sys.executable).with_name("kg")
    clock = Timer()
    result = subprocess.run([str(kg), "build", *map(str, paths), "--store", str(store_path)],
                            capture_output=True, text=True)
    return {"seconds": clock(), "exit": result.returncode, "stdout": result.stdout.strip()[-300:],
            "stderr": result.stderr.strip()[-300:]}


def exports(store_path: Path, work: Path, info: dict, budget: float) -> None:
    import pyoxigraph as ox

    kg = Path(sys.executable).with_name("kg")
    sizes, times = {}, {}
    for fmt, ext in (("turtle", "ttl"), ("nquads", "nq"), ("trig", "trig")):
        out = work / f"export.{ext}"
        clock = Timer()
        result = subprocess.run([str(kg), "export", "--store", str(store_path), "-f", fmt, "-o", str(out)],
                                capture_output=True, text=True)
        times[f"kg export {fmt}"] = clock()
        if result.returncode != 0:
            times[f"kg export {fmt}"] = None
            print(result.stderr[-500:], file=sys.stderr)
        sizes[f"kg export {fmt}"] = out.stat().st_size if out.exists() else None
    clock = Timer()
    subprocess.run([str(kg), "--help"], capture_output=True)
    times["kg --help (start-up of any kg command)"] = clock()
    from kg.export import export
    from kg.store import KnowledgeStore

    for fmt in ("turtle", "nquads"):
        out = work / f"library.{fmt}"
        clock = Timer()
        with KnowledgeStore(store_path, read_only=True) as kb, out.open("wb") as handle:
            export(kb, fmt, handle)
        times[f"kg.export.export {fmt} (in process)"] = clock()
        sizes[f"kg.export.export {fmt} (in process)"] = out.stat().st_size
    native = work / "native.nq"
    clock = Timer()
    store = ox.Store.read_only(str(store_path))
    with native.open("wb") as handle:
        store.dump(handle, format=ox.RdfFormat.N_QUADS)
    times["pyoxigraph Store.dump nquads"] = clock()
    sizes["pyoxigraph Store.dump nquads"] = native.stat().st_size
    del store
    info["export_s"] = times
    info["export_bytes"] = sizes
    times.update(_rdflib_in_memory(native, work, budget))


def _rdflib_in_memory(native: Path, work: Path, budget: float) -> dict:
    """rdflib's in-memory Dataset on the same N-Quads, in a child process stopped after `budget` s
    (rdflib's Turtle serializer takes tens of minutes on a million triples)."""
    import multiprocessing as mp

    def child(conn) -> None:
        from rdflib import Dataset, Graph

        clock = Timer()
        dataset = Dataset()
        dataset.parse(str(native), format="nquads")
        conn.send(("rdflib: parse nquads", clock()))
        clock = Timer()
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        conn.send(("rdflib: union graph", clock()))
        for fmt, graph, ext in (("turtle", union, "ttl"), ("trig", dataset, "trig")):
            clock = Timer()
            graph.serialize(str(work / f"rdflib.{ext}"), format=fmt)
            conn.send((f"rdflib: serialize {fmt}", clock()))
        conn.send(None)

    context = mp.get_context("fork")
    parent, end = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(end,), daemon=True)
    clock = Timer()
    process.start()
    end.close()
    times: dict = {}
    while True:
        left = budget - clock()
        if left <= 0 or not parent.poll(left):
            for step in ("rdflib: parse nquads", "rdflib: union graph", "rdflib: serialize turtle",
                         "rdflib: serialize trig"):
                if step not in times:
                    times[step] = f"not done: stopped at the {budget:.0f} s budget"
                    break
            break
        message = parent.recv()
        if message is None:
            break
        times[message[0]] = message[1]
    if process.is_alive():
        process.kill()
    process.join()
    return times


def _export_table(info: dict) -> str:
    native = info["export_s"]["pyoxigraph Store.dump nquads"]
    rows = []
    for k, v in info["export_s"].items():
        ratio = f"{v / native:.1f}x" if isinstance(v, float) and k.startswith(("kg e", "kg.", "pyoxigraph")) else "-"
        size = info["export_bytes"].get(k)
        rows.append([k, v if v is not None else "failed", size / 1e6 if size else "-", ratio])
    return table(["export", "seconds", "MB", "vs native dump"], rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--per-file", type=int, default=500)
    parser.add_argument("--cli", action="store_true", help="also time the real `kg build`")
    parser.add_argument("--work", type=Path, help="working folder (default: temporary, removed)")
    parser.add_argument("--rdflib-budget", type=float, default=900.0,
                        help="seconds allowed to the rdflib in-memory comparison (default 900)")
    parser.add_argument("--export-only", type=Path, metavar="STORE",
                        help="skip the build: time the exports of this existing store")
    args = parser.parse_args()

    info = {"benchmark": "build", "machine": machine(), "entries": args.entries, "per_file": args.per_file}
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.export_only:
        store_path = args.export_only
        info["export_only"] = True
    else:
        clock = Timer()
        paths = write_corpus(work / "corpus", args.entries, args.per_file)
        info["corpus_s"] = clock()
        info["corpus_bytes"] = sum(p.stat().st_size for p in paths)
        store_path = work / "store"
        build(paths, store_path, info)
        save("build", info)                       # the build's numbers, even if an export fails
        if args.cli:
            info["cli_build"] = cli_build(paths, work / "cli-store")
    exports(store_path, work, info, args.rdflib_budget)
    path = save("build-export" if args.export_only else "build", info)
    if args.export_only:
        print(_export_table(info))
        print(f"wrote {path.relative_to(ROOT)}")
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        return 0

    t = info["totals"]
    print(f"\nBuild of {t['entries']:,} entries in {t['documents']} documents: {t['facts']:,} facts, "
          f"{info['quads']:,} quads; load average at start {info['machine']['load_average'][0]:.1f} "
          f"on {info['machine']['cores']} cores\n")
    build_total = info["build_s"]
    rows = [[phase, seconds, f"{100 * seconds / build_total:.0f}%" if not phase.startswith("(") else "-"]
            for phase, seconds in info["build_phases_s"].items()]
    rows.append(["total (kg)", build_total, "100%"])
    rows.append(["entries/s", t["entries"] / build_total, ""])
    if "cli_build" in info:
        rows.append(["real `kg build` (same files)", info["cli_build"]["seconds"], f"exit {info['cli_build']['exit']}"])
    print(table(["build phase", "seconds", "share"], rows))
    print()
    print(_export_table(info))
    print(f"\ntargets: 10,000 entries in minutes, not hours; export within {TARGET_EXPORT_RATIO}x of the native dump")
    print(f"wrote {path.relative_to(ROOT)}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
