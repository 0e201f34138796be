"""Who says a sentence: the source of a report, for every extractor that needs one.

"a indiqué le ministère de la Défense russe", "selon le gouverneur Andrey Vorobyov",
"Le Kremlin répète que...", "a-t-il ajouté" (a pronoun: the last subject named before),
"a précisé le responsable" (a title: the last person named before). Also finds the quoted
passages of an entry (their words are the speaker's, not the narrator's) and reads how sure
the source is from French hedges ("aurait", "dit avoir", "n'a pas confirmé").
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from kg.extract.actors import NER_KINDS, _looks_like_name, not_actors
from kg.extract.base import Context, EntryDoc
from kg.extract.gazetteer import normalize
from kg.extract.lexicons import SpeechVerb, read_table, read_words, reporting_cues, speech_verbs
from kg.extract.nlp import ACTORS, PLACES
from kg.extract.views import doc_spans, doc_text, doc_tokens, sent_of, tokens_of

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
PRONOUNS = {"il", "elle", "ils", "elles", "lequel", "laquelle", "lesquels", "lesquelles", "celui-ci", "celle-ci",
            "ceux-ci", "celles-ci", "-t-il", "-t-elle", "t-il", "t-elle", "-il", "-elle", "-ils", "-elles",
            "-t-ils", "-t-elles", "lui", "eux"}
PLURAL_PRONOUNS = {"ils", "elles", "lesquels", "lesquelles", "ceux-ci", "celles-ci", "-ils", "-elles", "-t-ils",
                   "-t-elles", "eux"}
# Subjects that name no one the narration has introduced (a quote's "nous", "on", relative "qui")
IMPERSONAL = {"on", "nous", "je", "j'", "j’", "vous", "tu", "ce", "c'", "c’", "cela", "ça", "qui", "que"}
SOURCE_WORDS = ("selon", "d'après", "d’après")
SENTENCE_END = {".", "!", "?", "…", ";"}
NEGATORS = {"ne", "n'", "n’", "pas", "jamais", "guère", "point", "aucunement", "nullement"}
NEGATING_DETS = {"aucun", "aucune", "nul", "nulle"}
# Dependency relations through which a negation above a verb still reaches it
# ("n'a fait aucun commentaire pour revendiquer", "refuse de ... ", "sans démentir").
NEGATION_PATH = ("xcomp", "advcl", "acl", "ccomp", "obj", "obl", "obl:arg", "obl:mod", "nmod", "conj", "csubj")
KIND_RANK = {"Person": 0, "Organization": 1, "Group": 2, "Country": 3}
OPENERS = {"«": "»", "“": "”"}
CLOSERS = {v: k for k, v in OPENERS.items()}
QUOTE_MARKS = re.compile('[«»“”"]')
SPACES = " \t\n\u00a0\u202f"


@dataclass
class Source:
    actor: str              # actor key
    token: Token            # the word that names it (for provenance)
    verb: str = ""          # lemma of the reporting verb, if any
    stance: str = ""
    certainty: str = "certain"


# ------------------------------------------------------------------ quoted passages
@dataclass(frozen=True)
class Quote:
    """A top-level quoted passage of an entry body: marks at `open` and `close`, words in [start, end)."""

    open: int
    close: int
    start: int
    end: int
    text: str


def find_quotes(text: str) -> list[Quote]:
    """Top-level passages between « », “ ” or straight double quotes (nested quotes stay inside)."""
    quotes, stack = [], []
    for mark in QUOTE_MARKS.finditer(text):   # only the marks: a loop over every character cost more
        i, char = mark.start(), mark.group()
        if char in OPENERS:
            stack.append((char, i))
        elif char in CLOSERS and stack and stack[-1][0] == CLOSERS[char]:
            _, opened = stack.pop()
            if not stack:
                quotes.append(_quote(text, opened, i))
        elif char == '"':
            if stack and stack[-1][0] == '"':
                _, opened = stack.pop()
                if not stack:
                    quotes.append(_quote(text, opened, i))
            else:
                stack.append(('"', i))
    return [q for q in quotes if q.text]


def _quote(text: str, opened: int, closed: int) -> Quote:
    start, end = opened + 1, closed
    while start < end and text[start] in SPACES:
        start += 1
    while end > start and text[end - 1] in SPACES:
        end -= 1
    return Quote(opened, closed, start, end, text[start:end])


def quotes_of(doc: Doc) -> list[Quote]:
    if "kg_quotes" not in doc.user_data:
        doc.user_data["kg_quotes"] = find_quotes(doc_text(doc))
    return doc.user_data["kg_quotes"]


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside quotation marks (the marks excluded)."""
    if "kg_quoted" not in doc.user_data:
        inside: set[int] = set()
        quotes = quotes_of(doc)
        if quotes:
            starts = [t.idx for t in doc_tokens(doc)]
            for quote in quotes:   # the tokens starting strictly between the marks
                inside.update(range(bisect_right(starts, quote.open), bisect_left(starts, quote.close)))
        doc.user_data["kg_quoted"] = inside
    return doc.user_data["kg_quoted"]


