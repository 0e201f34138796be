"""Attacks: who struck what, with which weapons, when.

Read per sentence from three kinds of clues:
- attack nouns ("l'attaque de drones ukrainiens sur Moscou", "la frappe russe contre Kiev"),
- attack verbs ("la Russie a visé Kiev", "les forces russes ont frappé une rue de Beryslav avec un
  drone", "Les régions de X et Y ont été touchées"),
- weapon counts ("la Russie a lancé 112 drones contre l'Ukraine", "65 drones ukrainiens abattus
  au-dessus de la Crimée").
The perpetrator is the one the text names: a subject, a nationality adjective ("drones
ukrainiens"), the accused of "accuse X d'avoir frappé", or an attribution made in the same entry.

Each sentence gives one mention (an `Attack` with one report). The finalizer merges the mentions
that tell of the same attack (same side, overlapping days, same or nested places) into one node
that keeps every report; attacks told apart by the text ("un autre drone", another time of day,
another place) stay apart.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Span, Token

from kg.extract.base import Context, EntryDoc, extractor, finalizer
from kg.extract.casualties import figure_reporter, places_in, subject_actor, with_country
from kg.extract.interceptions import CountMention, count_mentions, weapon_at, weapon_phrases_in
from kg.extract.lexicons import read_table
from kg.extract.sources import actor_in_subtree, certainty_of
from kg.extract.tense import future_tense
from kg.extract.views import doc_forms, doc_sents, doc_tokens, sent_of
from kg.extract.when import days_in
from kg.facts import Attack, Attribution, CasualtyReport, Fact, Mention, Span as CharSpan

NEGATIONS = ("pas", "jamais", "aucun", "aucune", "sans", "ni")
CLAUSE_DEPS = ("conj", "parataxis", "advcl", "ccomp")      # another clause: another event
SOURCE_WORDS = ("selon", "d'après", "d’après")
ORIGIN_WORDS = ("depuis",)                                # "tiré depuis la Crimée": not a target
TERRITORY_NOUNS = ("territoire", "sol", "pays")           # "le territoire russe" stands for Russia
EFFECTS = ("strike", "hit", "effect")                     # verb roles whose places are those of their attack subject
STRIKING = ("strike", "hit", "launch")                    # verb roles telling of a strike
TARGET_WORDS = ("sur", "contre", "vers")                  # "l'attaque sur Moscou", "la frappe contre Kiev", "un tir vers Haïfa"
CLOCK = re.compile(r"\b(?:vers|à|peu avant|peu après)\s+(\d{1,2})\s*h\s*(\d{2})?", re.IGNORECASE)
NIGHT_WORDS = re.compile(r"\b(?:nuit|nocturne)\b", re.IGNORECASE)
EVENING = re.compile(r"\bsoir\b", re.IGNORECASE)
MAX_DAYS = 3                                              # a live blog tells of recent attacks
DAY_HOURS = range(6, 21)


# ------------------------------------------------------------------ lexicons
@lru_cache(maxsize=1)
def attack_nouns() -> dict[str, str]:
    return {r["word"]: r["kind"] for r in read_table("lexicons/attack_nouns.tsv")}


@lru_cache(maxsize=1)
def attack_verbs() -> dict[str, str]:
    return {r["lemma"]: r["role"] for r in read_table("lexicons/attack_verbs.tsv")}


@lru_cache(maxsize=1)
def attack_idioms() -> dict[str, tuple[str, str]]:
    """verb lemma -> (object lemma, role): "ouvrir le feu"."""
    return {r["verb"]: (r["object"], r["role"]) for r in read_table("lexicons/attack_idioms.tsv")}


def verb_role(verb: Token) -> Optional[str]:
    """The role of an attack verb, or of a verb and its object ("ouvrir le feu": strike)."""
    role = attack_verbs().get(verb.lemma_)
    if role is None and verb.lemma_ in attack_idioms():
        needed, idiom_role = attack_idioms()[verb.lemma_]
        if any(c.dep_ == "obj" and c.lemma_.lower() == needed for c in verb.children):
            return idiom_role
    return role


def mutual(verb: Token) -> bool:
    """"Moscou et Kiev s'accusent mutuellement": each accuses the other (no side is the perpetrator)."""
    return any(c.lower_ in ("mutuellement", "réciproquement") for c in verb.children) \
        and any(c.lower_ in ("se", "s'", "s’") for c in verb.children)


# ------------------------------------------------------------------ one mention per clue
@dataclass
class Clue:
    """What one sentence says about an attack."""

    token: Token
    scope: set[int]
    weapons: list[str] = field(default_factory=list)
    perpetrator: Optional[str] = None
    targets: list[str] = field(default_factory=list)
    new_event: bool = False
    defender: Optional[str] = None


def _clause(token: Token) -> set[int]:
    """The tokens of a trigger's phrase, without other clauses or a "selon X" source phrase."""
    scope = {t.i for t in token.subtree}
    for t in token.subtree:
        if t is token:
            continue
        other_clause = t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") and t.head.i in scope
        source = any(c.lower_ in SOURCE_WORDS for c in t.children) and t.dep_.startswith(("obl", "nmod"))
        # "l'attaque qui a touché Moscou" says where it struck; "ces tirs, qu'il présente comme une
        # riposte aux frappes" tells of something else
        aside = t.dep_ == "acl:relcl" and attack_verbs().get(t.lemma_) not in ("strike", "hit")
        if other_clause or source or aside:
            scope -= {s.i for s in t.subtree}
    return scope


