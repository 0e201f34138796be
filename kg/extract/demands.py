"""Demands: who expects what from whom ("Washington exige de Moscou un geste", "Kiev appelle ses
alliés à livrer des Patriot", "pas de cessez-le-feu sans concessions").

A demand is a verb of `data/lexicons/demand_verbs.tsv` with what is demanded (its object or clause)
and whom it is addressed to; a negated truce with a condition ("pas de trêve sans retrait") is a
conditional demand of its speaker.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Token

from kg.extract.base import Context, EntryDoc, extractor
from kg.extract.lexicons import read_table
from kg.extract.sources import certainty_of, sentence_source
from kg.extract.truces import (SUBJECT_DEPS, actors_of_phrase, in_if_clause, is_conditional, is_question, negated_here,
                               subject_actors, subject_of, truce_mentions, verb_lemmas, words_text)
from kg.extract.views import doc_tokens, sent_of
from kg.facts import Demand, Fact, Span as CharSpan
from kg.ingest.dates import fold


@lru_cache(maxsize=1)
def demand_verbs() -> frozenset[str]:
    return frozenset(fold(r["lemma"]) for r in read_table("lexicons/demand_verbs.tsv"))


EXPECTED_NOUNS = {"concession", "concessions", "geste", "gestes", "effort", "efforts", "garantie", "garanties"}
MAX_DEMAND_TOKENS = 30


@extractor("demands")
def extract_demands(item: EntryDoc, ctx: Context) -> Iterable[Fact]:
    """"Les États-Unis attendent des concessions de l'Ukraine et de la Russie", "Moscou exige que Kiev
    retire ses troupes", "a sommé Vladimir Poutine d'arrêter", and the demand in a condition: "il n'y
    aura pas de cessez-le-feu si les deux parties ne font pas de concessions"."""
    demands: list[Demand] = []
    truce_heads = {m.head.i for m in truce_mentions(item.doc)}
    for token in doc_tokens(item.doc):
        if token.pos_ != "VERB" or not verb_lemmas(token) & demand_verbs():
            continue
        if negated_here(token) or is_question(token) or in_if_clause(token) or is_conditional(token):
            continue
        demand = read_demand(token, truce_heads, item, ctx)
        if demand is not None:
            demands.append(demand)
    demands += conditional_demands(item, ctx)
    return demands


def demanded_words(verb: Token) -> list[Token]:
    """What is demanded: the object, the "que" clause or the "de + infinitive"."""
    for child in verb.children:
        if child.dep_ in ("obj", "ccomp", "xcomp") or (child.dep_ == "obl:arg" and child.pos_ == "VERB"):
            return [t for t in child.subtree][:MAX_DEMAND_TOKENS]
    return []


def addressees_of(verb: Token, words: list[Token], item: EntryDoc, ctx: Context) -> list[str]:
    keys: list[str] = []

    def add(found: Iterable[str]) -> None:
        keys.extend(k for k in found if k not in keys)

    for child in verb.children:
        cases = {c.lower_ for c in child.children if c.dep_ == "case"}
        if child.dep_ in ("obl", "obl:arg", "obl:mod", "iobj", "nmod") and cases & {"de", "des", "du", "d'", "à", "au", "aux", "auprès"}:
            add(actors_of_phrase(child, item, ctx))
        if child.dep_ == "obj" and child.pos_ in ("PROPN", "PRON") and fold(verb.lemma_) in ("sommer", "presser", "appeler", "enjoindre"):
            add(actors_of_phrase(child, item, ctx))
        if child.dep_ == "ccomp":
            for grandchild in child.children:
                if grandchild.dep_ in SUBJECT_DEPS:
                    add(actors_of_phrase(grandchild, item, ctx))
        if child.dep_ == "obj":   # "des concessions de l'Ukraine et de la Russie"
            for grandchild in child.children:
                cases = {c.lower_ for c in grandchild.children if c.dep_ == "case"}
                if grandchild.dep_ == "nmod" and cases & {"de", "d'"}:
                    add(actors_of_phrase(grandchild, item, ctx))
    for token in words:   # "d'autres concessions ukrainiennes"
        if token.dep_ == "amod":
            key = ctx.gazetteer.adjectives.get(token.lower_)
            if key and key in ctx.gazetteer.actors:
                ctx.actors.actor(key)
                add([key])
    return keys


def read_demand(verb: Token, truce_heads: set[int], item: EntryDoc, ctx: Context) -> Optional[Demand]:
    words = demanded_words(verb)
    if not words or any(t.i in truce_heads for t in words[:3]):
        return None   # asking for a truce is a truce proposal
    demanders = subject_actors(verb, item, ctx)
    if not demanders:
        return None
    addressees = [k for k in addressees_of(verb, words, item, ctx) if k not in demanders]
    if fold(verb.lemma_) == "attendre" and not addressees and not any(t.lower_ in EXPECTED_NOUNS for t in words):
        return None   # "attendre la réponse", "il faut s'y attendre"
    span = CharSpan(verb.idx, words[-1].idx + len(words[-1].text)) if words[-1].i > verb.i else \
        CharSpan(words[0].idx, verb.idx + len(verb.text))
    return Demand(item.entry_id, span, certainty=certainty_of(sent_of(verb)), demander=demanders[0],
                  addressees=addressees, text=words_text(words))


def conditional_demands(item: EntryDoc, ctx: Context) -> list[Demand]:
    """"X a indiqué qu'il n'y aura pas de cessez-le-feu si les deux parties ne font pas de concessions":
    the speaker expects of the parties what the negated "si" clause says they must do."""
    found = []
    for token in doc_tokens(item.doc):
        if not (token.pos_ == "VERB" and negated_here(token) and any(
                c.dep_ == "mark" and c.lower_ in ("si", "s'") for c in token.children)):
            continue
        if not any(c.dep_ == "obj" and c.lower_ in EXPECTED_NOUNS for c in token.children):
            continue
        source = sentence_source(sent_of(token), item, ctx)
        if source is None:
            continue
        addressees = [k for s in subject_of(token) for k in actors_of_phrase(s, item, ctx)]
        words = list(token.subtree)[:MAX_DEMAND_TOKENS]
        found.append(Demand(item.entry_id, CharSpan(words[0].idx, words[-1].idx + len(words[-1].text)),
                            certainty=source.certainty, demander=source.actor, addressees=addressees,
                            text=words_text(words)))
    return found