def quote_of_token(doc: Doc, token: Token) -> Optional[Quote]:
    return next((q for q in quotes_of(doc) if q.open < token.idx < q.close), None)


def is_sentence_end(token: Token) -> bool:
    """A full stop outside quotes ("« ... Moscou ment toujours. »" does not end the narration's sentence)."""
    return token.text in SENTENCE_END and token.i not in quoted_tokens(token.doc)


# ------------------------------------------------------------------ actor mentions
def actor_spans(doc: Doc) -> list[Span]:
    """Gazetteer actor spans plus the person/organisation entities the actor table accepts, in text order."""
    if "kg_actor_spans" not in doc.user_data:
        spans = list(doc_spans(doc, ACTORS))
        taken = {i for s in spans for i in range(s.start, s.end)}
        places = {i for s in doc_spans(doc, PLACES) for i in range(s.start, s.end)}
        for ent in doc.ents:
            if ent.label_ not in NER_KINDS or taken.intersection(range(ent.start, ent.end)):
                continue
            if places.issuperset(range(ent.start, ent.end)) or not _looks_like_name(ent):
                continue
            if normalize(ent.text) in not_actors():
                continue
            spans.append(ent)
        doc.user_data["kg_actor_spans"] = sorted(spans, key=lambda s: s.start)
    return doc.user_data["kg_actor_spans"]


def is_pronoun(token: Token) -> bool:
    """A pronoun, not a name the tagger took for one ("Les FSR" tagged PRON)."""
    if token.lower_ in PRONOUNS:
        return True
    return token.pos_ == "PRON" and not any(s.start <= token.i < s.end for s in actor_spans(token.doc))


def _kind(span: Span, ctx: Context) -> str:
    entry = ctx.gazetteer.actors.get(span.label_)
    if entry is not None:
        return entry.kind
    return NER_KINDS.get(span.label_, "Organization")


def _rank(span: Span, ctx: Context) -> int:
    """Persons before organisations before states: "le porte-parole du Kremlin, Dmitri Peskov"."""
    return KIND_RANK.get(_kind(span, ctx), 4)


def is_name(span: Span, ctx: Context) -> bool:
    """A person named by name ("Dmitri Peskov"), not by a title alias ("ministre ukrainien de la Défense")."""
    return _kind(span, ctx) == "Person" and span.text[:1].isupper()


