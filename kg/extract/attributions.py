"""Attributions: who says who carried out an attack, who claims it, who denies it.

  - a verb of the lexicon (data/lexicons/attribution_verbs.tsv): "Le ministère accuse l'Ukraine d'être
    à l'origine de l'attaque", "le ministère attribue l'ensemble des drones à l'Ukraine" (attributes),
    "l'Ukraine a revendiqué l'attaque" (claims), "Kiev a démenti toute implication" (denies);
  - a predicate someone states: "X affirme que la Russie est responsable de la frappe";
  - a noun with a nationality: "X se montrent affirmatifs sur l'origine ukrainienne de l'attaque";
  - an attack verb someone reports, whose subject is the accused: « le régime de Kiev a poursuivi ses
    frappes », affirme le ministère; "X affirme que les forces russes ont bombardé ..."; "X dit avoir
    frappé ..." and « nous avons frappé » are claims;
  - a nationality adjective on an attack noun inside a quote: « les frappes russes sur Kiev ».
The attack words come from data/lexicons/attack_words.txt: "accuser X de manipuler" is no attribution.
Negated cues ("n'a pas revendiqué", "aucun commentaire pour revendiquer ou démentir") give nothing, and
a strike told by the narrator alone is not anyone's attribution. A finalizer links each attribution to
the attack reported in its entry.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Token

from kg.extract.attacks import mutual, verb_role
from kg.extract.base import Context, EntryDoc, extractor, finalizer
from kg.extract.lexicons import read_table
from kg.extract.numbers import VAGUE
from kg.extract.sources import (IMPERSONAL, SUBJECT_DEPS, actor_in_subtree, actor_spans, certainty_of, is_negated, is_pronoun,
                                is_source_cue, quote_of_token, quoted_tokens, source_phrase, speaker_of_phrase,
                                speech_verb, title_antecedent, verb_lemma, verb_speaker)
from kg.extract.statements import extract_statements
from kg.extract.views import Forms, doc_forms, doc_sents, doc_tokens, sent_of
from kg.facts import Attack, Attribution, Fact, Span as CharSpan

FIRST_PERSON = {"nous", "je", "j'", "j’", "on"}
TARGET_CASES = ("sur", "contre")
COMPLEMENT_DEPS = ("obj", "xcomp", "ccomp", "obl", "obl:arg", "obl:mod", "obl:agent", "iobj", "advcl", "acl",
                   "nmod", "conj")
CLAUSE_DEPS = ("acl", "acl:relcl", "advcl", "xcomp", "ccomp", "parataxis", "conj")
# A word is said by the speech verb it hangs under through these relations ("X affirme que Y a frappé").
REPORTED_DEPS = ("ccomp", "xcomp", "conj", "advcl", "obj", "obl", "obl:arg", "nmod", "acl")
REPORTING_STANCES = ("assert", "claim", "announce", "confirm", "accuse", "add", "warn", "estimate")
NEGATING_DETS = ("aucun", "aucune")


# ------------------------------------------------------------------ lexicons
@dataclass(frozen=True)
class Cue:
    word: str
    kind: str       # verb | predicate | noun
    stance: str     # attributes | claims | denies
    accused: str    # obj | to | self | subject | modifier
    needs: tuple[str, ...]


@lru_cache(maxsize=1)
def attribution_cues() -> dict[tuple[str, str], Cue]:
    return {(r["kind"], r["cue"]): Cue(r["cue"], r["kind"], r["stance"], r["accused"],
                                       tuple(w for w in r.get("needs", "").split("|") if w))
            for r in read_table("lexicons/attribution_verbs.tsv")}


@lru_cache(maxsize=1)
def _verb_cue_lemmas() -> frozenset[str]:
    return frozenset(w for k, w in attribution_cues() if k == "verb")


@lru_cache(maxsize=1)
def attack_words() -> dict[str, str]:
    return {r["word"]: r["role"] for r in read_table("lexicons/attack_words.txt")}


def _cue(token: Token, kind: str) -> Optional[Cue]:
    cues = attribution_cues()
    if kind == "verb":
        if token.pos_ not in ("VERB", "AUX"):
            return None
        lemma = verb_lemma(token, _verb_cue_lemmas())
        return cues.get(("verb", lemma)) if lemma else None
    return cues.get((kind, token.lemma_.lower())) or cues.get((kind, token.lower_))


def _role(token: Token) -> Optional[str]:
    """event | strike | aim | support | involve, from attack_words.txt."""
    words = attack_words()
    if token.pos_ in ("VERB", "AUX"):
        lemma = verb_lemma(token, words)
        return words.get(lemma) if lemma else verb_role(token)   # "ouvrir le feu": strike
    return words.get(token.lemma_.lower()) or words.get(token.lower_)


def bears_on_attack(words: Iterable[Token], cue: Cue) -> bool:
    """Whether a cue's complements speak of an attack (or of the words its lexicon row needs)."""
    if cue.needs:
        return any(t.lemma_.lower() in cue.needs or t.lower_ in cue.needs for t in words)
    # "viser", "cibler" alone are not enough: "accuse Washington de viser un changement de régime"
    roles = {"event", "strike"} | ({"involve"} if cue.stance == "denies" else set())
    return any(_role(t) in roles or (_role(t) == "aim" and _aims_at_victims(t)) for t in words)