def _source_tokens(verb: Token) -> set[int]:
    """Tokens of the clauses a verb governs that are not its own phrase (reporting, other events)."""
    return {t.i for c in verb.children if c.dep_ in CLAUSE_DEPS for t in c.subtree}


def _negated(verb: Token) -> bool:
    """"n'a fait aucun commentaire pour revendiquer l'attaque", "ne frappe pas"."""
    for node in [verb, *list(verb.ancestors)[:3]]:
        for child in node.children:
            if child.lower_ in NEGATIONS or child.lower_ in ("ne", "n'", "n’"):
                return True
            if child.dep_ == "obj" and any(g.lower_ in NEGATIONS for g in child.children):
                return True
    return False


def _unreal(verb: Token) -> bool:
    """Conditional or future: a threat or a hypothesis, not an attack that happened."""
    for node in (verb, *[c for c in verb.children if c.dep_.startswith("aux")]):
        if "Cond" in node.morph.get("Mood") or future_tense(node):
            return True
    return False


def demonym_actor(token: Token, ctx: Context) -> Optional[str]:
    """"drones ukrainiens" -> ukraine: the state named by a nationality adjective on a noun, or on
    its bare "de" complement ("les tirs d'artillerie pakistanais": the parser hangs it on "artillerie")."""
    bare = [c for c in token.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "ADV")
            and any(g.dep_ == "case" and g.lower_ in ("de", "d'", "d’") for g in c.children)
            and not any(g.dep_ == "det" for g in c.children)]
    for noun in (token, *bare):
        for child in noun.children:
            if child.dep_ == "amod" or (child.dep_ == "acl" and child.pos_ == "ADJ"):
                key = ctx.gazetteer.adjectives.get(child.lower_)
                if key and key in ctx.gazetteer.actors:
                    return key
    return None


def side(key: Optional[str], ctx: Context) -> Optional[str]:
    """The state an attack is ascribed to: an army, a ministry or a leader stands for its state; the
    leader or spokesman of an armed group for the group."""
    if key is None:
        return None
    entry = ctx.gazetteer.actors.get(key)
    if entry is not None and entry.kind == "Person" and entry.group in ctx.gazetteer.actors:
        key = entry.group
    elif entry is not None and entry.kind in ("Organization", "Person") and entry.country in ctx.gazetteer.actors:
        key = entry.country
    try:
        ctx.actors.actor(key)  # the perpetrator node needs its label even if only an adjective named it
    except KeyError:
        return None
    return key


def _actor_of(token: Optional[Token], item: EntryDoc, ctx: Context) -> Optional[str]:
    if token is None:
        return None
    return actor_in_subtree(token, item, ctx)


def _subject(verb: Token) -> Optional[Token]:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass", "obl:agent"):
            return child
    return None


def _perpetrator_above(token: Token, item: EntryDoc, ctx: Context) -> tuple[Optional[str], set[int]]:
    """The perpetrator named by a verb that governs the attack ("l'Ukraine a revendiqué l'attaque",
    "accuse l'Ukraine d'avoir frappé", "attribue les drones à l'Ukraine"), and the tokens that name
    it (not a target)."""
    first_verb = True
    for ancestor in list(token.ancestors)[:5]:
        if ancestor.pos_ not in ("VERB", "AUX"):
            continue
        role = attack_verbs().get(ancestor.lemma_)
        if role == "accuse":
            obj = next((c for c in ancestor.children if c.dep_ == "obj"), None)
            return _named_by(obj, item, ctx)
        if role == "ascribe":
            # "attribue X à l'Ukraine": the "à" phrase may hang anywhere under the verb
            phrase = next((t for t in ancestor.subtree if t.pos_ in ("PROPN", "NOUN")
                           and any(c.dep_ == "case" and c.lower_ in ("à", "au", "aux") for c in t.children)), None)
            return _named_by(phrase, item, ctx)
        if role in ("carry_out", "launch") and first_verb and not _negated(ancestor):
            subject = _subject(ancestor)
            if subject is not None and subject.dep_ != "nsubj:pass":
                return _named_by(subject, item, ctx)
        first_verb = False
    return None, set()


