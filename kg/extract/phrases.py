"""Lexicon phrases matched in a parsed text: words or lemmas, accents folded, plurals and articles
loose ("les frappes énergétiques" matches "frappe énergétique"). Shared by the truce, meeting and
demand extractors, whose lexicons (data/lexicons/*.tsv) are lists of such phrases.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from spacy.tokens import Token

from kg.extract.views import doc_forms, tokens_of
from kg.ingest.dates import fold

# any article matches any article inside a phrase
ARTICLES = {"de", "des", "du", "d'", "le", "la", "les", "l'", "un", "une", "ces", "ses", "leurs", "leur",
            "toutes", "tous", "toute", "tout", "cette", "ce", "cet", "sa", "son"}


@dataclass(frozen=True)
class Phrase:
    """A lexicon phrase matched on words or lemmas, accents folded; articles match any article."""

    words: tuple[str, ...]
    value: object

    @staticmethod
    def of(text: str, value: object) -> "Phrase":
        return Phrase(tuple(fold(w) for w in split_words(text)), value)


def split_words(text: str) -> list[str]:
    words = []
    for word in text.replace("’", "'").split():
        if "'" in word[:-1]:
            head, tail = word.split("'", 1)
            words += [head + "'", tail]
        else:
            words.append(word)
    return words




@lru_cache(maxsize=1 << 17)
def _forms_match(lower: str, lemma: str, word: str) -> bool:
    """Cached on the strings: phrase matching asks the same question millions of times."""
    if word in ARTICLES:
        return fold(lower) in ARTICLES
    surface, lemma = fold(lower).replace("’", "'"), fold(lemma.lower())
    return word in (surface, lemma) or surface.rstrip("sx") == word.rstrip("sx") or lemma == word.rstrip("sx")


def _match_at(lowers: Sequence[str], lemmas: Sequence[str], i: int, phrase: Phrase,
              tags: Sequence[str] = ()) -> Optional[int]:
    """End (exclusive) of the phrase starting at word i of a text given as its words' lower-case
    forms and lemmas, or None. With the words' parts of speech (`tags`), an adjective may stand
    between a phrase's noun and the article after it ("suspension mutuelle des frappes")."""
    j = i
    for k, word in enumerate(phrase.words):
        if k > 0 and tags and j + 1 < len(lowers) and word in ARTICLES and tags[j] == "ADJ" \
                and not _forms_match(lowers[j], lemmas[j], word) and _forms_match(lowers[j + 1], lemmas[j + 1], word):
            j += 1
        if j >= len(lowers) or not _forms_match(lowers[j], lemmas[j], word):
            return None
        if k == 0 and word in ARTICLES and fold(lowers[j]) != word:
            return None   # a phrase that starts with an article starts with that one ("de nouveau")
        j += 1
        if word in ARTICLES:  # "de toutes les frappes": extra articles inside a phrase
            while j < len(lowers) and k + 1 < len(phrase.words) and fold(lowers[j]) in ARTICLES \
                    and not _forms_match(lowers[j], lemmas[j], phrase.words[k + 1]):
                j += 1
    return j


def find_phrases(tokens: Sequence[Token], phrases: Iterable[Phrase]) -> list[tuple[int, int, Phrase]]:
    """Longest non-overlapping matches, as (start, end) positions in `tokens`."""
    phrases, index = _indexed(phrases)
    tokens = tokens_of(tokens)
    if not tokens:
        return []
    forms = doc_forms(tokens[0].doc)   # the words' strings, read once per doc (not once per token per lexicon)
    lowers = [forms.lower[t.i] for t in tokens]
    lemmas = [forms.lemma[t.i] for t in tokens]
    tags = [forms.pos[t.i] for t in tokens]
    found = []
    i = 0
    while i < len(tokens):
        best: Optional[tuple[int, Phrase]] = None
        for position in _candidates(index, lowers[i], lemmas[i]):
            phrase = phrases[position]
            end = _match_at(lowers, lemmas, i, phrase, tags)
            if end is not None and (best is None or end > best[0]):
                best = (end, phrase)
        if best is not None:
            found.append((i, best[0], best[1]))
            i = best[0]
        else:
            i += 1
    return found


_INDEXED: dict[int, tuple[object, tuple, tuple]] = {}


def _indexed(phrases: Iterable[Phrase]) -> tuple[tuple[Phrase, ...], tuple]:
    """The phrases as a tuple and their index. The lexicons are lists made once (lru_cache), so they
    are looked up by identity: hashing every phrase of a lexicon on every call cost more than matching."""
    known = _INDEXED.get(id(phrases))
    if known is not None and known[0] is phrases:
        return known[1], known[2]
    as_tuple = tuple(phrases)
    index = _first_words(as_tuple)
    if isinstance(phrases, (list, tuple)) and phrases:
        if len(_INDEXED) > 256:
            _INDEXED.clear()
        _INDEXED[id(phrases)] = (phrases, as_tuple, index)
    return as_tuple, index


@lru_cache(maxsize=64)
def _first_words(phrases: tuple[Phrase, ...]) -> tuple[dict, dict, tuple[int, ...], dict]:
    """Phrases by their first word (exact, and without a plural s/x), articles apart: only
    phrases whose first word can match a token are tried there; and a memo of the candidates
    of each (word, lemma) seen."""
    exact: dict[str, list[int]] = {}
    stripped: dict[str, list[int]] = {}
    articles = []
    for position, phrase in enumerate(phrases):
        word = phrase.words[0]
        if word in ARTICLES:
            articles.append(position)
        else:
            exact.setdefault(word, []).append(position)
            stripped.setdefault(word.rstrip("sx"), []).append(position)
    return exact, stripped, tuple(articles), {}


def _candidates(index, lower: str, lemma: str) -> list[int]:
    exact, stripped, articles, seen = index
    found = seen.get((lower, lemma))
    if found is None:
        if len(seen) > 50_000:          # a long run meets many words: keep the memo small
            seen.clear()
        found = seen[(lower, lemma)] = _lookup(exact, stripped, articles, lower, lemma)
    return found


def _lookup(exact: dict, stripped: dict, articles: tuple[int, ...], lower: str, lemma: str) -> list[int]:
    surface, base = fold(lower).replace("’", "'"), fold(lemma.lower())
    found = set(exact.get(surface, ())) | set(exact.get(base, ())) | set(stripped.get(surface.rstrip("sx"), ())) \
        | set(stripped.get(base, ()))
    if fold(lower) in ARTICLES:
        found.update(articles)
    return sorted(found)
