"""Casualty reports: who gave which toll (killed / injured), where, in which entry.

"le Service d'urgence a fait état de neuf morts et de 63 blessés", "Deux personnes ont été tuées"
(inside a quote: the reporter is whoever the quote is attributed to), "Les frappes ont fait deux
morts et des dizaines de blessés" (the reporter is the source named in the sentence before).
Each reporter's figures in one passage make one report; a later, different toll by the same
reporter is another report, so that the graph shows how the toll changed and who said what.
Subsets ("dont six enfants", "31 sont hospitalisées", "Trente-huit d'entre elles") are left out.

The reporter helpers here (`figure_reporter`, quotes) also serve the weapon counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Span, Token

from kg.extract.actors import name_after, not_actors
from kg.extract.base import Context, EntryDoc, extractor
from kg.extract.gazetteer import normalize
from kg.extract.lexicons import read_table, read_words, speech_verbs
from kg.extract.nlp import ACTORS, DATED, PLACES
from kg.extract.numbers import VAGUE, Quantity, quantity_at, quantity_before
from kg.extract.sources import (actor_in_subtree, certainty_of, institution_speaker, is_source_cue, previous_actor,
                                source_phrase, speech_verb_subject, title_speaker)
from kg.extract.tense import future_tense
from kg.extract.views import doc_forms, doc_sents, doc_spans, doc_text, doc_tokens, sent_of, tokens_of
from kg.facts import CasualtyReport, Fact, Span as CharSpan

SOURCE_WORDS = ("selon", "d'après", "d’après")
MODALS = ("aller", "pouvoir", "risquer", "menacer")    # "vont lancer", "pourrait tuer", "risque de faire"
COUNT_NOUNS = ("nombre", "bilan", "total")               # "le nombre de morts", "le bilan des blessés"
TOLL_WORDS = ("bilan", "explosion", "incendie", "effondrement")     # a toll's own words
# "a indiqué le ministère": these verbs take a message, not a person, as object; an actor after them is
# their subject put after the verb
INVERSION_VERBS = ("indiquer", "déclarer", "dire", "annoncer", "affirmer", "préciser", "ajouter", "assurer",
                   "expliquer", "souligner", "rapporter", "confirmer", "écrire", "signaler", "communiquer")
SUBSET_BEFORE = ("dont", "parmi", "notamment")   # "dont six enfants": part of a toll given just before
SUBSET_AFTER = ("d'entre", "d’entre")              # "Trente-huit d'entre elles"
QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))
TIME_WORDS = ("heure", "heures")                  # "heure de Kiev" names a time zone, not a place
CLOCK = re.compile(r"\d{1,2}h\d{0,2}")              # "(0h40 à Paris)": the time somewhere else


# ------------------------------------------------------------------ lexicons
@lru_cache(maxsize=1)
def casualty_nouns() -> dict[str, str]:
    return {r["word"]: r["kind"] for r in read_table("lexicons/casualty_nouns.tsv")}


@lru_cache(maxsize=1)
def casualty_verbs() -> dict[str, str]:
    return {r["lemma"]: r["kind"] for r in read_table("lexicons/casualty_verbs.tsv")}


@lru_cache(maxsize=1)
def toll_verbs() -> set[str]:
    return set(read_words("lexicons/toll_verbs.txt"))


# ------------------------------------------------------------------ quotes and reporters
def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges [open, close] of the quotations in a text (« », “ ”, straight quotes)."""
    ranges = []
    for open_, close in QUOTE_PAIRS:
        pos = 0
        while True:
            start = text.find(open_, pos)
            if start < 0:
                break
            end = text.find(close, start + 1)
            if end < 0:
                break
            ranges.append((start, end))
            pos = end + 1
    return sorted(ranges)


def quote_around(token: Token) -> Optional[tuple[int, int]]:
    for start, end in quote_ranges(doc_text(token.doc)):
        if start < token.idx < end:
            return start, end
    return None


