"""Attacks, casualty reports and weapon counts."""
from __future__ import annotations

from rdflib import Graph, Literal

from kg.facts import Attack, CasualtyReport, WeaponCount
from kg.store.mapping.core import Minter, add_provenance, day, maps
from kg.store.namespaces import GAF, KG, PLOVER, PROV, RDF, RDFS, SEM, XSD


# PLOVER modes of the weapon categories of data/lexicons/weapons.tsv (by their first word)
WEAPON_MODES = {"drone": "mode-drone", "missile": "mode-missile", "roquette": "mode-heavy-weapons",
                "obus": "mode-heavy-weapons", "artillerie": "mode-heavy-weapons", "projectile": "mode-heavy-weapons",
                "bombe": "mode-aerial"}


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


@maps(Attack)
def attack(fact: Attack, mint: Minter, g: Graph) -> None:
    node = mint.fact("attack", fact.key)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.Attack))
    g.add((node, RDF.type, SEM.Event))
    g.add((node, SEM.eventType, PLOVER.ASSAULT))
    if fact.label:
        g.add((node, RDFS.label, Literal(fact.label, lang="fr")))
    for weapon in fact.weapons:
        g.add((node, KG.weapon, Literal(weapon)))
        mode = WEAPON_MODES.get(weapon.split()[0])
        if mode:
            g.add((node, KG.mode, PLOVER[mode]))
    if fact.perpetrator:
        g.add((node, KG.perpetrator, mint.actor(fact.perpetrator)))
    for target in fact.targets:
        g.add((node, KG.target, mint.place(target)))
    if fact.start_date:
        g.add((node, SEM.hasBeginTimeStamp, day(fact.start_date)))
        g.add((node, KG.startDate, day(fact.start_date)))
    if fact.end_date:
        g.add((node, SEM.hasEndTimeStamp, day(fact.end_date)))
        g.add((node, KG.endDate, day(fact.end_date)))
    for report in fact.reports:
        g.add((node, PROV.wasDerivedFrom, mint.entry(report.entry_id)))
        g.add((node, GAF.denotedBy, mint.mention(report.entry_id, report.span)))


@maps(CasualtyReport)
def casualty_report(fact: CasualtyReport, mint: Minter, g: Graph) -> None:
    node = mint.fact("casualties", fact.entry_id, fact.span.start, fact.reporter, fact.killed, fact.injured, fact.note)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.CasualtyReport))
    g.add((node, KG.reporter, mint.actor(fact.reporter)))
    for prop, value in ((KG.killed, fact.killed), (KG.injured, fact.injured),
                        (KG.killedMin, fact.killed_min), (KG.injuredMin, fact.injured_min)):
        if value is not None:
            g.add((node, prop, _int(value)))
    if fact.note:
        g.add((node, KG.note, Literal(fact.note, lang="fr")))
    for place in fact.places:
        g.add((node, SEM.hasPlace, mint.place(place)))
        g.add((node, KG.place, mint.place(place)))
    if fact.attack:
        g.add((node, KG.aboutEvent, mint.fact("attack", fact.attack)))


@maps(WeaponCount)
def weapon_count(fact: WeaponCount, mint: Minter, g: Graph) -> None:
    node = mint.fact("weapons", fact.entry_id, fact.span.start, fact.reporter, fact.count, fact.weapon, fact.place)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.WeaponCount))
    g.add((node, KG.reporter, mint.actor(fact.reporter)))
    if fact.count is not None:
        g.add((node, KG["count"], _int(fact.count)))  # KG.count is str.count
    g.add((node, KG.weapon, Literal(fact.weapon)))
    g.add((node, KG.outcome, Literal(fact.outcome)))
    if fact.place:
        g.add((node, SEM.hasPlace, mint.place(fact.place)))
        g.add((node, KG.place, mint.place(fact.place)))
    if fact.note:
        g.add((node, KG.note, Literal(fact.note, lang="fr")))
