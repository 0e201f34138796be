"""The `kg` command line: build, query, export (and more as the stages grow)."""
from __future__ import annotations

import glob
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="kg: turn French live blogs about wars and ceasefire talks into a queryable RDF knowledge graph.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

STORE_HELP = "Store folder (default: $KG_STORE or ./kg-store)."


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]kg:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def _parse_day(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--date must be YYYY-MM-DD, not {value!r}", 2)


def _expand(paths: List[str]) -> tuple[list[Path], list[str]]:
    files, problems = [], []
    for pattern in paths:
        if any(c in pattern for c in "*?["):
            matched = sorted(glob.glob(pattern, recursive=True))
            found = [Path(m) for m in matched if Path(m).is_file()]
            if not matched:
                problems.append(f"{pattern}: no file matches this pattern")
            elif not found:
                problems.append(f"{pattern}: matches only folders, no live-blog file")
            files.extend(found)
        else:
            files.append(Path(pattern))
    return files, problems


@app.command()
def build(
    files: List[str] = typer.Argument(..., help="Live-blog files (.txt or .jsonl) or glob patterns."),
    store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP),
    day: Optional[str] = typer.Option(None, "--date", help="Day of the first entry (YYYY-MM-DD) when the text never states it."),
    tz: str = typer.Option("Europe/Paris", "--timezone", help="Time zone of the blog's times (IANA name)."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Build into a remote SPARQL store (Graph Store Protocol URL) instead."),
) -> None:
    """Read live blogs, extract facts, and store each as its own named graph (rebuilding replaces it)."""
    from kg.ingest import IngestError, load_document
    from kg.ingest.dates import timezone

    try:
        timezone(tz)
    except ValueError as exc:
        fail(str(exc), 2)
    start_day = _parse_day(day)
    paths, problems = _expand(files)
    for problem in problems:
        err.print(f"[bold red]kg:[/] {escape(problem)}", highlight=False)
    documents, sources = [], {}
    for path in paths:
        try:
            document = load_document(path, day=start_day, tz_name=tz)
        except IngestError as exc:
            problems.append(str(exc))
            err.print(f"[bold red]kg:[/] {escape(str(exc))}", highlight=False)
            continue
        if document.doc_id in sources:  # the id names the document's graph: one file per id
            problems.append(f"{path}: same document id '{document.doc_id}' as {sources[document.doc_id]} "
                            "in this run; rename one of them")
            err.print(f"[bold red]kg:[/] {escape(problems[-1])}", highlight=False)
            continue
        sources[document.doc_id] = path
        documents.append(document)
    if documents:
        problems += _build_documents(documents, store, endpoint)
    if problems:
        raise typer.Exit(1)


def _build_documents(documents, store_path: Optional[Path], endpoint: Optional[str]) -> list[str]:
    """Build every document; returns the problems met (one line each)."""
    from kg.remote import RemoteError
    from kg.store import StoreError

    started = time.perf_counter()
    done: list[str] = []
    try:
        return _build_into(documents, store_path, endpoint, started, done)
    except (StoreError, RemoteError) as exc:
        fail(str(exc).splitlines()[0])
    except KeyboardInterrupt:
        kept = ", ".join(done) if done else "none"
        fail(f"interrupted: documents rebuilt before the interruption: {kept}; "
             "every other document keeps its previous version", 130)
    return []


def _build_into(documents, store_path: Optional[Path], endpoint: Optional[str], started: float,
                done: list[str]) -> list[str]:
    from kg.store import KnowledgeStore

    if endpoint:
        from kg.remote import RemoteStore
        target = RemoteStore(endpoint)
    else:
        target = KnowledgeStore(store_path)
    try:
        totals, problems = _extract_and_write(documents, target, done)
        if done:
            target.prune()
        total_triples = len(target)
    finally:
        target.close()
    seconds = time.perf_counter() - started
    out.print(f"built {totals['documents']} document(s): {totals['entries']} entries, {totals['facts']} facts, "
              f"{totals['actors']} actors, {totals['triples']} triples written "
              f"({total_triples} in the store) in {seconds:.1f} s", highlight=False)
    return problems


def _extract_and_write(documents, target, done: list[str]) -> tuple[Counter, list[str]]:
    from rich.progress import Progress

    from kg.extract import extract, parse_entries
    from kg.store.mapping import build_graph

    known = target.known_actors()
    totals: Counter = Counter()
    problems: list[str] = []
    show_progress = sum(len(d.entries) for d in documents) > 200 and sys.stderr.isatty()
    with Progress(console=err, disable=not show_progress, transient=True) as progress:
        task = progress.add_task("building", total=len(documents))
        for document in documents:
            try:
                items = parse_entries([document])[0]
                result = extract(document, known, items=items)
                graph = build_graph(result)
            except Exception as exc:  # a bug on one text must not cost the others: report it and go on
                problems.append(f"{document.source}: could not be built ({type(exc).__name__}: {exc}); "
                                "the store keeps its previous version")
                err.print(f"[bold red]kg:[/] {escape(problems[-1])}", highlight=False)
                progress.advance(task)
                continue
            target.replace_graph(graph)
            done.append(document.source)
            known = _merge_known(known, result.actors.values())
            totals.update(documents=1, entries=len(document.entries), facts=len(result.facts),
                          actors=len(result.actors), triples=len(graph))
            progress.advance(task)
    return totals, problems


def _merge_known(known, new_actors):
    by_key = {a.key: a for a in known}
    for actor in new_actors:
        by_key.setdefault(actor.key, actor)
    return list(by_key.values())


@app.command()
def query(
    name: str = typer.Argument(..., help="Canned query name (timeline, actors, truce_proposals, ...) or a .rq file."),
    store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv or json (W3C SPARQL results)."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Query a remote SPARQL endpoint instead."),
) -> None:
    """Run a canned or ad-hoc SPARQL query over the store (the union of all documents)."""
    from kg.query import OUTPUT_FORMATS, QueryError, Rows, load_query, render

    if fmt not in OUTPUT_FORMATS:
        fail(f"--format must be one of {', '.join(OUTPUT_FORMATS)}", 2)
    try:
        sparql = load_query(name)
    except QueryError as exc:
        fail(str(exc), 2)
    try:
        if endpoint:
            from kg.remote import remote_select
            rows = remote_select(endpoint, sparql)
        else:
            from kg.store import KnowledgeStore, StoreError
            try:
                with KnowledgeStore(store, read_only=True) as kb:
                    rows = Rows.from_oxigraph(kb.solutions(sparql))
            except StoreError as exc:
                fail(str(exc))
    except (QueryError, SyntaxError, ValueError) as exc:
        fail(f"{name}: {str(exc).splitlines()[0]}", 2)
    if fmt == "table":
        _print_table(rows, name)
    else:
        sys.stdout.write(render(rows, fmt))


