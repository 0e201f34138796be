"""Validate: check a kg graph against its SHACL shapes (ontology/shapes.ttl) with pyshacl.

The data graph is the union of every document of a store (what `kg export` and `kg serve`
show), validated on its own, without RDFS inference (see the comments in shapes.ttl).
Each result is tied to the live-blog entry it comes from, by following
`prov:wasDerivedFrom` (facts), `kg:mentionedIn` or the `ENTRY#char=S,E` form (mentions),
or the fact that owns it (a truce's reaction); actors, places and live blogs are shared by
several entries and are reported apart.

No printing here: `kg/validate/commands.py` shows a `Report`.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, Optional

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.resources import ontology_path
from kg.store.namespaces import KG, PREFIXES, PROV, RDF, SCHEMA, XSD

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
# properties that tie a node without provenance of its own to the fact that owns it
OWNED_BY = (KG.hasReaction, KG.hasStatusChange)


class ValidationError(Exception):
    """The data or the shapes cannot be read; `str()` is a one-line message."""


@dataclass(frozen=True)
class Issue:
    severity: str                   # Violation | Warning | Info
    focus: Node
    path: Optional[Node]
    value: Optional[Node]
    message: str


@dataclass(frozen=True)
class EntryInfo:
    iri: URIRef
    published: Optional[str]        # lexical xsd:dateTime, or None when the entry lacks one
    title: Optional[str]
    is_entry: bool = True           # False: the IRI names an entry that is not in the graph

    def sort_key(self):
        if self.published:
            try:
                return (0, datetime.fromisoformat(self.published.replace("Z", "+00:00")).timestamp(), str(self.iri))
            except ValueError:
                pass
        return (1, 0.0, str(self.iri))


@dataclass
class Report:
    conforms: bool
    issues: list[Issue]
    by_entry: dict[URIRef, list[Issue]] = field(default_factory=dict)    # in time order
    entries: dict[URIRef, EntryInfo] = field(default_factory=dict)
    elsewhere: list[Issue] = field(default_factory=list)   # actors, places, live blogs...
    triples: int = 0
    seconds: float = 0.0

    def counts(self) -> Counter:
        return Counter(issue.severity for issue in self.issues)


def default_shapes() -> Path:
    return ontology_path("shapes.ttl")


# ------------------------------------------------------------------ loading
def load_store_graph(store_path: Optional[str | Path] = None) -> Graph:
    """The union of every document of a kg store, as an in-memory rdflib Graph.

    pyshacl makes many small lookups: they are far faster in memory than through oxrdflib,
    and pyshacl would validate each named graph of a Dataset separately (missing conflicts
    between documents, such as one actor labelled differently by two blogs).
    """
    import pyoxigraph as ox

    from kg.store import KnowledgeStore

    with KnowledgeStore(store_path, read_only=True) as kb:
        triples = {quad.triple for quad in kb.quads()}
        data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    graph = _new_graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def load_file_graph(path: str | Path) -> Graph:
    """An RDF file (Turtle, N-Triples, TriG, N-Quads, JSON-LD...); named graphs are merged."""
    from rdflib.util import guess_format

    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"{path}: no such file")
    fmt = guess_format(str(path)) or "turtle"
    try:
        if fmt in ("trig", "nquads", "json-ld"):
            dataset = Dataset()
            dataset.parse(str(path), format=fmt)
            graph = _new_graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            return graph
        graph = _new_graph()
        graph.parse(str(path), format=fmt)
        return graph
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ValidationError(f"{path}: cannot read it as {fmt}: {_one_line(exc)}") from None


def load_shapes(path: Optional[str | Path] = None) -> Graph:
    path = Path(path) if path is not None else default_shapes()
    if not path.is_file():
        raise ValidationError(f"{path}: no such shapes file")
    graph = Graph()
    try:
        graph.parse(str(path), format="turtle")
    except Exception as exc:
        raise ValidationError(f"{path}: not valid Turtle: {_one_line(exc)}") from None
    if not any(graph.subjects(RDF.type, SH.NodeShape)) and not any(graph.subjects(RDF.type, SH.PropertyShape)):
        raise ValidationError(f"{path}: holds no SHACL shape (sh:NodeShape or sh:PropertyShape)")
    return graph


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


# ------------------------------------------------------------------ validating
def validate_graph(data: Graph, shapes: Optional[Graph] = None) -> Report:
    """Run the shapes over `data` (no inference; SHACL Advanced Features on, for the SPARQL
    target of kgsh:MentionSpanShape); warnings and infos do not break conformance."""
    import pyshacl

    shapes = shapes if shapes is not None else load_shapes()
    started = time.perf_counter()
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True,
                                            advanced=True, abort_on_first=False)
    issues = _issues(results, shapes)
    report = Report(bool(conforms), issues, triples=len(data))
    _group(report, data)
    report.seconds = time.perf_counter() - started
    return report


def _issues(results: Graph, shapes: Graph) -> list[Issue]:
    generic = {str(m) for s in shapes.subjects(RDF.type, SH.NodeShape) for m in shapes.objects(s, SH.message)}
    issues: dict[Issue, None] = {}
    nested = set(results.objects(None, SH.detail))    # sh:node's inner results repeat their parent's
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if result in nested:
            continue
        messages = sorted({str(m) for m in results.objects(result, SH.resultMessage)})
        specific = [m for m in messages if m not in generic] or messages
        severity = results.value(result, SH.resultSeverity)
        issue = Issue(
            severity=SEVERITIES.get(severity, str(severity)),
            focus=results.value(result, SH.focusNode),
            path=results.value(result, SH.resultPath),
            value=results.value(result, SH.value),
            message=" ".join(specific) if specific else "(no message)",
        )
        issues.setdefault(issue, None)   # one line when two constraints of a property fail alike
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(issues, key=lambda i: (order.get(i.severity, 3), str(i.focus), str(i.path), str(i.value)))


def _group(report: Report, data: Graph) -> None:
    entries: dict[URIRef, EntryInfo] = {}

    def info(iri: URIRef) -> EntryInfo:
        if iri not in entries:
            times = sorted(data.objects(iri, SCHEMA.datePublished),
                           key=lambda t: (getattr(t, "datatype", None) != XSD.dateTime, str(t)))
            published = times[0] if times else None
            title = data.value(iri, SCHEMA.headline)
            is_entry = (iri, RDF.type, SCHEMA.BlogPosting) in data
            entries[iri] = EntryInfo(iri, str(published) if published is not None else None,
                                     str(title) if title is not None else None, is_entry)
        return entries[iri]

    grouped: dict[URIRef, list[Issue]] = {}
    for issue in report.issues:
        found = [info(e) for e in entries_of(data, issue.focus)]
        if not found:
            report.elsewhere.append(issue)
            continue
        first = min(found, key=EntryInfo.sort_key)
        grouped.setdefault(first.iri, []).append(issue)
    for iri in sorted(grouped, key=lambda i: entries[i].sort_key()):
        report.by_entry[iri] = grouped[iri]
    report.entries = {iri: entries[iri] for iri in report.by_entry}


def entries_of(data: Graph, node: Node, _depth: int = 0) -> list[URIRef]:
    """The entries a node was read from (none for actors, places and live blogs)."""
    if not isinstance(node, URIRef):
        return []
    if (node, RDF.type, SCHEMA.BlogPosting) in data:
        return [node]
    derived = [o for o in data.objects(node, PROV.wasDerivedFrom)
               if isinstance(o, URIRef) and (o, RDF.type, SCHEMA.LiveBlogPosting) not in data]
    if derived:
        return derived
    mentioned = [o for o in data.objects(node, KG.mentionedIn) if isinstance(o, URIRef)]
    if mentioned:
        return mentioned
    if "#char=" in str(node):
        return [URIRef(str(node).split("#char=", 1)[0])]
    if _depth < 2:
        for prop in OWNED_BY:
            for owner in data.subjects(prop, node):
                found = entries_of(data, owner, _depth + 1)
                if found:
                    return found
    return []


# ------------------------------------------------------------------ showing
def curie(term: Optional[Node], width: int = 0) -> str:
    """A short, readable form of a term (prefix:name for IRIs, quoted literals)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
            if text.startswith(str(namespace)):
                text = f"{prefix}:{text[len(str(namespace)):]}"
                break
        else:
            text = f"<{text}>"
    elif isinstance(term, Literal):
        text = " ".join(str(term).split())
        if width and len(text) > width:
            text = text[: width - 1] + "…"
        text = f'"{text}"'
        if term.language:
            text += f"@{term.language}"
        elif term.datatype is not None:
            text += f"^^{curie(term.datatype)}"
    else:
        text = f"_:{term}"
    return text


