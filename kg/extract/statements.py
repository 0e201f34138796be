"""Statements: direct quotes and who said them.

A quoted passage is a statement when something frames it as speech:
  - a speech verb after it: « ... », a déclaré Andriï Kovalenko / a-t-il ajouté / assure le ministère;
  - a colon after the speaker's clause: Friedrich Merz s'est montré déçu : « ... »;
  - a speech verb before it in the same sentence: il a indiqué qu'il n'y aura « ... » (long clauses only);
  - nothing, when it stands as a sentence of its own after a sentence about its speaker.
Scare quotes in narration (une attaque « massive », pour « inciter ») are not statements: quotes of
fewer than three words are never kept, and a quote embedded in a sentence must read as a clause.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from kg.extract.base import Context, EntryDoc, extractor
from kg.extract.sources import (IMPERSONAL, SUBJECT_DEPS, Quote, actor_spans, certainty_of, is_name, is_negated,
                                is_pronoun, is_sentence_end, is_source_cue, note_speaker, pronoun_antecedent,
                                quoted_tokens, quotes_of, source_phrase, speaker_of_phrase, speech_verb, verb_speaker)
from kg.extract.views import doc_tokens, tokens_of
from kg.facts import Span as CharSpan, Statement

MIN_WORDS = 3           # "« massive »", "« pris en compte »" are narration, not speech
MIN_WORDS_EMBEDDED = 6  # a quote inside the narrator's sentence must be a clause of some length
MIN_WORDS_NOMINAL = 10  # ... or, without a verb, a long phrase (a truce's name is shorter)
MAX_GAP = 15            # tokens between a quote and the speech verb that follows it ("», deux localités ..., a indiqué X")


@dataclass
class Frame:
    """What makes a quote speech: who says it, with which verb, and the words that say so."""

    speaker: str
    start: int              # token range of the speaker clause
    end: int
    verb: Optional[Token] = None
    kind: str = "post"      # post | colon | embedded | alone | continued


@extractor("statements")
def extract_statements(item: EntryDoc, ctx: Context) -> Iterable[Statement]:
    """The statements of one entry; also leaves each quote's speaker in `doc.user_data["kg_statement_speakers"]`
    ({quote's opening mark offset: (speaker key, certainty)}) for the extractors that read quotes."""
    doc = item.doc
    statements: list[Statement] = []
    previous: Optional[tuple[Quote, Frame]] = None
    doc.user_data["kg_statement_speakers"] = {}
    for quote in quotes_of(doc):
        tokens = quote_tokens(doc, quote)
        if tokens is None:
            continue
        frame = frame_of(quote, previous, item, ctx)
        if frame is None:
            continue
        if frame.kind == "continued" and quote.text[:1].islower() and statements:
            statements[-1] = _joined(statements[-1], quote)  # « Nous ne céderons pas », a-t-il dit, « et ... »
        elif is_speech(tokens, frame):
            statements.append(_statement(quote, frame, item))
        else:
            continue
        previous = (quote, frame)
        # the attributions extractor reads what a quote's speaker says ("le régime de Kiev a frappé")
        doc.user_data["kg_statement_speakers"][quote.open] = (frame.speaker, statements[-1].certainty)
    return statements


def _joined(first: Statement, second: Quote) -> Statement:
    """One statement from a quote split in two around its speech verb."""
    first.quote = f"{first.quote} {second.text}"
    first.quote_span = CharSpan(first.quote_span.start if first.quote_span else first.span.start, second.end)
    first.span = CharSpan(first.span.start, max(first.span.end, second.close + 1))
    return first


def quote_tokens(doc: Doc, quote: Quote) -> Optional[Span]:
    return doc.char_span(quote.start, quote.end, alignment_mode="expand")


def word_count(tokens: Span) -> int:
    return sum(1 for t in tokens if t.is_alpha or t.like_num)


def is_speech(tokens: Span, frame: Frame) -> bool:
    """Long enough to be speech; an embedded quote must also hold a verb ("trêve dans les airs et en mer" is a name)."""
    if word_count(tokens) < MIN_WORDS:
        return False
    if frame.kind == "embedded":
        words = word_count(tokens)
        return words >= MIN_WORDS_EMBEDDED and any(t.pos_ in ("VERB", "AUX") for t in tokens) \
            or words >= MIN_WORDS_NOMINAL   # "a appelé à « une désescalade immédiate et à un retour ... »"
    return True


def frame_of(quote: Quote, previous: Optional[tuple[Quote, Frame]], item: EntryDoc, ctx: Context) -> Optional[Frame]:
    """The first frame that makes the quote speech, the most explicit first."""
    return (continued_frame(quote, previous, item)
            or post_frame(quote, item, ctx)
            or colon_frame(quote, item, ctx)
            or embedded_frame(quote, item, ctx)
            or standalone_frame(quote, item, ctx))


def _statement(quote: Quote, frame: Frame, item: EntryDoc) -> Statement:
    doc = item.doc
    clause = doc[frame.start:frame.end]
    info = speech_verb(frame.verb) if frame.verb is not None else None
    certainty = certainty_of(clause, info.certainty if info else "certain") if len(clause) else "certain"
    polarity = "negative" if frame.verb is not None and is_negated(frame.verb) else "positive"
    start = min(quote.open, clause.start_char if len(clause) else quote.open)
    end = max(quote.close + 1, clause.end_char if len(clause) else quote.close + 1)
    return Statement(item.entry_id, CharSpan(start, end), certainty=certainty, polarity=polarity,
                     speaker=frame.speaker, quote=quote.text, quote_span=CharSpan(quote.start, quote.end),
                     verb=info.lemma if info else "",
                     stance=info.stance if info else "")


# ------------------------------------------------------------------ the frames
def _token_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get("kg_token_starts")
    if starts is None:
        starts = doc.user_data["kg_token_starts"] = [t.idx for t in doc_tokens(doc)]
    return starts


def _after(doc: Doc, quote: Quote) -> int:
    """Index of the first token after the closing mark."""
    return bisect_right(_token_starts(doc), quote.close)


def _before(doc: Doc, quote: Quote) -> int:
    """Index of the opening mark's token."""
    i = bisect_right(_token_starts(doc), quote.open) - 1
    return i if i >= 0 and quote.open < doc[i].idx + len(doc[i]) else 0


def _is_speech_verb(token: Token) -> bool:
    """A speech verb used as a verb ("le communiqué publié par Moscou" is a noun's modifier)."""
    info = speech_verb(token)
    if info is None or info.lemma in ("avoir", "être"):
        return False
    return not (token.dep_ in ("acl", "amod") and "Part" in token.morph.get("VerbForm"))


def post_frame(quote: Quote, item: EntryDoc, ctx: Context) -> Optional[Frame]:
    """« ... », a déclaré X / a-t-il ajouté / assure le ministère / selon le Kremlin."""
    doc = item.doc
    first = _after(doc, quote)
    if first >= len(doc) or not (doc[first].is_punct and doc[first].text in (",", "—", "–", "-")
                                 or doc[first].pos_ in ("VERB", "AUX") or is_source_cue(doc[first])):
        return None
    quoted = quoted_tokens(doc)
    for i in range(first, min(first + MAX_GAP, len(doc))):
        token = doc[i]
        if is_sentence_end(token) or token.i in quoted or token.text in (":", "«", '"', "“"):
            return None
        if is_source_cue(token):
            head = source_phrase(token)
            key = speaker_of_phrase(head, item, ctx) if head is not None else None
            return Frame(key, first, head.right_edge.i + 1, None, "post") if key else None
        if _is_speech_verb(token):
            key, named = verb_speaker(token, item, ctx)
            if not key:
                return None
            end = max(token.i + 1, _phrase_end(named) if named is not None else 0)
            note_speaker(item, ctx, named.idx if named is not None else token.idx, key)
            return Frame(key, first, end, token, "post")
        if token.pos_ in ("CCONJ", "SCONJ") or token.pos_ == "VERB" and "Fin" in token.morph.get("VerbForm"):
            return None  # another clause ("», mais le Kremlin a démenti") runs before any later speech verb
    return None


def _phrase_end(named: Token) -> int:
    """End of the name a speaker token belongs to ("Volodymyr" -> after "Zelensky")."""
    span = next((s for s in actor_spans(named.doc) if s.start <= named.i < s.end), None)
    return span.end if span is not None else named.i + 1


def _clause_start(doc: Doc, before: int, stop_at_quote: bool = True) -> int:
    """Start of the narration clause that ends at token `before` (after a full stop or a previous quote)."""
    quoted = quoted_tokens(doc)
    i = before - 1
    while i >= 0:
        token = doc[i]
        if is_sentence_end(token):
            return i + 1
        if stop_at_quote and token.i not in quoted and token.text in ("»", "”", '"') and i > 0 and doc[i - 1].i in quoted:
            return i + 1
        i -= 1
    return 0


Found = tuple[Optional[str], Optional[Token], Optional[Token]]   # speaker key, the word naming it, the speech verb


def _speaker_in(doc: Doc, start: int, end: int, item: EntryDoc, ctx: Context) -> Found:
    """The speaker a narration clause names: the subject of its speech verb (nearest the quote first),
    else the subject of its other verbs, else the person (then the actor) it names."""
    quoted = quoted_tokens(doc)
    clause = [t for t in doc[start:end] if t.i not in quoted]
    for token in reversed(clause):
        if _is_speech_verb(token):
            key, named = verb_speaker(token, item, ctx)
            if key:
                return key, named, token
            if "Inf" in token.morph.get("VerbForm") and not any(c.dep_ in SUBJECT_DEPS for c in token.children):
                # "Et d'ajouter : « ... »": the speaker is the one the entry was talking about
                key = pronoun_antecedent(token, item, ctx)
                if key:
                    return key, token, token
    for token in tokens_of(clause):
        if is_source_cue(token):
            head = source_phrase(token)
            key = speaker_of_phrase(head, item, ctx) if head is not None else None
            if key:
                return key, head, None
    for token in tokens_of(clause):
        if token.dep_ in SUBJECT_DEPS and token.head.i < end:
            if is_pronoun(token):
                if token.lower_ in IMPERSONAL:
                    continue
                key = pronoun_antecedent(token, item, ctx)
            else:
                key = speaker_of_phrase(token, item, ctx)
            if key:
                return key, token, None
    spans = [s for s in actor_spans(doc) if start <= s.start and s.end <= end and s.start not in quoted]
    spans.sort(key=lambda s: (not is_name(s, ctx), s.start))
    for span in spans:
        key = ctx.actors.resolve_span(span, item.entry_id)
        if key:
            return key, span.root, None
    return None, None, None


def colon_frame(quote: Quote, item: EntryDoc, ctx: Context) -> Optional[Frame]:
    """Friedrich Merz s'est montré déçu : « ... » / a-t-il écrit, avant d'ajouter : « ... »."""
    doc = item.doc
    mark = _before(doc, quote)
    if mark == 0 or doc[mark - 1].text != ":":
        return None
    colon = mark - 1
    start = _clause_start(doc, colon)
    key, named, verb = _speaker_in(doc, start, colon, item, ctx)
    if not key:  # ", mais à une condition : « »": look back over the previous quote to the sentence start
        start = _clause_start(doc, colon, stop_at_quote=False)
        key, named, verb = _speaker_in(doc, start, colon, item, ctx)
    if not key:
        return None
    if named is not None:
        note_speaker(item, ctx, named.idx, key)
    return Frame(key, start, colon + 1, verb, "colon")


def embedded_frame(quote: Quote, item: EntryDoc, ctx: Context) -> Optional[Frame]:
    """le haut responsable a déjà indiqué qu'il n'y aura « pas de cessez-le-feu ... »."""
    doc = item.doc
    mark = _before(doc, quote)
    start = _clause_start(doc, mark)
    if start >= mark:
        return None
    quoted = quoted_tokens(doc)
    clause = [t for t in doc[start:mark] if t.i not in quoted]
    opener = _pour_phrase(clause, item, ctx)
    if opener:
        return Frame(opener, start, mark, None, "embedded")
    for token in tokens_of(clause):
        if is_source_cue(token):
            head = source_phrase(token)
            key = speaker_of_phrase(head, item, ctx) if head is not None else None
            if key:
                return Frame(key, start, mark, None, "embedded")
    for token in reversed(clause):
        if _is_speech_verb(token):
            key, named = verb_speaker(token, item, ctx)
            if not key:
                return None
            note_speaker(item, ctx, (named or token).idx, key)
            return Frame(key, start, mark, token, "embedded")
    return None


def _pour_phrase(clause: list[Token], item: EntryDoc, ctx: Context) -> Optional[str]:
    """"Pour le Kremlin, « ... »": a sentence opened by "Pour X," gives X's view."""
    if len(clause) < 3 or clause[0].lower_ != "pour":
        return None
    comma = next((t for t in clause[1:8] if t.text == ","), None)
    if comma is None:
        return None
    spans = [s for s in actor_spans(clause[0].doc) if clause[0].i < s.start and s.end <= comma.i]
    return ctx.actors.resolve_span(spans[0], item.entry_id) if len(spans) == 1 else None


def standalone_frame(quote: Quote, item: EntryDoc, ctx: Context) -> Optional[Frame]:
    """Le ministre X s'est montré déçu. « ... » : a quote standing as its own sentence speaks for the
    subject of the sentence before."""
    doc = item.doc
    mark = _before(doc, quote)
    after = _after(doc, quote)
    if mark == 0 or not is_sentence_end(doc[mark - 1]):
        return None
    ends_sentence = after >= len(doc) or is_sentence_end(doc[after]) or quote.text[-1:] in ".!?…"
    if not ends_sentence:
        return None
    end = mark - 1
    start = _clause_start(doc, end)
    key, named, verb = _speaker_in_subject(doc, start, end, item, ctx)
    if not key:
        return None
    return Frame(key, start, end + 1, verb, "alone")


def _speaker_in_subject(doc: Doc, start: int, end: int, item: EntryDoc, ctx: Context) -> Found:
    """Only a sentence that says someone speaks frames a lone quote after it: a speech verb ("X a réagi."),
    or a reflexive verb of attitude with its subject ("X s'est montré déçu.", "X s'est dit prêt")."""
    quoted = quoted_tokens(doc)
    for token in doc[start:end]:
        if token.i not in quoted and _is_speech_verb(token):
            key, named = verb_speaker(token, item, ctx)
            if key:
                return key, named, token
    for token in doc[start:end]:
        if token.i in quoted or token.dep_ not in SUBJECT_DEPS:
            continue
        if any(c.lower_ in ("se", "s'", "s’") for c in token.head.children):
            key = speaker_of_phrase(token, item, ctx)
            if key:
                return key, token, None
    return None, None, None


def continued_frame(quote: Quote, previous: Optional[tuple[Quote, Frame]], item: EntryDoc) -> Optional[Frame]:
    """« Première partie », a-t-il ajouté, « seconde partie » : the second part has the first one's speaker."""
    if previous is None:
        return None
    last, frame = previous
    doc = item.doc
    if frame.kind != "post" or frame.verb is None:
        return None
    starts = _token_starts(doc)
    between = list(doc[bisect_right(starts, last.close):bisect_left(starts, quote.open)])
    if not between or any(is_sentence_end(t) or t.text == ":" for t in between):
        return None
    if not (frame.start >= between[0].i and frame.end <= between[-1].i + 1):
        return None
    if not all(t.is_punct or frame.start <= t.i < frame.end for t in between):
        return None
    return Frame(frame.speaker, frame.start, frame.end, frame.verb, "continued")
