"""Typed facts passed between the stages: ingest -> extract -> store.

No RDF here: the graph-building stage (`kg.store.mapping`) turns these into triples.
Every fact carries its provenance: the entry it came from and a character span in
that entry's body (`Entry.body`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Optional


# ------------------------------------------------------------------ input
@dataclass
class Entry:
    """One timestamped update of a live blog."""

    entry_id: str               # deterministic slug, unique within its document
    published: datetime         # tz-aware local time of the blog
    title: str
    body: str
    line: int = 0               # 1-based line of the entry header in the source file
    url: Optional[str] = None


@dataclass
class Document:
    """A live blog: optional lead paragraph, then entries (in the file's order)."""

    doc_id: str                 # deterministic slug (from the file name)
    source: str                 # path or URL it was read from
    entries: list[Entry]
    title: str = ""
    lead: str = ""
    timezone: str = "Europe/Paris"
    reference_date: Optional[date] = None


# ------------------------------------------------------------------ provenance
@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) in an entry's body."""

    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    entry_id: str
    span: Span
    text: str


# ------------------------------------------------------------------ actors and places
ACTOR_KINDS = ("Person", "Organization", "Country", "Group")


@dataclass
class Actor:
    """A resolved actor: one per real-world person, organisation or state."""

    key: str                    # stable slug, e.g. "volodymyr-zelensky"
    label: str                  # canonical name
    kind: str = "Person"        # one of ACTOR_KINDS
    wikidata: Optional[str] = None   # "Q3874799"
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Place:
    key: str
    label: str
    kind: str = "Place"         # Place, City, Region, Country, Building, Sea
    wikidata: Optional[str] = None
    country: Optional[str] = None   # actor key of the state it belongs to
    country_label: Optional[str] = None
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


# ------------------------------------------------------------------ facts
CERTAINTIES = ("certain", "probable", "possible")
POLARITIES = ("positive", "negative")


@dataclass
class Fact:
    """Base of every extracted fact: where it was read, and how sure the source was."""

    entry_id: str
    span: Span
    certainty: str = "certain"
    polarity: str = "positive"


@dataclass
class Statement(Fact):
    """A direct quote and who said it."""

    speaker: str = ""           # actor key
    quote: str = ""
    quote_span: Optional[Span] = None
    verb: str = ""              # lemma of the speech verb ("déclarer"), if any
    stance: str = ""            # the verb's stance from the lexicon: assert, warn, accuse, deny...


@dataclass
class Attribution(Fact):
    """Who says who carried out an attack: attributes / claims / denies."""

    claimant: str = ""          # actor key
    accused: str = ""           # actor key
    stance: str = "attributes"  # attributes | claims | denies
    attack: Optional[str] = None    # key of the Attack it is about, when known


@dataclass
class CasualtyReport(Fact):
    reporter: str = ""          # actor key
    killed: Optional[int] = None
    injured: Optional[int] = None
    killed_min: Optional[int] = None    # "au moins 12 morts" -> 12 (low bound)
    injured_min: Optional[int] = None
    note: str = ""              # verbatim words when vague ("des dizaines de blessés")
    places: list[str] = field(default_factory=list)   # place keys
    attack: Optional[str] = None


@dataclass
class WeaponCount(Fact):
    """Drones/missiles shot down (or launched) as reported by someone."""

    reporter: str = ""
    count: Optional[int] = None
    weapon: str = ""            # drone | missile | missile balistique | ...
    outcome: str = "intercepted"    # intercepted | launched | lost | hit
    place: Optional[str] = None     # place key
    note: str = ""


@dataclass
class Attack(Fact):
    """An attack event; several reports (entries) may describe the same attack."""

    key: str = ""
    weapons: list[str] = field(default_factory=list)
    perpetrator: Optional[str] = None   # actor key (as attributed)
    targets: list[str] = field(default_factory=list)  # place keys
    start_date: Optional[date] = None
    end_date: Optional[date] = None
    reports: list[Mention] = field(default_factory=list)  # every entry that reported it
    label: str = ""
    time_of_day: str = ""       # "07:30" when the text says when in the day it struck (local time)
    overnight: bool = False     # "dans la nuit de lundi à mardi"
    new_event: bool = False     # the text sets it apart from the attack just told ("un autre drone")
    defender: Optional[str] = None  # the side that shot the weapons down: never their perpetrator


@dataclass
class Reaction:
    """One actor's move on a truce proposal, as one entry reports it (a status change, a reaction, or both)."""

    actor: str                  # actor key
    kind: str                   # proposed | renewed | welcomed | accepted | rejected | conditioned | in_force | violated
    entry_id: str
    span: Span
    text: str = ""


@dataclass
class TruceProposal(Fact):
    key: str = ""
    proposers: list[str] = field(default_factory=list)   # actor keys
    label: str = ""             # "trêve dans les airs et en mer"
    scope: list[str] = field(default_factory=list)       # air sea ground energy infrastructure full
    proposed_on: Optional[date] = None
    duration_days: Optional[int] = None
    conditions: list[str] = field(default_factory=list)
    status: str = "proposed"    # proposed renewed welcomed accepted rejected in_force violated
    reactions: list[Reaction] = field(default_factory=list)
    reports: list[Mention] = field(default_factory=list)
    renews: Optional[str] = None    # key of an earlier proposal this one renews


@dataclass
class Meeting(Fact):
    key: str = ""
    label: str = ""
    participants: list[str] = field(default_factory=list)   # actor keys
    mediators: list[str] = field(default_factory=list)
    place: Optional[str] = None     # place key
    on: Optional[date] = None
    at: Optional[datetime] = None   # when a time is given ("à partir de 17h30")
    topic: str = ""
    status: str = "planned"     # planned held postponed cancelled
    kind: str = "meeting"       # meeting | talks | call | summit
    reports: list[Mention] = field(default_factory=list)
    date_precision: str = "stated"  # stated (the text names the day) | report (the day of the entry that reports it)


@dataclass
class Demand(Fact):
    """Who expects what from whom ("pas de cessez-le-feu si les deux parties ne font pas de concessions")."""

    demander: str = ""
    addressees: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class ExtractionResult:
    """Everything read from one document, ready for the graph-building stage."""

    document: Document
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
