"""networkx views of the knowledge graph, built with SPARQL over the kg vocabulary.

- `actor_network(source)`: who accused, met, proposed a truce to, reacted to or quoted whom.
- `event_graph(source)`: events (attacks, meetings, truce proposals, casualty reports) linked to
  their actors, places and days, for paths such as "how is A connected to B?".
- `raw_network(source)`: every IRI-to-IRI triple, as rdflib's own networkx converter gives it.

`source` is a `KnowledgeStore`, an rdflib `Graph` or `Dataset` (the union of its graphs is
queried), or anything with a `.query(sparql)` method. Node ids are the RDF IRIs (strings), so
a node can be looked up again in the store; `label` is what a picture shows. Edges carry
`count` (how many facts say so) and `entries` (the live-blog entries those facts came from);
`flatten()` turns list attributes into strings for GraphML and GEXF.
"""
from __future__ import annotations

import contextlib
from datetime import date, datetime, timezone
from itertools import combinations
from pathlib import Path
from typing import Any, Iterator, Optional

import networkx as nx
from rdflib import Dataset, Graph, Literal
from rdflib.util import guess_format

from kg.store.namespaces import PREFIXES

SYMMETRIC = frozenset({"met"})
# how an attribution's stance reads as an edge of the actor network
STANCE_RELATIONS = {"attributes": "accused", "claims": "claimed", "denies": "denied"}
ACTOR_RELATIONS = ("accused", "claimed", "denied", "attacked", "met", "proposed_truce_to", "reacted_to",
                   "demanded_of", "quoted")

_PREFIX_LINES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()
                          if p in ("kg", "rdf", "rdfs", "sem", "prov", "schema", "gaf", "owl")) + "\n"


# --------------------------------------------------------------------------- reading the RDF
QUAD_FORMATS = ("trig", "nquads", "trix", "json-ld")


def load_rdf(path: str | Path) -> Graph:
    """An exported file in memory: a Graph (Turtle, N-Triples...), or a Dataset queried as the union of
    its graphs (TriG, N-Quads, JSON-LD)."""
    path = Path(path)
    fmt = guess_format(str(path)) or "turtle"
    graph = Dataset(default_union=True) if fmt in QUAD_FORMATS else Graph()
    graph.parse(str(path), format=fmt)
    return graph


@contextlib.contextmanager
def open_source(store: Optional[str | Path] = None, graph: Optional[str | Path] = None) -> Iterator[Any]:
    """What the scripts and commands read: an exported RDF file (`graph`) or a kg store (read-only)."""
    if graph is not None:
        yield load_rdf(graph)
        return
    from kg.store import KnowledgeStore

    with KnowledgeStore(store, read_only=True) as kb:
        yield kb


def _python(term) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def select(source, sparql: str) -> list[dict[str, Any]]:
    """Rows of a SELECT over the union of the source's graphs, as dicts of Python values."""
    sparql = _PREFIX_LINES + sparql
    if isinstance(source, Dataset) and not source.default_union:
        source.default_union = True
        try:
            result = source.query(sparql)
            rows = list(result)
        finally:
            source.default_union = False
    else:
        result = source.query(sparql)
        rows = list(result)
    names = [str(v) for v in result.vars]
    return [{name: _python(row[i]) for i, name in enumerate(names)} for row in rows]


def _day(value: Any) -> Optional[str]:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) >= 10:
        return value[:10]
    return None


def _stamp(value: Any) -> Optional[str]:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value) if value is not None else None


def _moment(stamp: str) -> float:
    """Sort key of an ISO date-time string: the instant it names, whatever its offset."""
    try:
        value = datetime.fromisoformat(stamp)
    except ValueError:
        return float("inf")
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp()


