"""Bad inputs through the real CLI: each gets one clear line naming the file (and line),
a non-zero exit, and good files given in the same run are still ingested."""
from __future__ import annotations

import gzip
import json
import shutil

import pytest

from failsafe_support import SAMPLE, SHARED, error_lines, run_kg, store_contents

GOOD_GRAPH = "<https://kg.example.org/id/graph/good>"


def _make_bad_inputs(folder):
    """name -> (path given to kg, words the error must contain, line number or None)."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n\t\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(gzip.compress(SAMPLE.read_bytes()))
    (folder / "latin1.txt").write_bytes(
        "Direct\n\n10/03/2025\n10:04 - Le bilan s'alourdit Le gouverneur a parlé de deux morts.\n".encode("latin-1"))
    (folder / "no-times.txt").write_text("Un direct sans heure.\nLe gouverneur a parlé.\n", encoding="utf-8")
    (folder / "no-day.txt").write_text("Titre\n\n10:04 - Un titre Le gouverneur a parlé.\n", encoding="utf-8")
    (folder / "bad-time.txt").write_text(
        "Direct\n\n10/03/2025\n10:04 - Bon titre Le corps.\n25:99 - Mauvaise heure Le corps.\n", encoding="utf-8")
    (folder / "bad-time.jsonl").write_text(
        json.dumps({"time": "2025-03-10T10:04:00+01:00", "title": "Bon", "body": "Corps."}) + "\n"
        + json.dumps({"time": "25:99", "title": "Mauvais", "body": "Corps."}) + "\n", encoding="utf-8")
    (folder / "bad-json.jsonl").write_text('{"time": "10:04", "title": "x"\n', encoding="utf-8")
    (folder / "a-folder").mkdir()
    with (folder / "big.txt").open("wb") as handle:   # 50 MB of valid entries
        block = ("10:04 - Titre Le gouverneur a parlé de deux morts.\n" * 20000).encode("utf-8")
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(block)
    return {
        "empty": (folder / "empty.txt", ["empty"], None),
        "blank": (folder / "blank.txt", ["white space"], None),
        "binary": (folder / "binary.txt", ["binary"], None),
        "latin1": (folder / "latin1.txt", ["UTF-8", "iconv"], 4),
        "no-times": (folder / "no-times.txt", ["no live-blog entry", "HH:MM"], None),
        "no-day": (folder / "no-day.txt", ["--date"], None),
        "bad-time": (folder / "bad-time.txt", ["25:99"], 5),
        "bad-time-jsonl": (folder / "bad-time.jsonl", ["25:99"], 2),
        "bad-json": (folder / "bad-json.jsonl", ["JSON"], 1),
        "directory": (folder / "a-folder", ["directory"], None),
        "missing": (folder / "missing.txt", ["no such file"], None),
        "glob": (folder / "*.nothing", ["no file matches"], None),
        "50MB": (folder / "big.txt", ["50 MB", "20 MB"], None),
    }


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    return _make_bad_inputs(tmp_path_factory.mktemp("inputs") / "bad")


@pytest.fixture(scope="module")
def mixed_run(bad, tmp_path_factory):
    """One build given every bad input and, in the middle, one good file."""
    base = tmp_path_factory.mktemp("mixed")
    good = base / "good.txt"
    shutil.copy(SAMPLE, good)
    store = base / "store"
    paths = [p for p, _, _ in bad.values()]
    args = [*paths[:6], good, *paths[6:]]
    return run_kg("build", *args, "--store", store), store


def _check_line(line: str, path, words, number) -> None:
    where = f"{path}:{number}:" if number else f"{path}:"
    assert where in line, f"the error should name {where!r}: {line!r}"
    for word in words:
        assert word in line, f"the error should say {word!r}: {line!r}"


@pytest.mark.parametrize("name", ["empty", "blank", "binary", "latin1", "no-times", "no-day", "bad-time",
                                  "bad-time-jsonl", "bad-json", "directory", "missing", "glob", "50MB"])
def test_each_bad_input_alone_gets_one_clear_line(bad, tmp_path, name):
    path, words, number = bad[name]
    result = run_kg("build", path, "--store", tmp_path / "store")
    assert result.returncode != 0
    lines = error_lines(result)
    assert len(lines) == 1, f"expected one error line, got:\n{result.stderr}"
    assert lines[0].startswith("kg: ")
    _check_line(lines[0], path, words, number)
    assert "Traceback" not in result.stderr
    assert "built" not in result.stdout


@pytest.mark.slow
def test_bad_inputs_do_not_stop_good_files(bad, mixed_run):
    result, store = mixed_run
    assert result.returncode == 1, result.stderr
    lines = error_lines(result)
    assert len(lines) == len(bad), result.stderr
    for name, (path, words, number) in bad.items():
        matching = [ln for ln in lines if str(path) + ":" in ln]
        assert len(matching) == 1, f"{name}: expected one line naming {path}:\n{result.stderr}"
        _check_line(matching[0], path, words, number)
    assert "built 1 document(s)" in result.stdout
    graphs = store_contents(store)
    assert set(graphs) == {GOOD_GRAPH, SHARED}
    assert len(graphs[GOOD_GRAPH]) > 100


def test_a_glob_matching_only_folders_is_an_error(tmp_path):
    """`kg build 'dir/*'` where every match is a folder must not succeed silently having read nothing.
    (kg/cli.py `_expand` drops the folders and reports nothing.)"""
    (tmp_path / "in" / "2025-03").mkdir(parents=True)
    pattern = tmp_path / "in" / "2025*"
    result = run_kg("build", pattern, "--store", tmp_path / "store")
    assert result.returncode != 0, f"exit 0 although no file was read; stderr={result.stderr!r} stdout={result.stdout!r}"
    assert str(pattern) in result.stderr


@pytest.mark.slow
def test_two_files_with_the_same_name_do_not_overwrite_each_other(tmp_path):
    """a/blog.txt and b/blog.txt get the same document id (the file's stem): in one run the
    second silently replaced the first. Either both are kept, or kg refuses the second clearly."""
    texts = {"a": "Direct A\n\n10/03/2025\n10:04 - Titre A Le président Emmanuel Macron a parlé.\n",
             "b": "Direct B\n\n11/03/2025\n11:04 - Titre B Le secrétaire Marco Rubio a parlé.\n"}
    paths = []
    for folder, text in texts.items():
        (tmp_path / folder).mkdir()
        paths.append(tmp_path / folder / "blog.txt")
        paths[-1].write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    result = run_kg("build", *paths, "--store", store)
    triples = "\n".join(t for graph in store_contents(store).values() for t in graph)
    both_kept = "Titre A" in triples and "Titre B" in triples
    refused = result.returncode != 0 and str(paths[1]) in result.stderr and "Titre A" in triples
    assert both_kept or refused, (f"only one of two same-named files survived (exit {result.returncode}, "
                                  f"stderr {result.stderr!r})")


def test_store_path_that_is_a_file(tmp_path):
    target = tmp_path / "not-a-folder"
    target.write_text("x", encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("Direct\n\n10/03/2025\n10:04 - Titre Le gouverneur a parlé.\n", encoding="utf-8")
    result = run_kg("build", small, "--store", target)
    assert result.returncode != 0
    lines = error_lines(result)
    assert len(lines) == 1 and str(target) in lines[0] and "not a directory" in lines[0], result.stderr


@pytest.mark.parametrize("command", [["query", "timeline"], ["export"], ["stats"], ["validate"]])
def test_reading_a_missing_store(tmp_path, command):
    missing = tmp_path / "nothing-here"
    result = run_kg(*command, "--store", missing)
    assert result.returncode != 0
    lines = error_lines(result)
    assert len(lines) == 1 and str(missing) in lines[0] and "no kg store" in lines[0], result.stderr
    assert not missing.exists(), "reading must not create a store"
