"""Truce proposals: who proposed which truce, when, with what scope and conditions, and who reacted how.

A truce is named by a term of `data/lexicons/truce_terms.tsv` ("trêve aérienne", "cessez-le-feu de
trente jours", "moratoire sur les frappes énergétiques", "interdiction des frappes", "initiative de
la mer Noire"). It becomes a fact only through a *move* of an actor (`proposal_verbs.tsv`): the truce
is the object of a verb ("Zelensky a proposé une trêve"), a participle with its agent ("la trêve
proposée par Kiev", "convenue par Trump avec Poutine"), an adjective ("s'est dit favorable à") or a
noun ("une proposition des États-Unis"). Proposers put it forward, parties agree to it, others
welcome, accept, reject or condition it; each move is a `Reaction` with its actor and entry.
A negated, questioned, conditional ("si les Russes refusent") or merely hoped-for truce ("pousser la
Russie à accepter", "un éventuel cessez-le-feu") is not a proposal.

The finalizer merges the reports of one proposal across entries (same scope, same proposers or
parties) and links a proposal renewed on another day to the earlier one.

The clause helpers at the top (actors of a subject or agent phrase, coordination, pronouns, first
persons in quotes, days of a clause, tense) are shared with `meetings` and `demands`; lexicon phrase
matching is in `phrases`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from spacy.tokens import Doc, Span, Token

from kg.extract.base import Context, EntryDoc, extractor, finalizer
from kg.extract.lexicons import read_table, read_words
from kg.extract.phrases import ARTICLES, Phrase, find_phrases, split_words
from kg.extract.numbers import quantity_before
from kg.extract.sources import (NEGATING_DETS, NEGATORS, PRONOUNS, actor_spans, certainty_of, clitic_subject,
                                pronoun_antecedent, quoted_tokens, sentence_source, speaker_of_phrase, speech_verb)
from kg.extract.tense import future_tense
from kg.extract.views import doc_sents, doc_text, doc_tokens, kept, sent_of, tokens_of
from kg.extract.when import DayMention, days_in
from kg.facts import Fact, Mention, Reaction, Span as CharSpan, TruceProposal
from kg.ingest.dates import fold

SCOPES = ("air", "sea", "ground", "energy", "infrastructure")   # "full" is the absence of a limit
CLAUSE_DEPS = {"acl:relcl", "advcl", "ccomp", "parataxis", "csubj", "advcl:cleft"}
SUBJECT_DEPS = ("nsubj", "nsubj:pass")
FIRST_PERSON = {"je", "j'", "nous", "moi", "-je", "-nous"}
RELATIVE = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
DEMONSTRATIVES = {"ce", "cet", "cette", "ces"}
# heads under which an infinitive still commits its subject ("prêt à accepter", "continuerons d'insister")
COMMITTING_HEADS = {"prêt", "disposé", "continuer", "vouloir", "souhaiter", "décider", "accepter", "promettre",
                    "commencer", "engager", "dire", "affirmer", "annoncer", "réitérer", "venir"}
TRIGGER_WALK = {"obj", "obl", "obl:arg", "obl:mod", "nmod", "xcomp", "acl", "iobj"}
LIGHT_VERBS = {"faire", "lancer", "présenter", "formuler", "soumettre", "transmettre", "mettre", "avancer"}
MAX_CONDITION_TOKENS = 45
# subjects that name the sides without naming them ("les deux pays sont convenus ..., a indiqué le Qatar")
GENERIC_PARTIES = {"partie", "camp", "belligerant", "pays", "protagoniste", "adversaire", "cote", "delegation"}
TERM_WINDOW = 10    # words after a truce term that can still say its scope ("... contre les installations énergétiques")


# ================================================================== lexicons
@dataclass(frozen=True)
class TruceTerm:
    scope: tuple[str, ...]
    agreement_only: bool


@dataclass(frozen=True)
class Trigger:
    word: str
    pos: str
    move: str       # propose agree accept reject welcome condition renew in_force violate
    status: str
    with_words: tuple[str, ...] = ()    # words that must hang from the verb ("mettre d'accord")


@lru_cache(maxsize=1)
def truce_terms() -> list[Phrase]:
    rows = read_table("lexicons/truce_terms.tsv")
    return [Phrase.of(r["term"], TruceTerm(tuple(w for w in r["scope"].split() if w != "-"),
                                           r["agreement_only"] == "yes")) for r in rows]


@lru_cache(maxsize=1)
def scope_cues() -> list[Phrase]:
    return [Phrase.of(r["cue"], r["scope"]) for r in read_table("lexicons/truce_scopes.tsv")]


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """(folded word, POS) -> triggers, the ones that need more words first."""
    table: dict[tuple[str, str], list[Trigger]] = {}
    for r in read_table("lexicons/proposal_verbs.tsv"):
        first, *rest = [fold(w) for w in split_words(r["word"])]
        extra = tuple(w for w in rest if w not in ARTICLES)
        table.setdefault((first, r["pos"]), []).append(Trigger(r["word"], r["pos"], r["move"], r["status"], extra))
    for found in table.values():
        found.sort(key=lambda t: -len(t.with_words))
    return table


@lru_cache(maxsize=1)
def truce_cues() -> dict[str, list[Phrase]]:
    cues: dict[str, list[Phrase]] = {}
    for r in read_table("lexicons/truce_cues.tsv"):
        cues.setdefault(r["kind"], []).append(Phrase.of(r["cue"], r["kind"]))
    return cues


@lru_cache(maxsize=1)
def content_verbs() -> frozenset[str]:
    return frozenset(p.words[0] for p in truce_cues().get("content", []))


@lru_cache(maxsize=1)
def demonym_prefixes() -> dict[str, str]:
    return {fold(r["prefix"]): r["adjective"] for r in read_table("lexicons/demonym_prefixes.tsv")}


def has_cue(tokens: Sequence[Token], kind: str) -> bool:
    return bool(find_phrases(tokens, truce_cues().get(kind, [])))


def root_of(tokens: Sequence[Token]) -> Token:
    """The word of a contiguous run whose head lies outside it."""
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head is token:
            return token
    return tokens[0]


# ================================================================== phrases and the actors they name
def phrase_tokens(head: Token, skip: frozenset | set = frozenset()) -> list[Token]:
    """The words of the phrase headed by `head`, without the clauses hanging from it (and without
    the dependents named in `skip`, at the top level only)."""
    out = [head]
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS or child.dep_ in skip:
            continue
        out.extend(phrase_tokens(child))
    return sorted(out, key=lambda t: t.i)


SEQUENCE_WORDS = {"puis", "ensuite", "mais", "avant", "après"}


def conjuncts(head: Token) -> list[Token]:
    """"la Russie et les États-Unis": the head and the phrases coordinated with it (not what follows
    "puis" or "mais": "une réunion avec Zelensky, puis un appel avec Trump" are two things)."""
    out = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "X") and not any(
                c.dep_ == "cc" and c.lower_ in SEQUENCE_WORDS for c in child.children):
            out.extend(conjuncts(child))
    return out


def span_kind(span: Span, ctx: Context) -> str:
    entry = ctx.gazetteer.actors.get(span.label_)
    if entry is not None:
        return entry.kind
    return "Person" if span.label_ == "PER" else "Organization"


def actors_in_tokens(ids: set[int], item: EntryDoc, ctx: Context, people_first: bool = True) -> list[str]:
    """The actors named inside a set of words: the persons when one is named (the title or body
    they hold is not a second actor: "le secrétaire d'État des États-Unis, Marco Rubio"), else all."""
    doc = item.doc
    quoted = quoted_tokens(doc)
    inside_quote = bool(ids & quoted)
    spans = [s for s in actor_spans(doc) if all(i in ids for i in range(s.start, s.end))
             and (inside_quote or s.start not in quoted) and not ctx.actors.used_as_place(s)]
    people = [s for s in spans if span_kind(s, ctx) == "Person"]
    chosen = people if people and people_first else spans
    keys = []
    for span in chosen:
        key = ctx.actors.resolve_span(span, item.entry_id)
        if key and key not in keys:
            keys.append(key)
    keys += [k for k in compound_demonym_actors([doc[i] for i in sorted(ids)], ctx) if k not in keys]
    return keys


def compound_demonym_actors(tokens: Sequence[Token], ctx: Context) -> list[str]:
    """"pourparlers russo-américains" -> Russia and the USA (both halves of the compound adjective)."""
    keys = []
    prefixes = demonym_prefixes()
    for k, token in enumerate(tokens):
        parts = fold(token.lower_).split("-")
        if len(parts) == 2 and parts[0] in prefixes:          # one token: "russo-américains"
            halves = [prefixes[parts[0]], parts[1]]
        elif parts[0] in prefixes and len(parts) == 1 and k + 2 < len(tokens) and tokens[k + 1].text in ("-", "‑"):
            halves = [prefixes[parts[0]], tokens[k + 2].lower_]   # three tokens: "russo" "-" "américaines"
        elif parts[0] in prefixes and len(parts) == 1 and k + 1 < len(tokens) and tokens[k + 1].text.startswith("-"):
            halves = [prefixes[parts[0]], tokens[k + 1].lower_.lstrip("-")]
        else:
            continue
        for adjective in halves:
            key = ctx.gazetteer.adjectives.get(adjective.lower()) or ctx.gazetteer.adjectives.get(fold(adjective))
            if key and key in ctx.gazetteer.actors and key not in keys:
                ctx.actors.actor(key)
                keys.append(key)
    return keys


def actors_of_phrase(head: Token, item: EntryDoc, ctx: Context, people_first: bool = True) -> list[str]:
    """Every actor a (possibly coordinated) noun phrase names, pronouns resolved."""
    if is_pronoun(head):
        key = pronoun_actor(head, item, ctx)
        return [key] if key else []
    keys: list[str] = []
    parts = conjuncts(head)
    if len(parts) > 1 and is_apposition(parts[0], parts[1]):
        parts = parts[1:]   # "le secrétaire d'État des États-Unis, Marco Rubio" is Rubio, not also the USA
    for conjunct in parts:
        if is_pronoun(conjunct):
            key = pronoun_actor(conjunct, item, ctx)
            found = [key] if key else []
        else:
            found = _apposed_person(conjunct, item, ctx)
            ids = {t.i for t in phrase_tokens(conjunct, {"conj", "cc"})}
            # "une délégation du Hamas conduite par Khalil al-Hayya": the body and the one who leads it
            led = conjunct.lemma_.lower() in group_nouns() or conjunct.lower_ in group_nouns()
            found = found or actors_in_tokens(ids, item, ctx, people_first and not led)
            if not found and conjunct.pos_ == "NOUN":
                found = nationality_actors(conjunct, ctx)   # "les médiateurs égyptiens et qataris"
            if not found and conjunct.pos_ in ("NOUN", "PROPN"):
                title = speaker_of_phrase(conjunct, item, ctx)   # "le haut responsable": the one named before
                found = [title] if title else []
        keys += [k for k in found if k not in keys]
    return keys


@lru_cache(maxsize=1)
def group_nouns() -> frozenset[str]:
    """"délégation", "négociateurs", "forces": nouns for a body of people (lexicons/group_nouns.txt)."""
    return frozenset(read_words("lexicons/group_nouns.txt"))


def _apposed_person(title: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """"l'envoyé spécial de l'ONU pour le Yémen, Hans Grundberg": a title noun with a person's name in
    apposition is that person (the bodies and lands of the title are not actors of the phrase)."""
    if title.pos_ != "NOUN":
        return []
    ids: set[int] = set()
    # the parser may hang several names on one title ("le président X, le chancelier Y"), or the name on
    # the title's last word ("l'envoyé spécial de l'ONU pour la Syrie, Geir Pedersen")
    for name in phrase_tokens(title, {"conj", "cc"}):
        if name.dep_ == "appos" and name.pos_ == "PROPN":
            ids |= {t.i for t in phrase_tokens(name)}
    if not any(span_kind(s, ctx) == "Person" for s in actor_spans(item.doc) if all(i in ids for i in range(s.start, s.end))):
        return []
    return actors_in_tokens(ids, item, ctx)


def is_pronoun(token: Token) -> bool:
    """A pronoun by its word ("il", "nous", "qui", "Lequel"), not by the tagger ("Kiev" tagged PRON)."""
    low = token.lower_.replace("’", "'")
    return low in PRONOUNS or low in FIRST_PERSON or low in RELATIVE or (
        token.pos_ == "PRON" and not token.text[:1].isupper() and not any(
            s.start <= token.i < s.end for s in actor_spans(token.doc)))


def is_apposition(title: Token, name: Token) -> bool:
    """A title then ", Name" that the parser read as a coordination: no "et" before the name."""
    return (title.pos_ == "NOUN" and name.pos_ == "PROPN" and name.dep_ == "conj"
            and not any(c.dep_ == "cc" for c in name.children)
            and name.i > 0 and name.doc[name.i - 1].text == ","
            and not any(c.dep_ == "conj" for c in name.children))


def nationality_actors(noun: Token, ctx: Context) -> list[str]:
    """The states named by nationality adjectives on a noun of people ("les médiateurs égyptiens et
    qataris", "son homologue saoudien")."""
    keys = []
    adjectives = [c for c in noun.children if c.dep_ == "amod"]
    # "les ministres des Affaires étrangères français, allemand et britannique": on the complement
    adjectives += [a for c in noun.children if c.dep_ == "nmod" for a in c.children if a.dep_ == "amod"]
    adjectives += [g for a in adjectives for g in a.children if g.dep_ == "conj"]
    adjectives += [c for c in noun.children if c.dep_ == "conj" and c.lower_ in ctx.gazetteer.adjectives]
    for adjective in adjectives:
        key = ctx.gazetteer.adjectives.get(adjective.lower_)
        if key and key in ctx.gazetteer.actors and key not in keys:
            ctx.actors.actor(key)
            keys.append(key)
    return keys


def pronoun_actor(token: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """"nous" in a quote is its speaker; "qui" its antecedent; "il", "Lequel" the last subject named."""
    low = token.lower_.replace("’", "'")
    if low in FIRST_PERSON:
        return quote_speaker(token, item, ctx)
    if low in RELATIVE and token.head.dep_ == "acl:relcl" and token.head.head is not token.head:
        found = actors_of_phrase(token.head.head, item, ctx)
        return found[0] if found else None
    if low in PRONOUNS:
        return pronoun_antecedent(token, item, ctx)
    return None


def quote_speaker(token: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """Who speaks the quote a first-person word stands in (as the statements extractor reads it)."""
    doc = item.doc
    if "kg_quote_speakers" not in doc.user_data:
        doc.user_data["kg_quote_speakers"] = []
        try:
            from kg.extract.statements import extract_statements
        except ImportError:  # no statements extractor: first persons stay unresolved
            extract_statements = None
        if extract_statements is not None:
            doc.user_data["kg_quote_speakers"] = [
                (s.quote_span.start, s.quote_span.end, s.speaker)
                for s in extract_statements(item, ctx) if s.quote_span is not None and s.speaker]
    for start, end, speaker in doc.user_data["kg_quote_speakers"]:
        if start <= token.idx < end:
            return speaker
    return None


def subject_of(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not found:
        clitic = clitic_subject(verb)
        if clitic is None:
            clitic = next((c for c in verb.children if c.dep_ == "expl:subj" and c.text.startswith("-")), None)
        if clitic is not None:
            found = [clitic]
    if not found:   # "Bangkok s'est dit favorable": a name first in its clause the parser left unlabelled
        found = [c for c in verb.children if c.dep_ == "dep" and c.i < verb.i and c.pos_ == "PROPN"
                 and c.i == c.left_edge.i and (c.i == 0 or c.doc[c.i - 1].is_sent_start or c.doc[c.i - 1].text == ",")][:1]
    return found


def _adverbial_noun(noun: Token) -> bool:
    """"pour sa part", "de son côté": a noun that only qualifies the clause it sits in."""
    dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
    cases = {c.lower_ for c in noun.children if c.dep_ == "case"}
    return bool(dets & POSSESSIVES) and bool(cases)


def clause_subject(verb: Token, stop: set[int] = frozenset()) -> list[Token]:
    """The subject words of a verb, climbing from an infinitive, participle or coordinated verb to
    the verb that holds the subject ("se sont dit prêts à accepter", "Réunis à Tirana, X et Y ont")."""
    current = verb
    for _ in range(4):
        found = subject_of(current) or _subject_after_que(current)
        if found:
            return found
        head = current.head
        if head is current or head.i in stop:
            return []
        if current.dep_ in ("xcomp", "conj", "advcl"):
            current = head
        elif current.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and not _adverbial_noun(head):
            return [head]   # "les dirigeants réunis": the noun is the participle's subject
        elif current.dep_ in ("acl", "obl", "obl:mod") and head.pos_ in ("NOUN", "PROPN") and _adverbial_noun(head):
            current = head
        elif current.dep_ in ("obl", "obl:mod") and current.pos_ in ("NOUN", "PROPN") and _adverbial_noun(current):
            current = head
        else:
            return []
    return []


def _subject_after_que(verb: Token) -> list[Token]:
    """"a annoncé qu'Israël et l'Iran avaient accepté": the parser hangs the names elsewhere, but the
    words between "que" and a finite verb are its subject."""
    if verb.pos_ not in ("VERB", "AUX") or not ("Fin" in verb.morph.get("VerbForm")
                                                or any(c.dep_.startswith("aux") for c in verb.children)):
        return []
    doc, i = verb.doc, verb.i - 1
    while i > sent_of(verb).start and (doc[i].pos_ in ("AUX", "ADV") or doc[i].dep_.startswith("aux")):
        i -= 1
    words = []
    while i >= sent_of(verb).start and doc[i].lower_ not in ("que", "qu'", "qu’"):
        if doc[i].pos_ in ("VERB", "AUX") or doc[i].is_punct and doc[i].text != "-":
            return []
        words.append(doc[i])
        i -= 1
    if i < sent_of(verb).start or not words:
        return []
    nouns = [t for t in reversed(words) if t.pos_ in ("NOUN", "PROPN")]
    return nouns[:1]


def subject_actors(verb: Token, item: EntryDoc, ctx: Context, stop: set[int] = frozenset()) -> list[str]:
    keys: list[str] = []
    for subject in clause_subject(verb, stop):
        keys += [k for k in actors_of_phrase(subject, item, ctx) if k not in keys]
        keys += [k for k in enumerated_before(subject, item, ctx) if k not in keys]
    return keys


def enumerated_before(subject: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """"à Tirana, Volodymyr Zelensky, le président français Emmanuel Macron ... ont eu": names listed
    with commas before the parsed subject, which the parser often hangs elsewhere."""
    doc = item.doc
    start = subject.left_edge.i
    spans = actor_spans(doc)
    keys = []
    while start >= 2 and doc[start - 1].lower_ in (",", "et"):
        before = next((s for s in spans if s.end == start - 1), None)
        if before is None or any(c.dep_ == "case" for c in before.root.children):
            break
        if before.start > 0 and doc[before.start - 1].text not in (",",) and not doc[before.start - 1].is_sent_start \
                and doc[before.start - 1].pos_ not in ("DET",):
            if doc[before.start - 1].is_punct is False:
                break
        key = ctx.actors.resolve_span(before, item.entry_id)
        if key:
            keys.append(key)
        start = before.start - (1 if before.start > 0 and doc[before.start - 1].pos_ == "DET" else 0)
    return keys


def agent_actors(verb: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """"proposée par Kiev", "sera reçu par Emmanuel Macron"."""
    keys: list[str] = []
    for child in verb.children:
        if child.dep_ == "obl:agent" or (child.dep_ in ("obl", "obl:mod", "obl:arg", "nmod")
                                         and any(c.lower_ == "par" and c.dep_ == "case" for c in child.children)):
            keys += [k for k in actors_of_phrase(child, item, ctx) if k not in keys]
    return keys


def with_actors(anchor: Token, item: EntryDoc, ctx: Context, scan_after: bool = False,
                people_first: bool = True) -> list[str]:
    """"avec Vladimir Poutine", "entre l'Ukraine et les États-Unis": the other parties."""
    keys: list[str] = []
    for child in anchor.children:
        cases = {c.lower_ for c in child.children if c.dep_ == "case"}
        if child.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and cases & {"avec", "entre", "auprès"}:
            keys += [k for k in actors_of_phrase(child, item, ctx, people_first) if k not in keys]
    if scan_after:  # "convenue par Trump avec Poutine d'un côté, avec Zelensky de l'autre": PPs the parser hung elsewhere
        doc = item.doc
        for token in doc[anchor.i + 1: sent_of(anchor).end]:
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("acl", "amod"):
                break
            if token.lower_ == "avec":
                nxt = next((s for s in actor_spans(doc) if s.start in (token.i + 1, token.i + 2, token.i + 3)), None)
                if nxt is not None:
                    key = ctx.actors.resolve_span(nxt, item.entry_id)
                    if key and key not in keys:
                        keys.append(key)
    return keys


def clause_tokens(anchor: Token) -> list[Token]:
    """The words of the clause a verb or noun heads, without its subordinate and coordinated clauses
    and without what hangs from coordination words ("puis, lundi, ...")."""
    skip = {"cc", "conj"} if anchor.pos_ in ("VERB", "AUX") else {"cc"}
    tokens = [anchor]
    for child in anchor.children:
        if child.dep_ in CLAUSE_DEPS or child.dep_ in skip:
            continue
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            continue
        tokens.extend(phrase_tokens(child, {"cc"}))
    return sorted(tokens, key=lambda t: t.i)


def token_at_char(doc: Doc, char: int) -> Optional[Token]:
    for token in doc_tokens(doc):
        if token.idx <= char < token.idx + len(token.text):
            return token
    return None


def days_of(tokens: Sequence[Token], item: EntryDoc, future: Optional[bool]) -> list[DayMention]:
    """The day expressions among some words of a sentence, resolved against the entry's date."""
    if not tokens:
        return []
    ids = {t.i for t in tokens}
    sent = sent_of(tokens[0])
    found = []
    for day in days_in(sent.text, item.entry.published, future):
        token = token_at_char(item.doc, sent.start_char + day.offset)
        if token is not None and token.i in ids:
            found.append(day)
    return found


def elapsed_day_before(token: Token, item: EntryDoc) -> Optional[DayMention]:
    """"Cela fait 44 jours que l'Ukraine a accepté ...": the day counted back at the head of the sentence."""
    sent = sent_of(token)
    for day in days_in(sent.text[:token.idx - sent.start_char], item.entry.published):
        if fold(day.text).startswith(("il y a", "cela fait", "ca fait", "voici", "voila")):
            return day
    return None


def is_question(token: Token) -> bool:
    return sent_of(token).text.rstrip(" »\"”").endswith("?")


def in_if_clause(token: Token) -> bool:
    """"si les Russes refusent ...", "que si la Russie accepte": a condition, not a fact."""
    current = token
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in ("si", "s'", "s’") for c in current.children):
            return True
        if current.head is current or current.dep_ in ("ROOT",):
            return False
        if current.dep_ not in ("xcomp", "conj", "acl", "obl", "obj", "nmod", "obl:arg", "obl:mod", "advcl", "ccomp"):
            return False
        current = current.head
    return False


def negated_here(token: Token) -> bool:
    """"n'a pas proposé", "ne veut pas accepter", "aucune rencontre": negation on the word itself
    or on the verb it completes — not across "alors que" or "que" clauses."""
    for current in (token, token.head if token.dep_ == "xcomp" else None):
        if current is None:
            continue
        for child in current.children:
            if child.dep_ in ("advmod", "advmod:neg") and (child.lower_ in NEGATORS or "Neg" in child.morph.get("Polarity")):
                return True
            if child.dep_ == "det" and child.lower_ in NEGATING_DETS:
                return True
    return False


CONDITIONAL_ENDINGS = ("rait", "raient", "rais", "rions", "riez")


def is_conditional(token: Token) -> bool:
    """"accepterait", "pourraient": the tagger often calls them indicative, the ending does not lie."""
    if any(m in ("Cnd", "Cond") for m in token.morph.get("Mood")):
        return True
    return token.pos_ in ("VERB", "AUX") and fold(token.lower_).endswith(CONDITIONAL_ENDINGS)


VERB_ENDINGS = ("eraient", "erait", "eront", "erons", "erez", "era", "aient", "ait", "ent", "ons", "ez", "ées",
                "és", "ée", "é", "es", "e")


def verb_lemmas(token: Token) -> set[str]:
    """The lemma, and the -er infinitive the surface points to when the lemmatizer failed
    ("réclame" lemmatised as the noun "réclame" is the verb "réclamer")."""
    found = {fold(token.lemma_.lower()), fold(token.lower_)}
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        surface = fold(token.lower_)
        for ending in VERB_ENDINGS:
            if surface.endswith(ending) and len(surface) > len(ending) + 2:
                found.add(surface[: -len(ending)] + "er")
                break
    return found


def is_future(token: Token) -> bool:
    """Whether a verb speaks of what will happen ("recevra", "doivent se rencontrer", "prévu")."""
    chain = [token] + [c for c in token.children if c.dep_.startswith("aux")]
    if token.dep_ in ("xcomp", "acl") and token.head is not token:
        chain.append(token.head)
    for t in chain:
        if future_tense(t) or t.lemma_ in ("devoir", "aller", "prévoir", "programmer"):
            return True
    return _after_modal(token)


def _after_modal(token: Token) -> bool:
    """"doit rencontrer", "vont se retrouver" whatever tree the parser built: the infinitive follows
    a present or future of "devoir" or "aller" ("devait rencontrer" may be past), adverbs and
    clitics between."""
    if "Inf" not in token.morph.get("VerbForm"):
        return False
    i = token.i - 1
    while i >= 0 and (token.doc[i].pos_ == "ADV" or token.doc[i].lower_ in ("se", "s'", "s’", "y", "en", "lui", "leur")):
        i -= 1
    return i >= 0 and token.doc[i].lower_ in ("doit", "doivent", "devra", "devront", "va", "vont")


# ================================================================== truce mentions
@dataclass
class TruceMention:
    tokens: list[Token]
    head: Token
    term: TruceTerm
    scope: list[str] = field(default_factory=list)
    partial: bool = False
    duration_days: Optional[int] = None

    @property
    def ids(self) -> set[int]:
        return {t.i for t in self.tokens}

    @property
    def text(self) -> str:
        doc = self.head.doc
        return doc[self.tokens[0].i:self.tokens[-1].i + 1].text


def _truce_terms_in(doc: Doc) -> list[tuple[int, int, Phrase]]:
    """The truce terms of a doc, found once (the truce and demand extractors both read them)."""
    return kept(doc, "kg_truce_terms", lambda: find_phrases(doc_tokens(doc), truce_terms()))


def truce_mentions(doc: Doc) -> list[TruceMention]:
    """The truces a doc speaks of (read once: the demand extractor asks too; nothing changes them)."""
    return kept(doc, "kg_truce_mentions", lambda: _read_truce_mentions(doc))


def _read_truce_mentions(doc: Doc) -> list[TruceMention]:
    tokens = doc_tokens(doc)
    mentions = []
    for start, end, phrase in _truce_terms_in(doc):
        words = tokens[start:end]
        mention = TruceMention(words, root_of(words), phrase.value)
        read_scope(mention)
        mentions.append(mention)
    # a term inside another's phrase ("initiative de la mer Noire garantissant la sécurité de la navigation") is the same truce
    return [m for m in mentions if not any(o is not m and m.head in o.head.subtree and o.head.i not in m.ids
                                           and o.head.i < m.head.i for o in mentions)]


def scope_window(mention: TruceMention) -> list[Token]:
    """The truce's own phrase: its subtree without clauses, within a few words of the term."""
    last = mention.tokens[-1].i + TERM_WINDOW
    first = mention.tokens[0].i - 3
    return [t for t in phrase_tokens(mention.head) if first <= t.i <= last]


def read_scope(mention: TruceMention) -> None:
    words = scope_window(mention)
    found = set(mention.term.scope)
    full = False
    cues = find_phrases(words, scope_cues())
    if not cues:   # "a proposé un cessez-le-feu dans les airs": the parser hung the domain on the verb
        cues = find_phrases(words_after(mention, 4), scope_cues())
    for _, _, cue in cues:
        if cue.value == "partial":
            mention.partial = True
        elif cue.value == "full":
            full = True
        else:
            found.add(cue.value)
    if found:
        mention.scope = [s for s in SCOPES if s in found]
    elif full or not mention.partial:
        mention.scope = ["full"]   # a ceasefire with no domain named covers everything
    mention.duration_days = duration_of(words) or duration_of(words_after(mention, 6))


def words_after(mention: TruceMention, count: int) -> list[Token]:
    """The words right after the term, up to a verb or a punctuation mark ("d'au moins trente jours")."""
    doc = mention.head.doc
    words = []
    for token in doc[mention.tokens[-1].i + 1: min(mention.tokens[-1].i + 1 + count, len(doc))]:
        if token.pos_ in ("VERB", "AUX") or (token.is_punct and token.text != "-"):
            break
        words.append(token)
    return words


DURATION_UNITS = {"jour": 1, "jours": 1, "semaine": 7, "semaines": 7, "mois": 30}
DURATION_WORDS = set(DURATION_UNITS) | {"heure", "heures"}   # "trêve de trente heures" names its length too


def duration_of(words: Sequence[Token]) -> Optional[int]:
    """"de trente jours" -> 30, "d'un mois" -> 30."""
    for token in words:
        unit = DURATION_UNITS.get(fold(token.lower_))
        if unit is None or token.i == 0 or token.doc[token.i - 1].lower_ in ("prochains", "derniers"):
            continue
        quantity = quantity_before(token)
        if quantity is not None and quantity.value:
            return quantity.value * unit
    return None


# ================================================================== moves on a truce
@dataclass
class Move:
    token: Token
    trigger: Trigger
    actors: list[str]
    status: str
    certainty: str = "certain"


def trigger_of(token: Token) -> Optional[Trigger]:
    pos = {"VERB": "VERB", "AUX": "VERB", "ADJ": "ADJ", "NOUN": "NOUN", "PROPN": "NOUN"}.get(token.pos_)
    if pos is None:
        return None
    words = verb_lemmas(token) if pos in ("VERB", "ADJ") else {fold(token.lemma_.lower()), fold(token.lower_)}
    found = _trigger_among(token, words, pos)
    if found is None and pos == "ADJ":   # participles the tagger reads as adjectives ("convenue")
        found = _trigger_among(token, words, "VERB")
    return found


def _trigger_among(token: Token, words: set[str], pos: str) -> Optional[Trigger]:
    table = triggers()
    near = {fold(t.lower_) for c in token.children for t in c.subtree if abs(t.i - token.i) <= 4}
    for word in sorted(words):
        for trigger in table.get((word, pos), []):
            if all(w in near for w in trigger.with_words):
                return trigger
    return None


def candidate_triggers(head: Token, stop: set[int]) -> list[Token]:
    """Words that may make a move on the truce headed by `head`: participles and adjectives on it
    ("proposée par Kiev", "jugée prometteuse"), the words it depends on ("a proposé une trêve",
    "favorable à une reprise de l'initiative"), and a participle just after its phrase
    ("l'interdiction des frappes ..., convenue par Donald Trump")."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in ("acl", "amod") and child.i not in stop:
            found.append(child)
            found += [g for g in child.children if g.dep_ in ("xcomp", "amod") and g.pos_ == "ADJ"]
    current, steps = head, 0
    while steps < 6 and current.head is not current:
        if current.dep_ == "conj" and current.head.pos_ in ("NOUN", "PROPN"):
            current = current.head   # "un cessez-le-feu immédiat, un échange ...": shares the verb of the first
            continue
        held = current.dep_ == "acl:relcl" and fold(current.lemma_.lower()) in content_verbs()   # "une déclaration qui prévoit"
        if current.dep_ not in TRIGGER_WALK and not (steps == 0 and current.dep_ in SUBJECT_DEPS) and not held:
            break
        came_as = current.dep_
        current, steps = current.head, steps + 1
        if current.dep_ in ("acl", "amod") and current.pos_ in ("VERB", "ADJ") and came_as not in ("obj", "obl:arg"):
            break   # "les changements demandés par X à la proposition": the participle's object is its own noun
        found.append(current)
        if fold(current.lemma_.lower()) in content_verbs() and current.dep_ != "acl:relcl":
            # "le plan de paix américain prévoit un cessez-le-feu", "le texte signé par X et Y prévoit ...":
            # the text that provides for it, and the participle on it, move
            texts = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
            found += texts + [a for t in texts for a in t.children if a.dep_ == "acl" and a.pos_ in ("VERB", "ADJ")]
    found += following_participles(head)
    return found


def following_participles(head: Token) -> list[Token]:
    doc = head.doc
    phrase_end = max(t.i for t in phrase_tokens(head))
    for token in doc[phrase_end + 1: min(phrase_end + 4, sent_of(head).end)]:
        if token.pos_ in ("VERB", "ADJ") and "Part" in token.morph.get("VerbForm") and trigger_of(token):
            return [token]
        if token.pos_ in ("VERB", "AUX"):
            break
    return []


def move_actors(token: Token, trigger: Trigger, mention_ids: set[int], item: EntryDoc, ctx: Context) -> list[str]:
    if trigger.pos == "NOUN":
        return noun_move_actors(token, item, ctx)
    if trigger.pos == "ADJ":
        # "s'est dit favorable à": the parser at times takes the attribute for an adverb of the verb
        attribute = token.dep_ in ("xcomp", "amod", "acl") or (token.dep_ == "advmod" and token.head.pos_ in ("VERB", "AUX"))
        holder = token.head if attribute and token.head is not token else token
        agents = agent_actors(holder, item, ctx)
        if agents:
            return agents
        if holder.pos_ in ("VERB", "AUX"):
            return subject_actors(holder, item, ctx, mention_ids)
        return [k for c in token.children if c.dep_ in SUBJECT_DEPS for k in actors_of_phrase(c, item, ctx)]
    agents = agent_actors(token, item, ctx)
    if agents:
        if trigger.move == "agree":
            agents += [k for k in with_actors(token, item, ctx, scan_after=True) if k not in agents]
        return agents
    if token.dep_ == "acl" and token.head.i in mention_ids:
        return []   # "la trêve proposée" with no agent: the proposer is not said
    keys = subject_actors(token, item, ctx, mention_ids)
    if trigger.move == "agree":
        keys += [k for k in with_actors(token, item, ctx) if k not in keys]
    return keys


def noun_move_actors(noun: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """"une proposition des États-Unis", "la proposition présentée par le Qatar", "son offre",
    "Kiev a fait une proposition"."""
    for child in noun.children:
        made_by = trigger_of(child) if child.dep_ == "acl" else None
        if made_by is not None and made_by.move == "propose":   # "présentée par", not "jugée prometteuse par"
            keys = agent_actors(child, item, ctx)
            if keys:
                return keys
    for child in noun.children:
        if child.dep_ == "nmod" and any(c.lower_ in ("de", "des", "du", "d'") for c in child.children if c.dep_ == "case"):
            keys = actors_of_phrase(child, item, ctx)
            if keys:
                return keys
    keys = nationality_actors(noun, ctx)   # "la proposition ukrainienne d'un cessez-le-feu", "le plan de paix américain"
    if keys:
        return keys
    if any(c.dep_ == "det" and c.lower_ in POSSESSIVES for c in noun.children):
        verb = noun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        keys = subject_actors(verb, item, ctx)
        if keys:
            return keys
        key = pronoun_antecedent(noun, item, ctx)
        return [key] if key else []
    if noun.dep_ in ("obj",) and noun.head.lemma_ in LIGHT_VERBS:
        return subject_actors(noun.head, item, ctx)
    return []


def is_hypothetical(token: Token, trigger: Trigger) -> bool:
    """A move that is only hoped for, asked of someone else, or supposed."""
    if is_question(token) or in_if_clause(token):
        return True
    if trigger.pos == "VERB" and is_conditional(token):
        return True
    if trigger.pos == "VERB" and "Inf" in token.morph.get("VerbForm"):
        head = token.head
        committed = head.lemma_ in COMMITTING_HEADS or (head.pos_ == "ADJ" and head.lemma_ in COMMITTING_HEADS)
        return not committed or is_conditional(head) or in_if_clause(head)
    if trigger.pos == "VERB" and any(c.dep_.startswith("aux") and c.lemma_ == "pouvoir" for c in token.children):
        return True
    return False


def mention_is_hypothetical(mention: TruceMention) -> bool:
    """"un éventuel cessez-le-feu", "aucune trêve", "pas de cessez-le-feu"."""
    head = mention.head
    modifiers = [c for c in head.children if c.dep_ in ("amod", "det", "advmod", "nmod")]
    if has_cue(modifiers, "hypothetical"):
        return True
    return any(c.lower_ in ("aucun", "aucune", "pas", "nul", "nulle", "sans") for c in head.children
               if c.dep_ in ("det", "advmod", "case"))


CEASING = Trigger("cesser", "VERB", "in_force", "in_force")


def moves_on(mention: TruceMention, item: EntryDoc, ctx: Context, pointing_noun: bool = False) -> list[Move]:
    """The moves actors make on a truce. With `pointing_noun`, the mention is a noun that points
    back to a truce ("une proposition des États-Unis") and may itself say who moved."""
    moves = []
    seen: set[int] = set()
    head = mention.head
    if head.pos_ in ("VERB", "AUX") and not pointing_noun and not is_hypothetical(head, CEASING) \
            and not negated_here(head):   # "l'Inde et le Pakistan cessent le feu": the subject stops fighting
        actors = subject_actors(head, item, ctx, mention.ids)
        if actors:
            moves.append(Move(head, CEASING, actors, "in_force", certainty_of(sent_of(head))))
            seen.add(head.i)
    candidates = ([mention.head] if pointing_noun else []) + candidate_triggers(mention.head, mention.ids)
    for token in candidates:
        trigger = trigger_of(token)
        if trigger is None or token.i in seen or (token.i in mention.ids and not pointing_noun):
            continue
        seen.add(token.i)
        if is_hypothetical(token, trigger):
            continue
        status = trigger.status
        if negated_here(token):
            if trigger.move != "accept":
                continue
            status = "rejected"   # "n'a pas accepté"
        actors = move_actors(token, trigger, mention.ids, item, ctx)
        if not actors and trigger.pos != "NOUN":
            actors = fallback_actors(token, item, ctx)
        moves.append(Move(token, trigger, actors, status, certainty_of(sent_of(token))))
    return moves


def fallback_actors(token: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """"Toutes les parties sont convenues ...", a-t-il écrit: the speaker of the quote, or the
    source of the sentence, when the subject names no actor."""
    if token.i in quoted_tokens(item.doc):
        key = quote_speaker(token, item, ctx)
        return [key] if key else []
    subject = subject_of(token)
    if subject and fold(subject[0].lemma_.lower()) in GENERIC_PARTIES:
        source = sentence_source(sent_of(token), item, ctx)
        return [source.actor] if source else []
    return []


# ================================================================== building the proposals of an entry
@extractor("truces")
def extract_truces(item: EntryDoc, ctx: Context) -> Iterable[Fact]:
    proposals: list[TruceProposal] = []
    by_trigger: dict[int, TruceProposal] = {}
    for mention in truce_mentions(item.doc):
        if mention_is_hypothetical(mention):
            continue
        moves = [m for m in moves_on(mention, item, ctx) if m.actors or m.trigger.pos == "NOUN"]
        moves = [m for m in moves if m.actors or m.trigger.move not in ("propose", "agree")]
        if not moves or (mention.term.agreement_only and not any(m.trigger.move in ("agree", "propose") for m in moves)):
            continue
        if not any(m.actors for m in moves):
            continue
        restated = next((by_trigger[m.token.i] for m in moves if m.token.i in by_trigger), None)
        if restated is not None and same_truce_restated(restated, mention):
            add_report(restated, mention, item)
            continue
        proposal = new_proposal(mention, moves, item, ctx)
        proposals.append(proposal)
        for move in moves:
            by_trigger.setdefault(move.token.i, proposal)
    anaphoric_moves(item, ctx, proposals)
    attach_following_conditions(item, proposals)
    return [p for p in proposals if p.proposers or p.reactions]


def same_truce_restated(proposal: TruceProposal, mention: TruceMention) -> bool:
    """"une trêve dans les airs et en mer, soit un cessez-le-feu partiel": one truce said twice."""
    return mention.partial or mention.scope == ["full"] or set(mention.scope) <= set(proposal.scope)


def add_report(proposal: TruceProposal, mention: TruceMention, item: EntryDoc) -> None:
    span = CharSpan(mention.tokens[0].idx, mention.tokens[-1].idx + len(mention.tokens[-1].text))
    if not any(r.entry_id == item.entry_id and r.span == span for r in proposal.reports):
        proposal.reports.append(Mention(item.entry_id, span, label_of(mention)))


def new_proposal(mention: TruceMention, moves: list[Move], item: EntryDoc, ctx: Context) -> TruceProposal:
    span = CharSpan(mention.tokens[0].idx, mention.tokens[-1].idx + len(mention.tokens[-1].text))
    renewed = is_renewal(mention, moves)
    proposal = TruceProposal(item.entry_id, span, certainty=min_certainty(m.certainty for m in moves),
                             key=f"{item.entry_id}-{span.start}", label=label_of(mention),
                             scope=list(mention.scope), proposed_on=proposal_day(mention, moves, item),
                             duration_days=mention.duration_days)
    proposal.reports.append(Mention(item.entry_id, span, proposal.label))
    conditions = conditions_in(sent_of(mention.head), mention)
    for move in moves:
        apply_move(proposal, move, item, renewed, bool(conditions))
    proposal.conditions += [c for c in conditions if c not in proposal.conditions]
    proposal.status = current_status(proposal)
    return proposal


def apply_move(proposal: TruceProposal, move: Move, item: EntryDoc, renewed: bool, conditioned: bool) -> None:
    """A proposer or party joins the proposers; everyone's move is recorded as a reaction/status change."""
    status = move.status
    if move.trigger.move in ("propose", "agree") and renewed:
        status = "renewed"
    if move.trigger.move in ("welcome", "accept") and conditioned:
        status = "conditioned"   # "favorable ..., mais à une condition"
    span = CharSpan(move.token.idx, move.token.idx + len(move.token.text))
    for actor in move.actors:
        if move.trigger.move in PARTY_MOVES and actor not in proposal.proposers:
            proposal.proposers.append(actor)
        reaction = Reaction(actor, status, item.entry_id, span, sent_of(move.token).text.strip()[:200])
        if not any(r.actor == actor and r.kind == status and r.entry_id == item.entry_id for r in proposal.reactions):
            proposal.reactions.append(reaction)


PARTY_MOVES = ("propose", "agree", "renew", "in_force")
PERIOD_WORDS = ("du", "au", "jusqu'", "jusqu’", "jusqu'au", "dès", "partir", "pour", "entre")   # who makes these is a proposer or a party


def is_renewal(mention: TruceMention, moves: list[Move]) -> bool:
    """"a à nouveau proposé", "une reprise de l'initiative", "réitère sa proposition"."""
    for move in moves:
        if move.trigger.move == "renew":
            return True
        near = [c for c in move.token.children if c.dep_ in ("advmod", "obl:mod", "obl")]
        near += [g for c in near for g in c.children]
        if has_cue(sorted(near, key=lambda t: t.i), "renewal"):
            return True
    above = mention.head.head
    return above is not mention.head and above.pos_ == "NOUN" and has_cue([above], "renewal")


def proposal_day(mention: TruceMention, moves: list[Move], item: EntryDoc) -> date:
    """The day the move is said to have happened ("dimanche", "il y a 44 jours"), else the entry's day."""
    for move in moves:
        if move.trigger.move not in ("propose", "agree", "accept", "renew"):
            continue
        # "a décrété une trêve du 8 au 10 mai": the days the truce runs are not the day it was decreed
        near = [move.token] + [c for c in move.token.children if c.dep_ in ("obl:mod", "obl", "nmod", "advmod")
                               and not any(g.lower_ in PERIOD_WORDS for g in c.children if g.dep_ in ("case", "mark"))]
        near_ids = {t.i for c in near for t in (c.subtree if c is not move.token else [c])}
        days = days_of([item.doc[i] for i in sorted(near_ids)], item, is_future(move.token))
        if days:
            return days[0].start
        elapsed = elapsed_day_before(move.token, item)
        if elapsed is not None:
            return elapsed.start
    return item.entry.published.date()


def label_of(mention: TruceMention) -> str:
    """The term with the words that say its scope and length: "trêve dans les airs et en mer",
    "interdiction des frappes contre les installations énergétiques", "cessez-le-feu de trente jours"."""
    window = scope_window(mention)
    end = mention.tokens[-1].i
    doc = mention.head.doc
    while end + 1 < len(doc):   # "trêve humanitaire", "trêve de Pâques"
        nxt = doc[end + 1]
        if nxt.pos_ == "ADJ" and nxt.head.i in mention.ids | {end}:
            end += 1
        elif nxt.lower_ in ("de", "d'") and end + 2 < len(doc) and doc[end + 2].text[:1].isupper() \
                and doc[end + 2].head.i in mention.ids and not any(s.start == end + 2 for s in actor_spans(doc)):
            end += 2
        else:
            break
    clause = next((t.i for t in window if t.i > end and t.pos_ in ("VERB", "AUX")), None)
    window = [t for t in window if clause is None or t.i < clause]   # "initiative ... garantissant ...": stop at the clause
    for start, stop, _ in find_phrases(window, scope_cues()):
        end = max(end, window[stop - 1].i)
    for token in window:
        if fold(token.lower_) in DURATION_WORDS and token.i > end and token.i - end <= 4:
            end = token.i
    words = doc[mention.tokens[0].i:end + 1]
    return " ".join(words_text(list(words)).replace('"', " ").replace("«", " ").replace("»", " ").split())


def min_certainty(values: Iterable[str]) -> str:
    order = {"certain": 0, "probable": 1, "possible": 2}
    return max(values, key=lambda v: order.get(v, 0), default="certain")


def current_status(proposal: TruceProposal) -> str:
    """The latest change wins, but a later plain report does not undo an acceptance."""
    status = "proposed"
    for reaction in proposal.reactions:
        if reaction.kind == "conditioned":
            continue
        if reaction.kind == "proposed" and status != "proposed":
            continue
        status = reaction.kind
    return status


# ------------------------------------------------------------------ conditions
def conditions_in(sent: Span, mention: Optional[TruceMention] = None) -> list[str]:
    """"à condition que les intérêts de Kiev soient pris en compte", "comme une condition préalable
    à d'éventuels pourparlers", "n'entreront en vigueur qu'après la levée des sanctions"."""
    tokens = tokens_of(sent)
    found = []
    for start, end, _ in find_phrases(tokens, truce_cues().get("condition", [])):
        if mention is not None and tokens[start].i < mention.tokens[0].i:
            continue
        words = tokens[start:]
        # up to ";" or a reporting clause set off after it (", a rapporté le site Axios")
        stop = next((k for k, t in enumerate(words) if k > 0 and (t.text in (";",) or _reporting_incise(words, k))),
                    len(words))
        words = words[:min(stop, MAX_CONDITION_TOKENS)]
        text = words_text(words).strip(" .,:")
        if len(words) <= end - start + 1:   # "mais à une condition :" — the condition follows
            nxt = sent.doc[sent.end:].sents if sent.end < len(sent.doc) else iter(())
            following = next(iter(nxt), None)
            if following is not None:
                text = f"{text} : {following.text.strip()}"
        # a condition quoted up to its middle ("« à condition que X retire ses troupes » de la zone")
        found.append(" ".join(text.replace("«", " ").replace("»", " ").split()))
        break
    if not found and mention is not None:
        found = if_clause_after(sent, mention)
    return found


def _reporting_incise(words: list[Token], k: int) -> bool:
    """", a rapporté X", ", selon X", ", affirme X" starting at words[k]."""
    if words[k].text != "," or k + 1 >= len(words):
        return False
    after = words[k + 1:k + 4]
    if after[0].lower_ in ("selon", "d'après", "d’après"):
        return True
    verb = next((t for t in after if t.pos_ != "AUX"), None)
    return verb is not None and speech_verb(verb) is not None and not any(c.dep_ in SUBJECT_DEPS and c.i < verb.i
                                                                          for c in verb.children)


def if_clause_after(sent: Span, mention: TruceMention) -> list[str]:
    """"a proposé un cessez-le-feu dans les airs si la Russie cesse ses frappes": an "if" clause after
    the truce, on the clause that puts it forward, is its condition."""
    for token in tokens_of(sent):
        if token.i <= mention.tokens[-1].i or token.lower_ not in ("si", "s'", "s’") or token.dep_ != "mark" \
                or sent.doc[token.i - 1].lower_ == "même":   # "même si": despite, not a condition
            continue
        clause = token.head
        if clause.dep_ not in ("advcl", "ccomp") or mention.head.i in {t.i for t in clause.subtree}:
            continue
        words = [t for t in sent.doc[token.i:clause.right_edge.i + 1]][:MAX_CONDITION_TOKENS]
        return [" ".join(words_text(words).strip(" .,:«»\"").split())]
    return []


def words_text(words: Sequence[Token]) -> str:
    """The text a run of words covers, as written (quotes and spacing kept)."""
    if not words:
        return ""
    doc = words[0].doc
    return doc_text(doc)[words[0].idx:words[-1].idx + len(words[-1].text)]


def attach_following_conditions(item: EntryDoc, proposals: list[TruceProposal]) -> None:
    """"Mais ces engagements n'entreront en vigueur qu'après ...": a condition in the sentence after
    a proposal, pointing back to it with a demonstrative."""
    if not proposals:
        return
    sents = doc_sents(item.doc)
    for k, sent in enumerate(sents):
        if k == 0 or truce_mentions_in(sent):
            continue
        previous = [p for p in proposals if sents[k - 1].start_char <= p.span.start < sents[k - 1].end_char]
        if not previous or not any(t.lower_ in DEMONSTRATIVES and t.dep_ == "det" for t in tokens_of(sent)):
            continue
        for condition in conditions_in(sent):
            if condition not in previous[-1].conditions:
                previous[-1].conditions.append(condition)


def truce_mentions_in(sent: Span) -> bool:
    return any(sent.start <= start and end <= sent.end for start, end, _ in _truce_terms_in(sent.doc))


# ------------------------------------------------------------------ "Une proposition jugée prometteuse par X"
def anaphoric_moves(item: EntryDoc, ctx: Context, proposals: list[TruceProposal]) -> None:
    """A proposal noun with no truce term ("Une proposition jugée prometteuse par Marco Rubio",
    "C'était une proposition des États-Unis") speaks of the truce of the sentence before; with a
    demonstrative ("Kiev a rejeté cette proposition") it may speak of one reported in an earlier
    entry, which the finalizer finds (a pointer proposal, key REF)."""
    sents = doc_sents(item.doc)
    nouns = {fold(p.words[0]) for p in truce_cues().get("proposal_noun", [])}
    for k, sent in enumerate(sents):
        if truce_mentions_in(sent):
            continue
        previous = [p for p in proposals if k > 0 and sents[k - 1].start_char <= p.span.start < sents[k - 1].end_char]
        for noun in tokens_of(sent):
            if noun.pos_ != "NOUN" or fold(noun.lemma_.lower()) not in nouns:
                continue
            det = fold(noun.doc[noun.i - 1].lower_) if noun.i > 0 else ""
            if det not in POINTING_DETS or (not previous and det not in DEMONSTRATIVES):
                continue
            pseudo = TruceMention([noun], noun, TruceTerm((), False), list(previous[-1].scope) if previous else [])
            moves = [m for m in moves_on(pseudo, item, ctx, pointing_noun=True) if m.actors]
            if not any(m.trigger.pos == "ADJ" for m in moves):
                moves += evaluation_after(noun, item, ctx)
            if not moves:
                continue
            target = previous[-1] if previous else pointer_proposal(noun, item, proposals)
            for move in moves:
                apply_move(target, move, item, False, False)
            target.status = current_status(target)


REF = "ref:"


def pointer_proposal(noun: Token, item: EntryDoc, proposals: list[TruceProposal]) -> TruceProposal:
    span = CharSpan(noun.idx, noun.idx + len(noun.text))
    pointer = TruceProposal(item.entry_id, span, key=f"{REF}{item.entry_id}-{span.start}", label=noun.text)
    pointer.reports.append(Mention(item.entry_id, span, noun.text))
    proposals.append(pointer)
    return pointer


POINTING_DETS = {"une", "un", "cette", "cet", "ce", "la", "sa", "son", "leur"}


def evaluation_after(noun: Token, item: EntryDoc, ctx: Context) -> list[Move]:
    """"Une offre jugée prometteuse par X" read word by word, when the parse is too broken to follow."""
    doc = noun.doc
    for token in doc[noun.i + 1: min(noun.i + 4, sent_of(noun).end)]:
        trigger = trigger_of(token) or _trigger_among(token, verb_lemmas(token), "ADJ")
        if trigger is None or trigger.pos != "ADJ":
            continue
        after = doc[token.i + 1: min(token.i + 3, sent_of(noun).end)]
        by = next((t for t in after if t.lower_ == "par"), None)
        if by is None:
            return []
        actors = actors_in_tokens({t.i for t in doc[by.i + 1: sent_of(noun).end]}, item, ctx)
        return [Move(token, trigger, actors[:1], trigger.status, certainty_of(sent_of(noun)))] if actors else []
    return []


# ================================================================== one proposal, many reports
@finalizer("truces")
def merge_truces(facts: list[Fact], ctx: Context) -> list[Fact]:
    proposals = [f for f in facts if isinstance(f, TruceProposal)]
    others = [f for f in facts if not isinstance(f, TruceProposal)]
    published = {e.entry_id: e.published for e in ctx.document.entries}
    proposals.sort(key=lambda p: (published[p.entry_id], p.span.start))
    merged: list[TruceProposal] = []
    renewed: dict[int, TruceProposal] = {}
    for proposal in proposals:
        if proposal.key.startswith(REF):   # "cette proposition": the last one reported before
            if merged:
                absorb(merged[-1], proposal, reports=False)
            continue
        target = next((m for m in merged if same_proposal(m, proposal, ctx)), None)
        if target is None:
            merged.append(proposal)
        elif renewed_later(target, proposal):
            renewed[id(proposal)] = target
            merged.append(proposal)
        else:
            absorb(target, proposal)
    for proposal in merged:
        proposal.key = proposal_key(proposal)
    for proposal in merged:
        if id(proposal) in renewed:
            proposal.renews = renewed[id(proposal)].key
    return others + merged


def states_of(actors: Iterable[str], ctx: Context) -> set[str]:
    """The states the actors belong to (a president counts for his country)."""
    found = set()
    for key in actors:
        entry = ctx.gazetteer.actors.get(key)
        found.add(entry.country if entry is not None and entry.country else key)
    return found


def involved(proposal: TruceProposal) -> list[str]:
    """Everyone who moved on the proposal: proposers, parties and those who reacted."""
    return proposal.proposers + [r.actor for r in proposal.reactions]


def parties(proposal: TruceProposal) -> list[str]:
    return proposal.proposers + [r.actor for r in proposal.reactions if r.kind in ("accepted", "conditioned")]


def same_proposal(a: TruceProposal, b: TruceProposal, ctx: Context) -> bool:
    """Same scope and a side in common (a minister counts for his state): a reaction joins the
    proposal of the war it is about, not any truce of the same scope ("l'Inde et le Pakistan" and
    "les FSR" in one blog are two truces)."""
    if set(a.scope) != set(b.scope):
        return False
    if not a.proposers or not b.proposers:   # a reaction joins a proposal someone involved in it made or answered
        return bool(states_of(involved(a), ctx) & states_of(involved(b), ctx))
    if states_of(parties(a), ctx) & states_of(parties(b), ctx):
        return True   # a rejection does not make the rejecter's counter-proposal the same truce
    # an agreement and its announcement by a third party on the same day ("le Qatar a annoncé un cessez-le-feu")
    return a.proposed_on == b.proposed_on and (is_agreement(a) or is_agreement(b))


def is_agreement(proposal: TruceProposal) -> bool:
    return len({r.actor for r in proposal.reactions if r.kind == "accepted"}) >= 2


def renewed_later(earlier: TruceProposal, later: TruceProposal) -> bool:
    return later.status == "renewed" and bool(later.proposed_on and earlier.proposed_on
                                               and later.proposed_on > earlier.proposed_on)


def absorb(target: TruceProposal, other: TruceProposal, reports: bool = True) -> None:
    for actor in other.proposers:
        if actor not in target.proposers:
            target.proposers.append(actor)
    for reaction in other.reactions:
        if not any(r.actor == reaction.actor and r.kind == reaction.kind and r.entry_id == reaction.entry_id
                   for r in target.reactions):
            target.reactions.append(reaction)
    for report in other.reports if reports else []:
        if report not in target.reports:
            target.reports.append(report)
    target.conditions += [c for c in other.conditions if c not in target.conditions]
    if other.proposed_on and (target.proposed_on is None or other.proposed_on < target.proposed_on):
        target.proposed_on = other.proposed_on
    target.duration_days = target.duration_days or other.duration_days
    if len(other.label) > len(target.label) and target.scope == ["full"]:
        target.label = other.label
    target.status = current_status(target)


def proposal_key(proposal: TruceProposal) -> str:
    first = proposal.reports[0] if proposal.reports else None
    anchor = f"{first.entry_id}-{first.span.start}" if first else proposal.key
    return f"{'-'.join(proposal.scope) or 'unscoped'}-{anchor}"
