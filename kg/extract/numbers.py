"""Quantities in French: digits ("337", "1 000"), number words ("trois", "Trente-huit",
"mille"), bounds ("plus de 300", "au moins 12") and vague amounts ("des dizaines").

`quantity_before(token)` reads the quantity that modifies a noun ("deux morts" -> 2).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token
from text_to_num import text2num

VAGUE = {  # words that give an order of magnitude, not a number: (low bound, words kept in the note)
    "dizaine": 10, "dizaines": 20, "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50,
    "soixantaine": 60, "centaine": 100, "centaines": 200, "millier": 1000, "milliers": 2000,
    "plusieurs": 2, "quelques": 2, "nombreux": 2, "nombreuses": 2,
}
LOW_BOUND = ("plus de", "au moins", "plus d'", "au minimum", "pas moins de", "au-delà de")
HIGH_BOUND = ("moins de", "jusqu'à", "au plus", "près de")
APPROX = ("environ", "près de", "quelque", "autour de", "approximativement")
NUMBER_WORD = re.compile(
    r"^(?:z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    r"vingts?|trente|quarante|cinquante|soixante|cents?|mille|et|-)+$", re.IGNORECASE)


@dataclass
class Quantity:
    value: Optional[int]        # None when vague ("des dizaines")
    low: Optional[int] = None   # low bound ("plus de 300" -> 300, "des dizaines" -> 20)
    approximate: bool = False
    text: str = ""              # the words, kept verbatim for notes
    start: int = 0              # token index where the quantity starts


def parse_number(text: str) -> Optional[int]:
    """An integer from digits or French number words; None if it is not one."""
    cleaned = text.strip().replace("\u202f", " ").replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+|\d+", cleaned):
        return int(re.sub(r"[ .]", "", cleaned))
    words = cleaned.lower().replace("-", " ").split()
    if not words or not all(NUMBER_WORD.match(w) for w in words):
        return None
    try:
        return int(text2num(" ".join(words), "fr"))
    except ValueError:
        return None


def _number_tokens_before(noun: Token) -> tuple[int, Optional[int]]:
    """Start index and value of the number written just before a noun ("1 000", "trois cent vingt")."""
    doc, i = noun.doc, noun.i - 1
    start = None
    while i >= 0 and (doc[i].like_num or NUMBER_WORD.match(doc[i].text) or doc[i].text in ("-",)):
        if doc[i].lower_ in ("et",) and start is None:
            break
        start = i
        i -= 1
    if start is None:
        return noun.i, None
    while start < noun.i and doc[start].lower_ in ("et", "-"):
        start += 1
    # "1 000" is tokenised "1" "000"; number words are read together
    value = parse_number(doc[start:noun.i].text)
    while value is None and start < noun.i - 1:
        start += 1
        value = parse_number(doc[start:noun.i].text)
    return start, value


def quantity_before(noun: Token) -> Optional[Quantity]:
    """The quantity that counts a noun: "deux morts", "plus de 300 drones", "des dizaines de blessés"."""
    doc = noun.doc
    start, value = _number_tokens_before(noun)
    if value is None:
        # "des dizaines de blessés", "une dizaine de drones": NOUN(vague) de NOUN
        if noun.i >= 2 and doc[noun.i - 1].lower_ in ("de", "d'") and doc[noun.i - 2].lower_ in VAGUE:
            vague = doc[noun.i - 2]
            first = vague.i - 1 if vague.i > 0 and doc[vague.i - 1].lower_ in ("des", "une", "un", "quelques") else vague.i
            words = doc[first:noun.i + 1].text
            return Quantity(None, VAGUE[vague.lower_], True, words, first)
        if noun.i >= 1 and doc[noun.i - 1].lower_ in ("plusieurs", "quelques", "nombreux", "nombreuses"):
            return Quantity(None, VAGUE[doc[noun.i - 1].lower_], True, doc[noun.i - 1:noun.i + 1].text, noun.i - 1)
        return None
    before = doc[max(0, start - 3):start].text.lower()
    quantity = Quantity(value, text=doc[start:noun.i + 1].text, start=start)
    if any(before.endswith(cue) for cue in LOW_BOUND):
        quantity.low = value
        quantity.text = doc[max(0, start - 2):noun.i + 1].text
    if any(before.endswith(cue) for cue in APPROX):
        quantity.approximate = True
    return quantity