def _named_by(token: Optional[Token], item: EntryDoc, ctx: Context) -> tuple[Optional[str], set[int]]:
    actor = _actor_of(token, item, ctx)
    return (actor, {t.i for t in token.subtree}) if actor and token is not None else (None, set())


def _targets(scope: Iterable[int], exclude: set[int], item: EntryDoc, ctx: Context) -> list[str]:
    """Places in a trigger's phrase, but not where the weapons came from nor the side that struck."""
    doc = item.doc
    skip = set(exclude)
    for i in scope:
        if doc[i].lower_ in ORIGIN_WORDS:
            skip |= {t.i for t in doc[i].head.subtree}
    tokens = sorted(set(scope) - skip)
    found: list[str] = []
    for start, end in _runs(tokens):
        found += [p for p in places_in(range(start, end), item, ctx) if p not in found]
    for i in tokens:  # "le territoire russe"; with no place named, "trois bases aériennes pakistanaises"
        if doc[i].lemma_ in TERRITORY_NOUNS or (not found and _struck_object(doc[i])):
            country = demonym_actor(doc[i], ctx)
            place = ctx.actors.place_for_actor(country) if country else None
            if place and place not in found:
                ctx.actors.place_mention(place, item.entry_id, doc[i:i + 1])
                found.append(with_country(place, ctx))
    return found


def _struck_object(noun: Token) -> bool:
    """What a strike hit, named by a common noun: the verb's object or a "contre / sur" phrase, not a
    weapon nor another attack ("a frappé des positions cambodgiennes", "frappes contre des bases indiennes")."""
    if noun.pos_ != "NOUN" or attack_nouns().get(noun.lemma_.lower()) or weapon_at(noun) is not None:
        return False
    cases = [c.lower_ for c in noun.children if c.dep_ == "case"]
    # a noun phrase without a preposition that is not the subject is the object, however it is parsed
    return (not cases and not noun.dep_.startswith("nsubj")) or any(c in TARGET_WORDS for c in cases)


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _weapons(scope: Iterable[int], item: EntryDoc, ctx: Context) -> tuple[list[str], Optional[str], bool]:
    """Weapons named in a phrase, the state their nationality adjective names, and whether the
    text calls them "autre" (another attack)."""
    doc = item.doc
    tokens = sorted(scope)
    weapons, owner, other = [], None, False
    if not tokens:
        return weapons, owner, other
    for phrase in weapon_phrases_in(doc[tokens[0]:tokens[-1] + 1]):
        if phrase.start not in scope:
            continue
        for weapon in phrase.weapon.split("/"):
            if weapon != "engin" and weapon not in weapons:
                weapons.append(weapon)
        head = doc[phrase.start]
        owner = owner or demonym_actor(head, ctx)
        other = other or any(c.lower_ in ("autre", "autres") for c in head.children)
    return weapons, owner, other


def _intended(verb: Token) -> bool:
    """A strike governed by a verb of intent or of stopping, or by one in the future or the
    conditional ("menace de frapper", "cesser de viser", "nous continuerons à frapper")."""
    return any(a.pos_ in ("VERB", "AUX") and (attack_verbs().get(a.lemma_) == "intent" or _unreal(a))
               for a in list(verb.ancestors)[:2])


def _launches_weapon(verb: Token) -> bool:
    """"a tiré des roquettes sur Israël", "a lancé une salve de missiles": weapons are launched."""
    for obj in (c for c in verb.children if c.dep_ in ("obj", "nsubj:pass")):
        nouns = [obj] + ([c for c in obj.children if c.dep_ == "nmod"]
                         if attack_nouns().get(obj.lemma_.lower()) == "collection" else [])
        if any(weapon_phrases_in(n.doc[n.i:n.i + 1]) for n in nouns):
            return True
    return False


def _noun_clue(token: Token, item: EntryDoc, ctx: Context) -> Optional[Clue]:
    """"l'attaque de drones ukrainiens sur Moscou", "la frappe russe", "ses frappes de drones"."""
    if attack_nouns().get(token.lemma_.lower()) != "attack" or token.pos_ != "NOUN":
        return None
    phrase = token
    if token.dep_ == "nmod" and attack_nouns().get(token.head.lemma_.lower()) == "collection":
        phrase = token.head  # "une série de frappes sur Beyrouth": the series carries the target
    if _blocked(phrase):
        return None
    scope = _clause(phrase) | _target_after(phrase)
    if phrase.dep_ == "nsubj" and phrase.head.pos_ == "VERB" and attack_verbs().get(phrase.head.lemma_) in EFFECTS:
        # "Des frappes israéliennes ont tué 20 personnes à Gaza": the verb says where they struck
        # ("ont tué 13 civils et en ont blessé 59 autres dans le district de X": so do its coordinates)
        effects = [phrase.head] + [c for c in phrase.head.children
                                   if c.dep_ == "conj" and attack_verbs().get(c.lemma_) in EFFECTS]
        for verb in effects:
            scope |= _clause(verb) - _source_tokens(verb)
    weapons, owner, other = _weapons(scope, item, ctx)
    above, naming = _perpetrator_above(phrase, item, ctx)
    perpetrator = demonym_actor(token, ctx) or owner or above
    new_event = other or any(c.lower_ in ("autre", "nouvelle") for c in token.children)
    return Clue(token, scope, weapons, perpetrator, _targets(scope, naming, item, ctx), new_event)