def _print_table(rows, title: str) -> None:
    from kg.query import shorten

    table = Table(title=f"{title}: {len(rows)} row(s)", show_lines=False, header_style="bold")
    for variable in rows.variables:
        table.add_column(variable, overflow="fold")
    for row in rows.rows:
        table.add_row(*[shorten(t) for t in row])
    # piped or captured output has no width of its own: give tables room rather than 80 columns
    console = out if out.is_terminal else Console(width=200, soft_wrap=True)
    console.print(table)


@app.command()
def export(
    fmt: str = typer.Option("turtle", "--format", "-f", help="turtle, trig, nquads, ntriples or jsonld."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default: standard output)."),
    store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP),
) -> None:
    """Export the graph for other tools and stores."""
    from kg.export import FORMATS, export as do_export
    from kg.store import KnowledgeStore, StoreError

    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}", 2)
    try:
        with KnowledgeStore(store, read_only=True) as kb:
            if output is None:
                count = do_export(kb, fmt, sys.stdout.buffer)
            else:
                partial = output.with_name(output.name + ".part")
                with partial.open("wb") as handle:
                    count = do_export(kb, fmt, handle)
                partial.replace(output)
                err.print(f"wrote {count} statements to {output}", highlight=False)
    except StoreError as exc:
        fail(str(exc))


@app.command()
def stats(store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP)) -> None:
    """What the store holds: documents, entries, facts by kind, triples."""
    from kg.store import KnowledgeStore, StoreError

    sparql = """PREFIX kg: <https://kg.example.org/ontology#> PREFIX schema: <https://schema.org/>
    SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {
      { ?x a schema:LiveBlogPosting BIND("documents" AS ?kind) } UNION { ?x a schema:BlogPosting BIND("entries" AS ?kind) }
      UNION { ?x a kg:Actor BIND("actors" AS ?kind) } UNION { ?x a kg:Place BIND("places" AS ?kind) }
      UNION { ?x a ?c FILTER(?c IN (kg:Statement, kg:Attribution, kg:CasualtyReport, kg:WeaponCount, kg:Attack,
                                    kg:TruceProposal, kg:Meeting, kg:Demand)) BIND(STRAFTER(STR(?c), "#") AS ?kind) }
    } GROUP BY ?kind ORDER BY ?kind"""
    try:
        with KnowledgeStore(store, read_only=True) as kb:
            table = Table(title=f"{kb.path}: {len(kb)} quads")
            table.add_column("what")
            table.add_column("count", justify="right")
            for kind, n in kb.query(sparql):
                table.add_row(str(kind), str(n))
            out.print(table)
    except StoreError as exc:
        fail(str(exc))


# Commands of other stages live beside their code and register themselves on `app`:
# kg/remote/commands.py (serve, push), kg/viz/commands.py (viz), kg/validate/commands.py (validate).
COMMAND_MODULES = ("kg.remote.commands", "kg.viz.commands", "kg.validate.commands")


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if not (exc.name and name.startswith(exc.name)):
                raise


_register_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
