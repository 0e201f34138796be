"""Statements (quotes) and attributions of attacks."""
from __future__ import annotations

from rdflib import Graph, Literal

from kg.facts import Attribution, Demand, Statement
from kg.store.mapping.core import Minter, add_provenance, maps
from kg.store.namespaces import GAF, GRASP, KG, PLOVER, RDF, SEM


@maps(Statement)
def statement(fact: Statement, mint: Minter, g: Graph) -> None:
    node = mint.fact("statement", fact.entry_id, fact.span.start, fact.span.end, fact.speaker, fact.quote)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.Statement))
    g.add((node, RDF.type, GRASP.Statement))
    g.add((node, KG.speaker, mint.actor(fact.speaker)))
    g.add((node, KG.quote, Literal(fact.quote, lang="fr")))
    if fact.verb:
        g.add((node, KG.speechVerb, Literal(fact.verb)))
    if fact.stance:
        g.add((node, KG.speechAct, Literal(fact.stance)))
    if fact.quote_span:
        quote = mint.mention(fact.entry_id, fact.quote_span)
        g.add((node, KG.quoteSpan, quote))
        g.add((quote, RDF.type, GAF.Mention))
        g.add((quote, KG.mentionedIn, mint.entry(fact.entry_id)))


@maps(Attribution)
def attribution(fact: Attribution, mint: Minter, g: Graph) -> None:
    node = mint.fact("attribution", fact.entry_id, fact.span.start, fact.claimant, fact.accused, fact.stance)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.Attribution))
    g.add((node, RDF.type, SEM.Event))
    # PLOVER has no "claim responsibility" type: every attribution is an ACCUSE event of mode allege,
    # what the claimant does (attributes / claims / denies) is kg:stance
    g.add((node, SEM.eventType, PLOVER.ACCUSE))
    g.add((node, KG.mode, PLOVER["mode-allege"]))
    g.add((node, KG.claimant, mint.actor(fact.claimant)))
    g.add((node, KG.accused, mint.actor(fact.accused)))
    g.add((node, KG.stance, KG[fact.stance]))
    if fact.attack:
        g.add((node, KG.aboutEvent, mint.fact("attack", fact.attack)))


@maps(Demand)
def demand(fact: Demand, mint: Minter, g: Graph) -> None:
    node = mint.fact("demand", fact.entry_id, fact.span.start, fact.demander)
    add_provenance(g, node, fact, mint)
    g.add((node, RDF.type, KG.Demand))
    g.add((node, SEM.eventType, PLOVER.DEMAND))
    g.add((node, KG.demander, mint.actor(fact.demander)))
    for addressee in fact.addressees:
        g.add((node, KG.addressee, mint.actor(addressee)))
    g.add((node, KG.condition, Literal(fact.text, lang="fr")))