def _tail(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def term_name(value: Any) -> str:
    """A concept's local name (kg:welcomed -> "welcomed"); a literal as it is."""
    text = "" if value is None else str(value)
    return _tail(text) if text.startswith(("http://", "https://")) else text


# --------------------------------------------------------------------------- actors
ACTORS = """
SELECT ?actor (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) (SAMPLE(?same) AS ?sameAs)
       (COUNT(DISTINCT ?entry) AS ?entries)
WHERE {
  ?actor a kg:Actor .
  OPTIONAL { ?actor rdfs:label ?l }
  OPTIONAL { ?actor a ?t FILTER(?t IN (kg:Person, kg:Organization, kg:Country, kg:Group)) }
  OPTIONAL { ?actor owl:sameAs ?same }
  OPTIONAL { ?actor gaf:denotedBy/kg:mentionedIn ?entry }
}
GROUP BY ?actor
"""

LABELS = "SELECT ?x ?label WHERE { ?x rdfs:label ?label }"


def _actor_nodes(source) -> dict[str, dict[str, Any]]:
    nodes = {}
    for row in select(source, ACTORS):
        kind = _tail(row["type"]) if row["type"] else "Actor"
        nodes[row["actor"]] = {"label": row["label"] or _tail(row["actor"]), "type": kind, "iri": row["actor"],
                               "wikidata": row["sameAs"] or "", "mentioned_in": int(row["entries"] or 0)}
    return nodes


# Each query yields (source actor, target actor, fact, entry, reportedAt) plus extras per relation.
ATTRIBUTIONS = """
SELECT ?a ?b ?fact ?entry ?at ?stance WHERE {
  ?fact a kg:Attribution ; kg:claimant ?a ; kg:accused ?b ; prov:wasDerivedFrom ?entry .
  OPTIONAL { ?fact kg:reportedAt ?at }
  OPTIONAL { ?fact kg:stance ?stance }
}"""

ATTACKS_ON_COUNTRIES = """
SELECT ?a ?b ?fact ?entry ?at WHERE {
  ?fact a kg:Attack ; kg:perpetrator ?a ; kg:target/kg:country ?b ; prov:wasDerivedFrom ?entry .
  OPTIONAL { ?fact kg:reportedAt ?at }
}"""

MEETINGS = """
SELECT ?fact ?p ?entry ?at ?on WHERE {
  ?fact a kg:Meeting ; prov:wasDerivedFrom ?entry .
  { ?fact kg:participant ?p } UNION { ?fact kg:mediator ?p }
  OPTIONAL { ?fact kg:reportedAt ?at }
  OPTIONAL { ?fact kg:date ?on }
}"""

TRUCE_REACTIONS = """
SELECT ?a ?b ?fact ?entry ?at ?reaction ?kind WHERE {
  ?fact a kg:TruceProposal ; kg:proposer ?a ; kg:hasReaction ?reaction .
  ?reaction kg:reactor ?b ; prov:wasDerivedFrom ?entry .
  OPTIONAL { ?reaction kg:reportedAt ?at }
  OPTIONAL { ?reaction kg:reactionType ?kind }
}"""

DEMANDS = """
SELECT ?a ?b ?fact ?entry ?at WHERE {
  ?fact a kg:Demand ; kg:demander ?a ; kg:addressee ?b ; prov:wasDerivedFrom ?entry .
  OPTIONAL { ?fact kg:reportedAt ?at }
}"""

# the actors named inside a quote: mentions in the same entry whose characters fall in the quote span
QUOTES = """
SELECT ?a ?b ?fact ?entry ?at ?span ?mention WHERE {
  ?fact a kg:Statement ; kg:speaker ?a ; kg:quoteSpan ?span ; prov:wasDerivedFrom ?entry .
  OPTIONAL { ?fact kg:reportedAt ?at }
  ?b gaf:denotedBy ?mention . ?mention kg:mentionedIn ?entry .
  ?b a kg:Actor .
  FILTER(?b != ?a)
}"""

ROLES = """
SELECT ?actor ?role ?fact ?at WHERE {
  { ?fact kg:speaker ?actor BIND("statements" AS ?role) }
  UNION { ?fact a kg:CasualtyReport ; kg:reporter ?actor BIND("casualty_reports" AS ?role) }
  UNION { ?fact a kg:WeaponCount ; kg:reporter ?actor BIND("weapon_counts" AS ?role) }
  UNION { ?fact kg:proposer ?actor BIND("truce_proposals" AS ?role) }
  UNION { ?fact kg:claimant ?actor BIND("attributions" AS ?role) }
  UNION { ?fact kg:participant ?actor BIND("meetings" AS ?role) }
  UNION { ?fact kg:perpetrator ?actor BIND("attacks" AS ?role) }
  OPTIONAL { ?fact kg:reportedAt ?at }
}"""


def _char_range(iri: Optional[str]) -> Optional[tuple[int, int]]:
    if not iri or "#char=" not in iri:
        return None
    try:
        start, end = iri.rsplit("#char=", 1)[1].split(",")
        return int(start), int(end)
    except ValueError:
        return None


class _Edges:
    """Collects facts into one edge per (source, target, relation) with count and evidence."""

    def __init__(self):
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(self, a: str, b: str, relation: str, fact: str, entry: Optional[str], at: Any, **extra: str) -> None:
        if relation in SYMMETRIC and b < a:
            a, b = b, a
        data = self.edges.setdefault((a, b, relation), {
            "relation": relation, "facts": set(), "entries": set(), "times": set(),
            "directed": relation not in SYMMETRIC, **{k: set() for k in extra}})
        data["facts"].add(fact)
        if entry:
            data["entries"].add(entry)
        if at is not None:
            data["times"].add(_stamp(at))
        for key, value in extra.items():
            if value:
                data.setdefault(key, set()).add(value)

    def into(self, g: nx.MultiDiGraph) -> None:
        for (a, b, relation), data in sorted(self.edges.items()):
            times = sorted(data.pop("times"), key=_moment)
            attrs = {k: sorted(v) if isinstance(v, set) else v for k, v in data.items()}
            attrs["count"] = len(attrs.pop("facts"))
            attrs["first_reported"] = times[0] if times else ""
            attrs["last_reported"] = times[-1] if times else ""
            if times:
                attrs["start"], attrs["end"] = times[0][:10], times[-1][:10]
            g.add_edge(a, b, key=relation, **attrs)


def actor_network(source, *, quoted: bool = True, attacked: bool = True) -> nx.MultiDiGraph:
    """Actors and how facts relate them, one edge per (source, target, relation).

    Relations: `accused` (attribution claimant -> accused; `claimed`/`denied` for those stances),
    `attacked` (attack perpetrator -> state of the place hit), `met` (co-participants of a
    meeting, stored once per pair with `directed=False`), `proposed_truce_to` (proposer ->
    reactor) and `reacted_to` (reactor -> proposer, with the reaction kinds), `demanded_of`
    (demander -> addressee), `quoted` (speaker -> actors named inside the quote).
    """
    g = nx.MultiDiGraph(name="actor network")
    nodes = _actor_nodes(source)
    edges = _Edges()

    for row in select(source, ATTRIBUTIONS):
        stance = _tail(row["stance"]) if row["stance"] else "attributes"
        edges.add(row["a"], row["b"], STANCE_RELATIONS.get(stance, "accused"), row["fact"], row["entry"],
                  row["at"], stance=stance)
    if attacked:
        for row in select(source, ATTACKS_ON_COUNTRIES):
            edges.add(row["a"], row["b"], "attacked", row["fact"], row["entry"], row["at"])
    meetings: dict[str, dict[str, Any]] = {}
    for row in select(source, MEETINGS):
        m = meetings.setdefault(row["fact"], {"people": set(), "entries": set(), "at": row["at"]})
        m["people"].add(row["p"])
        m["entries"].add(row["entry"])
    for fact, m in meetings.items():
        for a, b in combinations(sorted(m["people"]), 2):
            for entry in sorted(m["entries"]):
                edges.add(a, b, "met", fact, entry, m["at"])
    for row in select(source, TRUCE_REACTIONS):
        if row["a"] == row["b"]:
            continue
        kind = term_name(row["kind"])
        edges.add(row["a"], row["b"], "proposed_truce_to", row["fact"], row["entry"], row["at"])
        edges.add(row["b"], row["a"], "reacted_to", row["reaction"], row["entry"], row["at"], reaction=kind)
    for row in select(source, DEMANDS):
        edges.add(row["a"], row["b"], "demanded_of", row["fact"], row["entry"], row["at"])
    if quoted:
        for row in select(source, QUOTES):
            inside, named = _char_range(row["span"]), _char_range(row["mention"])
            if inside and named and inside[0] <= named[0] and named[1] <= inside[1]:
                edges.add(row["a"], row["b"], "quoted", row["fact"], row["entry"], row["at"])

    for iri, data in nodes.items():
        g.add_node(iri, **data)
    edges.into(g)
    labels = None
    for node, data in g.nodes(data=True):   # actors only named by facts, not declared
        if "label" not in data:
            labels = labels if labels is not None else {r["x"]: r["label"] for r in select(source, LABELS)}
            data.update(label=labels.get(node, _tail(node)), type="Actor", iri=node, wikidata="", mentioned_in=0)
    _add_roles(source, g)
    _add_spans(g)
    return g


def _add_roles(source, g: nx.MultiDiGraph) -> None:
    """Per actor: how many facts of each kind they take part in, and when they were first/last reported."""
    roles: dict[str, dict[str, set]] = {}
    times: dict[str, set] = {}
    for row in select(source, ROLES):
        if row["actor"] not in g:
            continue
        roles.setdefault(row["actor"], {}).setdefault(row["role"], set()).add(row["fact"])
        if row["at"] is not None:
            times.setdefault(row["actor"], set()).add(_stamp(row["at"]))
    for node, data in g.nodes(data=True):
        counts = {role: len(facts) for role, facts in roles.get(node, {}).items()}
        for role in ("statements", "casualty_reports", "weapon_counts", "truce_proposals", "attributions",
                     "meetings", "attacks"):
            data[role] = counts.get(role, 0)
        data["facts"] = sum(counts.values())
        data["_times"] = times.get(node, set())


def _add_spans(g: nx.MultiDiGraph) -> None:
    """`first_reported`/`last_reported` (date-times) and `start`/`end` (days, for Gephi's timeline)."""
    for node, data in g.nodes(data=True):
        stamps = set(data.pop("_times", set()))
        for _, _, edge in g.edges(node, data=True):
            stamps.update(t for t in (edge.get("first_reported"), edge.get("last_reported")) if t)
        for _, _, edge in g.in_edges(node, data=True):
            stamps.update(t for t in (edge.get("first_reported"), edge.get("last_reported")) if t)
        ordered = sorted(stamps, key=_moment)
        data["first_reported"] = ordered[0] if ordered else ""
        data["last_reported"] = ordered[-1] if ordered else ""
        if ordered:
            data["start"], data["end"] = ordered[0][:10], ordered[-1][:10]


def involved(g: nx.MultiDiGraph) -> list[str]:
    """Actors that take part in at least one fact or relation (what a picture should show)."""
    return [n for n, d in g.nodes(data=True) if g.degree(n) > 0 or d.get("facts", 0) > 0]


def simple_graph(g: nx.MultiDiGraph, relations: Optional[set[str]] = None) -> nx.Graph:
    """Undirected, one edge per pair, `weight` = number of facts (for centralities and layouts)."""
    h = nx.Graph()
    h.add_nodes_from(g.nodes(data=True))
    for a, b, data in g.edges(data=True):
        if a == b or (relations and data.get("relation") not in relations):
            continue
        if h.has_edge(a, b):
            h[a][b]["weight"] += data.get("count", 1)
            h[a][b]["relations"].add(data.get("relation"))
        else:
            h.add_edge(a, b, weight=data.get("count", 1), relations={data.get("relation")})
    return h


# --------------------------------------------------------------------------- events
EVENTS = """
SELECT ?event ?type ?label ?begin ?on ?stamp ?proposed (MIN(?at) AS ?reported)
       (GROUP_CONCAT(DISTINCT STR(?entry); separator=" ") AS ?entries) WHERE {
  ?event a ?type FILTER(?type IN (kg:Attack, kg:Meeting, kg:TruceProposal, kg:CasualtyReport, kg:Attribution))
  OPTIONAL { ?event rdfs:label ?label }
  OPTIONAL { ?event sem:hasBeginTimeStamp ?begin }
  OPTIONAL { ?event kg:date ?on }
  OPTIONAL { ?event sem:hasTimeStamp ?stamp }
  OPTIONAL { ?event kg:proposedOn ?proposed }
  OPTIONAL { ?event kg:reportedAt ?at }
  OPTIONAL { ?event prov:wasDerivedFrom ?entry . ?entry a schema:BlogPosting }
}
GROUP BY ?event ?type ?label ?begin ?on ?stamp ?proposed
"""

EVENT_LINKS = """
SELECT ?event ?relation ?other ?kind ?reaction WHERE {
  ?event a ?type FILTER(?type IN (kg:Attack, kg:Meeting, kg:TruceProposal, kg:CasualtyReport, kg:Attribution))
  {
    VALUES (?p ?relation ?kind) {
      (kg:perpetrator "perpetrator" "actor") (kg:target "target" "place") (kg:participant "participant" "actor")
      (kg:mediator "mediator" "actor") (kg:proposer "proposer" "actor") (kg:reporter "reporter" "actor")
      (kg:claimant "claimant" "actor") (kg:accused "accused" "actor")
      (sem:hasPlace "place" "place") (kg:aboutEvent "about" "event")
    }
    ?event ?p ?other .
  } UNION {
    ?event kg:hasReaction ?r . ?r kg:reactor ?other .
    OPTIONAL { ?r kg:reactionType ?rtype }
    BIND(COALESCE(?rtype, "reacted") AS ?reaction)
    BIND("reactor" AS ?relation) BIND("actor" AS ?kind)
  }
}"""

CASUALTY_FIGURES = """
SELECT ?event ?reporter ?killed ?injured ?killedMin ?injuredMin ?note WHERE {
  ?event a kg:CasualtyReport ; kg:reporter ?reporter .
  OPTIONAL { ?event kg:killed ?killed } OPTIONAL { ?event kg:injured ?injured }
  OPTIONAL { ?event kg:killedMin ?killedMin } OPTIONAL { ?event kg:injuredMin ?injuredMin }
  OPTIONAL { ?event kg:note ?note }
}"""

STANCES = "SELECT ?event ?stance WHERE { ?event a kg:Attribution ; kg:stance ?stance }"

PLACES = """SELECT ?place ?label ?kind WHERE {
  ?place a kg:Place . OPTIONAL { ?place rdfs:label ?label } OPTIONAL { ?place kg:placeKind ?kind } }"""


def _figures(row: dict[str, Any]) -> str:
    parts = []
    for word, exact, low in (("killed", "killed", "killedMin"), ("injured", "injured", "injuredMin")):
        if row.get(exact) is not None:
            parts.append(f"{row[exact]} {word}")
        elif row.get(low) is not None:
            parts.append(f">={row[low]} {word}")
    if not parts and row.get("note"):
        parts.append(str(row["note"]))
    return ", ".join(parts)


def event_graph(source) -> nx.MultiDiGraph:
    """Events linked to actors, places and days.

    Nodes have `kind` (event, actor, place, day), `type` (Attack, Meeting, TruceProposal,
    CasualtyReport, Attribution; Person, Organization, Country, Group; the place kind) and `label`.
    Edges go from the event, keyed by `relation`: perpetrator, target, participant, mediator,
    proposer, reactor, reporter, claimant, accused, place, about (a casualty report or attribution
    about an attack), on_day. An event's day is its own date when the graph has one
    (`day_source=event`), else the day it was first reported.
    """
    g = nx.MultiDiGraph(name="event graph")
    actors = _actor_nodes(source)
    places = {r["place"]: {"label": r["label"] or _tail(r["place"]), "type": r["kind"] or "Place"}
              for r in select(source, PLACES)}
    casualties = {r["event"]: r for r in select(source, CASUALTY_FIGURES)}
    stances = {r["event"]: r["stance"] for r in select(source, STANCES)}
    for row in select(source, EVENTS):
        event, kind = row["event"], _tail(row["type"])
        if event in g:   # several labels or dates: keep the first row
            continue
        own_day = _day(row["begin"]) or _day(row["on"]) or _day(row["stamp"]) or _day(row["proposed"])
        reported = _stamp(row["reported"]) or ""
        label = row["label"] or kind
        if kind == "CasualtyReport":
            label = "casualties: " + (_figures(casualties.get(event, {})) or "?")
        elif kind == "Attribution":
            label = term_name(stances.get(event, "attributes"))
        day = own_day or (reported[:10] if reported else None)
        g.add_node(event, kind="event", type=kind, label=str(label), iri=event, date=day or "",
                   first_reported=reported, entries=sorted(set((row["entries"] or "").split())))
        if day:
            g.nodes[event]["start"] = g.nodes[event]["end"] = day
            day_node = f"day:{day}"
            g.add_node(day_node, kind="day", type="Day", label=day, iri="", start=day, end=day)
            g.add_edge(event, day_node, key="on_day", relation="on_day", day_source="event" if own_day else "reported")
    for row in select(source, EVENT_LINKS):
        event, other, relation = row["event"], row["other"], row["relation"]
        if event not in g:
            continue
        if other not in g:
            if row["kind"] == "actor":
                info = actors.get(other, {"label": _tail(other), "type": "Actor"})
                g.add_node(other, kind="actor", type=info["type"], label=info["label"], iri=other)
            elif row["kind"] == "place":
                info = places.get(other, {"label": _tail(other), "type": "Place"})
                g.add_node(other, kind="place", type=info["type"], label=info["label"], iri=other)
            else:
                continue
        reaction = term_name(row["reaction"])
        if g.has_edge(event, other, key=relation):
            if reaction:
                kinds = g.edges[event, other, relation].setdefault("reaction", [])
                kinds.extend(k for k in [reaction] if k not in kinds)
            continue
        attrs = {"relation": relation}
        if reaction:
            attrs["reaction"] = [reaction]
        g.add_edge(event, other, key=relation, **attrs)
    # actors and places exist over the days of the events they are part of
    for node, data in g.nodes(data=True):
        if data["kind"] in ("actor", "place"):
            days = sorted(g.nodes[e].get("date") for e in g.predecessors(node) if g.nodes[e].get("date"))
            if days:
                data["start"], data["end"] = days[0], days[-1]
    return g


def event_paths_graph(g: nx.MultiDiGraph, *, via_days: bool = False) -> nx.Graph:
    """Undirected projection of the event graph for shortest paths (days left out unless asked)."""
    h = nx.Graph()
    for node, data in g.nodes(data=True):
        if via_days or data.get("kind") != "day":
            h.add_node(node, **data)
    for a, b, data in g.edges(data=True):
        if a in h and b in h:
            h.add_edge(a, b, relation=data.get("relation"))
    return h


def find_nodes(g: nx.Graph, name: str, kind: Optional[str] = None) -> list[str]:
    """Nodes whose label or IRI key matches `name` (accents and case ignored): exact matches if any,
    else those containing it. `kind` limits the search (actor, place, event, day)."""
    from unidecode import unidecode

    def norm(text: str) -> str:
        return " ".join(unidecode(str(text)).casefold().replace("-", " ").split())

    wanted = norm(name)
    candidates = [(n, d) for n, d in g.nodes(data=True) if kind is None or d.get("kind", "actor") == kind]
    exact = [n for n, d in candidates if wanted in (norm(d.get("label", "")), norm(_tail(str(n))))]
    if exact:
        return exact
    return [n for n, d in candidates if wanted in norm(d.get("label", "")) or wanted in norm(_tail(str(n)))]


# --------------------------------------------------------------------------- raw
RAW = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }"