def _target_after(noun: Token) -> set[int]:
    """"l'attaque de drones sur la région de Koursk": the "sur / contre" phrase right after the attack
    phrase, whatever the parser attached it to."""
    doc, sent = noun.doc, sent_of(noun)
    i = noun.right_edge.i + 1
    if i >= sent.end or doc[i].lower_ not in TARGET_WORDS:
        return set()
    end = i + 1
    while end < sent.end and doc[end].pos_ not in ("VERB", "AUX"):
        listed = doc[end].text == "," and _listed_name(doc, end + 1, sent.end)   # "sur Kharkiv, Odessa et Dnipro"
        if doc[end].text in (",", ".", ";", ":", "(", "«", '"') and not listed:
            break
        end += 1
    return set(range(i, end))


def _listed_name(doc, i: int, limit: int) -> bool:
    """A name that goes on a list after a comma, not the subject of the next clause ("sur Kiev,
    Moscou a dénoncé")."""
    end = i
    while end < limit and doc[end].text[:1].isupper() and doc[end].pos_ in ("PROPN", "NOUN"):
        end += 1
    return end > i and (end >= limit or doc[end].pos_ not in ("VERB", "AUX"))


def _blocked(noun: Token) -> bool:
    """"l'arrêt des frappes", "menace de nouvelles frappes", "pourrait lancer une attaque": no attack
    that happened."""
    for ancestor in list(noun.ancestors)[:3]:
        if attack_nouns().get(ancestor.lemma_.lower()) == "blocker":
            return True
        if ancestor.pos_ in ("VERB", "AUX"):
            role = attack_verbs().get(ancestor.lemma_)
            return _unreal(ancestor) or role == "intent" or _intended(ancestor) or (
                role in ("carry_out", "launch") and _negated(ancestor) and ancestor.lemma_ != "revendiquer")
    return False


def _verb_clue(token: Token, item: EntryDoc, ctx: Context) -> Optional[Clue]:
    """"la Russie a visé Kiev", "un drone ukrainien a frappé ...", "les régions ... ont été touchées"."""
    role = verb_role(token)
    if not _tells_a_strike(token, role):
        return None
    scope = _clause(token)
    subject = _subject(token)
    if subject is None and token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ == "obj" for c in token.head.children) and not mutual(token.head):
        # "l'armée a annoncé avoir frappé": the army struck ("accuse l'Ukraine d'avoir frappé": the object did)
        subject = _subject(token.head)
    if subject is not None and ("Rel" in subject.morph.get("PronType") or subject.lower_ == "qui") \
            and token.dep_ == "acl:relcl":
        subject = token.head  # "un drone qui visait ...", "c'est un missile russe qui a frappé": the antecedent
        scope |= {subject.i}
    if role == "hit" and subject is None:
        return None  # "toucher" with nothing touched
    weapons, owner, other = _weapons(scope, item, ctx)
    perpetrator, exclude = None, set()
    if subject is not None and subject.dep_ != "nsubj:pass":
        exclude = {t.i for t in subject.subtree} if subject.i != token.head.i else {subject.i}
        perpetrator = _striking_actor(subject, item, ctx)
        if perpetrator is None and not _strikes_by_itself(subject):
            return None  # "des sanctions visant la banque": not an attack
    agent = next((c for c in token.children if c.dep_ == "obl:agent"), None)
    perpetrator = perpetrator or _actor_of(agent, item, ctx)  # "frappée par l'armée russe"
    above, naming = _perpetrator_above(token, item, ctx)
    perpetrator = perpetrator or owner or above
    return Clue(token, scope, weapons, perpetrator, _targets(scope, exclude | naming, item, ctx), other)


def _tells_a_strike(verb: Token, role: Optional[str]) -> bool:
    """An attack verb telling of a strike that happened (not denied, planned, threatened or aimed at)."""
    if role not in STRIKING or verb.pos_ != "VERB" or _negated(verb) or _unreal(verb):
        return False
    if any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" for c in verb.children):
        return False  # "vise à mettre fin": an aim, not a strike
    if _intended(verb):
        return False  # "menace de frapper", "a renoncé à frapper"
    return role != "launch" or _launches_weapon(verb)  # "lancer un appel" launches no weapon


def _striking_actor(subject: Token, item: EntryDoc, ctx: Context) -> Optional[str]:
    """The actor a strike verb's subject names; a weapon subject names none ("un drone a frappé")."""
    if subject.pos_ == "NOUN" and weapon_at(subject) is not None:
        return None
    return _actor_of(subject, item, ctx)


