"""Quantities in French: digits ("337", "1 000"), number words ("trois", "Trente-huit",
"mille"), bounds ("plus de 300", "au moins 12") and vague amounts ("des dizaines").

`quantity_before(token)` reads the quantity that modifies a noun ("deux morts" -> 2);
`quantity_at(token)` reads a number that stands alone, its noun left out ("en a abattu 112",
"43 au-dessus de la mer Noire et un au-dessus de la Crimée").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.tokens import Token
from text_to_num import text2num

from kg.extract.views import doc_tokens

VAGUE = {  # words that give an order of magnitude, not a number: (low bound, words kept in the note)
    "dizaine": 10, "dizaines": 20, "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50,
    "soixantaine": 60, "centaine": 100, "centaines": 200, "millier": 1000, "milliers": 2000,
    "plusieurs": 2, "quelques": 2, "nombreux": 2, "nombreuses": 2,
}
UNITS = {"centaine": 100, "centaines": 100, "millier": 1000, "milliers": 1000}
# "au moins 12": 12 is a figure and a low bound; "plus de 300": only a low bound
AT_LEAST = ("au moins", "au minimum", "pas moins de", "pas moins d'")
MORE_THAN = ("plus de", "plus d'", "au-delà de", "au-delà d'", "davantage de")
LOW_BOUND = AT_LEAST + MORE_THAN
HIGH_BOUND = ("moins de", "moins d'", "jusqu'à", "au plus")
APPROX = ("environ", "près de", "près d'", "quelque", "autour de", "approximativement", "une centaine de")
# Words allowed between a number and its noun: "68 autres drones".
BETWEEN = {"autres", "nouveaux", "nouvelles", "premiers", "premières", "derniers", "dernières"}
NUMBER_WORD = re.compile(
    r"^(?:z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    r"vingts?|trente|quarante|cinquante|soixante|cents?|milles?|et|-)+$", re.IGNORECASE)
DIGITS = re.compile(r"\d{1,3}(?:[ .\u202f\u00a0]\d{3})+|\d+")


@dataclass
class Quantity:
    value: Optional[int]        # None when vague ("des dizaines") or only bounded ("plus de 80")
    low: Optional[int] = None   # low bound ("plus de 300" -> 300, "des dizaines" -> 20)
    approximate: bool = False
    text: str = ""              # the words, kept verbatim for notes
    start: int = 0              # token index where the quantity starts
    end: int = 0                # token index just after its last word (the noun, when there is one)
    bound: str = ""             # "" | at_least ("au moins") | more_than ("plus de") | at_most | vague

    @property
    def best(self) -> Optional[int]:
        """The figure to report: the number, or the low bound when the text gives only that."""
        return self.value if self.value is not None else self.low


def parse_number(text: str) -> Optional[int]:
    """An integer from digits or French number words; None if it is not one."""
    cleaned = text.strip().replace("\u202f", " ").replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+|\d+", cleaned):
        return int(re.sub(r"[ .]", "", cleaned))
    words = cleaned.lower().replace("-", " ").split()
    if not words or not all(NUMBER_WORD.match(w) for w in words) or words[0] == "et" or words[-1] == "et":
        return None
    try:
        return int(text2num(" ".join(words), "fr"))
    except ValueError:
        return None


@lru_cache(maxsize=1 << 16)
def may_be_number(text: str) -> bool:
    """Digits or a number word (the test of a token's own text; cached: every token is asked)."""
    return bool(DIGITS.fullmatch(text) or NUMBER_WORD.match(text) and text.lower() not in ("et", "-"))


def is_number_token(token: Token) -> bool:
    """A word of a number: digits or a number word; not a designation such as "F-16" or "Kh-101"."""
    if not may_be_number(token.text):
        return False
    i = token.i
    # "Su" "-" "34": the digits name a model ("quarante" "-" "deux" is a number)
    return not (i > 1 and (tokens := doc_tokens(token.doc))[i - 1].text in ("-", "‑") and not tokens[i - 1].whitespace_
                and not NUMBER_WORD.match(tokens[i - 2].text))


def _joins_number(token: Token) -> bool:
    """"et" in "vingt et un" / "soixante et onze", a lone hyphen in "quatre - vingts": a word
    that joins two words of one number (not the "et" of "un mort et trois blessés")."""
    doc = token.doc
    if not 0 < token.i < len(doc) - 1 or token.lower_ not in ("et", "-"):
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    if token.lower_ == "et":
        return (before.lower_ in ("vingt", "trente", "quarante", "cinquante", "soixante")
                and after.lower_ in ("un", "une", "onze"))
    return NUMBER_WORD.match(before.text) is not None and NUMBER_WORD.match(after.text) is not None


def _number_tokens_before(noun: Token) -> tuple[int, Optional[int]]:
    """Start index and value of the number written just before a noun ("1 000", "trois cent vingt")."""
    doc, end = noun.doc, noun.i
    while end > 0 and doc[end - 1].lower_ in BETWEEN:
        end -= 1
    i, start = end - 1, None
    while i >= 0 and (is_number_token(doc[i]) or _joins_number(doc[i])):
        if _joins_number(doc[i]) and start is None:
            break
        start = i
        i -= 1
    if start is None:
        return noun.i, None
    while start < end and doc[start].lower_ in ("et", "-"):
        start += 1
    # "1 000" is tokenised "1" "000"; number words are read together
    value = parse_number(doc[start:end].text)
    while value is None and start < end - 1:
        start += 1
        value = parse_number(doc[start:end].text)
    return start, value


def _apply_cues(quantity: Quantity, noun_or_last: Token) -> Quantity:
    """Read "au moins", "plus de", "environ" just before a number."""
    doc, start = noun_or_last.doc, quantity.start
    before = doc[max(0, start - 3):start].text.lower().replace("’", "'")
    for cues, bound in ((AT_LEAST, "at_least"), (MORE_THAN, "more_than")):
        cue = next((c for c in cues if before.endswith(c)), None)
        if cue:
            quantity.low = quantity.value
            quantity.bound = bound
            quantity.text = doc[start - len(cue.replace("'", "' ").split()):quantity.end].text
            if bound == "more_than":
                quantity.value = None
            return quantity
    if any(before.endswith(cue) for cue in HIGH_BOUND):
        quantity.bound = "at_most"
    if any(before.endswith(cue) for cue in APPROX):
        quantity.approximate = True
        cue = next(c for c in APPROX if before.endswith(c))
        quantity.text = doc[start - len(cue.replace("'", "' ").split()):quantity.end].text
    return quantity


def _vague_before(noun: Token) -> Optional[Quantity]:
    """"des dizaines de blessés", "une dizaine de drones", "plusieurs blessés"."""
    doc, at = noun.doc, noun.i
    while at > 0 and doc[at - 1].lower_ in BETWEEN:
        at -= 1  # "des dizaines d'autres blessés"
    if at >= 2 and doc[at - 1].lower_ in ("de", "d'", "d’") and doc[at - 2].lower_ in VAGUE:
        vague = doc[at - 2]
        low = VAGUE[vague.lower_]
        # "des dizaines de milliers de morts": tens of thousands
        if vague.lower_ in UNITS and vague.i >= 2 and doc[vague.i - 1].lower_ in ("de", "d'") \
                and doc[vague.i - 2].lower_ in VAGUE:
            vague, low = doc[vague.i - 2], VAGUE[doc[vague.i - 2].lower_] * UNITS[vague.lower_]
        first = vague.i - 1 if vague.i > 0 and doc[vague.i - 1].lower_ in ("des", "une", "un", "quelques") else vague.i
        return Quantity(None, low, True, doc[first:noun.i + 1].text, first, noun.i + 1, "vague")
    if at >= 2 and doc[at - 1].lower_ in VAGUE and doc[at - 2].lower_ in ("une", "un") and noun.pos_ != "PROPN":
        # "25 tués et une trentaine blessés": the participle right after the amount
        return Quantity(None, VAGUE[doc[at - 1].lower_], True, doc[at - 2:noun.i + 1].text, at - 2, noun.i + 1, "vague")
    if noun.i >= 1 and doc[noun.i - 1].lower_ in ("plusieurs", "quelques", "nombreux", "nombreuses"):
        word = doc[noun.i - 1]
        return Quantity(None, VAGUE[word.lower_], True, doc[noun.i - 1:noun.i + 1].text, noun.i - 1, noun.i + 1, "vague")
    return None


def quantity_before(noun: Token) -> Optional[Quantity]:
    """The quantity that counts a noun: "deux morts", "plus de 300 drones", "des dizaines de blessés"."""
    doc = noun.doc
    start, value = _number_tokens_before(noun)
    if value is None:
        return _vague_before(noun)
    quantity = Quantity(value, text=doc[start:noun.i + 1].text, start=start, end=noun.i + 1)
    return _apply_cues(quantity, noun)


def quantity_at(token: Token) -> Optional[Quantity]:
    """The number that starts at `token` and stands alone: "112" in "en a abattu 112", "un" in
    "et un au-dessus de la région de Belgorod". None when the token does not start a number."""
    doc = token.doc
    if not is_number_token(token) or token.lower_ == "et":
        return None
    if token.i > 0 and (is_number_token(doc[token.i - 1]) or _joins_number(doc[token.i - 1])):
        return None  # not the first word of the number
    end = token.i + 1
    while end < len(doc) and (is_number_token(doc[end]) or _joins_number(doc[end])):
        end += 1
    value = None
    while end > token.i and value is None:
        value = parse_number(doc[token.i:end].text)
        if value is None:
            end -= 1
    if value is None:
        return None
    quantity = Quantity(value, text=doc[token.i:end].text, start=token.i, end=end)
    return _apply_cues(quantity, doc[end - 1])
