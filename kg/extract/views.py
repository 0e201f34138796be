"""Views of a parsed doc made once and kept in `doc.user_data`.

spaCy builds a new Python object on every read: `Doc.text` joins every token again, `doc[i]`
and iteration make new `Token`s, `doc.sents` and `doc.spans[...]` new `Span`s. The extractors
read the same doc hundreds of times, so they read these views instead. (A doc holding them
cannot be pickled; kg never pickles docs.)
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Hashable, Sequence, TypeVar

from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Span, Token

T = TypeVar("T")


def kept(doc: Doc, key: Hashable, make: Callable[[], T]) -> T:
    """What `make` gives, made on the first call for this doc and kept in its user_data under `key`."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = make()
    return value


def doc_text(doc: Doc) -> str:
    """The doc's text."""
    return kept(doc, "kg_text", lambda: doc.text)


def doc_tokens(doc: Doc) -> list[Token]:
    """The doc's tokens."""
    return kept(doc, "kg_tokens", lambda: list(doc))


@dataclass(frozen=True)
class Forms:
    """Each token's lower-case form, lemma and part of speech, as strings, by token index: a scan
    over a whole doc tests these to find the few tokens worth a closer look, making no `Token`."""

    lower: list[str]
    lemma: list[str]
    pos: list[str]


def doc_forms(doc: Doc) -> Forms:
    return kept(doc, "kg_forms", lambda: _forms(doc))


def _forms(doc: Doc) -> Forms:
    keys = doc.to_array([LOWER, LEMMA, POS])
    strings = doc.vocab.strings
    text_of = {key: strings[key] for key in set(keys.ravel().tolist())}
    return Forms(*([text_of[k] for k in column] for column in keys.T.tolist()))


def doc_sents(doc: Doc) -> list[Span]:
    """The doc's sentences."""
    return kept(doc, "kg_sents", lambda: list(doc.sents))


def sent_of(part: Token | Span) -> Span:
    """The sentence of a token or span (of its first token, as spaCy's `.sent` says), found by
    bisection instead of walking the tokens."""
    doc = part.doc
    starts = kept(doc, "kg_sent_starts", lambda: [s.start for s in doc_sents(doc)])
    first = part.i if isinstance(part, Token) else part.start
    return doc_sents(doc)[bisect_right(starts, first) - 1]


def doc_spans(doc: Doc, group: str) -> list[Span]:
    """The spans of one of the doc's span groups (set by the pipeline, read-only afterwards)."""
    return kept(doc, ("kg_spans", group), lambda: list(doc.spans[group]) if group in doc.spans else [])


def tokens_of(tokens: Doc | Span | Sequence[Token]) -> list[Token]:
    """A list of tokens for a doc, a span or any sequence of tokens, shared where possible."""
    if isinstance(tokens, Doc):
        return doc_tokens(tokens)
    if isinstance(tokens, Span):
        return doc_tokens(tokens.doc)[tokens.start:tokens.end]
    return list(tokens)