def _strikes_by_itself(subject: Token) -> bool:
    """A subject that can strike without an actor named: an attack or a weapon ("la frappe a touché",
    "un drone a visé")."""
    if attack_nouns().get(subject.lemma_.lower()) == "attack":
        return True
    return bool(weapon_phrases_in(subject.doc[subject.left_edge.i:subject.right_edge.i + 1]))


def _count_clue(count: CountMention, item: EntryDoc, ctx: Context) -> Optional[Clue]:
    """"la Russie a lancé 112 drones contre l'Ukraine", "65 drones ukrainiens abattus : 43 au-dessus
    de la mer Noire...": a count of launched or downed weapons tells of the attack they made."""
    if count.outcome not in ("launched", "intercepted") or count.parent is not None:
        return None
    scope = {count.token.i} | set(range(count.start, count.end))
    weapons = [w for w in (count.weapon or "").split("/") if w and w != "engin"]
    weapons += [w for it in count.items for w in it.weapon.split("/") if w and w != "engin" and w not in weapons]
    perpetrator = demonym_actor(count.token, ctx)
    if count.outcome == "launched" and count.verb is not None:
        perpetrator = perpetrator or subject_actor(count.verb, item, ctx)
        scope.add(count.verb.i)
        scope |= {t.i for c in count.verb.children if c.dep_ == "obl:agent" for t in c.subtree}
    targets = list(count.places)
    for part in count.items:
        targets += [p for p in part.places if p not in targets]
    if not targets and count.outcome == "launched" and perpetrator:
        targets = _reporter_country(count, perpetrator, item, ctx)
    defender = None
    if count.outcome == "intercepted" and count.verb is not None:
        defender = side(subject_actor(count.verb, item, ctx), ctx)  # "les FSR ont abattu deux drones"
        perpetrator = perpetrator if perpetrator != defender else None
    return Clue(count.token, scope, weapons, perpetrator, targets, defender=defender)


def _reporter_country(count: CountMention, perpetrator: str, item: EntryDoc, ctx: Context) -> list[str]:
    """Launches reported by one side's air force were aimed at that side's country."""
    reporter = figure_reporter(count.token, item, ctx, [count.verb] if count.verb is not None else [])
    country = side(reporter, ctx) if reporter else None
    if country is None or country == side(perpetrator, ctx):
        return []
    place = ctx.actors.place_for_actor(country)
    if place:
        ctx.actors.place_mention(place, item.entry_id, doc_span(count, item))
    return [with_country(place, ctx)] if place else []


def doc_span(count: CountMention, item: EntryDoc) -> Span:
    return item.doc[count.start:count.end]


def _may_clue(sent: Span) -> list[int]:
    """The tokens of a sentence that can be a clue: an attack noun, or a verb of striking."""
    forms, nouns, verbs = doc_forms(sent.doc), attack_nouns(), attack_verbs()
    return [i for i in range(sent.start, sent.end)
            if forms.pos[i] == "NOUN" and nouns.get(forms.lemma[i].lower()) == "attack"
            or forms.pos[i] == "VERB" and (verbs.get(forms.lemma[i]) in STRIKING or forms.lemma[i] in attack_idioms())]


def sentence_clues(sent: Span, counts: list[CountMention], item: EntryDoc, ctx: Context) -> list[Clue]:
    """The attack clues of a sentence; a clue inside another's phrase adds to it."""
    if sent.text.rstrip().endswith("?"):
        return []  # a question asserts no attack
    tokens = doc_tokens(sent.doc)
    clues = [c for i in _may_clue(sent) for c in (_noun_clue(tokens[i], item, ctx), _verb_clue(tokens[i], item, ctx))
             if c is not None]
    clues += [c for c in (_count_clue(n, item, ctx) for n in counts if sent.start <= n.token.i < sent.end) if c]
    merged = _merge_clues(clues)
    # "un drone ukrainien a frappé X, et un drone a visé Y": one side named for the whole sentence
    sides = {c.perpetrator for c in merged if c.perpetrator}
    if len(sides) == 1:
        for clue in merged:
            clue.perpetrator = clue.perpetrator or next(iter(sides))
    return merged


def _merge_clues(clues: list[Clue]) -> list[Clue]:
    merged: list[Clue] = []
    for clue in sorted(clues, key=lambda c: -len(c.scope)):
        host = next((m for m in merged if m.scope & clue.scope), None)
        if host is None:
            merged.append(clue)
            continue
        host.weapons += [w for w in clue.weapons if w not in host.weapons]
        host.targets += [p for p in clue.targets if p not in host.targets]
        host.perpetrator = host.perpetrator or clue.perpetrator
        host.new_event = host.new_event or clue.new_event
        host.defender = host.defender or clue.defender
        host.scope |= clue.scope
    return sorted(merged, key=lambda c: c.token.i)


