"""Meetings, talks, calls and summits: who met whom, where, when, about what.

A meeting is named by a word of `data/lexicons/meeting_terms.tsv`: a verb whose subject meets
someone ("les délégations ukrainienne et américaine doivent se rencontrer", "X s'était entretenu
avec Y", "Z recevra ... au palais de l'Élysée", "qui sera reçu par Macron") or a noun ("leurs
discussions", "un entretien téléphonique avec Donald Trump", "les pourparlers russo-américains de
Riyad"). Participants come from the subject, the object, "avec"/"entre" phrases, the agent,
"en présence de", and the subject of a light verb ("ont eu un entretien"); mediators from "sous
l'égide de". Place, day (resolved against the entry, future tense pointing forward), clock time
and topic come from the clause. Negated ("aucune rencontre n'était prévue"), hoped-for or demanded
meetings ("ont proposé une rencontre entre Zelensky et Poutine") are not meetings.

The finalizer merges the reports of one meeting (same parties — a minister counts for his state —,
compatible place and day).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from spacy.tokens import Doc, Span, Token

from kg.extract.base import Context, EntryDoc, extractor, finalizer
from kg.extract.views import doc_sents, doc_spans, doc_text, doc_tokens, sent_of, tokens_of
from kg.extract.lexicons import read_table, read_words
from kg.extract.nlp import PLACES
from kg.extract.sources import actor_spans, certainty_of, quoted_tokens
from kg.extract.phrases import Phrase, find_phrases
from kg.extract.truces import (actors_in_tokens, actors_of_phrase, agent_actors, clause_tokens,
                               compound_demonym_actors, demonym_prefixes, in_if_clause, is_conditional,
                               is_future, is_question, negated_here, phrase_tokens, states_of, subject_actors, verb_lemmas,
                               token_at_char, trigger_of, with_actors, words_text)
from kg.extract.when import clock_times, days_in
from kg.facts import Fact, Meeting, Mention, Span as CharSpan
from kg.ingest.dates import WEEKDAYS, fold

LOCATIVES = {"à", "a", "au", "aux", "en", "dans", "près", "depuis"}
KIND_LABELS = {"meeting": "rencontre", "talks": "pourparlers", "call": "entretien téléphonique", "summit": "sommet"}
MIN_PARTICIPANTS = 2


@dataclass(frozen=True)
class MeetingTerm:
    pos: str
    kind: str
    needs_actor_object: bool


@lru_cache(maxsize=1)
def meeting_terms() -> list[Phrase]:
    return [Phrase.of(r["term"], MeetingTerm(r["pos"], r["kind"], r["needs_actor_object"] == "yes"))
            for r in read_table("lexicons/meeting_terms.tsv")]


@lru_cache(maxsize=1)
def meeting_cues() -> dict[str, list[Phrase]]:
    cues: dict[str, list[Phrase]] = {}
    for r in read_table("lexicons/meeting_cues.tsv"):
        cues.setdefault(r["kind"], []).append(Phrase.of(r["cue"], r["kind"]))
    return cues


@lru_cache(maxsize=1)
def cue_words(kind: str) -> frozenset[str]:
    """Single-word cues of a kind, folded (lemmas of light verbs, attend verbs...)."""
    return frozenset(" ".join(p.words) for p in meeting_cues().get(kind, []))


@lru_cache(maxsize=1)
def people_nouns() -> frozenset[str]:
    """Nouns for people or delegations ("les chefs d'état-major", "la délégation"): a meeting can receive them."""
    words = {fold(w.lower()) for w in read_words("lexicons/group_nouns.txt")}
    words |= {fold(r["noun"].lower()) for r in read_table("lexicons/speaker_titles.tsv")}
    return frozenset(words)


MAX_CONTINUATION = 20
TERMINAL = {".", "!", "?", "…", ";", "»", '"', "”"}


def continuation(sent: Span) -> list[Token]:
    """The words that go on a sentence the parser cut short ("les chefs d'état" / "-major des armées
    ... au palais de l'Élysée.", "pourparlers russo" / "-" / "américains de Riyad"): after a sentence
    that ends with no punctuation, the words up to the next comma or full stop."""
    doc = sent.doc
    if sent[-1].text in TERMINAL or sent.end >= len(doc):
        return []
    words = []
    for token in doc[sent.end: min(sent.end + MAX_CONTINUATION, len(doc))]:
        if token.text in TERMINAL or (token.text == "," and words):
            break
        words.append(token)
    return words


def cue_in(tokens: Sequence[Token], kind: str) -> list[tuple[int, int, Phrase]]:
    return find_phrases(tokens, meeting_cues().get(kind, []))


def lemma(token: Token) -> str:
    return fold(token.lemma_.lower())


# ================================================================== mentions
@dataclass
class MeetingMention:
    tokens: list[Token]
    head: Token
    term: MeetingTerm

    @property
    def is_verb(self) -> bool:
        return self.term.pos == "VERB"


def meeting_mentions(doc: Doc) -> list[MeetingMention]:
    tokens = doc_tokens(doc)
    verbs = [p for p in meeting_terms() if p.value.pos == "VERB"]
    nouns = [p for p in meeting_terms() if p.value.pos == "NOUN"]
    found: dict[int, MeetingMention] = {}
    for start, end, phrase in find_phrases(tokens, nouns):
        head = tokens[start]
        if head.pos_ in ("NOUN", "PROPN", "X"):
            found[start] = MeetingMention(tokens[start:end], head, phrase.value)
    for start, end, phrase in find_phrases(tokens, verbs):
        head = tokens[start]
        if start not in found and head.pos_ in ("VERB", "ADJ", "AUX") and phrase.words[0] in verb_lemmas(head):
            found[start] = MeetingMention(tokens[start:end], head, phrase.value)
    return [found[k] for k in sorted(found)]


# ================================================================== is it a meeting?
def is_not_a_meeting(mention: MeetingMention, item: EntryDoc) -> bool:
    head = mention.head
    if negated_here(head) or is_question(head) or in_if_clause(head):
        return True
    if mention.is_verb:
        if is_conditional(head) or (head.dep_ == "xcomp" and is_conditional(head.head)):
            return True
        if "Inf" in head.morph.get("VerbForm") and any(c.dep_ == "mark" and c.lower_ in ("pour", "afin") for c in head.children):
            # "se réunissent pour discuter d'un accord": the purpose of a meeting, not another one;
            # but "se rendra à Beyrouth pour rencontrer X" is the meeting the trip is for
            return trip_verb(head) is None
        return False
    modifiers = [c for c in head.children if c.dep_ in ("amod", "det")]
    if any(fold(c.lower_) in ("eventuel", "eventuelle", "eventuels", "eventuelles", "possible", "hypothetique")
           for c in modifiers):
        return True
    if any(c.dep_ == "det" and c.lower_ in ("aucun", "aucune", "nul", "nulle") for c in head.children):
        return True
    if any(lemma(t) in cue_words("not_meeting") for t in head.subtree if t.i > head.i and t.i - head.i <= 4):
        return True   # "un entretien à la télévision russe": an interview
    if head.head is not head and lemma(head.head) in cue_words("backdrop"):
        return True   # "en marge du sommet": the setting of another meeting
    return only_wished(head)


def only_wished(noun: Token) -> bool:
    """"ont proposé ... une rencontre entre Zelensky et Poutine", "a demandé des négociations
    directes", "la prochaine étape serait d'organiser une rencontre": asked for, not held."""
    current = noun
    for _ in range(5):
        if current.head is current or current.dep_ not in ("obj", "obl:arg", "conj", "xcomp", "nmod", "acl"):
            break   # "lors d'un entretien", "en marge de": the meeting is a circumstance, not what is asked
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            trigger = trigger_of(current)
            if (trigger is not None and trigger.move == "propose") or is_conditional(current):
                return True
            if current.dep_ not in ("xcomp", "acl", "conj"):
                break
    if any(c.dep_ == "case" for c in noun.children):
        return False
    for token in reversed(noun.doc[sent_of(noun).start:noun.i]):   # a list the parser hung elsewhere ("a proposé X, Y et une rencontre")
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod",):
            trigger = trigger_of(token)
            return trigger is not None and trigger.move == "propose"
    return False


# ================================================================== participants
def anchor_of(mention: MeetingMention) -> Token:
    """The word whose clause says where, when and with whom: the meeting verb itself, or for a noun
    the light verb that governs it ("ont entamé leurs discussions", "ont eu un entretien")."""
    head = mention.head
    if mention.is_verb:
        return trip_verb(head) or head
    governor = head.head
    as_object = head.dep_ in ("obj", "nsubj:pass", "obl:arg") or (
        head.dep_ in ("obl", "obl:mod") and not any(c.dep_ == "case" for c in head.children))   # a misparsed object
    if governor is not head and as_object and lemma(governor) in cue_words("light_verb"):
        return governor
    if governor is not head and head.dep_ in ("nsubj", "nsubj:pass"):
        return governor   # "La réunion est prévue à partir de 17h30", "des discussions sont en cours entre X et Y"
    return head


def trip_verb(verb: Token) -> Optional[Token]:
    """"se rendra jeudi à Beyrouth pour rencontrer X": the trip whose clause says where and when."""
    if "Inf" in verb.morph.get("VerbForm") and verb.head is not verb and lemma(verb.head) in cue_words("attend") \
            and any(c.dep_ == "mark" and c.lower_ in ("pour", "afin") for c in verb.children):
        return verb.head
    return None


def attend_verb(noun: Token) -> Optional[Token]:
    """"Marco Rubio se rend en Arabie Saoudite en vue des discussions avec ...": the verb whose subject goes."""
    current = noun
    for _ in range(3):
        if current.head is current or current.dep_ not in ("obl", "obl:mod", "obl:arg", "nmod"):
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current if lemma(current) in cue_words("attend") else None
    return None


def participants_of(mention: MeetingMention, anchor: Token, item: EntryDoc, ctx: Context) -> list[str]:
    head = mention.head
    keys: list[str] = []

    def add(found: Iterable[str]) -> None:
        keys.extend(k for k in found if k not in keys)

    if mention.is_verb:
        add(subject_actors(head, item, ctx))
        add(agent_actors(head, item, ctx))
        add(with_actors(head, item, ctx, people_first=False))
        objects = [c for c in head.children if c.dep_ == "obj" and not is_time_word(c)]
        for child in objects or [t for t in [stranded_object(head)] if t]:
            add(actors_of_phrase(child, item, ctx, people_first=False))
        add(object_continued(head, item, ctx))
        return keys
    add(with_actors(head, item, ctx, people_first=False))
    add(with_after(head, item, ctx))
    doc = head.doc
    add(compound_demonym_actors(list(doc[head.i + 1: min(head.i + 4, len(doc))]), ctx))
    add(of_actors(head, item, ctx))
    if anchor is not head and head.dep_ not in ("nsubj", "nsubj:pass"):
        add(subject_actors(anchor, item, ctx))
    if anchor is not head:
        add(with_actors(anchor, item, ctx, people_first=False))   # "avoir une réunion avec le président Zelensky"
    elif any(c.dep_ == "det" and c.lower_ in ("son", "sa", "ses", "leur", "leurs") for c in head.children):
        add(possessor(head, item, ctx))
    attending = attend_verb(head)
    if attending is not None or during(head):
        governor = attending or next(iter(governing_verbs(head)), None)
        found = subject_actors(governor, item, ctx) if governor is not None else []
        add(found or first_named_subject(head, item, ctx))
    return keys


def first_named_subject(noun: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """The first actor of the sentence named outside a prepositional phrase, before the noun: the
    subject when the parse of the sentence is broken."""
    for span in actor_spans(item.doc):
        if sent_of(noun).start <= span.start < noun.i and not any(c.dep_ == "case" for c in span.root.children) \
                and span.start not in quoted_tokens(item.doc):
            key = ctx.actors.resolve_span(span, item.entry_id)
            if key:
                return [key]
    return []


def during(noun: Token) -> bool:
    """"a appelé ... lors d'un entretien téléphonique avec X": the subject took part in it."""
    doc = noun.doc
    before = [t for t in doc[max(noun.i - 4, 0):noun.i]]
    return any(fold(t.lower_) in cue_words("during") for t in before) and not any(
        t.pos_ in ("VERB", "AUX") for t in before)


def with_after(noun: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """"son entretien avec le président Cyril Ramaphosa" when the parser hangs "avec ..." elsewhere:
    the "avec"/"entre" phrase right after the noun (and its adjectives)."""
    doc = noun.doc
    j = noun.i + 1
    while j < len(doc) and (doc[j].pos_ == "ADJ" or doc[j].text.startswith("-")):
        j += 1
    if j >= len(doc) or doc[j].lower_ not in ("avec", "entre"):
        return []
    target = doc[j].head if doc[j].head.i > j else next((t for t in doc[j + 1:j + 4] if t.pos_ in ("NOUN", "PROPN")), None)
    return actors_of_phrase(target, item, ctx) if target is not None else []


def with_in_clause(clause: Sequence[Token], head: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """"s'était entretenu pendant deux heures avec le président turc": an "avec" phrase anywhere in
    the meeting's own clause (the parser may hang it on a duration) — not one that belongs to
    another meeting word ("une réunion avec X, puis un appel avec Y")."""
    keys: list[str] = []
    ids = {t.i for t in clause}
    for token in tokens_of(clause):
        if token.lower_ == "avec" and token.head.i in ids and token.head.i > token.i \
                and not under_other_meeting(token, head):
            keys += [k for k in actors_of_phrase(token.head, item, ctx, people_first=False) if k not in keys]
    return keys


def under_other_meeting(token: Token, head: Token) -> bool:
    current, steps = token, 0
    while current.head is not current and steps < 8:
        current, steps = current.head, steps + 1
        if current is head:
            return False
        if current.pos_ in ("NOUN", "PROPN") and any(
                start == 0 for start, _, _ in find_phrases(list(current.doc[current.i:current.i + 3]),
                                                          [p for p in meeting_terms() if p.value.pos == "NOUN"])):
            return True
    return False


def of_actors(noun: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """"sommet de l'Otan", "réunion des ministres de l'UE": the body that meets (not a place: "de Riyad")."""
    places = {i for s in doc_spans(item.doc, PLACES) for i in range(s.start, s.end)}
    for child in noun.children:
        cases = {c.lower_ for c in child.children if c.dep_ == "case"}
        if child.dep_ == "nmod" and cases & {"de", "des", "du", "d'"} and child.i not in places:
            return actors_of_phrase(child, item, ctx, people_first=False)
    return []


def possessor(noun: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """"son entretien avec Cyril Ramaphosa": the subject of the clause the noun sits in."""
    current = noun
    for _ in range(4):
        if current.head is current:
            return []
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return subject_actors(current, item, ctx)
    return []


def cue_actors(tokens: Sequence[Token], kind: str, item: EntryDoc, ctx: Context, whole_tail: bool) -> list[str]:
    """Actors after "sous l'égide de" (the next phrase) or "en présence de" (the rest of the clause)."""
    keys: list[str] = []
    doc = item.doc
    for start, end, _ in cue_in(tokens, kind):
        first = tokens[end - 1].i + 1
        last = tokens[-1].i + 1 if whole_tail else min(first + 6, tokens[-1].i + 1)
        spans = [s for s in actor_spans(doc) if first <= s.start and s.end <= last]
        if not whole_tail:
            spans = spans[:1]
        for span in spans:
            key = ctx.actors.resolve_span(span, item.entry_id)
            if key and key not in keys:
                keys.append(key)
    return keys


# ================================================================== place, day, time, topic
def meeting_clause(mention: MeetingMention, anchor: Token) -> list[Token]:
    """The words that can say where and when: the anchor's clause, plus the noun's own phrase and a
    participle just after it ("négociations ..., tenues le 24 mars à Riyad")."""
    ids = {t.i for t in (noun_phrase(anchor) if anchor is mention.head and not mention.is_verb else clause_tokens(anchor))}
    if sent_of(anchor)[-1].i in ids or sent_of(anchor)[-1].head.i in ids:
        ids |= {t.i for t in continuation(sent_of(anchor))}
    if not mention.is_verb:
        ids |= {t.i for t in noun_phrase(mention.head)}
        participle = participle_after(mention.head)
        if participle is not None:
            ids |= {t.i for t in participle.subtree}
    topic = topic_tokens([anchor.doc[i] for i in sorted(ids)])
    return [anchor.doc[i] for i in sorted(ids - {t.i for t in topic})]


def noun_phrase(noun: Token) -> list[Token]:
    """A meeting noun's phrase without a purpose clause ("pour mettre fin à la guerre en Ukraine")."""
    purpose = {t.i for c in noun.children
               if c.dep_ == "acl" and ("Inf" in c.morph.get("VerbForm") or any(m.dep_ == "mark" for m in c.children))
               for t in c.subtree}
    return [t for t in phrase_tokens(noun) if t.i not in purpose]


def participle_after(noun: Token) -> Optional[Token]:
    """"son entretien avec ..., prévu ce jeudi matin à Pretoria", "négociations ..., tenues le 24 mars
    à Riyad": a participle of holding or planning a little after the noun, before any other verb."""
    doc = noun.doc
    words = cue_words("light_verb") | cue_words("planned")
    for token in doc[noun.i + 1: min(noun.i + 18, len(doc))]:
        if token.text in (".", ";", "«", "»", "?", "!"):
            return None
        if (token.pos_ in ("VERB", "AUX", "ADJ") and "Part" in token.morph.get("VerbForm") and lemma(token) in words) \
                or fold(token.lower_) in cue_words("participle"):
            return token
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return None
    return None


def topic_tokens(tokens: Sequence[Token]) -> list[Token]:
    for start, end, _ in cue_in(tokens, "topic"):
        noun = next((t for t in tokens[end:] if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is not None:
            return [t for t in phrase_tokens(noun, {"case"}) if t.i - noun.i <= 8]
    return []


def topic_of(tokens: Sequence[Token]) -> str:
    words = topic_tokens(tokens)
    if not words:
        return ""
    words = [t for t in words if t.i >= words[0].i]
    return " ".join(words_text(words).replace('"', " ").replace("«", " ").replace("»", " ").split())


def locative(span: Span) -> bool:
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in ("l'", "l’", "le", "la", "les"):
        i -= 1
    return i >= 0 and doc[i].lower_ in LOCATIVES


def in_brackets(token: Token) -> bool:
    text = doc_text(token.doc)[:token.idx]
    return text.rfind("(") > text.rfind(")")


def place_in(tokens: Sequence[Token], noun: Optional[Token], item: EntryDoc, ctx: Context) -> Optional[str]:
    """The first place named with "à/en/au/dans" in the clause ("en Arabie Saoudite", "au palais de
    l'Élysée"), or with "de" right on the meeting noun ("les pourparlers de Riyad")."""
    ids = {t.i for t in tokens if not in_brackets(t)}
    doc = item.doc
    spans = list(doc_spans(doc, PLACES))
    spans += [e for e in doc.ents if e.label_ == "LOC" and not any(s.start <= e.start < s.end for s in spans)]
    for span in sorted(spans, key=lambda s: s.start):
        if not all(i in ids for i in range(span.start, span.end)):
            continue
        on_noun = noun is not None and of_place(span, noun)
        if locative(span) or on_noun:
            return ctx.actors.resolve_place(span, item.entry_id)
    return None


def of_place(span: Span, noun: Token) -> bool:
    """"les pourparlers (russo-américains) de Riyad": a place named with "de" right after the noun."""
    doc = span.doc
    i = span.start - 1
    if i <= noun.i or doc[i].lower_ not in ("de", "d'", "d’", "du"):
        return False
    return all(t.pos_ == "ADJ" or t.text.startswith("-") or fold(t.lower_) in demonym_prefixes()
               for t in doc[noun.i + 1:i])


def fragment_before(sent: Span) -> Optional[Span]:
    """The sentence before when the parser cut it off as a fragment ("La veille," / "à Ankara, ...")."""
    if sent.start == 0:
        return None
    previous = sent_of(sent.doc[sent.start - 1])
    return previous if previous[-1].text not in TERMINAL else None


def floating_prefix(anchor: Token) -> list[Token]:
    """"La veille, à Ankara, X s'était entretenu ...": words before the clause that the parser left
    hanging on no verb (a sentence-initial day is the main clause's day)."""
    sent = sent_of(anchor)
    start = min(t.i for t in anchor.subtree)
    fragment = fragment_before(sent)
    first = fragment.start if fragment is not None else sent.start
    found = []
    for token in anchor.doc[first:start]:
        current, steps = token, 0
        while current.head is not current and current.pos_ not in ("VERB", "AUX") and steps < 10:
            current, steps = current.head, steps + 1
        if current.pos_ not in ("VERB", "AUX"):
            found.append(token)
    return found


def _where_clause(anchor: Token) -> Optional[Token]:
    """The head of the relative "où" clause the anchor stands in, if any."""
    clause_head = anchor
    for _ in range(3):
        if any(c.lower_ == "où" for c in clause_head.children):
            return clause_head
        if clause_head.dep_ not in ("xcomp", "conj") or clause_head.head is clause_head:
            return None
        clause_head = clause_head.head
    return None


def relative_where(anchor: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """The place a relative "où" points back to ("à Moscou, où il doit rencontrer ...")."""
    clause_head = _where_clause(anchor)
    if clause_head is None:
        return None
    doc = item.doc
    where = next(c for c in clause_head.children if c.lower_ == "où")
    before = [s for s in doc_spans(doc, PLACES) if s.end <= where.i and s.end >= where.i - 2]
    return ctx.actors.resolve_place(before[-1], item.entry_id) if before else None


def relative_when(anchor: Token, item: EntryDoc, future: bool) -> Optional[date]:
    """"est attendu dimanche à Doha, où il doit rencontrer ...": the day of the clause the "où" clause
    hangs on."""
    clause_head = _where_clause(anchor)
    governing = clause_head.head if clause_head is not None else None
    while governing is not None and governing.pos_ not in ("VERB", "AUX") and governing.head is not governing:
        governing = governing.head
    if governing is None or governing.pos_ not in ("VERB", "AUX") or governing is clause_head:
        return None
    return day_in(clause_tokens(governing), governing, item, future)


def day_in(tokens: Sequence[Token], anchor: Token, item: EntryDoc, future: bool) -> Optional[date]:
    """The day the clause names, the one nearest the anchor in the tree."""
    if not tokens:
        return None
    sent = sent_of(anchor)
    prefix = floating_prefix(anchor)
    ids = {t.i for t in tokens} | {t.i for t in prefix}
    start_char = min([sent.start_char] + [t.idx for t in prefix])
    text = doc_text(item.doc)[start_char:sent.end_char]
    best: Optional[tuple[int, int, date]] = None
    for day in days_in(text, item.entry.published, future):
        if fold(day.text).startswith(("il y a", "cela fait", "ca fait", "voici", "voila")):
            continue
        token = token_at_char(item.doc, start_char + day.offset)
        if token is None or token.i not in ids:
            continue
        rank = (tree_distance(token, anchor), token.i, day.start)
        if best is None or rank[:2] < best[:2]:
            best = rank
    return best[2] if best else None


def tree_distance(token: Token, anchor: Token) -> int:
    steps, current = 0, token
    while current is not anchor and current.head is not current and steps < 20:
        current, steps = current.head, steps + 1
    return steps if current is anchor else 20


def time_in(tokens: Sequence[Token], item: EntryDoc) -> Optional[tuple[int, int]]:
    if not tokens:
        return None
    sent = sent_of(tokens[0])
    ids = {t.i for t in tokens}
    for clock in clock_times(sent.text):
        token = token_at_char(item.doc, sent.start_char + clock.offset)
        if token is not None and token.i in ids:
            return clock.hour, clock.minute
    return None


def title_day(item: EntryDoc) -> Optional[date]:
    """"Une nouvelle réunion demain à l'Élysée": the day the entry's title gives its meeting."""
    title = item.entry.title
    if not title or not find_phrases(list(_title_doc(title)), meeting_terms()):
        return None
    days = days_in(title, item.entry.published, future=True)
    return days[0].start if days else None


@lru_cache(maxsize=256)
def _title_doc(title: str) -> Doc:
    from kg.extract.nlp import load_nlp
    return load_nlp().make_doc(title)   # tokens only: lemmas are not needed for the title's words


def status_of(mention: MeetingMention, anchor: Token, on: Optional[date], item: EntryDoc) -> str:
    """Planned when the clause speaks of the future ("doivent se rencontrer", "recevra", "prévu",
    "en vue des discussions"), held when it speaks of the past or the day is gone; a bare noun with
    no tense ("à quelques heures de la reprise des discussions") is taken as announced."""
    verbs = [anchor] + ([] if anchor.pos_ in ("VERB", "AUX") else [v for v in governing_verbs(anchor)])
    words = verbs + [c for v in verbs for c in v.children] + [anchor.head, mention.head]
    lemmas = {lemma(t) for t in words}
    if lemmas & cue_words("cancelled"):
        return "cancelled"
    if lemmas & cue_words("postponed"):
        return "postponed"
    if lemmas & cue_words("held"):
        return "held"   # "nous venons d'avoir une réunion"
    if any(is_future(v) for v in verbs + [mention.head]) or lemmas & cue_words("planned"):
        return "planned"
    if on is not None and on < item.entry.published.date():
        return "held"
    if any(is_past(v) for v in verbs):
        return "held"
    return "held" if mention.is_verb else "planned"


def governing_verbs(noun: Token) -> list[Token]:
    current, found = noun, []
    for _ in range(4):
        if current.head is current:
            break
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            found.append(current)
            break
    return found


def is_past(verb: Token) -> bool:
    if "Past" in verb.morph.get("Tense") or "Imp" in verb.morph.get("Tense"):
        return True
    return any(c.dep_.startswith("aux") and ("Imp" in c.morph.get("Tense") or c.lemma_ in ("avoir", "être"))
               for c in verb.children)


# ================================================================== building the meetings of an entry
@extractor("meetings")
def extract_meetings(item: EntryDoc, ctx: Context) -> Iterable[Fact]:
    meetings: list[Meeting] = []
    for mention in meeting_mentions(item.doc):
        if is_not_a_meeting(mention, item):
            continue
        completes = bool(meetings) and refers_back(mention)
        meeting = read_meeting(mention, item, ctx, whole=completes)
        if meeting is not None and (len(meeting.participants) >= MIN_PARTICIPANTS or is_summit_of_a_body(meeting, ctx)):
            meetings.append(meeting)
        elif meeting is not None and meetings and refers_back(mention) and follows(meetings[-1], mention):
            complete(meetings[-1], meeting)
    return meetings


def is_summit_of_a_body(meeting: Meeting, ctx: Context) -> bool:
    """"Le sommet de l'Otan se tiendra à La Haye", "Le Conseil de sécurité se réunira jeudi à New York",
    "les dirigeants de la coalition des volontaires se réuniront jeudi en visioconférence": one
    organisation meeting with itself, at a place or on a day the text states."""
    if meeting.kind not in ("summit", "meeting") or len(meeting.participants) != 1:
        return False
    if meeting.place is None and meeting.date_precision != "stated":
        return False
    actor = ctx.actors.actors.get(meeting.participants[0])
    return actor is not None and actor.kind == "Organization"


def read_meeting(mention: MeetingMention, item: EntryDoc, ctx: Context, whole: bool = True) -> Optional[Meeting]:
    """The meeting a mention tells of. Unless `whole`, None as soon as its participants show it cannot
    be kept (one actor is a meeting only when a body meets at a place: `is_summit_of_a_body`)."""
    head = mention.head
    anchor = anchor_of(mention)
    if mention.is_verb and mention.term.needs_actor_object and not actor_object(head, item, ctx):
        return None   # "recevoir des armes"
    participants = participants_of(mention, anchor, item, ctx)
    clause = meeting_clause(mention, anchor)
    participants += [k for k in with_in_clause(clause, head, item, ctx) if k not in participants]
    participants += [k for k in cue_actors(clause, "presence", item, ctx, True) if k not in participants]
    if not whole and len(participants) < MIN_PARTICIPANTS and (not participants or mention.term.kind not in ("summit", "meeting")):
        return None
    # "Sous l'égide du Qatar, ..." opens the sentence and the parser often makes it its root
    mediators = [k for k in cue_actors(list(sent_of(head)), "mediator", item, ctx, False) if k not in participants]
    future = is_future(anchor) or is_future(head) or bool({lemma(t) for t in (anchor, anchor.head)} & cue_words("planned"))
    on = day_in(clause, anchor, item, future) or relative_when(anchor, item, future) or relative_to_entry(head, item)
    clock = time_in(clause, item)
    status = status_of(mention, anchor, on, item)
    on, precision = meeting_day(on, status, clock, item)
    at = datetime(on.year, on.month, on.day, clock[0], clock[1], tzinfo=item.entry.published.tzinfo) if clock else None
    span = CharSpan(mention.tokens[0].idx, mention.tokens[-1].idx + len(mention.tokens[-1].text))
    kind = mention.term.kind
    if kind != "call" and any(fold(t.lower_) in cue_words("by_phone") for t in tokens_of(clause)):
        kind = "call"   # "s'est entretenu au téléphone avec"
    meeting = Meeting(item.entry_id, span, certainty=certainty_of(sent_of(head)), key=f"{item.entry_id}-{span.start}",
                      participants=participants, mediators=mediators, place=meeting_place(mention, anchor, clause, item, ctx),
                      on=on, at=at, topic=topic_of(meeting_clause_with_topic(mention, anchor)),
                      status=status, kind=kind, date_precision=precision)
    meeting.reports.append(Mention(item.entry_id, span, words_text(mention.tokens)))
    return meeting


def meeting_place(mention: MeetingMention, anchor: Token, clause: list[Token], item: EntryDoc,
                  ctx: Context) -> Optional[str]:
    head = mention.head
    place = place_in(clause, None if mention.is_verb else head, item, ctx)
    if place is None:
        place = relative_where(anchor, item, ctx)   # "arrivé à Moscou, où il doit rencontrer Vladimir Poutine"
    if place is None and head.dep_ in ("conj", "advcl") and head.head.pos_ in ("VERB", "AUX"):
        place = place_in(clause_tokens(head.head), None, item, ctx)   # "avait rencontré ... à Riyad, avant de retrouver les Ukrainiens"
    attending = None if mention.is_verb else attend_verb(head)
    if place is None and attending is not None:
        place = place_in(clause_tokens(attending), None, item, ctx)   # "s'est adressé aux dirigeants réunis à Tirana pour le sommet"
    return place


def meeting_day(on: Optional[date], status: str, clock: Optional[tuple[int, int]], item: EntryDoc) -> tuple[date, str]:
    """The day the text states; else, for an announced meeting, the day the entry's title gives; else
    the entry's own day (the next one for a time already past: "prévue à 17h30", said at 23:43)."""
    if on is not None:
        return on, "stated"
    if status == "planned":
        titled = title_day(item)
        if titled is not None:
            return titled, "stated"
    published = item.entry.published
    day = published.date()
    if clock and status == "planned" and clock < (published.hour, published.minute):
        day += timedelta(days=1)
    return day, "report"


def meeting_clause_with_topic(mention: MeetingMention, anchor: Token) -> list[Token]:
    ids = {t.i for t in clause_tokens(anchor)}
    if not mention.is_verb:
        ids |= {t.i for t in phrase_tokens(mention.head)}
    else:   # "se rencontrer ..., pour discuter d'un accord": the purpose clause says the topic
        for child in mention.head.children:
            if child.dep_ == "advcl" and any(c.lower_ in ("pour", "afin") for c in child.children if c.dep_ == "mark"):
                ids |= {t.i for t in child.subtree}
    return [anchor.doc[i] for i in sorted(ids)]


def actor_object(verb: Token, item: EntryDoc, ctx: Context) -> bool:
    """"recevoir X", "recevoir les chefs d'état-major", or "X sera reçu": the one received is an actor
    or people ("recevoir des armes" is not a meeting)."""
    if any(c.dep_ == "nsubj:pass" for c in verb.children) or any(c.dep_ == "aux:pass" for c in verb.children):
        return True
    if any(c.lower_ in ("se", "s'", "s’", "nous", "vous") and c.dep_.startswith("expl") for c in verb.children):
        return True   # "se retrouveront": they meet each other
    objects = [c for c in verb.children if c.dep_ == "obj" and not is_time_word(c)] or \
        [t for t in [stranded_object(verb)] if t is not None]
    return any(lemma(o) in people_nouns() or fold(o.lower_) in people_nouns()
               or actors_of_phrase(o, item, ctx, people_first=False) for o in objects)


def stranded_object(verb: Token) -> Optional[Token]:
    """"rencontrera samedi au Caire les médiateurs égyptiens": an object the parser hung elsewhere
    (here on "Caire", made a root): the first noun after the verb that is no adverbial phrase."""
    if any(c.dep_ == "obj" and not is_time_word(c) for c in verb.children):
        return None
    doc = verb.doc
    for token in doc[verb.i + 1:min(len(doc), verb.i + 12)]:
        if token.pos_ in ("VERB", "AUX") or token.text in (".", ";", ":", "?", "!", "«", "»", '"'):
            return None
        if token.pos_ in ("NOUN", "PROPN") and not token.dep_.startswith(("obl", "flat", "nummod")) \
                and not is_time_word(token) and token.head.i != token.i - 1 \
                and not any(c.dep_ == "case" and c.lower_ != "des" for c in token.children):   # "des" is an article here
            return token
    return None


def is_time_word(token: Token) -> bool:
    """"mardi", "demain", "soir": a day or time the parser may take for an object."""
    return fold(token.lower_) in TIME_WORDS


TIME_WORDS = {*WEEKDAYS, "demain", "hier", "matin", "soir", "nuit", "midi", "apres-midi", "aujourd'hui", "lendemain", "veille"}


def object_continued(verb: Token, item: EntryDoc, ctx: Context) -> list[str]:
    """Actors of an object the parser cut off into a "next sentence", up to its place phrase."""
    if not any(c.dep_ == "obj" and c.i == sent_of(c).end - 1 or c.right_edge.i == sent_of(c).end - 1
               for c in verb.children if c.dep_ == "obj"):
        return []
    words = []
    for token in continuation(sent_of(verb)):
        if token.lower_ in LOCATIVES or token.is_punct and token.text != "-":
            break
        words.append(token)
    return actors_in_tokens({t.i for t in words}, item, ctx, people_first=False)


def relative_to_entry(head: Token, item: EntryDoc) -> Optional[date]:
    """"au lendemain des pourparlers" (the day before the entry), "à la veille du sommet" (the day after)."""
    governor = head.head
    if governor is head:
        return None
    ref = item.entry.published.date()
    if lemma(governor) in cue_words("day_after"):
        return ref - timedelta(days=1)
    if lemma(governor) in cue_words("day_before") and governor.dep_ != "nsubj":
        return ref + timedelta(days=1)
    return None


def refers_back(mention: MeetingMention) -> bool:
    """"La réunion est prévue à partir de 17h30": a definite meeting noun, the subject of its clause."""
    head = mention.head
    return (not mention.is_verb and head.dep_ in ("nsubj", "nsubj:pass")
            and any(c.dep_ == "det" and c.lower_ in ("la", "le", "les", "l'", "cette", "ce", "ces") for c in head.children))


def follows(meeting: Meeting, mention: MeetingMention) -> bool:
    """The mention is in the sentence of the meeting or the next one (or the next two, when the
    parser cut a sentence short)."""
    doc = mention.head.doc
    sents = doc_sents(doc)
    here = next(k for k, s in enumerate(sents) if s.start <= mention.head.i < s.end)
    there = next((k for k, s in enumerate(sents) if s.start_char <= meeting.span.start < s.end_char), here)
    return 0 <= here - there <= 1 + sum(1 for s in sents[there:here] if not s[-1].is_punct)


def complete(meeting: Meeting, more: Meeting) -> None:
    """Add what a later sentence says of the same meeting (its time, place, day)."""
    meeting.place = meeting.place or more.place
    if more.at and not meeting.at:
        day = meeting.on if meeting.date_precision == "stated" else more.on
        meeting.at = more.at.replace(year=day.year, month=day.month, day=day.day)
        if meeting.date_precision != "stated":
            meeting.on = more.on
    meeting.topic = meeting.topic or more.topic
    meeting.reports += more.reports


# ================================================================== one meeting, many reports
@finalizer("meetings")
def merge_meetings(facts: list[Fact], ctx: Context) -> list[Fact]:
    meetings = [f for f in facts if isinstance(f, Meeting)]
    others = [f for f in facts if not isinstance(f, Meeting)]
    published = {e.entry_id: e.published for e in ctx.document.entries}
    meetings.sort(key=lambda m: (published[m.entry_id], m.span.start))
    merged: list[Meeting] = []
    for meeting in meetings:
        same = [m for m in merged if compatible(m, meeting) and states_of(m.participants, ctx) == states_of(meeting.participants, ctx)]
        if not same:   # a report that names fewer parties ("une réunion avec le président Zelensky")
            same = [m for m in merged if compatible(m, meeting) and parties_within(meeting, m, ctx)]
            same = same if len(same) == 1 else []
        if same:
            absorb(same[0], meeting, published)
        else:
            merged.append(meeting)
    for meeting in merged:
        meeting.key = f"{meeting.reports[0].entry_id}-{meeting.reports[0].span.start}"
        meeting.label = label_of(meeting, ctx)
    return others + merged


def compatible(a: Meeting, b: Meeting) -> bool:
    if ("call" in (a.kind, b.kind)) and a.kind != b.kind and "talks" not in (a.kind, b.kind):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.on != b.on and (a.date_precision == b.date_precision == "stated" or a.status != b.status) \
            and not _named_again(a, b):
        return False   # an assumed day fits a stated one only for a meeting in the same state (both announced, both held)
    return True


def _named_again(a: Meeting, b: Meeting) -> bool:
    """The same entry names talks with their day, then again without one ("Au lendemain des pourparlers
    de Riyad ... « Sur fond de négociations russo-américaines ... »"): one meeting."""
    return a.entry_id == b.entry_id and "report" in (a.date_precision, b.date_precision) \
        and "stated" in (a.date_precision, b.date_precision)


def parties_within(small: Meeting, big: Meeting, ctx: Context) -> bool:
    inner, outer = states_of(small.participants, ctx), states_of(big.participants, ctx)
    return inner < outer or states_of(big.participants, ctx) < states_of(small.participants, ctx)


def absorb(target: Meeting, other: Meeting, published: dict[str, datetime]) -> None:
    target.participants += [k for k in other.participants if k not in target.participants]
    target.mediators += [k for k in other.mediators if k not in target.mediators and k not in target.participants]
    target.place = target.place or other.place
    if target.date_precision != "stated" and other.date_precision == "stated":
        target.on, target.date_precision = other.on, "stated"
    target.at = target.at or other.at
    if len(other.topic) > len(target.topic):
        target.topic = other.topic
    if other.status == "held" or (target.status != "held" and published[other.entry_id] >= published[target.entry_id]):
        target.status = other.status
    target.reports += [r for r in other.reports if r not in target.reports]


def label_of(meeting: Meeting, ctx: Context) -> str:
    names = [ctx.actors.actors[k].label if k in ctx.actors.actors else k for k in meeting.participants]
    return f"{KIND_LABELS.get(meeting.kind, 'rencontre')} : {', '.join(names)}"
