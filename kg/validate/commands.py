"""`kg validate`: check the store (or an RDF file) against the SHACL shapes."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from kg.cli import STORE_HELP, app, fail, out


@app.command()
def validate(
    store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP),
    shapes: Optional[Path] = typer.Option(None, "--shapes", help="SHACL shapes (Turtle; default: kg's ontology/shapes.ttl)."),
    data: Optional[Path] = typer.Option(None, "--data", help="Validate this RDF file (Turtle, TriG, N-Quads...) instead of the store."),
) -> None:
    """Check the graph against the SHACL shapes; list the problems by entry (exit 1 if it does not conform)."""
    from kg.store import StoreError
    from kg.validate import (ValidationError, describe_entry, load_file_graph, load_shapes, load_store_graph,
                             summary, validate_graph)

    try:
        shapes_graph = load_shapes(shapes)
    except ValidationError as exc:
        fail(str(exc), 2)
    try:
        graph = load_file_graph(data) if data is not None else load_store_graph(store)
    except (ValidationError, StoreError) as exc:
        fail(str(exc))
    report = validate_graph(graph, shapes_graph)

    for iri, issues in report.by_entry.items():
        entry = report.entries[iri]
        out.print(f"[bold]{escape(describe_entry(entry))}[/]", highlight=False)
        out.print(f"  [dim]<{escape(str(iri))}>[/]", highlight=False)
        for issue in issues:
            _print_issue(issue)
    if report.elsewhere:
        out.print("[bold]Not tied to one entry (actors, places, live blogs...)[/]", highlight=False)
        for issue in report.elsewhere:
            _print_issue(issue)
    colour = "green" if report.conforms else "bold red"
    out.print(f"[{colour}]kg validate:[/] {escape(summary(report))}", highlight=False)
    if not report.conforms:
        raise typer.Exit(1)


def _print_issue(issue) -> None:
    from kg.validate import issue_lines

    colour = {"Violation": "red", "Warning": "yellow"}.get(issue.severity, "cyan")
    head, *rest = list(issue_lines(issue))
    out.print(f"  [{colour}]{escape(head)}[/]", highlight=False)
    for line in rest:
        out.print(f"  {escape(line)}", highlight=False)