def _aims_at_victims(verb: Token) -> bool:
    """"avoir visé des civils", "cibler des hôpitaux": an aim verb whose object is people or places hit."""
    # the object, or a bare noun phrase the parser mislabelled ("exécuté au moins 2 000 civils")
    # ("viser des immeubles": the article "des" read as a preposition)
    objects = [c for c in verb.children if c.i > verb.i and (c.dep_ == "obj" or c.dep_ in ("obl:mod", "obl", "obl:arg", "nmod")
                                                           and not any(g.dep_ == "case" and g.lower_ != "des" for g in c.children))]
    # "tirer sur des civils", "ouvrir le feu contre des positions": the target after "sur" / "contre"
    objects += [c for c in verb.children if c.i > verb.i and c.dep_ in ("obl:mod", "obl", "obl:arg", "nmod")
                and any(g.dep_ == "case" and g.lower_ in TARGET_CASES for g in c.children)]
    # "tué des dizaines de civils": the people counted by an amount noun
    objects += [n for o in objects if o.lower_ in VAGUE for n in o.children if n.dep_ == "nmod"]
    return any(_role(o) == "victim" for o in objects)


# ------------------------------------------------------------------ who says it
@dataclass(frozen=True)
class Claimant:
    actor: str
    certainty: str = "certain"


def quote_speaker(token: Token) -> Optional[Claimant]:
    """The speaker of the quote a word stands in (left by the statements extractor)."""
    quote = quote_of_token(token.doc, token)
    if quote is None:
        return None
    said = token.doc.user_data.get("kg_statement_speakers", {}).get(quote.open)
    return Claimant(*said) if said else None


def reporter_of(token: Token, item: EntryDoc, ctx: Context) -> Optional[Claimant]:
    """Who says the clause a word stands in: the speaker of its quote; the speaker of a speech verb it
    hangs under ("X affirme que ...") or that hangs on its verb ("..., a indiqué X"); "selon X"."""
    said = quote_speaker(token)
    if said is not None:
        return said
    head, steps = token, 0
    while head.dep_ in REPORTED_DEPS and head.head.i != head.i and steps < 4:
        head, steps = head.head, steps + 1
        if speech_verb(head) is not None:
            return _reporting(head, item, ctx)
    for child in token.children:
        if child.i > token.i and child.dep_ in ("parataxis", "conj", "advcl", "ccomp") and speech_verb(child):
            return _reporting(child, item, ctx)
    for cue in sent_of(token):
        if is_source_cue(cue) and cue.i not in quoted_tokens(cue.doc):
            phrase = source_phrase(cue)
            key = speaker_of_phrase(phrase, item, ctx) if phrase is not None else None
            if key:
                return Claimant(key, certainty_of(sent_of(token)))
    return None