def _depth(token: Token, top: Token) -> int:
    depth = 0
    while token.i != top.i and token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def actor_in_subtree(token: Token, item: EntryDoc, ctx: Context, within: Optional[set[int]] = None) -> Optional[str]:
    """The actor named by the phrase headed by `token`.

    A person named in the phrase wins over the title or body it holds ("le ministre ukrainien de la
    Défense, Roustem Oumerov" is Oumerov, not whoever the title alias points to); then the span on
    the head word; then the closest in the tree. `within` limits the search to some tokens (a noun
    phrase without its clauses)."""
    doc = token.doc
    if is_pronoun(token):
        return pronoun_antecedent(token, item, ctx) if token.lower_ in PRONOUNS else None
    start, end = token.left_edge.i, token.right_edge.i + 1
    quoted = quoted_tokens(doc) if token.i not in quoted_tokens(doc) else set()
    # a span on the head word counts even when a bad parse cuts it ("Emmanuel" nsubj, "Macron" advmod)
    candidates = [s for s in actor_spans(doc) if (start <= s.start and s.end <= end or s.start <= token.i < s.end)
                  and s.start not in quoted and (within is None or s.root.i in within or s.start <= token.i < s.end)]
    # "les dirigeants réunis à Tirana": a capital inside the phrase, named as a place
    candidates = [s for s in candidates if s.start <= token.i < s.end or not ctx.actors.used_as_place(s)]
    if not candidates:
        return None
    names = [c for c in candidates if is_name(c, ctx)]
    on_head = [c for c in candidates if c.start <= token.i < c.end]
    rest = sorted((c for c in candidates if c not in on_head),
                  key=lambda c: (_depth(c.root, token), _rank(c, ctx), c.start))
    for span in sorted(names, key=lambda c: (_depth(c.root, token), c.start)) + on_head + rest:
        key = ctx.actors.resolve_span(span, item.entry_id)
        if key:
            return key
    return None


def previous_actor(item: EntryDoc, ctx: Context, before_char: int, persons_first: bool = True) -> Optional[str]:
    """The last actor named before a character offset in the same entry, outside quotes."""
    quoted = quoted_tokens(item.doc)
    spans = [s for s in actor_spans(item.doc) if s.end_char <= before_char and s.start not in quoted]
    spans.sort(key=lambda s: s.start_char, reverse=True)
    if persons_first:
        people = [s for s in spans if _rank(s, ctx) == 0]
        spans = people + [s for s in spans if s not in people]
    for span in spans:
        key = ctx.actors.resolve_span(span, item.entry_id)
        if key:
            return key
    return None


# ------------------------------------------------------------------ antecedents
@dataclass(frozen=True)
class SubjectMention:
    """An actor that is the subject of a clause (or the speaker of a quote), where it was named."""

    char: int
    actor: str
    kind: str


def subject_mentions(item: EntryDoc, ctx: Context) -> list[SubjectMention]:
    """The subjects named in an entry's narration, in text order (for "il", "Lequel")."""
    doc = item.doc
    if "kg_subjects" not in doc.user_data:
        doc.user_data["kg_subjects"] = []   # set first: resolving below may look for antecedents
        found: list[SubjectMention] = []
        quoted = quoted_tokens(doc)
        for token in doc_tokens(doc):
            if token.i in quoted:
                continue
            if token.dep_ in SUBJECT_DEPS and not is_pronoun(token):
                key = actor_in_subtree(token, item, ctx)
                if key:
                    found.append(SubjectMention(token.idx, key, _actor_kind(key, ctx)))
            elif token.pos_ == "VERB" and speech_verb(token) and speech_verb_subject(token) is None:
                span = inverted_subject(token, item, ctx)
                if span is not None:
                    key = ctx.actors.resolve_span(span, item.entry_id)
                    if key:
                        found.append(SubjectMention(span.start_char, key, _actor_kind(key, ctx)))
        doc.user_data["kg_subjects"] = sorted(found + doc.user_data["kg_subjects"], key=lambda m: m.char)
    return doc.user_data["kg_subjects"]


def note_speaker(item: EntryDoc, ctx: Context, char: int, key: str) -> None:
    """Record a resolved speaker as a subject, so that a later "a-t-il ajouté" finds it."""
    mentions = subject_mentions(item, ctx)
    if not any(m.char == char and m.actor == key for m in mentions):
        mentions.append(SubjectMention(char, key, _actor_kind(key, ctx)))
        mentions.sort(key=lambda m: m.char)


def _actor_kind(key: str, ctx: Context) -> str:
    actor = ctx.actors.actors.get(key)
    return actor.kind if actor is not None else "Organization"