# ------------------------------------------------------------------ dates
def _dates(sent: Span, trigger: Token, item: EntryDoc) -> tuple[Optional[date], Optional[date], bool]:
    """Start and end day of an attack told in a sentence (None when the sentence names no day), and
    whether it was overnight. "depuis lundi" runs to the entry's day; "entre jeudi 22h et vendredi"
    spans both days."""
    published = item.entry.published
    today = published.date()
    days = [d for d in days_in(sent.text, published) if abs((d.start - today).days) <= MAX_DAYS]
    overnight = bool(NIGHT_WORDS.search(sent.text))
    nights = [d for d in days if d.end != d.start]
    if nights:
        return nights[0].start, nights[0].end, True
    if days:
        offset = trigger.idx - sent.start_char
        day = min(days, key=lambda d: abs(d.offset - offset))
        before = sent.text[max(0, day.offset - 8):day.offset].lower()
        evening = bool(EVENING.search(sent.text[day.offset:day.offset + len(day.text) + 6]))
        end = None
        if "depuis" in before:
            end = today
        elif "entre" in before:
            end = max(d.start for d in days)
        if evening and end is None:
            end = day.start + timedelta(days=1)
        return day.start, end if end != day.start else None, overnight or evening
    if overnight and published.hour < 14:
        return today - timedelta(days=1), today, True
    return None, None, overnight


def _time_of_day(sent: Span) -> str:
    match = CLOCK.search(sent.text)
    if not match:
        return ""
    return f"{int(match[1]):02d}:{match[2] or '00'}"


# ------------------------------------------------------------------ extractor
@extractor("attacks")
def attacks(item: EntryDoc, ctx: Context) -> Iterable[Fact]:
    counts = count_mentions(item, ctx)
    mentions: list[Attack] = []
    for sent in doc_sents(item.doc):
        for clue in sentence_clues(sent, counts, item, ctx):
            if not (clue.weapons or clue.perpetrator or clue.targets):
                continue
            mentions.append(_mention(clue, sent, item, ctx, mentions))
    return mentions


