"""Run the real `kg` command line with test hooks around each document write.

Used by test_failsafe_atomic.py to kill a build at known points. Environment variables:
  KG_TEST_TRACE=1          print "kg-test: write start N" / "kg-test: write end N" on stderr
  KG_TEST_INFLATE_DOC=N    add KG_TEST_INFLATE filler triples to the N-th graph written, so that
                           its single SPARQL update takes a second or more
  KG_TEST_SIGNAL_DOC=N     send KG_TEST_SIGNAL (KILL or INT) to this process KG_TEST_SIGNAL_AFTER
                           seconds after the N-th document's `Store.update` call began (pyoxigraph
                           releases the GIL while it writes, so the timer fires mid-update)
  KG_TEST_FAIL_DOC=N       raise RuntimeError while building the N-th document's graph
Everything else is kg itself: `python instrumented_kg.py build FILE... --store DIR`.
"""
from __future__ import annotations

import os
import signal
import sys
import threading

from rdflib import Literal, URIRef

import kg.store as store_module
import kg.store.mapping as mapping_module

FILLER = "https://kg.example.org/id/test/filler/"
_original_replace = store_module.KnowledgeStore.replace_graph
_original_build = mapping_module.build_graph
_writes = 0
_builds = 0


def _env(name: str, default: str = "0") -> str:
    return os.environ.get(name, default)


def _say(text: str) -> None:
    if _env("KG_TEST_TRACE", ""):
        sys.stderr.write(f"kg-test: {text}\n")
        sys.stderr.flush()


class _TimedStore:
    """Stands for pyoxigraph.Store during one write: starts the signal timer as update() begins."""

    def __init__(self, real, sig, delay):
        self._real, self._sig, self._delay = real, sig, delay

    def update(self, sparql: str) -> None:
        threading.Timer(self._delay, os.kill, (os.getpid(), self._sig)).start()
        _say("update begins")
        self._real.update(sparql)

    def __getattr__(self, name):
        return getattr(self._real, name)


def replace_graph(self, graph):
    global _writes
    _writes += 1
    if int(_env("KG_TEST_INFLATE_DOC")) == _writes:
        for i in range(int(_env("KG_TEST_INFLATE", "150000"))):
            graph.add((URIRef(f"{FILLER}{i}"), URIRef("https://kg.example.org/ontology#note"),
                       Literal(f"filler {i} " + "x" * 40)))
    real = self.ox
    if int(_env("KG_TEST_SIGNAL_DOC")) == _writes:
        sig = signal.SIGKILL if _env("KG_TEST_SIGNAL", "KILL") == "KILL" else signal.SIGINT
        self.ox = _TimedStore(real, sig, float(_env("KG_TEST_SIGNAL_AFTER", "0.3")))
    _say(f"write start {_writes} {len(graph)}")
    try:
        result = _original_replace(self, graph)
    finally:
        self.ox = real
    _say(f"write end {_writes}")
    return result


def build_graph(result):
    global _builds
    _builds += 1
    if int(_env("KG_TEST_FAIL_DOC")) == _builds:
        raise RuntimeError("injected failure (test hook)")
    return _original_build(result)


store_module.KnowledgeStore.replace_graph = replace_graph
mapping_module.build_graph = build_graph

if __name__ == "__main__":
    from kg.cli import main

    sys.argv = ["kg", *sys.argv[1:]]
    main()