def pronoun_antecedent(token: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """The actor a subject pronoun stands for: the last subject named before it in the entry,
    persons first for a singular pronoun ("a-t-il ajouté"), outside quotes."""
    before = [m for m in subject_mentions(item, ctx) if m.char < token.idx]
    plural = token.lower_ in PLURAL_PRONOUNS
    if not plural:
        people = [m for m in before if m.kind == "Person"]
        if people:
            return people[-1].actor
    if before:
        return before[-1].actor
    return previous_actor(item, ctx, token.idx, persons_first=not plural)


@dataclass(frozen=True)
class SpeakerTitle:
    noun: str
    kind: str
    hints: tuple[str, ...]


@lru_cache(maxsize=1)
def speaker_titles() -> dict[str, SpeakerTitle]:
    rows = read_table("lexicons/speaker_titles.tsv")
    return {r["noun"]: SpeakerTitle(r["noun"], r["kind"], tuple(h for h in r.get("hints", "").split("|") if h))
            for r in rows}


def title_antecedent(token: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """"a précisé le responsable", "assure le ministère": the last actor of that kind named before,
    whose names carry the title's hint word when the lexicon gives one ("le maire" -> a mayor), and of
    the title's nationality when it has one ("la ministre lituanienne" is no Ukrainian)."""
    title = speaker_titles().get(token.lemma_.lower()) or speaker_titles().get(token.lower_)
    if title is None:
        return None
    country = nationality_of(token, ctx)
    quoted = quoted_tokens(item.doc)
    spans = [s for s in actor_spans(item.doc) if s.end_char <= token.idx and s.start not in quoted]
    for span in reversed(spans):
        if _kind(span, ctx) != title.kind:
            continue
        key = ctx.actors.resolve_span(span, item.entry_id)
        if key and _fits_title(key, span, title, ctx, _rank_word(token)) \
                and (country is None or _country_of(key, ctx) == country):
            return key
    return _earlier_group(item, ctx) if title.kind == "Group" else None


def _earlier_group(item: EntryDoc, ctx: Context) -> Optional[str]:
    """"Les rebelles ont accusé ...", with no group named in the entry: the armed group named last in
    the entries before (a live blog names "les rebelles houthis" once, then "les rebelles")."""
    earlier = [(m.entry_id, m.span.start, actor.key) for actor in ctx.actors.actors.values() if actor.kind == "Group"
               for m in actor.mentions if m.entry_id < item.entry_id]
    return max(earlier)[2] if earlier else None


RANK_WORDS = ("premier", "première", "vice", "ancien", "ancienne", "ex", "sous")


def _rank_word(token: Token) -> str:
    """"premier" in "le Premier ministre", "" in "le ministre": a different office."""
    before = token.doc[token.i - 1].lower_.rstrip("-") if token.i > 0 else ""
    return before if before in RANK_WORDS else ""


def _fits_title(key: str, span: Span, title: SpeakerTitle, ctx: Context, rank: str = "") -> bool:
    """The antecedent holds the title: its gazetteer names say so, or the text named it with the title
    ("le maire Vitali Klitschko"); a title without hint words fits anyone of its kind. "Le ministre"
    is not "le Premier ministre" named before, nor the other way round."""
    if not title.hints:
        return True
    words = [t.lower_ for t in span.doc[max(span.start - 6, 0):span.start]]
    before = " ".join(words)
    if title.noun in words:
        position = len(words) - 1 - words[::-1].index(title.noun)
        named_rank = words[position - 1].rstrip("-") if position > 0 and words[position - 1].rstrip("-") in RANK_WORDS else ""
        return named_rank == rank
    if any(normalize(h) in normalize(before) for h in title.hints):
        return True
    entry = ctx.gazetteer.actors.get(key)
    if entry is None:
        return False
    names = [normalize(n) for n in entry.names()]
    return any(normalize(h) in n and (rank in n.split() or not rank and not set(RANK_WORDS) & set(n.split()))
               for n in names for h in title.hints)


def _country_of(key: str, ctx: Context) -> Optional[str]:
    entry = ctx.gazetteer.actors.get(key)
    return entry.country if entry is not None else None


def speaker_of_phrase(token: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """The actor a subject phrase names: by name, by pronoun, or by a title that refers back."""
    key = actor_in_subtree(token, item, ctx)
    if key:
        return key
    if token.pos_ in ("NOUN", "PROPN"):
        return title_speaker(token, item, ctx) or institution_speaker(token, ctx)
    return None


def institution_speaker(noun: Token, ctx: Context) -> Optional[str]:
    """"selon l'administration militaire régionale", "selon la police": an institution the gazetteer
    does not know speaks for the state whose places its sentence names (Kherson -> Ukraine)."""
    if noun.lemma_.lower() not in institution_nouns() or any(c.dep_ == "det" and c.lower_ in ("un", "une", "des")
                                                             for c in noun.children):
        return None
    # the land its sentence, then its entry, speaks of before any state it names: "Selon l'armée, la
    # Russie a lancé 90 drones sur Kharkiv" is Ukraine's army
    sent = sent_of(noun)
    return (ctx.actors.territory_state(sent) or ctx.actors.territory_state(noun.doc[:])
            or ctx.actors.state_of_sentence(sent))


@lru_cache(maxsize=1)
def institution_nouns() -> frozenset[str]:
    return frozenset(read_words("lexicons/institution_nouns.txt"))


# ------------------------------------------------------------------ speech verbs and their subjects
# Endings of -er verbs, to recover the lemma when spaCy's lemmatizer leaves a form as it is ("indique").
ER_ENDINGS = sorted(("aient", "ait", "ent", "ées", "és", "ée", "é", "es", "e", "ons", "ez", "ant", "a", "era",
                     "eront", "erait", "eraient", "èrent", "ai", "ais", "aient"), key=len, reverse=True)


def verb_lemma(token: Token, lexicon) -> Optional[str]:
    """The token's lemma if the lexicon has it, else the -er infinitive its form points to."""
    lemma = token.lemma_
    if lemma in lexicon:
        return lemma
    return next((candidate for candidate in _er_infinitives(token.lower_) if candidate in lexicon), None)


@lru_cache(maxsize=1 << 15)
def _er_infinitives(form: str) -> tuple[str, ...]:
    """The -er infinitives a form may come from, longest ending first ("indiquent" -> "indiquer")."""
    return tuple(form[: -len(ending)] + "er" for ending in ER_ENDINGS
                 if form.endswith(ending) and len(form) > len(ending) + 2)


def speech_verb(token: Token) -> Optional[SpeechVerb]:
    """The lexicon entry of a speech verb, or None. A participle the tagger took for a noun counts
    when an auxiliary comes just before it ("a-t-il martelé")."""
    if token.pos_ not in ("VERB", "AUX") and not _after_auxiliary(token):
        return None
    lemma = verb_lemma(token, speech_verbs())
    return speech_verbs()[lemma] if lemma else None


def _after_auxiliary(token: Token) -> bool:
    if token.pos_ not in ("NOUN", "ADJ", "PROPN") or not token.is_lower:
        return False
    i = token.i - 1
    while i >= 0 and token.doc[i].text.startswith("-"):
        i -= 1  # the clitics of "a-t-il"
    return i >= 0 and token.doc[i].pos_ == "AUX" and token.doc[i].lemma_ in ("avoir", "être")


def speech_verb_subject(verb: Token) -> Optional[Token]:
    """The subject of a (speech) verb, through auxiliaries and coordination (never a word of a quote
    that the parser hung on the verb of the narration)."""
    quoted = quoted_tokens(verb.doc) if verb.i not in quoted_tokens(verb.doc) else set()
    clitic = clitic_subject(verb)
    if clitic is not None:
        return clitic
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.i not in quoted:
            return child
    if verb.dep_ == "conj" and _incise(verb):
        return None   # "X a ouvert le feu sur Y, a affirmé le ministère": the ministry speaks, not X
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ in SUBJECT_DEPS and child.i not in quoted:
                return child
    for child in verb.children:  # "a-t-il ajouté": the clitic hangs on the verb or its auxiliary
        if child.lower_ in PRONOUNS and child.i not in quoted:
            return child
    if verb.lower_.endswith("ant") and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
            and verb.dep_ in ("advcl", "acl") and not any(c.lower_ == "en" for c in verb.children):
        main = verb.head   # "X a ordonné des frappes à Gaza, accusant le Hamas de": X accuses
        while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
            main = main.head
        return speech_verb_subject(main) if main.pos_ in ("VERB", "AUX") and main.i != verb.i else None
    return None


def _incise(verb: Token) -> bool:
    """", a affirmé le ministère": a speech verb after a comma, with no "et", whose subject follows it
    (the parser reads it as a second verb of the sentence's subject, the noun after it as an object)."""
    doc = verb.doc
    first = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i])
    return first > 0 and doc[first - 1].text == "," and not any(c.dep_ == "cc" for c in verb.children) \
        and any(c.i > verb.i and c.dep_ in ("obj", "nsubj") and c.pos_ in ("NOUN", "PROPN") for c in verb.children) \
        and speech_verb(verb) is not None


def clitic_subject(verb: Token) -> Optional[Token]:
    """"a-t-il ajouté", "affirme-t-il", "aurait-elle dit": the inverted subject clitic next to the verb."""
    doc = verb.doc
    for i in range(max(verb.i - 3, 0), min(verb.i + 3, len(doc))):
        token = doc[i]
        if token.text.startswith("-") and token.lower_.lstrip("-t") in ("il", "elle", "ils", "elles", "on"):
            between = range(min(i, verb.i) + 1, max(i, verb.i))
            # "a-t-il ajouté", "a-t-il toutefois précisé"
            if all(doc[j].pos_ in ("AUX", "PRON", "VERB", "ADV") or doc[j].text.startswith("-") for j in between):
                return token
    return None


def inverted_subject(verb: Token, item: EntryDoc, ctx: Context) -> Optional[Span]:
    """The actor named after a speech verb ("a indiqué le ministère de la Défense russe dans un
    communiqué", "a déclaré son porte-parole, Dmitri Peskov, précisant..."): the first actor of the
    phrase that follows, or a person named in apposition to it."""
    doc = verb.doc
    quoted = quoted_tokens(doc)
    end = verb.i + 1
    while end < len(doc) and end - verb.i <= 14:
        token = doc[end]
        if token.text in SENTENCE_END or token.text in (":", "«", '"', "“") or token.i in quoted:
            break
        if token.pos_ in ("VERB", "AUX") or token.lower_ in ("qui", "que", "qu'", "qu’", "avant", "après"):
            break
        end += 1
    spans = [s for s in actor_spans(doc) if verb.i < s.start and s.end <= end and not _after_preposition(s)]
    if not spans:
        return None
    first = spans[0]
    if not is_name(first, ctx):
        names = [s for s in spans[1:] if is_name(s, ctx) and s.start - first.end <= 3]
        if names:
            return names[0]
    return first


def _after_preposition(span: Span) -> bool:
    """"a déclaré à l'AFP", "dans un entretien au Monde": a name in an adverbial phrase is not the subject
    ("de" is not such a preposition: "le porte-parole du Kremlin")."""
    i = span.start - 1
    while i >= 0 and span.doc[i].pos_ == "DET":
        i -= 1
    return i >= 0 and span.doc[i].pos_ == "ADP" and span.doc[i].lower_ not in ("de", "d'", "d’", "du", "des")


def title_after(verb: Token) -> Optional[Token]:
    """"assure le ministère", "a précisé le responsable", "a indiqué à Reuters un responsable américain":
    the title noun that follows the verb as its subject (not one inside an adverbial phrase)."""
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.i + 9, len(doc))):
        token = doc[i]
        if token.is_punct or token.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ") or token.i in quoted_tokens(doc):
            return None
        if token.pos_ == "NOUN" and _is_title(token) and not _after_preposition(doc[i:i + 1]):
            return token
    return None