def subject_actor(verb: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """The actor named by a verb's subject (through auxiliaries and coordination), or by the
    agent of a participle ("lancés par la Russie"), or by the subject placed after the verb that
    the parser takes for an object (", a indiqué l'armée de l'air")."""
    subject = speech_verb_subject(verb)
    if subject is not None and "Rel" in subject.morph.get("PronType") and verb.dep_ == "acl:relcl":
        subject = verb.head  # "le Réseau des médecins, qui faisait état de 27 morts"
    if subject is not None:
        key = actor_in_subtree(subject, item, ctx) or _overlapping_actor(subject, item, ctx)
        if not key and subject.pos_ == "NOUN":
            key = _office_holder(subject, item, ctx)   # "Côté cambodgien, les autorités font état de 13 morts"
        if key or subject.head is verb:
            return key
    for child in verb.children:  # no subject of its own (or one borrowed from a coordinated verb)
        if child.dep_ == "obl:agent":
            return actor_in_subtree(child, item, ctx)
    if verb.i > 0 and verb.doc[verb.i - 1].pos_ == "AUX" and verb.doc[verb.i - 1].i > sent_of(verb).start:
        inverted = [c for c in verb.children if c.i > verb.i and c.dep_ in ("obj", "nsubj", "appos")
                    and not any(g.dep_ == "case" for g in c.children)]
        if inverted and (_after_comma(verb) or verb.lemma_ in INVERSION_VERBS):
            return actor_in_subtree(inverted[0], item, ctx) or _overlapping_actor(inverted[0], item, ctx) \
                or (_office_holder(inverted[0], item, ctx) if inverted[0].pos_ == "NOUN" else None)
    return None


def _office_holder(noun: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """"a écrit le maire": the mayor named right after ("le gouverneur de la région, Oleh Kiper", which
    the parser may hang elsewhere) or before in the entry, else the land the entry speaks of."""
    return _named_after(noun, item, ctx) or title_speaker(noun, item, ctx) or institution_speaker(noun, ctx)


def _named_after(noun: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    doc, end = item.doc, noun.right_edge.i + 1
    if end >= len(doc) or doc[end].text != ",":
        return None
    span = name_after(doc[noun.left_edge.i:end], ctx.actors)
    return ctx.actors.resolve_span(span, item.entry_id) if span is not None else None


def _overlapping_actor(subject: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """A name the parser cut in two ("Le gouverneur Ivan | Bilous évoque"): the entity that starts
    inside the subject phrase."""
    doc = item.doc
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    spans = [s for s in doc_spans(doc, ACTORS) if start <= s.start < end]
    spans += [e for e in doc.ents if e.label_ in ("PER", "ORG") and start <= e.start < end]
    for span in sorted(spans, key=lambda s: (_kind_rank(s, ctx), s.start)):
        key = ctx.actors.resolve_span(span, item.entry_id)
        if key:
            return key
    return None


def _after_comma(verb: Token) -> bool:
    """", a indiqué X": a reporting clause set off after what it reports."""
    doc, i = verb.doc, verb.i - 1
    while i > sent_of(verb).start and doc[i].pos_ == "AUX":
        i -= 1
    return doc[i].text in (",", "»", '"', "”")


def _is_reporting_verb(token: Token) -> bool:
    """A verb whose subject gives what the sentence reports; a participle on a noun ("drones
    lancés") reports nothing."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ == "acl":
        return False
    if token.lemma_ == "faire":  # "faire état de"
        return any(c.lower_ == "état" for c in token.children)
    return any(lemma in speech_verbs() or lemma in toll_verbs() for lemma in lemmas(token))


def lemmas(token: Token) -> set[str]:
    """The token's lemma, and the infinitive the lemmatiser sometimes misses ("estime" -> "estimer")."""
    lemma = token.lemma_.lower()
    return {lemma, lemma + "r"} if lemma.endswith("e") and lemma == token.lower_ else {lemma}


def quote_speaker(quote: tuple[int, int], item: EntryDoc, ctx: Context) -> Optional[str]:
    """Who a quotation is attributed to: ", a indiqué X" after it, or "X annonçait :" before it."""
    doc = item.doc
    start, end = quote
    after = [t for t in doc_tokens(doc) if end < t.idx][:40]
    if after and not _attribution_follows(after[0]):
        after = []
    for token in after:
        if token.text in (".", "!", "?", "«", '"', "“"):
            break
        if _is_reporting_verb(token):
            key = subject_actor(token, item, ctx)
            if key:
                return key
    opening = next((t for t in doc_tokens(doc) if t.idx >= start), None)
    if opening is None:
        return None
    before = [t for t in sent_of(opening) if t.i < opening.i]
    for token in reversed(before):
        if _is_reporting_verb(token):
            key = subject_actor(token, item, ctx)
            if key:
                return key
    return None


def _attribution_follows(first: Token) -> bool:
    """After a closing quote, ", a indiqué X" or "a-t-il dit" attributes it; a capital starts a new sentence."""
    return first.text in (",", "—", "–", "-") or (first.pos_ in ("VERB", "AUX") and first.text[:1].islower())


def reporting_subject(token: Token, item: EntryDoc, ctx: Context, skip: Iterable[Token] = ()) -> Optional[str]:
    """The actor whose reporting verb governs a figure: "X faisait état de huit morts"."""
    skip_ids = {t.i for t in skip}
    for ancestor in token.ancestors:
        if ancestor.i not in skip_ids and _is_reporting_verb(ancestor):
            key = subject_actor(ancestor, item, ctx)
            if key:
                return key
    return None


def selon_actor(sent: Span, item: EntryDoc, ctx: Context) -> Optional[str]:
    """The actor a "selon X" / "d'après X" phrase names, read in the phrase itself (up to the next
    comma): "selon un groupe de médecins" names no known actor, whatever the parse attaches to it."""
    doc = item.doc
    for token in tokens_of(sent):
        if token.lower_ not in SOURCE_WORDS and not (token.lower_ == "après" and token.i > 0
                                                     and doc[token.i - 1].lower_ in ("d'", "d’")):
            continue
        end = _phrase_end(doc, token.i + 1, sent.end)
        if end < sent.end and doc[end].text == "," and end + 1 < sent.end and (
                doc[end + 1].ent_type_ == "PER" or any(s.start == end + 1 and _is_person(s, ctx) for s in doc_spans(doc, ACTORS))):
            end = _phrase_end(doc, end + 1, sent.end)  # "selon le gouverneur de X, Viatcheslav Gladkov,"
        if token.i + 1 < end and doc[token.i + 1].pos_ == "PRON":  # "Selon elle": the last actor named
            key = previous_actor(item, ctx, doc[token.i + 1].idx, persons_first=False)
            if key:
                return key
        spans = [s for s in doc_spans(doc, ACTORS) if token.i < s.start and s.end <= end]
        spans += [e for e in doc.ents if e.label_ in ("PER", "ORG") and token.i < e.start and e.end <= end]
        for span in sorted(spans, key=lambda s: (_kind_rank(s, ctx), s.start)):
            key = ctx.actors.resolve_span(span, item.entry_id)
            if key:
                return key
        noun = next((t for t in doc[token.i + 1:end] if t.pos_ == "NOUN"), None)
        key = institution_speaker(noun, ctx) if noun is not None and not spans else None
        if key:
            return key   # "selon l'administration militaire régionale" of Kherson: Ukraine
    return None


def _is_person(span: Span, ctx: Context) -> bool:
    entry = ctx.gazetteer.actors.get(span.label_)
    return span.label_.startswith(DATED) or (entry is not None and entry.kind == "Person")


def _phrase_end(doc, i: int, limit: int) -> int:
    while i < limit and doc[i].text not in (",", ".", ";", ":", "»", "«", '"', "(", ")"):
        i += 1
    return i


def _kind_rank(span: Span, ctx: Context) -> int:
    """Persons before organisations before states: "selon le gouverneur de Moscou Andreï Vorobiov"."""
    entry = ctx.gazetteer.actors.get(span.label_)
    kind = entry.kind if entry else ("Person" if span.label_ == "PER" else "Organization")
    return {"Person": 0, "Organization": 1, "Group": 2, "Country": 3}.get(kind, 4)


def sentence_reporter(sent: Span, item: EntryDoc, ctx: Context, skip: Iterable[Token] = ()) -> Optional[str]:
    """The source of a sentence: "selon X", a speech verb's subject, or a toll verb's subject."""
    key = selon_actor(sent, item, ctx)
    if key:
        return key
    skip_ids = {t.i for t in skip}
    for token in tokens_of(sent):
        if token.i not in skip_ids and _is_reporting_verb(token) and quote_around(token) is None:
            key = subject_actor(token, item, ctx)
            if key:
                return key
    return None


def figure_reporter(token: Token, item: EntryDoc, ctx: Context, skip: Iterable[Token] = (),
                    fallback: Optional[str] = None, toll: bool = False) -> Optional[str]:
    """Who gives a figure: the speaker of the quote it is in, else the source of its sentence
    (or the reporting verb that governs it), else `fallback` (for a count of downed drones, the
    side that downed them), else the source of the nearest sentence before. `skip`: verbs that
    are not reporting here ("lancer" launches drones). A `toll` given without a source of its own
    borrows the one before only in a sentence about an attack."""
    quote = quote_around(token)
    if quote is not None:
        key = quote_speaker(quote, item, ctx)
        if key:
            return key
    sentences = doc_sents(item.doc)
    index = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    key = sentence_reporter(sent_of(token), item, ctx, skip) or reporting_subject(token, item, ctx, skip)
    if not key and index + 1 < len(sentences) and _continues(sentences[index + 1]):
        key = sentence_reporter(sentences[index + 1], item, ctx, skip)  # "..., a indiqué X" cut off by the parser
    key = key or fallback
    if key:
        return key
    if toll and (not _tells_of_attack(sentences[index]) or _names_a_source(sentences[index])):
        return None  # "la guerre a fait des milliers de morts"; "porté à 42 morts par un réseau de médecins"
    for sent in reversed(sentences[:index]):
        key = sentence_reporter(sent, item, ctx)
        if key:
            return key
    return None


def _names_a_source(sent: Span) -> bool:
    """The sentence names its own source, one kg does not know ("selon la télévision d'État",
    "porté à 42 morts par le Réseau des médecins"): the source before is not this one's."""
    for token in tokens_of(sent):
        if token.lower_ in SOURCE_WORDS:
            return True
        if _is_reporting_verb(token) and (speech_verb_subject(token) is not None
                                          or any(c.dep_ == "obl:agent" for c in token.children)):
            return True
    return False


@lru_cache(maxsize=1)
def attack_words() -> tuple[set[str], set[str]]:
    """Nouns that name attacks and verbs that tell of one (from the attack lexicons)."""
    nouns = {r["word"] for r in read_table("lexicons/attack_nouns.tsv") if r["kind"] in ("attack", "collection")}
    verbs = {r["lemma"] for r in read_table("lexicons/attack_verbs.tsv") if r["role"] in ("strike", "hit", "launch")}
    return nouns, verbs


def _tells_of_attack(sent: Span) -> bool:
    """A sentence about an attack or its toll ("Les frappes ont fait deux morts", "le bilan s'élève à")."""
    nouns, verbs = attack_words()
    for token in tokens_of(sent):
        lemma = token.lemma_.lower()
        if lemma in TOLL_WORDS or lemma in nouns or (token.pos_ == "VERB" and lemma in verbs):
            return True
    return False


def _continues(sent: Span) -> bool:
    """A "sentence" that goes on with the one before: the parser cut it at ", a indiqué X"."""
    first = sent[0]
    return first.text in (",", ";") or first.text[:1].islower()


def places_in(tokens: range, item: EntryDoc, ctx: Context) -> list[str]:
    """Place keys named in a token range: gazetteer places, else location entities, not inside an
    actor's name ("gouverneur de Moscou") nor a time zone ("heure de Kiev")."""
    doc = item.doc
    actor_tokens = {i for s in doc_spans(doc, ACTORS) for i in range(s.start, s.end)
                    if s.label_ not in ctx.gazetteer.actors or ctx.gazetteer.actors[s.label_].kind != "Country"}
    found: list[str] = []
    spans = [s for s in doc_spans(doc, PLACES) if s.start in tokens]
    spans += [e for e in doc.ents if e.label_ in ("LOC", "GPE") and e.start in tokens
              and not any(s.start < e.end and e.start < s.end for s in doc_spans(doc, PLACES))]
    for span in sorted(spans, key=lambda s: s.start):
        if span.label_ not in ctx.gazetteer.places and normalize(span.text) in not_actors():
            continue  # "Iskander-M", "Kalibr": NER takes weapon names for places
        if actor_tokens.issuperset(range(span.start, span.end)) and span.label_ not in ctx.gazetteer.places:
            continue
        if any(doc[i].lower_ in TIME_WORDS or CLOCK.fullmatch(doc[i].text) for i in range(max(0, span.start - 3), span.start)):
            continue
        if _inside_longer_actor(span, doc):
            continue
        key = ctx.actors.resolve_place(span, item.entry_id)
        if key and key not in found:
            with_country(key, ctx)
            found.append(key)
    return found


def with_country(place_key: str, ctx: Context) -> str:
    """Kept for callers: the graph-building stage now describes a place's state itself."""
    return place_key


def _inside_longer_actor(span: Span, doc) -> bool:
    """"Moscou" in "le gouverneur de Moscou": part of a longer actor name, not a place of the event."""
    return any(a.start <= span.start and span.end <= a.end and (a.end - a.start) > (span.end - span.start)
               for a in doc_spans(doc, ACTORS))


# ------------------------------------------------------------------ figures
@dataclass
class Figure:
    """One killed or injured figure read in an entry."""

    kind: str                   # killed | injured
    quantity: Quantity
    token: Token                # the noun or verb that carries it
    start: int                  # first token
    end: int                    # token after the last
    reporter: Optional[str] = None
    quote: Optional[tuple[int, int]] = None


def hypothetical(token: Token) -> bool:
    """Said of what may or will happen ("pourrait faire des centaines de morts", "vont lancer 50
    missiles"): a verb above it in the conditional or the future, or "aller" + infinitive."""
    for node in [token, *list(token.ancestors)[:3]]:
        if node.pos_ not in ("VERB", "AUX"):
            continue
        for verb in (node, *[c for c in node.children if c.dep_.startswith("aux")]):
            if "Cond" in verb.morph.get("Mood") or future_tense(verb) or verb.lemma_ in MODALS:
                return True
    return False


def _is_subset(doc, start: int, end: int) -> bool:
    before = {t.lower_ for t in doc[max(0, start - 3):start]}
    after = doc[end:end + 1].text.lower()
    if before & set(SUBSET_BEFORE) and _after_victims(doc, start):
        return False   # "14 victimes, dont 9 morts": the deaths among the victims are the toll
    return bool(before & set(SUBSET_BEFORE)) or after in SUBSET_AFTER


def _after_victims(doc, start: int) -> bool:
    words = [t.lower_ for t in doc[max(0, start - 4):start]]
    return any(w in ("victimes", "victime") for w in words)


def _noun_figure(token: Token) -> Optional[Figure]:
    """"deux morts", "63 blessés", "des dizaines de blessés", "La mort de huit personnes"."""
    kind = casualty_nouns().get(token.lower_)
    if kind is None and token.pos_ == "NOUN":
        kind = casualty_nouns().get(token.lemma_.lower())
    if kind not in ("killed", "injured"):
        return None
    quantity = quantity_before(token)
    if quantity is None and token.lower_ in ("mort", "décès"):  # "la mort de huit personnes"
        for child in token.children:
            if child.dep_ == "nmod" and child.pos_ == "NOUN" and any(c.lower_ in ("de", "d'") for c in child.children):
                quantity = quantity_before(child)
                if quantity is not None:
                    return Figure(kind, quantity, token, min(token.i, quantity.start), child.i + 1)
    if quantity is None and token.head.lemma_ in COUNT_NOUNS:
        quantity = _number_of(token)
        if quantity is not None:  # "Le nombre de morts s'élève à 17"
            return Figure(kind, quantity, token, token.head.i, quantity.end)
    if quantity is None:
        return None
    return Figure(kind, quantity, token, quantity.start, token.i + 1)


def _number_of(noun: Token) -> Optional[Quantity]:
    """"Le nombre de morts s'élève à 17": the number the count noun's verb reaches."""
    verb = noun.head.head
    if verb.pos_ != "VERB" or noun.head.dep_ != "nsubj":
        return None
    for child in verb.children:
        if child.i > verb.i and any(c.lower_ in ("à", "de") for c in child.children) or child.dep_ == "obj":
            quantity = quantity_at(child) if child.pos_ in ("NUM", "PRON", "DET") else None
            if quantity is not None:
                return quantity
    return None


def _verb_figure(token: Token) -> Optional[Figure]:
    """"Deux personnes ont été tuées", "deux employés ont été blessés", "a tué cinq civils"."""
    # a participle; "blessé" tagged as an adjective keeps its form as lemma
    adjective = token.pos_ == "ADJ" and token.lemma_.endswith("é") and "Part" not in token.morph.get("VerbForm")
    if token.pos_ not in ("VERB", "ADJ") or not adjective and "Part" not in token.morph.get("VerbForm"):
        return None
    kind = casualty_verbs().get(_participle_lemma(token))
    if kind is None and token.lemma_ == "perdre" and any(c.dep_ == "obj" and c.lower_ == "vie" for c in token.children):
        kind = "killed"   # "deux civils ont perdu la vie"
        intransitive_idiom = True
    else:
        intransitive_idiom = False
    if kind not in ("killed", "injured"):
        return None
    passive = any(c.dep_ == "aux:pass" for c in token.children) or "Pass" in token.morph.get("Voice")
    intransitive = token.lemma_ in ("mourir", "périr", "décéder", "succomber") or intransitive_idiom
    # "blessant deux civils": the parser at times takes the object for a modifier
    roles = ("nsubj:pass", "nsubj") if passive or intransitive else ("obj", "nmod", "obl:arg")
    for child in token.children:
        if child.dep_ not in roles or any(g.dep_ == "case" for g in child.children):
            continue
        if child.lower_ in VAGUE:   # "une quarantaine de personnes ont été blessées": count the people
            child = next((c for c in child.children if c.dep_ == "nmod" and c.pos_ == "NOUN"), child)
        # "cinq autres ont été blessés": "autres" is counted like a noun
        quantity = quantity_before(child) if child.pos_ in ("NOUN", "PROPN") or child.lower_ == "autres" \
            else quantity_at(child)
        if quantity is not None:
            return Figure(kind, quantity, token, quantity.start, max(child.i + 1, quantity.end))
    noun = token.head
    if token.dep_ in ("acl", "amod") and noun.pos_ == "NOUN" and noun.i < token.i and not intransitive_idiom:
        quantity = quantity_before(noun)   # "fait état d'un soldat blessé", "trois civils tués"
        if quantity is not None:
            return Figure(kind, quantity, token, quantity.start, token.i + 1)
    return None


def _may_figure(doc) -> list[int]:
    """The tokens that can name a figure: a casualty noun or verb ("perdre": "ont perdu la vie")."""
    forms, nouns, verbs = doc_forms(doc), casualty_nouns(), casualty_verbs()
    return [i for i, (lower, lemma, pos) in enumerate(zip(forms.lower, forms.lemma, forms.pos))
            if lower in nouns or pos == "NOUN" and lemma.lower() in nouns
            or pos in ("VERB", "ADJ") and (lemma in verbs or lemma == "perdre" or lemma[:-1] + "er" in verbs)]


def _participle_lemma(token: Token) -> str:
    """The verb of a participle the tagger read as an adjective ("blessé" -> "blesser")."""
    lemma = token.lemma_
    return lemma[:-1] + "er" if token.pos_ == "ADJ" and lemma.endswith("é") else lemma


def casualty_figures(item: EntryDoc, ctx: Context) -> list[Figure]:
    """Every killed / injured figure of an entry, with the reporter who gives it."""
    doc = item.doc
    figures: list[Figure] = []
    used: set[int] = set()
    tokens = doc_tokens(doc)
    for i in _may_figure(doc):
        token = tokens[i]
        figure = _noun_figure(token) or _verb_figure(token)
        if figure is None or token.i in used or _is_subset(doc, figure.start, figure.end) or hypothetical(token):
            continue
        if any(i in used for i in range(figure.start, figure.end)):
            continue
        used.update(range(figure.start, figure.end))
        figure.reporter = figure_reporter(token, item, ctx, toll=True) or _continued_toll(figure, figures, doc)
        figure.quote = quote_around(token)
        figures.append(figure)
    return figures


def _continued_toll(figure: Figure, before: list[Figure], doc) -> Optional[str]:
    """A figure of the other kind in the sentence right after a sourced one continues its toll:
    "19 personnes ont été tuées, selon X. Une quarantaine de personnes ont été blessées."
    """
    if not before or not before[-1].reporter or before[-1].kind == figure.kind:
        return None
    if _names_a_source(sent_of(figure.token)):
        return None   # "..., selon le bureau du Premier ministre": a source of its own, one kg does not know
    gap = _sentence_index(doc, figure.token.i) - _sentence_index(doc, before[-1].token.i)
    return before[-1].reporter if gap in (0, 1) else None


# ------------------------------------------------------------------ reports
def _sentence_index(doc, token_i: int) -> int:
    return next(i for i, s in enumerate(doc_sents(doc)) if s.start <= token_i < s.end)


def _same_passage(a: Figure, b: Figure, doc) -> bool:
    """Two figures read together: same sentence, same quote, or consecutive sentences."""
    if a.quote is not None and a.quote == b.quote:
        return True
    return abs(_sentence_index(doc, a.token.i) - _sentence_index(doc, b.token.i)) <= 1 and a.quote == b.quote


def group_figures(figures: list[Figure], doc) -> list[list[Figure]]:
    """A reporter's killed and injured figures given together make one report."""
    groups: list[list[Figure]] = []
    for figure in figures:
        current = groups[-1] if groups else None
        if (current and current[-1].reporter == figure.reporter
                and figure.kind not in {f.kind for f in current} and _same_passage(current[-1], figure, doc)):
            current.append(figure)
        else:
            groups.append([figure])
    return groups


def _report(group: list[Figure], item: EntryDoc, ctx: Context) -> CasualtyReport:
    doc = item.doc
    start, end = min(f.start for f in group), max(f.end for f in group)
    report = CasualtyReport(item.entry_id, CharSpan(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])),
                            certainty=certainty_of(sent_of(doc[start])), reporter=group[0].reporter or "")
    notes = []
    for figure in group:
        q = figure.quantity
        if figure.kind == "killed":
            report.killed, report.killed_min = q.value, q.low
        else:
            report.injured, report.injured_min = q.value, q.low
        if q.value is None or q.bound or q.approximate:
            notes.append(_words(figure))
    report.note = " ; ".join(notes)
    sentences = {sent_of(f.token).start: sent_of(f.token) for f in group}
    for sent in sentences.values():
        report.places.extend(p for p in places_in(_outside_sources(sent), item, ctx) if p not in report.places)
    return report


def _outside_sources(sent: Span) -> set[int]:
    """The sentence's words but its source's phrase ("selon l'OSDH, basé au Royaume-Uni": no place of the toll)."""
    ids = set(range(sent.start, sent.end))
    for token in tokens_of(sent):
        if is_source_cue(token):
            phrase = source_phrase(token)
            if phrase is not None and phrase.i > token.i and phrase.dep_ != "ROOT":
                ids -= {t.i for t in phrase.subtree}
    return ids


def _words(figure: Figure) -> str:
    """The figure as the text gives it, for the note: "plus de 80 blessés", "au moins 14 civils tués"."""
    q, token = figure.quantity, figure.token
    if q.start <= token.i < q.end or token.i < q.start:
        return q.text  # the noun is counted ("des dizaines de blessés"), or the verb comes first ("tuant au moins 14 civils")
    return f"{q.text} {token.text}"


def drop_subsumed(reports: list[CasualtyReport]) -> list[CasualtyReport]:
    """A reporter's partial figure repeated next to its full toll in the same entry ("huit morts et 77
    blessés ... La mort de huit personnes a été confirmée") is the same report."""
    kept = []
    for report in reports:
        if any(other is not report and other.entry_id == report.entry_id and other.reporter == report.reporter
               and _covers(other, report) for other in reports):
            continue
        kept.append(report)
    return kept


def _covers(big: CasualtyReport, small: CasualtyReport) -> bool:
    pairs = ((big.killed, small.killed), (big.injured, small.injured),
             (big.killed_min, small.killed_min), (big.injured_min, small.injured_min))
    if any(s is not None and b != s for b, s in pairs):
        return False
    return sum(b is not None for b, _ in pairs) > sum(s is not None for _, s in pairs)


@extractor("casualties")
def casualties(item: EntryDoc, ctx: Context) -> Iterable[Fact]:
    figures = [f for f in casualty_figures(item, ctx) if f.reporter]
    reports = [_report(group, item, ctx) for group in group_figures(figures, item.doc)]
    return drop_subsumed(reports)
