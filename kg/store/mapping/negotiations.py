"""Truce proposals (with reactions and status changes) and meetings."""
from __future__ import annotations

from rdflib import Graph, Literal

from kg.facts import Meeting, TruceProposal
from kg.store.mapping.core import Minter, add_provenance, day, maps, stamp
from kg.store.namespaces import GAF, KG, PLOVER, PROV, RDF, RDFS, SEM, XSD

STATUS_TYPES = {"proposed": PLOVER.REQUEST, "renewed": PLOVER.REQUEST, "welcomed": PLOVER.SUPPORT,
                "accepted": PLOVER.AGREE, "rejected": PLOVER.REJECT, "conditioned": PLOVER.DEMAND,
                "in_force": PLOVER.RETREAT, "violated": PLOVER.ASSAULT, "conceded": PLOVER.CONCEDE}


@maps(TruceProposal)
def truce_proposal(fact: TruceProposal, mint: Minter, g: Graph) -> None:
    node = mint.fact("truce", fact.key)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.TruceProposal))
    g.add((node, RDF.type, SEM.Event))
    g.add((node, SEM.eventType, PLOVER.REQUEST))
    g.add((node, RDFS.label, Literal(fact.label or "trêve", lang="fr")))
    for proposer in fact.proposers:
        g.add((node, KG.proposer, mint.actor(proposer)))
    if fact.scope:
        g.add((node, KG.scope, Literal(" ".join(fact.scope))))
    if fact.proposed_on:
        g.add((node, KG.proposedOn, day(fact.proposed_on)))
    if fact.duration_days:
        g.add((node, KG.durationDays, Literal(fact.duration_days, datatype=XSD.integer)))
    for condition in fact.conditions:
        g.add((node, KG.condition, Literal(condition, lang="fr")))
    g.add((node, KG.status, KG[_camel(fact.status)]))
    if fact.renews:
        g.add((node, KG.renews, mint.fact("truce", fact.renews)))
    for report in fact.reports:
        g.add((node, PROV.wasDerivedFrom, mint.entry(report.entry_id)))
        g.add((node, GAF.denotedBy, mint.mention(report.entry_id, report.span)))
    for reaction in fact.reactions:
        r = mint.fact("reaction", fact.key, reaction.entry_id, reaction.span.start, reaction.actor, reaction.kind)
        g.add((node, KG.hasReaction, r))
        g.add((r, RDF.type, KG.Reaction))
        g.add((r, RDF.type, KG.StatusChange))
        g.add((r, SEM.eventType, STATUS_TYPES.get(reaction.kind, PLOVER.SUPPORT)))
        g.add((r, KG.reactor, mint.actor(reaction.actor)))
        g.add((r, KG.reactionType, Literal(reaction.kind)))
        g.add((r, KG.reportedAt, mint.published(reaction.entry_id)))
        g.add((r, PROV.wasDerivedFrom, mint.entry(reaction.entry_id)))
        g.add((r, GAF.denotedBy, mint.mention(reaction.entry_id, reaction.span)))
        if reaction.text:
            g.add((r, KG.note, Literal(reaction.text, lang="fr")))


@maps(Meeting)
def meeting(fact: Meeting, mint: Minter, g: Graph) -> None:
    node = mint.fact("meeting", fact.key)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.Meeting))
    g.add((node, RDF.type, SEM.Event))
    g.add((node, SEM.eventType, PLOVER.CONSULT))
    g.add((node, RDFS.label, Literal(fact.label or fact.kind, lang="fr")))
    g.add((node, KG.meetingKind, Literal(fact.kind)))
    for participant in fact.participants:
        g.add((node, KG.participant, mint.actor(participant)))
    for mediator in fact.mediators:
        g.add((node, KG.mediator, mint.actor(mediator)))
    if fact.place:
        g.add((node, SEM.hasPlace, mint.place(fact.place)))
    if fact.on:
        g.add((node, KG.date, day(fact.on)))
    if fact.at:
        g.add((node, SEM.hasTimeStamp, stamp(fact.at)))
    if fact.topic:
        g.add((node, KG.topic, Literal(fact.topic, lang="fr")))
    g.add((node, KG.status, KG[fact.status]))
    for report in fact.reports:
        g.add((node, PROV.wasDerivedFrom, mint.entry(report.entry_id)))
        g.add((node, GAF.denotedBy, mint.mention(report.entry_id, report.span)))


def _camel(word: str) -> str:
    head, *rest = word.split("_")
    return head + "".join(p.capitalize() for p in rest)
