"""The gazetteer: known actors, places and demonyms, read from data/gazetteer/*.tsv."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional

from unidecode import unidecode

from kg.resources import data_path

DETERMINERS = re.compile(r"^(?:(?:les|le|la|du|des|de la|de)\s+|(?:l|d|de l)['’]\s*)", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """Key for looking names up: ascii, lower case, no leading article, single spaces (cached: every
    mention of a name is normalised)."""
    name = unidecode(name).lower().replace("’", "'")
    name = re.sub(r"[^a-z0-9' -]+", " ", name)
    name = DETERMINERS.sub("", name.strip())
    return " ".join(name.replace("-", " ").split())


@dataclass
class GazetteerEntry:
    key: str
    kind: str
    label: str
    wikidata: Optional[str]
    country: Optional[str]
    aliases: list[str] = field(default_factory=list)
    dated_aliases: list[tuple[str, Optional[date], Optional[date]]] = field(default_factory=list)
    group: Optional[str] = None     # a person's armed group or movement ("saree" -> "houthis")

    def names(self) -> list[str]:
        return [self.label, *self.aliases]


@dataclass
class Gazetteer:
    actors: dict[str, GazetteerEntry]
    places: dict[str, GazetteerEntry]
    adjectives: dict[str, str]          # "ukrainienne" -> "ukraine"
    inhabitants: dict[str, str]         # "ukrainiens" -> "ukraine"
    actor_index: dict[str, str] = field(default_factory=dict)   # normalized name -> actor key
    place_index: dict[str, str] = field(default_factory=dict)
    # titles whose holder changes: normalized title -> [(from, to, actor key)]
    dated: dict[str, list[tuple[Optional[date], Optional[date], str]]] = field(default_factory=dict)
    adjectives_by_state: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self):
        for adjective, state in self.adjectives.items():
            self.adjectives_by_state.setdefault(state, []).append(adjective)
        for entry in self.actors.values():
            for name, start, end in entry.dated_aliases:
                self.dated.setdefault(normalize(name), []).append((start, end, entry.key))
        for index, table in ((self.actor_index, self.actors), (self.place_index, self.places)):
            for entry in table.values():
                for name in entry.names():
                    index.setdefault(normalize(name), entry.key)
        for noun, country in self.inhabitants.items():
            self.actor_index.setdefault(normalize(noun), country)

    def actor_for(self, name: str, on: Optional[date] = None) -> Optional[GazetteerEntry]:
        key = self.dated_holder(name, on) or self.actor_index.get(normalize(name))
        return self.actors.get(key) if key else None

    def adjectives_of(self, country: str) -> list[str]:
        """The nationality adjectives of a state ("ukraine" -> ukrainien, ukrainienne...)."""
        return self.adjectives_by_state.get(country, [])

    def dated_holder(self, title: str, on: Optional[date]) -> Optional[str]:
        """Who held a title on a day ("ministre ukrainien de la Défense" in March 2025)."""
        for start, end, key in self.dated.get(normalize(title), ()):
            if on is None or ((start is None or start <= on) and (end is None or on <= end)):
                if on is not None or end is None:
                    return key
        return None

    def place_for(self, name: str) -> Optional[GazetteerEntry]:
        key = self.place_index.get(normalize(name))
        return self.places.get(key) if key else None

    def country_actor_of_place(self, place_key: str) -> Optional[str]:
        """The state actor a country-place stands for ("Ukraine" the place -> "ukraine" the actor)."""
        place = self.places.get(place_key)
        if place is None:
            return None
        if place.kind == "Country":
            by_name = self.actor_for(place.label)
            if by_name is not None and by_name.kind == "Country":
                return by_name.key
        return None


def _dated(alias: str) -> tuple[str, Optional[date], Optional[date]]:
    """"ministre ukrainien de la Défense@2024-09-05..2025-07-16" (either end may be open)."""
    name, _, period = alias.partition("@")
    start, _, end = period.partition("..")
    return name.strip(), date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        lines = [ln for ln in handle if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _entries(path: Path) -> dict[str, GazetteerEntry]:
    table = {}
    for row in _read_tsv(path):
        key = (row.get("key") or "").strip()
        if not key:
            continue
        names = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        aliases = [a for a in names if "@" not in a]
        dated = [_dated(a) for a in names if "@" in a]
        table[key] = GazetteerEntry(key, (row.get("kind") or "").strip() or "Person", row["label"].strip(),
                                    (row.get("wikidata") or "").strip() or None,
                                    (row.get("country") or "").strip() or None, aliases, dated,
                                    (row.get("group") or "").strip() or None)
    return table


@lru_cache(maxsize=4)
def load_gazetteer(folder: Optional[str] = None) -> Gazetteer:
    base = Path(folder) if folder else data_path("gazetteer")
    adjectives: dict[str, str] = {}
    inhabitants: dict[str, str] = {}
    masculine: dict[str, str] = {}     # state -> its masculine singular adjective (listed first)
    for row in _read_tsv(base / "demonyms.tsv"):
        country = row["country"].strip()
        masculine.setdefault(country, (row.get("adjectives") or "").split("|")[0].strip())
        for adj in (row.get("adjectives") or "").split("|"):
            if adj.strip():
                adjectives.setdefault(adj.strip().lower(), country)
        for noun in (row.get("nouns") or "").split("|"):
            if noun.strip():
                inhabitants.setdefault(noun.strip().lower(), country)
    actors = _entries(base / "actors.tsv")
    _add_titles_of_states(actors, adjectives)
    _add_national_bodies(actors, _read_tsv(base / "national_bodies.tsv"), masculine)
    return Gazetteer(actors, _entries(base / "places.tsv"), adjectives, inhabitants)


VOWELS = tuple("aeiouyéèêàâîïôûAEIOUYÉÈÊÀÂÎÏÔÛ")


def _add_titles_of_states(actors: dict[str, GazetteerEntry], adjectives: dict[str, str]) -> None:
    """"président sud-africain" is also "le président de l'Afrique du Sud": give every title
    that ends with a nationality its "of the state" form (each article: the gazetteer does not
    know the country's gender), dated like the title."""
    def variants(title: str) -> list[str]:
        words = title.split()
        country = actors.get(adjectives.get(words[-1].lower(), "")) if len(words) > 1 else None
        if country is None or country.kind != "Country" or words[0][:1].isupper():
            return []
        head, name = " ".join(words[:-1]), country.label
        linked = ([f"de l'{name}", f"d'{name}"] if name.startswith(VOWELS)
                  else [f"de la {name}", f"du {name}", f"des {name}", f"de {name}"])
        return [f"{head} {link}" for link in linked]

    for entry in actors.values():
        if entry.kind != "Person":
            continue
        known = {normalize(n) for n in entry.names()}
        entry.aliases += [v for a in list(entry.aliases) for v in variants(a) if normalize(v) not in known]
        entry.dated_aliases += [(v, start, end) for a, start, end in list(entry.dated_aliases) for v in variants(a)]


def _add_national_bodies(actors: dict[str, GazetteerEntry], bodies: list[dict[str, str]],
                         masculine: dict[str, str]) -> None:
    """"le ministère thaïlandais de la Défense": the ministries every state has, for every state
    with a nationality adjective, so that a blog about any country finds them without a row each."""
    known = {normalize(n) for entry in actors.values() for n in entry.names()}
    for state, adjective in masculine.items():
        country = actors.get(state)
        if not adjective or country is None or country.kind != "Country":
            continue
        for body in bodies:
            names = [n.replace("{adj}", adjective) for n in (body["label"], *body["aliases"].split("|")) if n.strip()]
            key = f"{state}_{body['suffix']}"
            if key in actors or any(normalize(n) in known for n in names):
                continue
            actors[key] = GazetteerEntry(key, "Organization", names[0], None, state, names[1:])
