"""Canned and ad-hoc SPARQL queries, and their output as a table, CSV, TSV or W3C JSON."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Optional

from rdflib import BNode, Literal, URIRef

from kg.resources import queries_path

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")


class QueryError(Exception):
    pass


def canned_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(queries_path().glob("*.rq"))}


def load_query(name_or_file: str) -> str:
    """A canned query by name ("timeline") or a .rq file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryError(f"{name_or_file}: no such query file")
        return path.read_text(encoding="utf-8")
    canned = canned_queries()
    if name_or_file not in canned:
        raise QueryError(f"unknown query {name_or_file!r}; canned queries: {', '.join(canned)}")
    return canned[name_or_file].read_text(encoding="utf-8")


class Rows:
    """A SELECT result as variable names and rows of rdflib terms (None where unbound)."""

    def __init__(self, variables: list[str], rows: list[list[Any]]):
        self.variables = variables
        self.rows = rows

    @classmethod
    def from_oxigraph(cls, solutions) -> "Rows":
        """Rows of an Oxigraph SELECT, its literals kept as text (see `LiteralText`)."""
        if not hasattr(solutions, "variables"):
            raise QueryError("only SELECT queries print as rows; use CONSTRUCT with `kg export`-like output")
        variables = [v.value for v in solutions.variables]
        width = range(len(variables))
        return cls(variables, [[_from_oxigraph(solution[i]) for i in width] for solution in solutions])

    @classmethod
    def from_rdflib(cls, result) -> "Rows":
        if result.type != "SELECT":
            raise QueryError("only SELECT queries print as rows; use CONSTRUCT with `kg export`-like output")
        variables = [str(v) for v in result.vars]
        return cls(variables, [[row[i] for i in range(len(variables))] for row in result])

    def __len__(self) -> int:
        return len(self.rows)


class LiteralText(str):
    """A literal as the store holds it: its lexical form, with its language or datatype. Printing
    needs nothing more; rdflib's `Literal` parses every date and number it is given, which cost a
    third of a large canned query's time."""

    language: Optional[str]
    datatype: Optional[URIRef]

    def __new__(cls, value: str, language: Optional[str] = None, datatype: Optional[str] = None):
        text = super().__new__(cls, value)
        text.language = language
        text.datatype = URIRef(datatype) if datatype and not language else None   # rdf:langString goes unsaid
        return text


def _from_oxigraph(term):
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if kind == "Literal":
        return LiteralText(term.value, term.language, term.datatype.value)
    return Literal(str(term))   # an RDF 1.2 triple term, printed in its N-Triples-like form


def _text(term) -> str:
    return "" if term is None else str(term)


def to_json(rows: Rows) -> str:
    """W3C SPARQL 1.1 Query Results JSON."""
    bindings = []
    for row in rows.rows:
        binding = {}
        for name, term in zip(rows.variables, row):
            if term is None:
                continue
            if isinstance(term, URIRef):
                binding[name] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                binding[name] = {"type": "bnode", "value": str(term)}
            else:
                value: dict[str, str] = {"type": "literal", "value": str(term)}
                if isinstance(term, (Literal, LiteralText)) and term.language:
                    value["xml:lang"] = term.language
                elif isinstance(term, (Literal, LiteralText)) and term.datatype:
                    value["datatype"] = str(term.datatype)
                binding[name] = value
        bindings.append(binding)
    return json.dumps({"head": {"vars": rows.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)


def to_delimited(rows: Rows, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(rows.variables)
    for row in rows.rows:
        writer.writerow([_text(t).replace("\n", " ") if delimiter == "\t" else _text(t) for t in row])
    return out.getvalue()


def shorten(term, width: int = 60) -> str:
    text = _text(term)
    if isinstance(term, URIRef):
        text = text.rsplit("/", 1)[-1] if "/id/" in text else text.rsplit("#", 1)[-1]
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render(rows: Rows, fmt: str, width: Optional[int] = None) -> str:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_delimited(rows, ",")
    if fmt == "tsv":
        return to_delimited(rows, "\t")
    raise QueryError(f"unknown format {fmt!r}")
