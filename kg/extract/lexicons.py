"""Lexicons kept as data (data/lexicons/*.tsv, *.txt), loaded once."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from kg.resources import data_path


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated lexicon, `#` lines being comments."""
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    rows = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)]


def read_words(name: str) -> list[str]:
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    stance: str
    certainty: str


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, SpeechVerb]:
    return {r["lemma"]: SpeechVerb(r["lemma"], r["stance"], r["certainty"]) for r in read_table("lexicons/speech_verbs.tsv")}


@lru_cache(maxsize=1)
def reporting_cues() -> dict[str, dict[str, str]]:
    return {r["cue"]: r for r in read_table("lexicons/reporting_cues.tsv")}