def _is_title(token: Token) -> bool:
    return token.lemma_.lower() in speaker_titles() or token.lower_ in speaker_titles()


def verb_speaker(verb: Token, item: EntryDoc, ctx: Context) -> tuple[Optional[str], Optional[Token]]:
    """Who utters a speech verb: its subject, its inverted subject clitic, or the actor after it."""
    subject = speech_verb_subject(verb)
    if subject is None and verb.dep_ in ("conj", "acl:relcl", "acl") and verb.head.dep_ == "ROOT" \
            and verb.head.pos_ == "PROPN" and verb.head.i < verb.i:
        # "Kiev dément et accuse ...": the first verb misread ("dément" as an adverb), the name became the root
        span = ctx.actors.actor_at(verb.doc, verb.head.i, verb.head.i + 1)
        key = ctx.actors.resolve_span(span, item.entry_id) if span is not None else None
        if key:
            return key, verb.head
    if subject is not None and subject.lower_ == "qui" and verb.dep_.startswith("acl"):
        subject = verb.head  # "Zelensky, qui a déclaré": the relative pronoun stands for the noun
    if subject is not None and subject.lower_ in IMPERSONAL:
        return None, None
    if subject is not None:
        if is_pronoun(subject):
            return (pronoun_antecedent(subject, item, ctx) if subject.lower_ in PRONOUNS else None), subject
        # "Le chef de l'administration présidentielle, Andriï Iermak, a accusé": the parser may give
        # the title and the name as two subjects; the one that names an actor wins over a title
        for other in [subject] + _other_subjects(verb, subject):
            key = actor_in_subtree(other, item, ctx)
            if key:
                return key, other
        key = title_speaker(subject, item, ctx) if subject.pos_ in ("NOUN", "PROPN") else None
        if key:
            return key, subject
        if subject.pos_ == "NOUN" and subject.i < verb.i:
            return None, subject   # "Les rebelles ont accusé Israël": an unknown subject, not the name after the verb
    span = inverted_subject(verb, item, ctx)
    if span is not None:
        key = ctx.actors.resolve_span(span, item.entry_id)
        if key:
            return key, span.root
    title = title_after(verb)
    if title is not None:
        key = title_speaker(title, item, ctx)
        if key:
            return key, title
    return None, None


