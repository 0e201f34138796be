"""Who says a sentence: the source of a report, for every extractor that needs one.

"a indiqué le ministère de la Défense russe", "selon le gouverneur Andrey Vorobyov",
"Le Kremlin répète que...", "a-t-il ajouté" (a pronoun: the last actor named before).
Also reads how sure the source is from French hedges ("aurait", "dit avoir").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Span, Token

from kg.extract.base import Context, EntryDoc
from kg.extract.lexicons import reporting_cues, speech_verbs
from kg.extract.nlp import ACTORS

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
PRONOUNS = {"il", "elle", "ils", "elles", "lequel", "laquelle", "celui-ci", "celle-ci", "-t-il", "-t-elle", "t-il",
            "t-elle", "-il", "-elle", "-ils", "-elles"}
SOURCE_WORDS = ("selon", "d'après", "d’après")


@dataclass
class Source:
    actor: str              # actor key
    token: Token            # the word that names it (for provenance)
    verb: str = ""          # lemma of the reporting verb, if any
    stance: str = ""
    certainty: str = "certain"


def actor_in_subtree(token: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """The actor named by the phrase headed by `token` (its head noun first, then the rest)."""
    doc = token.doc
    if token.lower_ in PRONOUNS or token.pos_ == "PRON":
        return previous_actor(item, ctx, token.idx, persons_first=token.lower_.strip("-t") in ("il", "elle"))
    start, end = token.left_edge.i, token.right_edge.i + 1
    candidates = [s for s in doc.spans[ACTORS] if start <= s.start and s.end <= end]
    candidates += [e for e in doc.ents if e.label_ in ("PER", "ORG") and start <= e.start and e.end <= end
                   and not any(c.start <= e.start < c.end for c in candidates)]
    if not candidates:
        return None
    on_head = [c for c in candidates if c.start <= token.i < c.end]
    ordered = on_head + sorted((c for c in candidates if c not in on_head), key=lambda c: (_rank(c, ctx), c.start))
    for span in ordered:
        key = ctx.actors.resolve_span(span, item.entry_id)
        if key:
            return key
    return None


def _rank(span: Span, ctx: Context) -> int:
    """Persons before organisations before states: "le porte-parole du Kremlin, Dmitri Peskov"."""
    kind = ctx.gazetteer.actors[span.label_].kind if span.label_ in ctx.gazetteer.actors else (
        "Person" if span.label_ == "PER" else "Organization")
    return {"Person": 0, "Organization": 1, "Group": 2, "Country": 3}.get(kind, 4)


def previous_actor(item: EntryDoc, ctx: Context, before_char: int, persons_first: bool = True) -> Optional[str]:
    """The last actor named before a character offset in the same entry (for "il", "Lequel")."""
    doc = item.doc
    spans = [s for s in doc.spans[ACTORS] if s.end_char <= before_char]
    spans += [e for e in doc.ents if e.label_ in ("PER", "ORG") and e.end_char <= before_char]
    spans.sort(key=lambda s: s.start_char, reverse=True)
    if persons_first:
        people = [s for s in spans if _rank(s, ctx) == 0]
        spans = people + [s for s in spans if s not in people]
    for span in spans:
        key = ctx.actors.resolve_span(span, item.entry_id)
        if key:
            return key
    return None


def speech_verb_subject(verb: Token) -> Optional[Token]:
    """The subject of a (speech) verb, through auxiliaries and coordination."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        for child in verb.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    for child in verb.children:  # "a-t-il ajouté": the clitic hangs on the auxiliary
        if child.lower_ in PRONOUNS:
            return child
    return None


def sentence_source(sent: Span, item: EntryDoc, ctx: Context, skip: Iterable[Token] = ()) -> Optional[Source]:
    """The source of a sentence: a "selon X" phrase, else the subject of a reporting verb."""
    skip_ids = {t.i for t in skip}
    for token in sent:
        if token.lower_ in SOURCE_WORDS or (token.lower_ == "après" and token.i > 0 and token.nbor(-1).lower_ == "d'"):
            head = token.head if token.head is not token else token
            key = actor_in_subtree(head, item, ctx)
            if key:
                return Source(key, head, "selon", "assert", certainty_of(sent))
    verbs = speech_verbs()
    for token in sent:
        if token.i in skip_ids or token.pos_ not in ("VERB", "AUX") or token.lemma_ not in verbs:
            continue
        subject = speech_verb_subject(token)
        if subject is None:
            continue
        key = actor_in_subtree(subject, item, ctx)
        if key:
            info = verbs[token.lemma_]
            return Source(key, subject, token.lemma_, info.stance, certainty_of(sent, info.certainty))
    return None


def certainty_of(span: Span, default: str = "certain") -> str:
    """Lower the certainty for hedges ("aurait", "pourrait", "selon des sources")."""
    text = " " + span.text.lower() + " "
    level = {"certain": 0, "probable": 1, "possible": 2}
    result = default
    for cue, row in reporting_cues().items():
        if row["kind"] in ("hedge", "negation_frame") and f" {cue} " in text:
            if level.get(row["certainty"], 0) > level[result]:
                result = row["certainty"]
    for token in span:
        if "Cond" in token.morph.get("Mood") and level[result] < 1:
            result = "probable"
    return result


def is_negated(token: Token) -> bool:
    """"n'a pas confirmé", "ne revendique pas", "aucun commentaire pour revendiquer"."""
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in ("pas", "jamais", "plus", "guère", "ne", "n'", "n’"):
            return True
    head = token.head
    while head is not token and head.dep_ in ("xcomp", "advcl", "acl", "obl", "ccomp") and head.head is not head:
        if any(c.lower_ in ("pas", "jamais", "aucun", "aucune", "sans") for c in head.children):
            return True
        token, head = head, head.head
    return any(c.lower_ in ("pas", "jamais", "aucun", "aucune", "sans") for c in head.children) if head is not token else False
