"""Three-way equality: every canned query gives the same rows from the embedded store, from
`kg serve` (through SPARQLWrapper and through `kg query --endpoint`), and from an Oxigraph
server the store was pushed to with `kg push`."""
from __future__ import annotations

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from .support import MUST_HAVE_ROWS, PROJECT, QUERIES, json_rows, normalise, run_kg


def kg_query(name: str, *where: str) -> tuple[list[str], list[dict]]:
    result = run_kg("query", name, *where, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json_rows(result.stdout)


def sparqlwrapper_query(url: str, name: str) -> tuple[list[str], list[dict]]:
    wrapper = SPARQLWrapper(url)
    wrapper.setQuery((PROJECT / "queries" / f"{name}.rq").read_text(encoding="utf-8"))
    wrapper.setReturnFormat(JSON)
    wrapper.setOnlyConneg(True)
    wrapper.setMethod(POST)
    data = wrapper.query().convert()
    return data["head"]["vars"], data["results"]["bindings"]


def test_there_are_canned_queries():
    assert MUST_HAVE_ROWS <= set(QUERIES)


@pytest.mark.parametrize("name", QUERIES)
def test_same_rows_embedded_served_and_pushed(name, built_store, served, pushed):
    variables, embedded = kg_query(name, "--store", built_store)
    expected = normalise(variables, embedded)
    if name in MUST_HAVE_ROWS:
        assert expected, f"{name} returns no row from the sample: the comparison would be empty"

    served_vars, served_rows = sparqlwrapper_query(served.query_url, name)
    assert served_vars == variables
    assert normalise(served_vars, served_rows) == expected, "kg serve (SPARQLWrapper)"

    cli_vars, cli_rows = kg_query(name, "--endpoint", served.query_url)
    assert cli_vars == variables
    assert normalise(cli_vars, cli_rows) == expected, "kg serve (kg query --endpoint)"

    pushed_vars, pushed_rows = kg_query(name, "--endpoint", pushed.query_url)
    assert pushed_vars == variables
    assert normalise(pushed_vars, pushed_rows) == expected, "Oxigraph server after kg push"

    # `kg query --endpoint` prints exactly what the embedded path prints (datatypes included).
    key = lambda b: sorted((k, tuple(sorted(v.items()))) for k, v in b.items())  # noqa: E731
    assert sorted(map(key, cli_rows)) == sorted(map(key, embedded))


def test_same_csv_table_for_timeline(built_store, served):
    """The printed CSV is byte for byte the same (timeline has a total order)."""
    embedded = run_kg("query", "timeline", "--store", built_store, "--format", "csv")
    remote = run_kg("query", "timeline", "--endpoint", served.query_url, "--format", "csv")
    assert embedded.returncode == remote.returncode == 0, embedded.stderr + remote.stderr
    assert remote.stdout == embedded.stdout
    assert embedded.stdout.count("\n") > 1