def title_speaker(noun: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """Who a title without a name stands for: "le responsable" refers back to the person named before;
    "un haut responsable iranien" is no one named, it speaks for Iran."""
    if not _is_title(noun):
        return None
    if any(c.dep_ == "det" and c.lower_ in ("son", "sa", "leur") for c in noun.children):
        key = possessed_title(noun, item, ctx)
        if key:
            return key
    key = title_antecedent(noun, item, ctx) if not _indefinite(noun) else None
    return key or nationality_of(noun, ctx)


def possessed_title(noun: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """"Le Kremlin a rejeté la proposition, son porte-parole jugeant...": the holder of that title of
    the body named last ("porte-parole du Kremlin" -> Peskov), else the body itself."""
    owner = previous_actor(item, ctx, noun.idx, persons_first=False)
    actor = ctx.actors.actors.get(owner) if owner else None
    if actor is None or actor.kind == "Person":
        return None
    names = [actor.label, *sorted(actor.aliases)]
    entry = ctx.gazetteer.actors.get(owner)
    names += entry.names() if entry is not None else []
    for name in names:
        for link in ("du ", "de ", "de la ", "de l'", "des "):
            holder = ctx.gazetteer.actor_for(f"{noun.text} {link}{name}", ctx.actors.on)
            if holder is not None and holder.kind == "Person":
                return ctx.actors.resolve_name(holder.label, "Person")
    return owner


def _indefinite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("un", "une", "des") for c in noun.children)


def nationality_of(noun: Token, ctx: Context) -> Optional[str]:
    """"un responsable américain", "un diplomate ukrainien": an unnamed official speaks for the state."""
    for child in noun.children:
        if child.dep_ == "amod":
            country = ctx.gazetteer.adjectives.get(child.lower_)
            if country and country in ctx.gazetteer.actors:
                ctx.actors.actor(country)
                return country
    return None


def _other_subjects(verb: Token, subject: Token) -> list[Token]:
    quoted = quoted_tokens(verb.doc) if verb.i not in quoted_tokens(verb.doc) else set()
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != subject.i and c.i not in quoted
            and not is_pronoun(c)]