def raw_network(source) -> nx.MultiDiGraph:
    """Every IRI-to-IRI triple as an edge keyed by its predicate (rdflib's own networkx converter)."""
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    if isinstance(source, Dataset) and not source.default_union:
        source.default_union = True
        try:
            constructed = source.query(RAW).graph
        finally:
            source.default_union = False
    else:
        constructed = source.query(RAW).graph
    local = Graph()
    for triple in constructed:
        local.add(triple)
    return rdflib_to_networkx_multidigraph(
        local, edge_attrs=lambda s, p, o: {"key": str(p), "predicate": str(p)},
        transform_s=str, transform_o=str)


# --------------------------------------------------------------------------- export
def flatten(g: nx.Graph) -> nx.Graph:
    """A copy with scalar attributes only (lists and sets joined with spaces), as GraphML and GEXF need."""
    def scalar(value):
        if isinstance(value, (list, tuple, set, frozenset)):
            return " ".join(str(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value))
        if value is None:
            return ""
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        return value

    h = g.__class__()
    h.graph.update({k: scalar(v) for k, v in g.graph.items()})
    for node, data in g.nodes(data=True):
        h.add_node(node, **{k: scalar(v) for k, v in data.items() if not k.startswith("_")})
    if g.is_multigraph():
        for a, b, key, data in g.edges(keys=True, data=True):
            h.add_edge(a, b, key=key, **{k: scalar(v) for k, v in data.items()})
    else:
        for a, b, data in g.edges(data=True):
            h.add_edge(a, b, **{k: scalar(v) for k, v in data.items()})
    return h


def write_network(g: nx.Graph, path: str | Path, fmt: str) -> None:
    """Write a network as graphml, gexf (with start/end days for Gephi's timeline) or json (d3 node-link)."""
    path = Path(path)
    if fmt == "graphml":
        nx.write_graphml(flatten(g), path)
    elif fmt == "gexf":
        h = flatten(g)
        for _, data in h.nodes(data=True):
            _drop_empty_span(data)
        for *_, data in h.edges(data=True):
            _drop_empty_span(data)
        nx.write_gexf(h, path)
    elif fmt == "json":
        import json

        data = nx.node_link_data(flatten(g), edges="links")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        raise ValueError(f"unknown network format {fmt!r} (graphml, gexf or json)")


def _drop_empty_span(data: dict) -> None:
    for key in ("start", "end"):
        if key in data and not data[key]:
            del data[key]
