"""Actor and place resolution: one node per real actor, whatever the spelling.

Known names come from the gazetteer (with Wikidata IDs, titles, capitals standing for
governments, "délégation ukrainienne"); other names come from spaCy's NER and are merged
when they are transliteration variants of each other ("Andrey Vorobyov" / "Andreï
Vorobiov") or a surname of a full name seen before ("Kovalenko").
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token
from unidecode import unidecode

from kg.extract.gazetteer import Gazetteer, GazetteerEntry, normalize
from kg.extract.nlp import ACTORS, DATED, NESTED, PLACES
from kg.extract.lexicons import read_words, speech_verbs
from kg.extract.views import doc_spans, doc_tokens, sent_of, tokens_of
from kg.facts import Actor, Mention, Place, Span as CharSpan
from kg.resources import data_path

NER_KINDS = {"PER": "Person", "ORG": "Organization"}
LOCATIVE = {"en", "dans", "vers", "depuis", "au", "aux", "sur", "contre", "près", "outre"}
_NOT_ACTORS: Optional[set[str]] = None


def not_actors() -> set[str]:
    """Names NER takes for actors that are not (platforms, generic words)."""
    global _NOT_ACTORS
    if _NOT_ACTORS is None:
        lines = data_path("lexicons/not_actors.txt").read_text(encoding="utf-8").splitlines()
        _NOT_ACTORS = {normalize(ln) for ln in lines if ln.strip() and not ln.startswith("#")}
    return _NOT_ACTORS


@lru_cache(maxsize=1)
def venue_nouns() -> frozenset[str]:
    return frozenset(read_words("lexicons/venue_nouns.txt"))


@lru_cache(maxsize=1)
def dative_verbs() -> frozenset[str]:
    return frozenset(read_words("lexicons/dative_verbs.txt")) | frozenset(speech_verbs())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")


@lru_cache(maxsize=1 << 16)
def _ascii_tokens(name: str) -> tuple[str, ...]:
    # cached: each new name is compared with every person already met
    return tuple(normalize(name).replace("'", " ").split())


def same_person(a: str, b: str) -> bool:
    """Transliteration variants of one name, or a surname and a full name."""
    ta, tb = _ascii_tokens(a), _ascii_tokens(b)
    if not ta or not tb:
        return False
    if fuzz.ratio(ta[-1], tb[-1]) < 80 or min(len(ta[-1]), len(tb[-1])) < 4:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return fuzz.ratio(ta[-1], tb[-1]) >= 85
    return fuzz.ratio(" ".join(ta), " ".join(tb)) >= 80 and ta[0][0] == tb[0][0]


class ActorTable:
    """The actors and places of one document (seeded with those the store already knows)."""

    def __init__(self, gazetteer: Gazetteer, known: Iterable[Actor] = (), on: Optional[date] = None):
        self.gazetteer = gazetteer
        self.on = on  # the day the document speaks of: who holds a title depends on it
        self.actors: dict[str, Actor] = {}
        self.places: dict[str, Place] = {}
        self._known = {a.key: a for a in known}
        self._mentioned: set[tuple[str, str, CharSpan]] = set()
        self._place_mentioned: set[tuple[str, str, CharSpan]] = set()   # apart: "ukraine" is an actor and a place

    # -------------------------------------------------------------- actors
    def actor(self, key: str) -> Actor:
        """The actor with this key, created from the gazetteer or the store on first use."""
        if key not in self.actors:
            entry = self.gazetteer.actors.get(key)
            if entry is not None:
                self.actors[key] = Actor(key, entry.label, entry.kind, entry.wikidata)
            elif key in self._known:
                known = self._known[key]
                self.actors[key] = Actor(key, known.label, known.kind, known.wikidata, set(known.aliases))
            else:
                raise KeyError(key)
        return self.actors[key]

    def mention(self, key: str, entry_id: str, span: Span | CharSpan, text: Optional[str] = None) -> str:
        actor = self.actor(key)
        char = span if isinstance(span, CharSpan) else CharSpan(span.start_char, span.end_char)
        surface = text if text is not None else span.text  # type: ignore[union-attr]
        if surface and normalize(surface) != normalize(actor.label):
            actor.aliases.add(surface)
        if (key, entry_id, char) not in self._mentioned:   # a set: long blogs mention a state thousands of times
            self._mentioned.add((key, entry_id, char))
            actor.mentions.append(Mention(entry_id, char, surface))
        return key

    def resolve_name(self, name: str, kind: str = "Person") -> Optional[str]:
        """Key of the actor a name stands for, creating an actor for an unknown name."""
        name = _clean_name(name)
        if not name or normalize(name) in not_actors():
            return None
        entry = self.gazetteer.actor_for(name)
        if entry is not None:
            self.actor(entry.key)
            return entry.key
        if kind == "Person":
            for pool in (self.actors.values(), self._known.values()):
                for actor in list(pool):
                    if actor.kind == "Person" and actor.wikidata is None and any(
                            same_person(name, n) for n in (actor.label, *actor.aliases)):
                        self.actor(actor.key)
                        if len(_ascii_tokens(name)) > len(_ascii_tokens(actor.label)) and actor.key not in self._known:
                            actor.aliases.add(actor.label)
                            actor.label = name
                        return actor.key
            if len(_ascii_tokens(name)) < 2:
                return None  # a lone unknown word is too weak to be a new person
        key = slug(name)
        if not key:
            return None
        if key not in self.actors:
            known = self._known.get(key)
            self.actors[key] = Actor(key, known.label if known else name, known.kind if known else kind,
                                     known.wikidata if known else None)
        return key

    def actor_at(self, doc: Doc, start: int, end: int) -> Optional[Span]:
        """The gazetteer actor span or person/organisation entity overlapping tokens [start, end)."""
        for span in doc_spans(doc, ACTORS):
            if span.start < end and start < span.end:
                return span
        for ent in doc.ents:
            if ent.label_ in NER_KINDS and ent.start < end and start < ent.end:
                return ent
        return None

    def resolve_span(self, span: Span, entry_id: str) -> Optional[str]:
        """The actor a span (gazetteer match or NER entity) names, with its mention recorded.
        A title next to a name ("le porte-parole du Kremlin, Dmitri Peskov") is that person."""
        if self._is_title(span):
            named = apposed_name(span, self)
            if named is not None:
                key = self.resolve_span(named, entry_id)
                if key:
                    return self.mention(key, entry_id, span)
        if span.label_.startswith(DATED):
            key = self.gazetteer.dated_holder(span.label_[len(DATED):], self.on)
            return self.mention(key, entry_id, span) if key else None
        if span.label_ in self.gazetteer.actors:
            return self.mention(self.body_here(span) or span.label_, entry_id, span)
        kind = NER_KINDS.get(span.label_)
        if kind is None:
            return None
        key = self.resolve_name(span.text, kind)
        return self.mention(key, entry_id, span) if key else None

    def resolve_token(self, token: Token, entry_id: str) -> Optional[str]:
        span = self.actor_at(token.doc, token.i, token.i + 1)
        return self.resolve_span(span, entry_id) if span is not None else None

    def observe(self, doc: Doc, entry_id: str) -> None:
        """Record every actor mentioned in an entry (gazetteer names, then NER persons and organisations)."""
        taken: set[int] = set()
        for span in doc_spans(doc, ACTORS):
            taken.update(range(span.start, span.end))
            if not self.used_as_place(span):
                self.resolve_span(span, entry_id)
        people = [s for s in doc_spans(doc, ACTORS) if s.label_.startswith(DATED) or self._kind(s.label_) == "Person"]
        for span in doc_spans(doc, NESTED):
            entry = self.gazetteer.actors.get(span.label_)
            if entry is None or entry.kind == "Person" or self.used_as_place(span):
                continue
            # a state or one of its bodies in a person's title ("le président de l'Afrique du Sud", "le
            # chef de l'administration présidentielle ukrainienne") is part of the title; an international
            # body is an actor ("la présidente de la Commission européenne")
            national = entry.kind == "Country" or bool(entry.country)
            in_title = any(p.start <= span.start and span.end <= p.end for p in people)
            if national and not in_title or not national and (in_title or not self._inside_a_body(doc, span)):
                self.mention(entry.key, entry_id, span)
        place_tokens = {i for s in doc_spans(doc, PLACES) for i in range(s.start, s.end)}
        for ent in doc.ents:
            if ent.label_ not in NER_KINDS or taken.intersection(range(ent.start, ent.end)):
                continue
            if place_tokens.issuperset(range(ent.start, ent.end)):
                continue
            if _looks_like_name(ent):
                self.resolve_span(ent, entry_id)
            elif ent.label_ == "ORG":
                body = self.state_body(ent)
                if body:
                    self.mention(body, entry_id, ent)
        for span in doc_spans(doc, PLACES):
            self.place_mention(span.label_, entry_id, span)

    def state_body(self, span: Span) -> Optional[str]:
        """The state body a bare "le ministère de l'Intérieur" stands for: the one the gazetteer
        knows with the nationality of the places and states of its sentence, then of its entry
        ("90 blessés à Kiev, selon le ministère de l'Intérieur" -> the Ukrainian ministry)."""
        name = _clean_name(span.text)
        if not name or name[0].isupper():
            return None
        for scope in (sent_of(span), span.doc[:]):
            entry = self._body_of(name, self._states_in(scope))
            if entry is not None:
                return self.resolve_name(entry.label, "Organization")
        return None

    def _body_of(self, name: str, states: list[str], other_than: str = "") -> Optional[GazetteerEntry]:
        """The body a bare name ("ministère de l'Intérieur") has in the first of these states that has one."""
        for state in states:
            for adjective in self.gazetteer.adjectives_of(state):
                entry = self.gazetteer.actor_for(f"{name} {adjective}", self.on)
                if entry is not None and entry.kind == "Organization" and entry.key != other_than:
                    return entry
        return None

    def body_here(self, span: Span) -> Optional[str]:
        """A bare national body the gazetteer gives one state ("les services de secours" are
        Ukraine's, as live blogs use it) means the body of another state when its entry speaks
        only of that one ("En Israël, 24 morts selon les services de secours" -> Israel's)."""
        entry = self.gazetteer.actors.get(span.label_)
        if entry is None or entry.kind != "Organization" or not entry.country or not span.text[:1].islower():
            return None
        if any(self.gazetteer.adjectives.get(t.lower_) or t.lower_ in self.gazetteer.inhabitants for t in tokens_of(span)):
            return None    # qualified: "services de secours ukrainiens"
        if _clean_name(span.text).split(" ", 1)[0].lower() in media_nouns():
            return None    # "l'agence Reuters" is no body of the land the entry speaks of
        lands = self._territory_states(span.doc[:])
        own = set(self.gazetteer.adjectives_of(entry.country))
        # the entry speaks of the body's own side ("la défense antiaérienne ukrainienne"), or of no land
        # at all (a state named acting, "drones lancés par la Russie", is not where the body works)
        if not lands or entry.country in lands or any(t.lower_ in own for t in doc_tokens(span.doc)):
            return None
        name = _clean_name(span.text)
        for scope in (sent_of(span), span.doc[:]):
            other = self._body_of(name, self._territory_states(scope), other_than=entry.key)
            if other is not None:
                self.actor(other.key)
                return other.key
        return self.territory_state(sent_of(span)) or lands[0]   # no such body known there: the state speaks

    def state_of_sentence(self, sent: Span) -> Optional[str]:
        """The first state a sentence names, itself or by one of its places."""
        states = [k for k in self._states_in(sent) if self._kind(k) == "Country"]
        if states:
            self.actor(states[0])
            return states[0]
        return None

    def territory_state(self, scope: Span) -> Optional[str]:
        """The state of the first place a span names ("à Kharkiv" -> Ukraine), names of states used
        for their governments aside."""
        lands = self._territory_states(scope)
        if lands:
            self.actor(lands[0])
        return lands[0] if lands else None

    def _territory_states(self, scope: Span) -> list[str]:
        lands: list[str] = []
        for span in doc_spans(scope.doc, PLACES):
            place = self.gazetteer.places.get(span.label_)
            if not (scope.start <= span.start < scope.end) or place is None or place.country not in self.gazetteer.actors:
                continue
            if any(a.start <= span.start < a.end and not self.used_as_place(a) for a in doc_spans(scope.doc, ACTORS)):
                continue    # "la Russie a lancé": a state acting, not a land
            if place.country not in lands:
                lands.append(place.country)
        return lands

    def _states_in(self, scope: Span) -> list[str]:
        states = []
        for span in sorted([*doc_spans(scope.doc, PLACES), *doc_spans(scope.doc, ACTORS)], key=lambda s: s.start):
            if not (scope.start <= span.start < scope.end):
                continue
            place = self.gazetteer.places.get(span.label_)
            state = place.country if place is not None else (span.label_ if self._kind(span.label_) == "Country" else None)
            if state and state not in states:
                states.append(state)
        return states

    def _kind(self, key: str) -> Optional[str]:
        entry = self.gazetteer.actors.get(key)
        return entry.kind if entry else None

    def used_as_place(self, span: Span) -> bool:
        """"en Arabie saoudite", "à Moscou", "au palais de l'Élysée": a state's name used for
        its territory is a place, not an actor (extractors still read roles themselves)."""
        doc = span.doc
        if any(p.start <= span.start and span.end <= p.end and (p.start, p.end) != (span.start, span.end)
               for p in doc_spans(doc, PLACES)):
            return True
        entry = self.gazetteer.actors.get(span.label_)
        if entry is None or entry.kind != "Country" or span.start == 0:
            return False
        before = doc[span.start - 1].lower_
        if before in LOCATIVE:
            return True
        head = span.root.head
        if before in ("de", "d'", "d’") and _after_venue_noun(doc, span.start - 1):
            return True       # "les pourparlers (russo-américains) de Riyad"
        first = next((t for t in tokens_of(span) if t.lower_ not in ("l'", "l’", "le", "la", "les")), doc[span.start])
        return before == "à" and first.text[0].isupper() and head.lemma_ not in dative_verbs()

    def _is_title(self, span: Span) -> bool:
        """A role written in lower case ("président ukrainien"), not a name."""
        if span.label_.startswith(DATED):
            return True
        entry = self.gazetteer.actors.get(span.label_)
        words = [t for t in tokens_of(span) if t.is_alpha and t.lower_ not in ("le", "la", "l'", "l’")]
        # "président de l'Afrique du Sud" is a title too: only its first word tells
        return entry is not None and entry.kind == "Person" and bool(words) and (
            not words[0].text[0].isupper() or words[0].lower_ in ("premier", "première"))

    def _inside_a_body(self, doc: Doc, span: Span) -> bool:
        """"le Haut-Commissariat des Nations unies pour les réfugiés": a body named inside another
        body's name is part of that name."""
        for outer in doc_spans(doc, ACTORS):
            if outer.start <= span.start and span.end <= outer.end and (outer.start, outer.end) != (span.start, span.end):
                entry = self.gazetteer.actors.get(outer.label_)
                return entry is not None and entry.kind == "Organization"
        return False

    def is_person_name(self, span: Span) -> bool:
        if span.label_ == "PER":
            return _looks_like_name(span)
        entry = self.gazetteer.actors.get(span.label_)
        return entry is not None and entry.kind == "Person" and not self._is_title(span)

    # -------------------------------------------------------------- places
    def place_mention(self, key: str, entry_id: str, span: Span) -> str:
        if key not in self.places:
            entry = self.gazetteer.places.get(key)
            if entry is None:
                self.places[key] = Place(key, span.text)
            else:
                state = self.gazetteer.actors.get(entry.country or "")
                self.places[key] = Place(key, entry.label, entry.kind, entry.wikidata, entry.country,
                                         state.label if state else None)
        char = CharSpan(span.start_char, span.end_char)
        if (key, entry_id, char) not in self._place_mentioned:   # each extractor looks places up again
            self._place_mentioned.add((key, entry_id, char))
            self.places[key].mentions.append(Mention(entry_id, char, span.text))
        return key

    def resolve_place(self, span: Span, entry_id: str) -> Optional[str]:
        """A place named by a span: a gazetteer place inside it, or a LOC entity, or its own text."""
        for known in doc_spans(span.doc, PLACES):
            if known.start < span.end and span.start < known.end:
                return self.place_mention(known.label_, entry_id, known)
        text = _clean_name(span.text)
        if not text:
            return None
        entry = self.gazetteer.place_for(text)
        key = entry.key if entry else slug(text)
        return self.place_mention(key, entry_id, span)

    def place_for_actor(self, actor_key: str) -> Optional[str]:
        """The territory of a state actor, as a place key ("ukraine" -> the place Ukraine)."""
        actor = self.gazetteer.actors.get(actor_key)
        if actor is None or actor.kind != "Country":
            return None
        entry = self.gazetteer.place_for(actor.label)
        return entry.key if entry else None


def _after_venue_noun(doc: Doc, de: int) -> bool:
    """Whether the "de" at `de` follows a venue noun, maybe with adjectives between
    ("accords de", "pourparlers russo-américains de")."""
    for i in range(de - 1, max(-1, de - 6), -1):
        token = doc[i]
        if token.lemma_.lower() in venue_nouns() or token.lower_ in venue_nouns():
            return True
        if token.pos_ in ("VERB", "AUX", "DET", "ADP") or token.is_punct and token.text not in "-–":
            return False
    return False


def _person_names(doc: Doc, table: "ActorTable") -> list[Span]:
    names = [s for s in doc_spans(doc, ACTORS) if table.is_person_name(s)]
    return names + [e for e in doc.ents if e.label_ == "PER" and _looks_like_name(e)
                    and not any(n.start <= e.start < n.end for n in names)]


def name_after(title: Span, table: "ActorTable") -> Optional[Span]:
    """The person named right after a title, a comma between or not: "le gouverneur de la région, Oleh Kiper"."""
    doc = title.doc
    after = title.end + (1 if title.end < len(doc) and doc[title.end].text == "," else 0)
    return next((n for n in _person_names(doc, table) if n.start == after), None)


def apposed_name(title: Span, table: "ActorTable") -> Optional[Span]:
    """The person named beside a title: "le ministre X, Roustem Oumerov" or "Roustem Oumerov, le ministre X"."""
    doc = title.doc
    names = _person_names(doc, table)
    before = title.start
    if before > 0 and doc[before - 1].lower_ in ("le", "la", "l'", "l’"):
        before -= 1
    if before > 0 and doc[before - 1].text == ",":
        before -= 1
    # "X, le président français Emmanuel Macron": a name right after the title is the one it names
    return name_after(title, table) or next((n for n in names if n.end == before), None)


def _clean_name(name: str) -> str:
    name = name.strip(" \t\n,.;:!?«»\"“”()[]")
    return re.sub(r"^(?:[Ll]e |[Ll]a |[Ll]es |[Ll]['’])", "", name).strip()


@lru_cache(maxsize=1)
def media_nouns() -> frozenset[str]:
    return frozenset(read_words("lexicons/media_nouns.txt"))


def _looks_like_name(ent: Span) -> bool:
    words = [t for t in ent if t.is_alpha]
    if not words or len(ent.text) < 3:
        return False
    if ent.label_ == "PER":
        return all(t.text[0].isupper() for t in words if t.lower_ not in ("de", "von", "der", "van", "al", "ben", "el"))
    return words[0].text[0].isupper()
