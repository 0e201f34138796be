"""Ingest is atomic per document: a build killed while it writes leaves each document's named
graph exactly as it was before, or exactly as the finished rebuild writes it, never a mix.
Also: a store held by another writer gives a clear message.

Every run goes through the real `kg build` in a subprocess; some runs use instrumented_kg.py,
which is kg's own CLI plus hooks that say when each write begins and ends and can make one
write large and send the signal in the middle of its SPARQL update.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from failsafe_support import INSTRUMENTED, KG, SAMPLE, SHARED, copy_store, error_lines, run_kg, store_contents

pytestmark = pytest.mark.slow     # kg build in subprocesses (spaCy model loads)

DOCS = ("blog-a", "blog-b", "blog-c")
FILLER = "<https://kg.example.org/id/test/filler/"
NEW_ENTRY = ("10:30 - Le bilan s'alourdit encore Le gouverneur de Moscou Andreï Vorobiov annonce "
             "désormais trois morts et dix-huit blessés dans la région.\n\n")


def graph_name(doc: str) -> str:
    return f"<https://kg.example.org/id/graph/{doc}>"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three documents built once (old), then rebuilt from changed texts (new) without a kill."""
    base = tmp_path_factory.mktemp("atomic")
    blocks = SAMPLE.read_text(encoding="utf-8").split("\n\n")
    first = next(i for i, b in enumerate(blocks) if b[:2].isdigit())
    # the lead, the day, three entries: quicker runs than the whole sample
    text = "\n\n".join([*blocks[:first], "11/03/2025", *blocks[first:first + 3]]) + "\n"
    changed = text.replace("11/03/2025\n\n", "11/03/2025\n\n" + NEW_ENTRY, 1).replace(
        "Le bilan de l'attaque aérienne s'alourdit", "Le bilan de l'attaque de drones s'alourdit", 1)
    assert changed != text
    for version, body in (("old", text), ("new", changed)):
        (base / version).mkdir()
        for doc in DOCS:
            (base / version / f"{doc}.txt").write_text(body, encoding="utf-8")
    old_files = [base / "old" / f"{d}.txt" for d in DOCS]
    new_files = [base / "new" / f"{d}.txt" for d in DOCS]
    old_store = base / "old-store"
    result = run_kg("build", *old_files, "--store", old_store)
    assert result.returncode == 0, result.stderr[-3000:]
    reference = copy_store(old_store, base / "reference")
    started = time.perf_counter()
    result = run_kg("build", *new_files, "--store", reference)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-3000:]
    old, new = store_contents(old_store), store_contents(reference)
    for doc in DOCS:
        assert len(old[graph_name(doc)]) != len(new[graph_name(doc)]), "the rebuild must change every document"
    return {"base": base, "old_store": old_store, "new_files": new_files, "old": old, "new": new,
            "seconds": seconds}


def _state(contents: dict, corpus, doc: str, filler: int = 0) -> str:
    """'old' or 'new' (or 'new+filler' for an inflated write); fails on anything else."""
    name = graph_name(doc)
    triples = contents.get(name, frozenset())
    if triples == corpus["old"][name]:
        return "old"
    if triples == corpus["new"][name]:
        return "new"
    if filler:
        real = frozenset(t for t in triples if not t.startswith(FILLER))
        if real == corpus["new"][name] and len(triples) - len(real) == filler:
            return "new+filler"
    pytest.fail(f"{doc}: {len(triples)} triples, neither the old version ({len(corpus['old'][name])}) "
                f"nor the new one ({len(corpus['new'][name])}): a partial write")


def _start(corpus, store, instrumented: bool, **env):
    command = ([sys.executable, str(INSTRUMENTED)] if instrumented else [str(KG)])
    command += ["build", *map(str, corpus["new_files"]), "--store", str(store)]
    environment = {**os.environ, **{k: str(v) for k, v in env.items()}}
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def _states(corpus, store, filler: int = 0) -> list[str]:
    contents = store_contents(store)          # opening it for writing also proves the lock was released
    assert set(contents) <= {graph_name(d) for d in DOCS} | {SHARED}
    return [_state(contents, corpus, doc, filler) for doc in DOCS]