def summary(report: Report) -> str:
    counts = report.counts()
    parts = [f"{counts.get('Violation', 0)} violation(s)", f"{counts.get('Warning', 0)} warning(s)"]
    if counts.get("Info"):
        parts.append(f"{counts['Info']} info(s)")
    where = f"in {len(report.by_entry)} entr{'y' if len(report.by_entry) == 1 else 'ies'}"
    if report.elsewhere:
        where += f" and {len(report.elsewhere)} outside any entry"
    verdict = "the graph conforms to the shapes" if report.conforms else "the graph does NOT conform to the shapes"
    return (f"{verdict}: {', '.join(parts)} {where} "
            f"({report.triples} triples checked in {report.seconds:.1f} s)")


def describe_entry(entry: EntryInfo) -> str:
    when = entry.published or "(no time)"
    title = entry.title if entry.title is not None else "(no title)"
    if not entry.is_entry:
        title = "(not an entry of the graph)"
    return f"{when}  {title}"


def issue_lines(issue: Issue) -> Iterable[str]:
    head = f"{issue.severity}: {curie(issue.focus)}"
    if issue.path is not None:
        head += f"  {curie(issue.path)}"
    if issue.value is not None and issue.value != issue.focus:
        head += f" = {curie(issue.value, width=50)}"
    yield head
    yield f"    {issue.message}"
