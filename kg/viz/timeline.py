"""What the timeline picture shows, read from the graph with SPARQL: entries, casualty figures
as each source gave them, and the reported truce proposals, reactions, meetings and attacks."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Optional

from kg.viz.networks import select, term_name

ENTRIES = """
SELECT ?entry ?published (SAMPLE(?h) AS ?headline) WHERE {
  ?entry a schema:BlogPosting ; schema:datePublished ?published .
  OPTIONAL { ?entry schema:headline ?h }
} GROUP BY ?entry ?published ORDER BY ?published"""

CASUALTIES = """
SELECT ?report ?reporter (SAMPLE(?l) AS ?label) ?at ?killed ?injured ?killedMin ?injuredMin ?note WHERE {
  ?report a kg:CasualtyReport ; kg:reporter ?reporter ; kg:reportedAt ?at .
  OPTIONAL { ?reporter rdfs:label ?l }
  OPTIONAL { ?report kg:killed ?killed } OPTIONAL { ?report kg:injured ?injured }
  OPTIONAL { ?report kg:killedMin ?killedMin } OPTIONAL { ?report kg:injuredMin ?injuredMin }
  OPTIONAL { ?report kg:note ?note }
} GROUP BY ?report ?reporter ?at ?killed ?injured ?killedMin ?injuredMin ?note ORDER BY ?at"""

PROPOSALS = """
SELECT ?fact (SAMPLE(?l) AS ?label) (MIN(?at) AS ?when) (GROUP_CONCAT(DISTINCT ?who; separator=", ") AS ?by)
 WHERE {
  ?fact a kg:TruceProposal ; kg:reportedAt ?at .
  OPTIONAL { ?fact rdfs:label ?l }
  OPTIONAL { ?fact kg:proposer/rdfs:label ?who }
} GROUP BY ?fact"""

REACTIONS = """
SELECT ?reaction (SAMPLE(?who) AS ?by) (SAMPLE(?kind) AS ?type) (MIN(?at) AS ?when) (SAMPLE(?l) AS ?proposal) WHERE {
  ?fact a kg:TruceProposal ; kg:hasReaction ?reaction .
  ?reaction kg:reportedAt ?at .
  OPTIONAL { ?reaction kg:reactor/rdfs:label ?who }
  OPTIONAL { ?reaction kg:reactionType ?kind }
  OPTIONAL { ?fact rdfs:label ?l }
} GROUP BY ?reaction"""

MEETINGS = """
SELECT ?fact (SAMPLE(?l) AS ?label) (MIN(?at) AS ?when) (GROUP_CONCAT(DISTINCT ?who; separator=", ") AS ?with)
       (SAMPLE(?where) AS ?place) (SAMPLE(?on) AS ?day) WHERE {
  ?fact a kg:Meeting ; kg:reportedAt ?at .
  OPTIONAL { ?fact rdfs:label ?l }
  OPTIONAL { ?fact kg:participant/rdfs:label ?who }
  OPTIONAL { ?fact sem:hasPlace/rdfs:label ?where }
  OPTIONAL { ?fact kg:date ?on }
} GROUP BY ?fact"""

ATTACKS = """
SELECT ?fact (SAMPLE(?l) AS ?label) (MIN(?at) AS ?when) (GROUP_CONCAT(DISTINCT ?who; separator=", ") AS ?by)
       (GROUP_CONCAT(DISTINCT ?what; separator=", ") AS ?targets) WHERE {
  ?fact a kg:Attack ; kg:reportedAt ?at .
  OPTIONAL { ?fact rdfs:label ?l }
  OPTIONAL { ?fact kg:perpetrator/rdfs:label ?who }
  OPTIONAL { ?fact kg:target/rdfs:label ?what }
} GROUP BY ?fact"""

MARK_KINDS = ("truce proposal", "reaction", "meeting", "attack")


@dataclass
class Entry:
    at: datetime
    headline: str
    iri: str


@dataclass
class Figure:
    """One casualty report: the figures one source gave at one time (None when not given)."""

    at: datetime
    killed: Optional[int] = None
    injured: Optional[int] = None
    killed_min: Optional[int] = None
    injured_min: Optional[int] = None
    note: str = ""
    iri: str = ""

    def value(self, what: str) -> tuple[Optional[int], bool]:
        """(number, is a low bound) for "killed" or "injured"."""
        exact, low = getattr(self, what), getattr(self, f"{what}_min")
        if exact is not None:
            return exact, False
        return low, low is not None


@dataclass
class Mark:
    at: datetime
    kind: str           # one of MARK_KINDS
    title: str
    detail: str = ""
    iri: str = ""


@dataclass
class Timeline:
    entries: list[Entry] = field(default_factory=list)
    casualties: dict[str, list[Figure]] = field(default_factory=dict)   # reporter label -> figures in time order
    marks: list[Mark] = field(default_factory=list)

    @property
    def times(self) -> list[datetime]:
        return sorted([e.at for e in self.entries] + [m.at for m in self.marks]
                      + [f.at for figures in self.casualties.values() for f in figures])

    @property
    def tzinfo(self):
        for e in self.entries:
            if e.at.tzinfo is not None:
                return e.at.tzinfo
        return timezone.utc


def _when(value, tz) -> Optional[datetime]:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=tz)
    if isinstance(value, str):
        try:
            return _when(datetime.fromisoformat(value), tz)
        except ValueError:
            return None
    return None


def _int(value) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _day(value) -> str:
    if isinstance(value, (date, datetime)):
        return value.strftime("%d/%m")
    return str(value or "")


def timeline_data(source) -> Timeline:
    tl = Timeline()
    for row in select(source, ENTRIES):
        at = _when(row["published"], timezone.utc)
        if at:
            tl.entries.append(Entry(at, str(row["headline"] or ""), row["entry"]))
    tl.entries.sort(key=lambda e: e.at)
    tz = tl.tzinfo
    for row in select(source, CASUALTIES):
        at = _when(row["at"], tz)
        if not at:
            continue
        reporter = str(row["label"] or row["reporter"].rsplit("/", 1)[-1])
        tl.casualties.setdefault(reporter, []).append(Figure(
            at, _int(row["killed"]), _int(row["injured"]), _int(row["killedMin"]), _int(row["injuredMin"]),
            str(row["note"] or ""), row["report"]))
    for figures in tl.casualties.values():
        figures.sort(key=lambda f: f.at)
    for row in select(source, PROPOSALS):
        at = _when(row["when"], tz)
        if at:
            by = f"by {row['by']}" if row["by"] else ""
            tl.marks.append(Mark(at, "truce proposal", str(row["label"] or "truce"), by, row["fact"]))
    for row in select(source, REACTIONS):
        at = _when(row["when"], tz)
        if at:
            tl.marks.append(Mark(at, "reaction", f"{row['by'] or '?'}: {term_name(row['type']) or 'reacted'}",
                                 f"to « {row['proposal']} »" if row["proposal"] else "", row["reaction"]))
    for row in select(source, MEETINGS):
        at = _when(row["when"], tz)
        if at:
            where = " ".join(p for p in (f"in {row['place']}" if row["place"] else "",
                                         f"on {_day(row['day'])}" if row["day"] else "") if p)
            detail = "; ".join(p for p in (row["with"] or "", where) if p)
            tl.marks.append(Mark(at, "meeting", str(row["label"] or "meeting"), detail, row["fact"]))
    for row in select(source, ATTACKS):
        at = _when(row["when"], tz)
        if at:
            detail = "; ".join(p for p in (f"by {row['by']}" if row["by"] else "",
                                           f"on {row['targets']}" if row["targets"] else "") if p)
            tl.marks.append(Mark(at, "attack", str(row["label"] or "attack"), detail, row["fact"]))
    tl.marks.sort(key=lambda m: (m.at, MARK_KINDS.index(m.kind)))
    return tl