# ------------------------------------------------------------------ killed in the middle of an update
@pytest.mark.parametrize("sig", ["KILL", "INT"])
def test_signal_in_the_middle_of_a_write(corpus, tmp_path, sig):
    filler = 80_000
    store = copy_store(corpus["old_store"], tmp_path / "store")
    process = _start(corpus, store, instrumented=True, KG_TEST_TRACE=1, KG_TEST_INFLATE_DOC=2,
                     KG_TEST_INFLATE=filler, KG_TEST_SIGNAL_DOC=2, KG_TEST_SIGNAL=sig, KG_TEST_SIGNAL_AFTER=0.1)
    stdout, stderr = process.communicate(timeout=300)
    trace = [ln for ln in stderr.splitlines() if ln.startswith("kg-test:")]
    assert process.returncode != 0, stderr[-2000:]
    assert "kg-test: write end 1" in trace and "kg-test: update begins" in trace, stderr[-2000:]
    assert "kg-test: write start 3" not in "\n".join(trace)
    states = _states(corpus, store, filler)
    assert states[0] == "new"
    assert states[2] == "old"
    if sig == "KILL":
        assert "kg-test: write end 2" not in trace
        assert states[1] == "old", "a write killed mid-update must leave the previous version"
    else:   # Python stops at the next bytecode: after the update, which is then complete
        assert states[1] in ("old", "new+filler")


def test_killed_between_two_documents(corpus, tmp_path):
    store = copy_store(corpus["old_store"], tmp_path / "store")
    process = _start(corpus, store, instrumented=True, KG_TEST_TRACE=1)
    for line in process.stderr:
        if line.startswith("kg-test: write end 1"):
            process.send_signal(signal.SIGKILL)
            break
    process.communicate(timeout=300)
    assert process.returncode == -signal.SIGKILL
    states = _states(corpus, store)
    assert states[0] == "new" and states[2] == "old", states


# ------------------------------------------------------------------ the plain `kg`, killed at several times
@pytest.mark.parametrize("sig, fraction", [(signal.SIGKILL, 0.6), (signal.SIGKILL, 0.9),
                                           (signal.SIGINT, 0.8)])
def test_plain_kg_killed_at_several_points(corpus, tmp_path, sig, fraction):
    store = copy_store(corpus["old_store"], tmp_path / "store")
    process = _start(corpus, store, instrumented=False)
    try:
        process.communicate(timeout=corpus["seconds"] * fraction)
    except subprocess.TimeoutExpired:
        process.send_signal(sig)
        process.communicate(timeout=300)
    states = _states(corpus, store)
    if process.returncode == 0:
        assert states == ["new"] * 3
    else:
        # the documents are written in order: a later one is never newer than an earlier one
        assert states == sorted(states, key=lambda s: s != "new"), states


# ------------------------------------------------------------------ what the user is told
def test_an_interrupted_build_says_so(corpus, tmp_path):
    """Ctrl-C during `kg build` exits 130 without a word: the user cannot tell which documents were
    rebuilt. Expected: one line on stderr saying the build was interrupted (and what was kept)."""
    store = copy_store(corpus["old_store"], tmp_path / "store")
    process = _start(corpus, store, instrumented=True, KG_TEST_SIGNAL_DOC=1, KG_TEST_SIGNAL="INT",
                     KG_TEST_SIGNAL_AFTER=0.0)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert lines and "interrupt" in lines[-1].lower(), f"stderr: {stderr!r}"


def test_a_failure_in_one_document_does_not_lose_the_others(corpus, tmp_path):
    """An unexpected error while extracting or mapping one document (a bug in an extractor, say)
    should cost that document only: one line naming its file, exit 1, the others still rebuilt.
    Today the first such error aborts the run with a traceback."""
    store = copy_store(corpus["old_store"], tmp_path / "store")
    process = _start(corpus, store, instrumented=True, KG_TEST_FAIL_DOC=2)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 1, stderr[-2000:]
    assert "Traceback" not in stderr, stderr[-2000:]
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert any(str(corpus["new_files"][1]) in ln for ln in lines), stderr[-2000:]
    assert _states(corpus, store) == ["new", "old", "new"]


# ------------------------------------------------------------------ one writer at a time
def test_a_store_locked_by_another_writer(corpus, tmp_path):
    store = copy_store(corpus["old_store"], tmp_path / "store")
    holder = ox.Store(str(store))            # this test process is "the other writer"
    try:
        result = run_kg("build", SAMPLE, "--store", store, timeout=120)
    finally:
        del holder
    assert result.returncode == 1
    lines = error_lines(result)
    assert len(lines) == 1, result.stderr
    assert str(store) in lines[0] and "in use by another kg process" in lines[0]
    assert _states(corpus, store) == ["old"] * 3