def _reporting(speech: Token, item: EntryDoc, ctx: Context) -> Optional[Claimant]:
    info = speech_verb(speech)
    if info is None or info.stance not in REPORTING_STANCES or is_negated(speech):
        return None
    if speech.i in quoted_tokens(speech.doc):
        return None
    key, _ = verb_speaker(speech, item, ctx)
    return Claimant(key, certainty_of(sent_of(speech), info.certainty)) if key else None


def verb_claimant(verb: Token, item: EntryDoc, ctx: Context) -> Optional[Claimant]:
    """Who utters an attribution verb: the quote's speaker for "nous", the agent of a passive, the subject."""
    said = quote_speaker(verb)
    if said is not None and (_first_person_subject(verb) or not _has_subject(verb)):
        return said
    certainty = said.certainty if said is not None else certainty_of(sent_of(verb))
    if _passive(verb):
        agent = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
        key = speaker_of_phrase(agent, item, ctx) if agent is not None else None
    else:
        key, _ = verb_speaker(verb, item, ctx)
    return Claimant(key, certainty) if key else None


def subject_claimant(noun: Token, item: EntryDoc, ctx: Context, exclude: str) -> Optional[Claimant]:
    """Whoever the clause of a noun is about: its subject, else a name in the clause outside the noun's
    phrase ("Certains commentateurs se montrent affirmatifs sur l'origine ..., notamment Steve Rosenberg")."""
    owner = noun
    while owner.pos_ not in ("VERB", "AUX", "ADJ") and owner.head.i != owner.i:
        owner = owner.head
    while owner.dep_ in ("xcomp", "conj") and owner.head.i != owner.i:
        owner = owner.head
    subject = next((c for c in owner.children if c.dep_ in SUBJECT_DEPS), None)
    key = speaker_of_phrase(subject, item, ctx) if subject is not None else None
    if key and key != exclude:
        return Claimant(key, certainty_of(sent_of(noun)))
    inside = {t.i for t in noun.subtree}
    for token in owner.subtree:
        if token.i in inside or token.i in quoted_tokens(token.doc) or token.pos_ != "PROPN":
            continue
        key = actor_in_subtree(token, item, ctx)
        if key and key != exclude:
            return Claimant(key, certainty_of(sent_of(noun)))
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "aux:pass" for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _first_person_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ in FIRST_PERSON for c in verb.children)


# ------------------------------------------------------------------ whom it accuses
def np_tokens(token: Token) -> set[int]:
    """The noun phrase a word heads, without the clauses hanging on it ("la Russie d'attaquer Kiev" -> la Russie)."""
    keep = {token.i}
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS or (child.pos_ in ("VERB", "AUX") and child.dep_ not in ("amod", "flat:name")):
            continue
        keep.update(t.i for t in child.subtree)
    return keep