def source_phrase(cue: Token) -> Optional[Token]:
    """The noun phrase after "selon" / "d'après" (its head)."""
    head = cue.head if cue.head.i != cue.i else cue
    if head.i < cue.i:  # attached upward: take the next content word instead
        for token in cue.doc[cue.i + 1: cue.i + 6]:
            if token.pos_ in ("NOUN", "PROPN", "PRON"):
                return token
        return None
    return head


def is_source_cue(token: Token) -> bool:
    return token.lower_ in SOURCE_WORDS or (token.lower_ == "après" and token.i > 0
                                           and token.nbor(-1).lower_ in ("d'", "d’"))


def sentence_source(sent: Span, item: EntryDoc, ctx: Context, skip: Iterable[Token] = ()) -> Optional[Source]:
    """The source of a sentence: a "selon X" phrase, else the subject of a reporting verb."""
    skip_ids = {t.i for t in skip}
    quoted = quoted_tokens(item.doc)
    for token in tokens_of(sent):
        if token.i in quoted or not is_source_cue(token):
            continue
        head = source_phrase(token)
        key = speaker_of_phrase(head, item, ctx) if head is not None else None
        if key:
            return Source(key, head, "selon", "assert", certainty_of(sent))
    for token in tokens_of(sent):
        info = speech_verb(token)
        if token.i in skip_ids or token.i in quoted or info is None:
            continue
        key, named = verb_speaker(token, item, ctx)
        if key and named is not None:
            return Source(key, named, info.lemma, info.stance, certainty_of(sent, info.certainty))
    return None


