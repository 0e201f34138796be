"""Truce proposals (with their reactions and status changes), meetings and demands."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.facts import Demand, Meeting, Reaction, TruceProposal
from kg.store.mapping.core import Minter, add_provenance, day, maps, stamp
from kg.store.namespaces import GAF, KG, PLOVER, PROV, RDF, RDFS, SEM, XSD

# PLOVER event type of each move on a proposal (a ceasefire in force is PLOVER's RETREAT, mode ceasefire)
MOVE_TYPES = {"proposed": PLOVER.REQUEST, "renewed": PLOVER.REQUEST, "welcomed": PLOVER.SUPPORT,
              "accepted": PLOVER.AGREE, "rejected": PLOVER.REJECT, "conditioned": PLOVER.DEMAND,
              "in_force": PLOVER.RETREAT, "violated": PLOVER.ASSAULT, "conceded": PLOVER.CONCEDE}
REACTION_TYPES = {"welcomed", "accepted", "rejected", "conditioned", "renewed"}
PROPOSAL_STATUSES = {"proposed", "renewed", "welcomed", "accepted", "rejected", "in_force", "violated"}
MEETING_TYPES = {"held": PLOVER.CONSULT, "planned": PLOVER.AGREE, "postponed": PLOVER.CONSULT,
                 "cancelled": PLOVER.REJECT}


@maps(TruceProposal)
def truce_proposal(fact: TruceProposal, mint: Minter, g: Graph) -> None:
    node = mint.fact("truce", fact.key)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.TruceProposal))
    g.add((node, RDF.type, SEM.Event))
    g.add((node, SEM.eventType, MOVE_TYPES.get(fact.status, PLOVER.REQUEST)))
    g.add((node, KG.mode, PLOVER["mode-ceasefire"]))
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
    g.add((node, KG.status, status_concept(fact.status)))
    if fact.renews:
        g.add((node, KG.renews, mint.fact("truce", fact.renews)))
    for report in fact.reports:
        g.add((node, PROV.wasDerivedFrom, mint.entry(report.entry_id)))
        g.add((node, GAF.denotedBy, mint.mention(report.entry_id, report.span)))
    for reaction in fact.reactions:
        move(node, fact, reaction, mint, g)


def move(proposal: URIRef, fact: TruceProposal, reaction: Reaction, mint: Minter, g: Graph) -> None:
    """One actor's move on a proposal: a kg:StatusChange when it sets a status (proposed, accepted...),
    a kg:Reaction when it answers the proposal (welcomed, rejected, conditioned...); often both."""
    node = mint.fact("reaction", fact.key, reaction.entry_id, reaction.span.start, reaction.actor, reaction.kind)
    g.add((node, RDF.type, KG.Fact))
    g.add((node, RDF.type, SEM.Event))
    g.add((node, SEM.eventType, MOVE_TYPES.get(reaction.kind, PLOVER.SUPPORT)))
    g.add((node, SEM.hasActor, mint.actor(reaction.actor)))
    g.add((node, KG.reportedAt, mint.published(reaction.entry_id)))
    g.add((node, KG.certainty, KG[fact.certainty]))   # as sure as the proposal's report
    g.add((node, KG.polarity, KG.positive))           # a rejection is asserted too: its kind says "rejected"
    g.add((node, PROV.wasDerivedFrom, mint.entry(reaction.entry_id)))
    mention = mint.mention(reaction.entry_id, reaction.span)
    g.add((node, GAF.denotedBy, mention))
    g.add((mention, RDF.type, GAF.Mention))
    g.add((mention, KG.mentionedIn, mint.entry(reaction.entry_id)))
    if reaction.text:
        g.add((node, KG.note, Literal(reaction.text, lang="fr")))
    if reaction.kind in REACTION_TYPES:
        g.add((node, RDF.type, KG.Reaction))
        g.add((proposal, KG.hasReaction, node))
        g.add((node, KG.reactor, mint.actor(reaction.actor)))
        g.add((node, KG.reactionType, KG[reaction.kind]))
    if reaction.kind in PROPOSAL_STATUSES:
        g.add((node, RDF.type, KG.StatusChange))
        g.add((proposal, KG.hasStatusChange, node))
        g.add((node, KG.status, status_concept(reaction.kind)))


@maps(Meeting)
def meeting(fact: Meeting, mint: Minter, g: Graph) -> None:
    node = mint.fact("meeting", fact.key)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.Meeting))
    g.add((node, RDF.type, SEM.Event))
    g.add((node, SEM.eventType, MEETING_TYPES.get(fact.status, PLOVER.CONSULT)))
    if fact.kind == "call":
        g.add((node, KG.mode, PLOVER["mode-phone"]))
    g.add((node, RDFS.label, Literal(fact.label or fact.kind, lang="fr")))
    g.add((node, KG.meetingKind, Literal(fact.kind)))
    for participant in fact.participants:
        g.add((node, KG.participant, mint.actor(participant)))
    for mediator in fact.mediators:
        g.add((node, KG.mediator, mint.actor(mediator)))
    if fact.place:
        g.add((node, SEM.hasPlace, mint.place(fact.place)))
        g.add((node, KG.place, mint.place(fact.place)))
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


@maps(Demand)
def demand(fact: Demand, mint: Minter, g: Graph) -> None:
    node = mint.fact("demand", fact.entry_id, fact.span.start, fact.demander)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.Demand))
    g.add((node, RDF.type, SEM.Event))
    g.add((node, SEM.eventType, PLOVER.DEMAND))
    g.add((node, KG.demander, mint.actor(fact.demander)))
    for addressee in fact.addressees:
        g.add((node, KG.addressee, mint.actor(addressee)))
    if fact.text:
        g.add((node, KG.topic, Literal(fact.text, lang="fr")))
        g.add((node, RDFS.label, Literal(fact.text, lang="fr")))


def status_concept(status: str) -> URIRef:
    """kg:inForce for "in_force": the concepts are camel-cased."""
    head, *rest = status.split("_")
    return KG[head + "".join(p.capitalize() for p in rest)]
