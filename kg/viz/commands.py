"""`kg viz ...`: pictures and network files of the graph (registered on the main Typer app)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli import STORE_HELP, app, err, fail

viz_app = typer.Typer(add_completion=False, no_args_is_help=True,
                      help="Draw the graph (PNG, SVG) or export it as a network (GraphML, GEXF, d3 JSON).")
app.add_typer(viz_app, name="viz")

NETWORK_FORMATS = ("graphml", "gexf", "json")
ALL_FORMATS = ("png", "svg") + NETWORK_FORMATS
GRAPH_HELP = "Read an exported RDF file (Turtle, TriG, N-Quads...) instead of the store."


def _format(output: Path, fmt: Optional[str], allowed: tuple[str, ...]) -> str:
    fmt = (fmt or output.suffix.lstrip(".") or "png").lower()
    if fmt not in allowed:
        fail(f"--format must be one of {', '.join(allowed)} (or give -o a file name ending in one)", 2)
    return fmt


def _with_source(store: Optional[Path], graph: Optional[Path], work):
    """Run `work(source)` on the store (read-only) or an exported file, turning errors into one line."""
    from kg.store import StoreError
    from kg.viz.networks import open_source

    if graph is not None and not graph.is_file():
        fail(f"{graph}: no such file", 2)
    try:
        with open_source(store=store, graph=graph) as source:
            return work(source)
    except StoreError as exc:
        fail(str(exc))
    except SyntaxError as exc:   # rdflib's parsers raise subclasses of it for malformed files
        reason = " ".join(str(exc).split())
        fail(f"{graph}: cannot read it as RDF: {reason[:200]}", 2)


def _write(output: Path, write) -> None:
    """Write through a temporary file beside the output, so a failure leaves no half-written file."""
    if output.parent and not output.parent.exists():
        fail(f"{output.parent}: no such folder", 2)
    partial = output.with_name(output.name + ".part" + output.suffix)
    try:
        write(partial)
        partial.replace(output)
    finally:
        if partial.exists():
            partial.unlink()


@viz_app.command("actors")
def actors(
    output: Path = typer.Option(..., "-o", "--output", help="File to write: .png, .svg, .graphml, .gexf or .json."),
    store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="png, svg, graphml, gexf (with start/end days "
                                      "for Gephi's timeline) or json (networkx node-link, for d3); default: from -o."),
    graph: Optional[Path] = typer.Option(None, "--graph", help=GRAPH_HELP),
    everyone: bool = typer.Option(False, "--all", help="Also draw actors that are only mentioned, in no fact."),
    most: int = typer.Option(60, "--max", min=1, help="Draw at most this many actors (the most related first)."),
) -> None:
    """The actor network: who accused, attacked, met, proposed a truce to, reacted to or quoted whom."""
    fmt = _format(output, fmt, ALL_FORMATS)
    from kg.viz.networks import actor_network, write_network

    network = _with_source(store, graph, actor_network)
    if fmt in NETWORK_FORMATS:
        _write(output, lambda p: write_network(network, p, fmt))
        err.print(f"wrote {network.number_of_nodes()} actors and {network.number_of_edges()} relations to {output}",
                  highlight=False)
        return
    if not len(network):
        fail("nothing to draw: the graph has no actors (build one with `kg build FILE`)")
    from kg.viz.plots import draw_actor_network

    drawn = {}
    _write(output, lambda p: drawn.update(draw_actor_network(network, p, fmt, everyone=everyone, max_actors=most)))
    hidden = (f" ({drawn['hidden']} actors left out: only mentioned, or beyond --max {most}; --all draws the "
              "mentioned ones)") if drawn["hidden"] else ""
    err.print(f"drew {drawn['nodes']} actors and {drawn['edges']} relations to {output}{hidden}", highlight=False)


@viz_app.command("timeline")
def timeline(
    output: Path = typer.Option(..., "-o", "--output", help="Picture to write: .png or .svg."),
    store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="png or svg (default: from -o)."),
    graph: Optional[Path] = typer.Option(None, "--graph", help=GRAPH_HELP),
) -> None:
    """Entries on a time axis, casualty figures per source over time, proposals and meetings marked."""
    fmt = _format(output, fmt, ("png", "svg"))
    from kg.viz.plots import draw_timeline
    from kg.viz.timeline import timeline_data

    data = _with_source(store, graph, timeline_data)
    if not data.entries:
        fail("nothing to draw: the graph has no live-blog entries (build one with `kg build FILE`)")
    drawn = {}
    _write(output, lambda p: drawn.update(draw_timeline(data, p, fmt)))
    err.print(f"drew {drawn['entries']} entries, {drawn['reporters']} casualty source(s) and {drawn['marks']} "
              f"marked events to {output}", highlight=False)


@viz_app.command("events")
def events(
    output: Path = typer.Option(..., "-o", "--output", help="File to write: .graphml, .gexf or .json."),
    store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="graphml, gexf or json (default: from -o)."),
    graph: Optional[Path] = typer.Option(None, "--graph", help=GRAPH_HELP),
) -> None:
    """The event graph (attacks, meetings, truce proposals, casualty reports with their actors, places, days)."""
    fmt = _format(output, fmt, NETWORK_FORMATS)
    from kg.viz.networks import event_graph, write_network

    network = _with_source(store, graph, event_graph)
    _write(output, lambda p: write_network(network, p, fmt))
    kinds = {}
    for _, kind in network.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    summary = ", ".join(f"{n} {k}s" for k, n in sorted(kinds.items())) or "no nodes"
    err.print(f"wrote {summary} and {network.number_of_edges()} links to {output}", highlight=False)