def np_actor(token: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """The actor a noun phrase names (a pronoun is too weak to accuse anyone)."""
    if is_pronoun(token):
        return None
    return actor_in_subtree(token, item, ctx, within=np_tokens(token))


def accused_phrase(token: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """Named, or named before and taken up by a title ("accuse le mouvement chiite d'avoir tiré")."""
    key = np_actor(token, item, ctx)
    if key is None and token.pos_ == "NOUN":
        key = title_antecedent(token, item, ctx)
    return key


def adjective_actor(noun: Token, ctx: Context) -> Optional[str]:
    """"l'origine ukrainienne", "frappes russes": the state a nationality adjective of the noun names."""
    for child in noun.children:
        if child.dep_ == "amod":
            country = ctx.gazetteer.adjectives.get(child.lower_)
            if country and country in ctx.gazetteer.actors:
                ctx.actors.actor(country)
                return country
    return None


def state_of(accused: str, ctx: Context) -> str:
    """The state behind an accused army or ministry ("les forces russes ont frappé" -> Russia); armed
    groups and persons stay themselves."""
    entry = ctx.gazetteer.actors.get(accused)
    if entry is None or entry.kind != "Organization" or not entry.country or entry.country == accused:
        return accused
    if entry.country not in ctx.gazetteer.actors:
        return accused
    ctx.actors.actor(entry.country)
    return entry.country


def complements(verb: Token) -> list[Token]:
    """The words of a verb's objects and complements after it (not its subject)."""
    return [t for child in verb.children if child.dep_ in COMPLEMENT_DEPS and child.i > verb.i for t in child.subtree]


def accused_objects(verb: Token) -> list[Token]:
    """Who "accuser" accuses: its object, or the subject of a passive ("les FSR sont accusées par l'ONU
    de..."); a name the parser hung on the verb otherwise ("accusé Washington d'avoir...") comes next."""
    if _passive(verb):
        return [c for c in verb.children if c.dep_ == "nsubj:pass"]
    # the object, or a bare noun phrase the parser mislabelled ("exécuté au moins 2 000 civils")
    objects = [c for c in verb.children if c.i > verb.i and (c.dep_ == "obj" or c.dep_ in ("obl:mod", "obl", "nmod")
                                                           and not any(g.dep_ == "case" for g in c.children))]
    return objects + [c for c in verb.children if c.i > verb.i and c.dep_ in ("xcomp", "obl:arg", "iobj")
                      and c.pos_ in ("NOUN", "PROPN")]


def relative_antecedent(verb: Token) -> list[Token]:
    """"l'attaque contre Césarée, que Tel-Aviv attribue au Hezbollah": the words the relative "que"
    takes up (a few words before it, in its sentence)."""
    left = min([verb.i] + [c.left_edge.i for c in verb.children if c.dep_ in SUBJECT_DEPS or c.lower_ in ("que", "qu'", "qu’")])
    que = verb.doc[left] if verb.doc[left].lower_ in ("que", "qu'", "qu’") else (
        verb.doc[left - 1] if left > 0 and verb.doc[left - 1].lower_ in ("que", "qu'", "qu’") else None)
    if que is None or que.i == 0 or not (verb.doc[que.i - 1].text == "," or verb.doc[que.i - 1].pos_ in ("NOUN", "PROPN")):
        return []
    start = max(sent_of(verb).start, que.i - 12)
    return list(verb.doc[start:que.i])


def to_phrase_actor(verb: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """"attribue l'ensemble des drones à l'Ukraine": the actor of the last "à X" among the complements."""
    found = None
    for token in complements(verb):
        if any(c.dep_ == "case" and c.lower_ in ("à", "au", "aux") for c in token.children):
            found = np_actor(token, item, ctx) or found
    return found


def _names_someone_else(verb: Token, claimant: str, item: EntryDoc, ctx: Context) -> bool:
    """A "que" clause under a claim or denial verb whose subject is another actor."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            subject = next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
            key = np_actor(subject, item, ctx) if subject is not None else None
            if key and key != claimant:
                return True
    return False


def _governed_by_verb_cue(token: Token) -> bool:
    """Under "accuser", "démentir"...: the verb rule reads it (and its negation)."""
    head, steps = token, 0
    while head.head.i != head.i and steps < 4:
        head, steps = head.head, steps + 1
        if _cue(head, "verb") is not None:
            return True
    return False


# ------------------------------------------------------------------ strikes
def strikes(verb: Token) -> bool:
    """An attack verb in the active voice: "frapper", "poursuivre/mener/lancer" + an attack noun, or
    "viser/cibler/tirer" with an attack word in their clause."""
    if verb.pos_ != "VERB" or _passive(verb):
        return False
    role = _role(verb)
    if role == "strike":
        return True
    if role == "support":
        return any(c.dep_ == "obj" and _role(c) == "event" for c in verb.children)
    if role == "aim":
        return _aims_at_victims(verb) or any(_role(t) == "event" for t in verb.subtree if t.i != verb.i)
    return False


def strike_subject(verb: Token) -> Optional[Token]:
    """Who strikes: the verb's subject, or who controls the verb it completes: the object of "accuse les
    FSR d'avoir bombardé", else the subject of "continue de frapper", "dit avoir frappé"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None or verb.dep_ != "xcomp":
        return subject
    head = verb.head
    obj = next((c for c in head.children if c.dep_ == "obj"), None)
    return obj if obj is not None else next((c for c in head.children if c.dep_ == "nsubj"), None)


def striker(subject: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """The actor a striking subject names: "les forces russes", "le régime de Kiev", "un drone ukrainien"."""
    key = np_actor(subject, item, ctx)
    if key is None and _role(subject) == "event":
        key = adjective_actor(subject, ctx)
    return key


# ------------------------------------------------------------------ the rules
def from_verb(verb: Token, item: EntryDoc, ctx: Context) -> Optional[Attribution]:
    """"accuse l'Ukraine d'être à l'origine de l'attaque", "a revendiqué l'attaque", "dément toute implication"."""
    cue = _cue(verb, "verb")
    if cue is None or is_negated(verb) or mutual(verb):
        return None
    answered = _answered_clause(verb) if cue.stance == "denies" else []
    if answered:   # "X a accusé Y d'avoir bombardé ..., ce que Y a rejeté": the accusation is the complement
        cue = replace(cue, needs=())
    if not bears_on_attack(answered or _what_it_says(verb, cue, item, ctx), cue):
        return None
    claimant = verb_claimant(verb, item, ctx)
    if claimant is None:
        return None
    if cue.accused == "obj":
        accused = next(filter(None, (accused_phrase(o, item, ctx) for o in accused_objects(verb))), None)
    elif cue.accused == "to":
        accused = to_phrase_actor(verb, item, ctx)
    elif _names_someone_else(verb, claimant.actor, item, ctx):
        return None  # "Moscou nie que les forces ukrainiennes aient frappé": not about its own act
    else:
        accused = claimant.actor
    return _judged(item, verb, claimant, accused, cue.stance, ctx)


def _answered_clause(verb: Token) -> list[Token]:
    """", ce que le mouvement rebelle a rejeté": the words before "ce que", which the denial takes up."""
    que = next((c for c in verb.children if c.dep_ == "obj" and c.lower_ in ("que", "qu'", "qu’")), None)
    if que is None or que.i == 0 or verb.doc[que.i - 1].lower_ != "ce":
        return []
    sent = sent_of(verb)
    return list(verb.doc[sent.start:que.i - 1])


def from_mutual_accusation(verb: Token, item: EntryDoc, ctx: Context) -> list[Attribution]:
    """"Moscou et Kiev s'accusent mutuellement d'avoir frappé ...": two attributions, one each way."""
    cue = _cue(verb, "verb")
    if cue is None or cue.stance != "attributes" or not mutual(verb) or is_negated(verb):
        return []
    if not bears_on_attack(complements(verb), cue):
        return []
    sent = sent_of(verb)
    quoted = quoted_tokens(verb.doc)
    sides = []
    for span in actor_spans(verb.doc):   # the parties named before the verb (the parser may not coordinate them)
        if sent.start <= span.start and span.end <= verb.i and span.start not in quoted and not ctx.actors.used_as_place(span):
            key = ctx.actors.resolve_span(span, item.entry_id)
            if key and key not in sides:
                sides.append(key)
    if len(sides) != 2:
        return []
    claimant = certainty_of(sent)
    facts = [_judged(item, verb, Claimant(a, claimant), b, "attributes", ctx) for a, b in (sides, sides[::-1])]
    return [f for f in facts if f is not None]


def _what_it_says(verb: Token, cue: Cue, item: EntryDoc, ctx: Context) -> list[Token]:
    """The words an attribution verb bears on; for a denial with none ("Bakou a démenti."), the
    sentence before it, whose accusation it answers."""
    words = complements(verb) + relative_antecedent(verb)
    if words or cue.stance != "denies":
        return words
    claimant = verb_claimant(verb, item, ctx)
    return _accusation_before(verb, claimant.actor, item, ctx) if claimant else []


def _accusation_before(token: Token, denier: str, item: EntryDoc, ctx: Context) -> list[Token]:
    """The sentence before a bare denial, when it names the one who denies ("L'armée russe a bombardé
    Kharkiv, selon le maire. Moscou a démenti."); else the denial answers something else ("Moscou dit
    avoir frappé des sites militaires. Kiev dément": Kiev denies the claim, not a strike of its own)."""
    sents = doc_sents(token.doc)
    here = sents.index(sent_of(token))
    if here == 0:
        return []
    before = sents[here - 1]
    named = {ctx.actors.resolve_span(s, item.entry_id) for s in actor_spans(token.doc)
             if before.start <= s.start < before.end and not ctx.actors.used_as_place(s)}
    return list(before) if denier in named or denier in {state_of(k, ctx) for k in named if k} else []


def from_predicate(word: Token, item: EntryDoc, ctx: Context) -> Optional[Attribution]:
    """"X affirme que Y est à l'origine de l'attaque", "X dit être responsable de la frappe" (a claim)."""
    cue = _cue(word, "predicate")
    if cue is None or not any(c.dep_ == "cop" for c in word.children) or is_negated(word):
        return None
    if not bears_on_attack(list(word.subtree), cue) or _governed_by_verb_cue(word):
        return None
    claimant = reporter_of(word, item, ctx)
    if claimant is None:
        return None
    subject = next((c for c in word.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.lower_ in FIRST_PERSON:
        accused = claimant.actor  # "dit être à l'origine de", « nous sommes responsables »
    else:
        accused = np_actor(subject, item, ctx)
    return _judged(item, word, claimant, accused, cue.stance, ctx)


def from_noun(noun: Token, item: EntryDoc, ctx: Context) -> Optional[Attribution]:
    """"se montrent affirmatifs sur l'origine ukrainienne de l'attaque" -> attributes to Ukraine."""
    cue = _cue(noun, "noun")
    if cue is None or noun.pos_ != "NOUN" or any(c.dep_ == "cop" for c in noun.children):
        return None
    if _governed_by_verb_cue(noun) or is_negated(noun) or not bears_on_attack(list(noun.subtree), cue):
        return None
    if any(c.dep_ == "det" and c.lower_ in ("toute", "tout") + NEGATING_DETS for c in noun.children):
        return None
    accused = adjective_actor(noun, ctx)
    if accused is None:
        return None
    claimant = reporter_of(noun, item, ctx) or subject_claimant(noun, item, ctx, exclude=accused)
    return _judged(item, noun, claimant, accused, cue.stance, ctx) if claimant else None


def from_strike(verb: Token, item: EntryDoc, ctx: Context) -> Optional[Attribution]:
    """« le régime de Kiev a poursuivi ses frappes », affirme le ministère; "X affirme que les forces russes
    ont bombardé Kherson"; "..., a indiqué X" -> X attributes the strike to its subject. "X dit avoir
    frappé", « nous avons frappé » -> X claims it."""
    if not strikes(verb) or is_negated(verb) or verb.dep_ == "xcomp" and mutual(verb.head):
        return None
    subject = strike_subject(verb)
    if subject is None:
        return None
    claimant = reporter_of(verb, item, ctx)
    if claimant is None:
        return None
    if subject.lower_ in FIRST_PERSON and quote_speaker(verb) is not None:
        accused = claimant.actor
    elif subject.lower_ in IMPERSONAL or is_pronoun(subject):
        return None
    else:
        accused = striker(subject, item, ctx)
    return _judged(item, verb, claimant, accused, "attributes", ctx)


def from_quoted_adjective(noun: Token, item: EntryDoc, ctx: Context) -> Optional[Attribution]:
    """« les frappes russes sur Kiev », said by someone -> they attribute the strikes to Russia (not
    "les drones ukrainiens" a ministry counts: an official's count is no accusation)."""
    if noun.pos_ != "NOUN" or _role(noun) != "event" or noun.lemma_.lower() in ("drone", "missile"):
        return None
    said = quote_speaker(noun)
    if said is None:
        return None
    if any(c.dep_ == "det" and c.lower_ in NEGATING_DETS for c in noun.children):
        return None
    return _judged(item, noun, said, adjective_actor(noun, ctx), "attributes", ctx)


def _judged(item: EntryDoc, token: Token, claimant: Optional[Claimant], accused: Optional[str], stance: str,
            ctx: Context) -> Optional[Attribution]:
    """The attribution, once claimant and accused are known: an actor blaming itself claims the act;
    an army or ministry is blamed through its state."""
    if claimant is None or not accused:
        return None
    if accused == claimant.actor:
        stance = "claims" if stance == "attributes" else stance
    elif stance == "attributes":
        accused = state_of(accused, ctx)
    sent = sent_of(token)
    quote = quote_of_token(token.doc, token)
    start = min(sent.start_char, quote.open) if quote else sent.start_char
    end = max(sent.end_char, quote.close + 1) if quote else sent.end_char
    return Attribution(item.entry_id, CharSpan(start, end), certainty=claimant.certainty, polarity="positive",
                       claimant=claimant.actor, accused=accused, stance=stance)


def from_misread_verb(token: Token, item: EntryDoc, ctx: Context) -> Optional[Attribution]:
    """"Le Cambodge dément avoir visé des civils": the tagger reads "dément" as an adjective, so no
    tree links it to its subject or complement; the actor just before it speaks of the rest of the sentence."""
    cue = attribution_cues().get(("misread", token.lower_))
    if cue is None or token.pos_ in ("VERB", "AUX") or token.i == 0:
        return None
    before = ctx.actors.actor_at(token.doc, token.i - 1, token.i)
    if before is None or before.end != token.i:
        return None
    after = [t for t in sent_of(token) if t.i > token.i]
    key = ctx.actors.resolve_span(before, item.entry_id)
    if after and after[0].lower_ == "et" and any(t.pos_ in ("VERB", "AUX") for t in after[1:3]):
        after = _accusation_before(token, key, item, ctx) if key else []   # "Kiev dément et accuse ...": a bare denial
    if not bears_on_attack(after, cue):
        return None
    return _judged(item, token, Claimant(key, certainty_of(sent_of(token))), key, cue.stance, ctx) if key else None


def _may_cue(forms: Forms) -> list[int]:
    """The tokens at which a rule can start: each needs a verb, a noun or a cue word."""
    words = _cue_words()
    return [i for i, (pos, lower, lemma) in enumerate(zip(forms.pos, forms.lower, forms.lemma))
            if pos in ("VERB", "AUX", "NOUN") or lower in words or lemma.lower() in words]


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    return frozenset(word for kind, word in attribution_cues() if kind != "verb")


RULES = (from_verb, from_predicate, from_noun, from_strike, from_quoted_adjective, from_misread_verb,
         from_mutual_accusation)


@extractor("attributions")
def extract_attributions(item: EntryDoc, ctx: Context) -> Iterable[Attribution]:
    if "kg_statement_speakers" not in item.doc.user_data:
        extract_statements(item, ctx)  # who speaks each quote, whatever order the extractors run in
    found: dict[tuple[str, str, str], Attribution] = {}
    tokens = doc_tokens(item.doc)
    for i in _may_cue(doc_forms(item.doc)):
        token = tokens[i]
        for rule in RULES:
            result = rule(token, item, ctx)
            for fact in (result if isinstance(result, list) else [result] if result is not None else []):
                found.setdefault((fact.claimant, fact.accused, fact.stance), fact)
    return list(found.values())


# ------------------------------------------------------------------ linking to attacks
@finalizer("attributions")
def link_attacks(facts: list[Fact], ctx: Context) -> list[Fact]:
    """Each attribution is about the attack reported in its own entry: the closest one, preferring one
    whose perpetrator is the accused."""
    attacks = [f for f in facts if isinstance(f, Attack) and f.key]
    for fact in facts:
        if not isinstance(fact, Attribution) or fact.attack:
            continue
        here = [a for a in attacks if a.entry_id == fact.entry_id]
        if not here:
            here = [a for a in attacks if any(m.entry_id == fact.entry_id for m in a.reports)]
        if not here:
            continue
        accused = {fact.accused, state_of(fact.accused, ctx)}
        here.sort(key=lambda a: (a.perpetrator not in accused, abs(a.span.start - fact.span.start)))
        fact.attack = here[0].key
    return facts