# ------------------------------------------------------------------ certainty and polarity
LEVEL = {"certain": 0, "probable": 1, "possible": 2}


def lower_certainty(a: str, b: str) -> str:
    return a if LEVEL.get(a, 0) >= LEVEL.get(b, 0) else b


def certainty_of(span: Span, default: str = "certain") -> str:
    """Lower the certainty for hedges ("aurait", "pourrait", "selon des sources", "n'a pas confirmé").
    Kept per doc: every fact of a sentence asks it of the sentence."""
    known = span.doc.user_data.setdefault("kg_certainty", {})
    key = (span.start, span.end, default)
    if key not in known:
        known[key] = _certainty_of(span, default)
    return known[key]


def _certainty_of(span: Span, default: str) -> str:
    quoted = quoted_tokens(span.doc)
    words = [t for t in tokens_of(span) if t.i not in quoted]
    text = " " + " ".join(t.lower_ for t in words).replace("’", "'").replace("' ", "'") + " "
    result = default
    for cue, row in reporting_cues().items():
        if row["kind"] in ("hedge", "negation_frame") and f" {cue.replace('’', chr(39))} " in text:
            result = lower_certainty(result, row["certainty"])
    if any("Cnd" in t.morph.get("Mood") or "Cond" in t.morph.get("Mood") for t in words):
        result = lower_certainty(result, "probable")
    return result


def polarity_of(span: Span) -> str:
    """Negative when the source says it does not ("n'a pas confirmé", "sans confirmer")."""
    quoted = quoted_tokens(span.doc)
    text = " " + " ".join(t.lower_ for t in tokens_of(span) if t.i not in quoted).replace("’", "'").replace("' ", "'") + " "
    for cue, row in reporting_cues().items():
        if row["kind"] == "negation_frame" and f" {cue} " in text:
            return "negative"
    return "positive"


def _negated_here(token: Token) -> bool:
    quoted = quoted_tokens(token.doc) if token.i not in quoted_tokens(token.doc) else set()
    for child in token.children:
        if child.i in quoted:
            continue  # the quote's own negations are the speaker's words, not the narrator's frame
        if child.dep_ in ("advmod", "advmod:neg") and (child.lower_ in NEGATORS or "Neg" in child.morph.get("Polarity")):
            return True
        if child.lower_ == "sans" and child.dep_ in ("mark", "case"):
            return True
        if child.dep_ in ("obj", "nsubj", "obl:arg") and any(
                g.dep_ == "det" and g.lower_ in NEGATING_DETS for g in child.children):
            return True
    return False


def is_negated(token: Token) -> bool:
    """"n'a pas confirmé", "ne revendique pas", "aucun commentaire pour revendiquer", "sans démentir"."""
    current, steps = token, 0
    while steps < 6:
        if _negated_here(current):
            return True
        if current.dep_ not in NEGATION_PATH or current.head.i == current.i:
            return False
        if current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX") and current.pos_ in ("VERB", "AUX"):
            return False  # "ne dit rien mais revendique": a coordinated verb keeps its own polarity
        quoted = quoted_tokens(current.doc)
        if current.i not in quoted and current.head.i in quoted:
            return False  # the parser hung the narration on a word of the quote
        current, steps = current.head, steps + 1
    return False