def _mention(clue: Clue, sent: Span, item: EntryDoc, ctx: Context, before: list[Attack]) -> Attack:
    doc = item.doc
    start, end = min(clue.scope), max(clue.scope) + 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    span = CharSpan(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    first, last, overnight = _dates(sent, clue.token, item)
    strike = verb_role(clue.token) == "strike"
    targets = clue.targets
    if clue.new_event and not targets and before:
        # "Vers 10h30, un autre drone a frappé une voiture": the region of the attack just told
        targets = [p for p in before[-1].targets if _is_broad(p, ctx)]
    return Attack(item.entry_id, span, certainty=certainty_of(sent), weapons=clue.weapons,
                  perpetrator=side(clue.perpetrator, ctx), targets=targets, start_date=first, end_date=last,
                  reports=[Mention(item.entry_id, span, doc[start:end].text)],
                  time_of_day=_time_of_day(sent) if strike else "", overnight=overnight, new_event=clue.new_event,
                  defender=clue.defender)


def _is_broad(place_key: str, ctx: Context) -> bool:
    place = ctx.actors.places.get(place_key)
    return place is not None and place.kind in ("Region", "Country", "Area")


# ------------------------------------------------------------------ merging
@dataclass
class Cluster:
    entry_days: dict[str, date]
    mentions: list[Attack] = field(default_factory=list)

    @property
    def perpetrator(self) -> Optional[str]:
        return next((m.perpetrator for m in self.mentions if m.perpetrator), None)

    @property
    def defenders(self) -> set[str]:
        return {m.defender for m in self.mentions if m.defender}

    @property
    def targets(self) -> list[str]:
        found: list[str] = []
        for m in self.mentions:
            found += [t for t in m.targets if t not in found]
        return found

    @property
    def weapons(self) -> list[str]:
        found: list[str] = []
        for m in self.mentions:
            found += [w for w in m.weapons if w not in found]
        return found

    @property
    def start(self) -> date:
        """The first day a report names, else the day of the first report."""
        dated = [m.start_date for m in self.mentions if m.start_date]
        return min(dated) if dated else self.entry_days[self.mentions[0].entry_id]

    @property
    def end(self) -> date:
        dated = [m.end_date or m.start_date for m in self.mentions if m.start_date]
        return max(dated) if dated else self.start


def related_places(a: str, b: str, ctx: Context) -> int:
    """2: the same place; 1: one lies in the other (a city in its country, "Moscou" in "région de
    Moscou"); 0: unrelated."""
    if a == b:
        return 2
    places = ctx.actors.places
    pa, pb = places.get(a), places.get(b)
    if pa is None or pb is None:
        return 0
    for outer, inner in ((pa, pb), (pb, pa)):
        country = ctx.gazetteer.country_actor_of_place(outer.key)
        if country and inner.country == country and inner.key != outer.key:
            return 1
        if outer.kind in ("Region", "Area") and inner.kind == "City" and _name_in(inner.label, outer.label):
            return 1
    return 0


def _name_in(short: str, long: str) -> bool:
    return re.search(rf"\b{re.escape(short.lower())}\b", long.lower()) is not None


def _span_of(mention: Attack, entry_days: dict[str, date]) -> tuple[date, date]:
    """The days a mention may be about: those it names, else its entry's day or the night before."""
    if mention.start_date is None:
        day = entry_days[mention.entry_id]
        return day - timedelta(days=1), day
    return mention.start_date, mention.end_date or mention.start_date


def _day_gap(cluster: Cluster, mention: Attack) -> int:
    """Days between a mention and an attack (0 when their days overlap)."""
    m_start, m_end = _span_of(mention, cluster.entry_days)
    c_spans = [_span_of(m, cluster.entry_days) for m in cluster.mentions if m.start_date] or \
        [_span_of(m, cluster.entry_days) for m in cluster.mentions]
    c_start, c_end = min(a for a, _ in c_spans), max(b for _, b in c_spans)
    if m_end < c_start:
        return (c_start - m_end).days
    if m_start > c_end:
        return (m_start - c_end).days
    return 0


def _clock_conflict(cluster: Cluster, mention: Attack) -> bool:
    """A strike "vers 7h30" is not the one "vers 10h30", nor the one of the night."""
    if not mention.time_of_day:
        return False
    hour = int(mention.time_of_day[:2])
    for other in cluster.mentions:
        if other.time_of_day:
            minutes = abs(hour * 60 + int(mention.time_of_day[3:]) - int(other.time_of_day[:2]) * 60 - int(other.time_of_day[3:]))
            if minutes > 60:
                return True
        elif other.overnight and hour in DAY_HOURS:
            return True
    return False


def _fit(cluster: Cluster, mention: Attack, ctx: Context) -> Optional[tuple]:
    """How well a mention fits an attack already told; None when it cannot be the same attack."""
    if mention.perpetrator and cluster.perpetrator and mention.perpetrator != cluster.perpetrator:
        return None
    if (cluster.perpetrator and cluster.perpetrator == mention.defender) or (
            mention.perpetrator and mention.perpetrator in cluster.defenders):
        return None  # the side that shot the weapons down did not send them
    slack = 1 if mention.overnight or any(m.overnight for m in cluster.mentions) else 0
    if _day_gap(cluster, mention) > slack or _clock_conflict(cluster, mention):
        return None
    nights = {m.start_date for m in cluster.mentions if m.overnight and m.end_date and m.start_date}
    if mention.overnight and mention.end_date and nights and mention.start_date not in nights:
        return None  # the night of Monday to Tuesday is not the night of Tuesday to Wednesday
    if mention.time_of_day and any(m.overnight and not m.time_of_day for m in cluster.mentions):
        return None
    place_fit = max((related_places(a, b, ctx) for a in cluster.targets for b in mention.targets), default=None)
    if place_fit == 0:
        return None
    same_entry = any(m.entry_id == mention.entry_id for m in cluster.mentions)
    weapon_fit = bool(set(cluster.weapons) & set(mention.weapons))
    return (place_fit or 0, same_entry, weapon_fit)


def merge_mentions(mentions: list[Attack], ctx: Context) -> list[Cluster]:
    """Mentions of one entry are merged first (an entry tells its attacks whole), then each is
    joined to the attack it continues from earlier entries."""
    days = {e.entry_id: e.published.date() for e in ctx.document.entries}
    clusters: list[Cluster] = []
    for entry_id in dict.fromkeys(m.entry_id for m in mentions):
        local = _gather([m for m in mentions if m.entry_id == entry_id], [], days, ctx)
        for part in local:
            fits = [] if part.mentions[0].new_event else [
                (f, i) for i, c in enumerate(clusters) if (f := _fit_all(c, part, ctx)) is not None]
            if fits:
                clusters[max(fits)[1]].mentions.extend(part.mentions)
            else:
                clusters.append(part)
    return clusters


def _gather(mentions: list[Attack], clusters: list[Cluster], days: dict[str, date], ctx: Context) -> list[Cluster]:
    for mention in mentions:
        fits = [] if mention.new_event else [(f, i) for i, c in enumerate(clusters)
                                             if (f := _fit(c, mention, ctx)) is not None]
        if fits:
            clusters[max(fits)[1]].mentions.append(mention)
        else:
            clusters.append(Cluster(days, [mention]))
    return clusters


def _fit_all(cluster: Cluster, part: Cluster, ctx: Context) -> Optional[tuple]:
    """How well an entry's attack fits an earlier one: every mention must fit."""
    fits = [_fit(cluster, m, ctx) for m in part.mentions]
    if any(f is None for f in fits):
        return None
    return max(fits)  # type: ignore[type-var]


def _attributed(cluster: Cluster, facts: list[Fact], ctx: Context) -> Optional[str]:
    """The side an attribution made in the same entries names ("le ministère accuse l'Ukraine")."""
    entries = {m.entry_id for m in cluster.mentions}
    accused = {side(f.accused, ctx) for f in facts if isinstance(f, Attribution) and f.entry_id in entries
               and f.stance in ("attributes", "claims") and f.polarity == "positive" and f.accused}
    accused -= cluster.defenders
    return next(iter(accused)) if len(accused) == 1 else None


def _specific(targets: list[str], ctx: Context) -> list[str]:
    """Drop a country when a place inside it is named: "Kiev" says more than "Ukraine"."""
    kept = []
    for target in targets:
        country = ctx.gazetteer.country_actor_of_place(target)
        if country and any(o != target and ctx.actors.places.get(o) is not None
                           and ctx.actors.places[o].country == country for o in targets):
            continue
        kept.append(target)
    return kept


def _plural(weapon: str) -> str:
    """"drones", "obus", "tirs d'artillerie"; a phrase stays as it is ("missile balistique")."""
    if weapon == "artillerie":
        return "tirs d'artillerie"
    return weapon if " " in weapon or weapon.endswith(("s", "x", "z")) else weapon + "s"


def _label(attack: Attack, ctx: Context) -> str:
    weapons = " et ".join(_plural(w) for w in attack.weapons) or "frappes"
    perpetrator = ctx.actors.actors[attack.perpetrator].label if attack.perpetrator in ctx.actors.actors else "?"
    targets = ", ".join(ctx.actors.places[t].label for t in attack.targets if t in ctx.actors.places)
    return f"Attaque ({weapons}) de {perpetrator} contre {targets}"


def _attack(cluster: Cluster, perpetrator: str, ctx: Context) -> Attack:
    first = cluster.mentions[0]
    targets = _specific(cluster.targets, ctx)
    key_text = f"{ctx.document.doc_id}|{perpetrator}|{'|'.join(targets)}|{cluster.start}|{first.entry_id}|{first.span.start}"
    attack = Attack(first.entry_id, first.span, certainty=first.certainty, key=hashlib.sha1(key_text.encode()).hexdigest()[:12],
                    weapons=cluster.weapons, perpetrator=perpetrator, targets=targets, start_date=cluster.start,
                    end_date=cluster.end if cluster.end != cluster.start else None,
                    reports=[r for m in cluster.mentions for r in m.reports],
                    time_of_day=next((m.time_of_day for m in cluster.mentions if m.time_of_day), ""),
                    overnight=any(m.overnight for m in cluster.mentions),
                    defender=next(iter(cluster.defenders), None))
    attack.label = _label(attack, ctx)
    return attack


def _link_attributions(attacks: list[Attack], facts: list[Fact], ctx: Context) -> None:
    """An attribution about the one attack its entry reports is about that attack."""
    for fact in facts:
        if not isinstance(fact, Attribution) or fact.attack is not None:
            continue
        about = [a for a in attacks if any(r.entry_id == fact.entry_id for r in a.reports)
                 and a.perpetrator == side(fact.accused, ctx)]
        if len(about) == 1:
            fact.attack = about[0].key


def _entry_order(ctx: Context) -> dict[str, tuple]:
    return {e.entry_id: (e.published, i) for i, e in enumerate(ctx.document.entries)}


@finalizer("attacks")
def merge_attacks(facts: list[Fact], ctx: Context) -> list[Fact]:
    """One attack node per attack: mentions merged, oldest report first; an attack is kept when
    the text says who carried it out and what it struck."""
    order = _entry_order(ctx)
    mentions = sorted((f for f in facts if isinstance(f, Attack)), key=lambda m: (order[m.entry_id], m.span.start))
    others = [f for f in facts if not isinstance(f, Attack)]
    attacks = []
    for cluster in merge_mentions(mentions, ctx):
        perpetrator = cluster.perpetrator or _attributed(cluster, others, ctx)
        if perpetrator and cluster.targets:
            attacks.append(_attack(cluster, perpetrator, ctx))
    _link_attributions(attacks, others, ctx)
    _link_tolls(attacks, others, ctx)
    return others + attacks


def _link_tolls(attacks: list[Attack], facts: list[Fact], ctx: Context) -> None:
    """A toll given in an entry that reports one attack is about that attack, unless it names
    another place."""
    for fact in facts:
        if isinstance(fact, CasualtyReport) and fact.attack is None:
            about = [a for a in attacks if any(r.entry_id == fact.entry_id for r in a.reports)]
            if len(about) == 1 and (not fact.places or not about[0].targets or any(
                    related_places(p, t, ctx) for p in fact.places for t in about[0].targets)):
                fact.attack = about[0].key
