"""Weapon counts: drones and missiles shot down (or launched), as reported by someone.

"La Russie a abattu 337 drones, dont 91 dans la région de Moscou" -> 337, and 91 over the region;
"65 drones : 43 au-dessus de la mer Noire, 21 au-dessus de la Crimée et un au-dessus de la région
de Belgorod" -> 65, 43, 21 and 1, each with its place; "en a abattu 112, soit 48 missiles et 64
drones" -> 112 (missiles and drones), 48 and 64. What became of the weapons is read from the verb
that governs the count (`weapon_verbs.tsv`): shot down, launched, or lost from radar (left out).
Designations with digits ("Kh-101", "F-16", "Iskander-M") are names, not counts.

`count_mentions` is shared with the attack extractor (a count of launched or downed drones is also
a report of the attack they were part of).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from kg.extract.base import Context, EntryDoc, extractor
from kg.extract.casualties import figure_reporter, hypothetical, places_in, subject_actor
from kg.extract.lexicons import read_table
from kg.extract.nlp import load_nlp
from kg.extract.numbers import Quantity, may_be_number, quantity_at, quantity_before
from kg.extract.sources import certainty_of
from kg.extract.views import doc_forms, doc_sents, doc_tokens, kept, sent_of
from kg.facts import Fact, Span as CharSpan, WeaponCount

MARKERS = ("dont", "soit", ":")            # a breakdown follows: "337 drones, dont 91 ..."
SEPARATORS = (",", ";", "et")
REPORTED_OUTCOMES = ("intercepted", "launched")
# relations through which a counted weapon undergoes its governing verb (object, passive subject...)
UNDERGOES = ("obj", "nsubj:pass", "conj", "appos", "nummod", "dep", "nmod", "obl:arg", "flat", "ROOT")
CORE = ("obj", "nsubj:pass", "conj", "appos", "nummod", "flat", "dep")
GENERIC = "engin"
CACHE_KEY = "kg_weapon_counts"
LOCATION_WORDS = ("au-dessus", "dans", "en", "près", "au-delà", "vers", "sur")
PLACE_WORDS = ("au-dessus", "dans", "sur", "en", "à", "au", "aux", "près", "vers", "contre", "au-delà", "autour",
               "du", "des")


# ------------------------------------------------------------------ lexicons
@lru_cache(maxsize=1)
def weapon_phrases() -> dict[tuple[str, ...], str]:
    """Lexicon phrases as token tuples ("missile", "de", "croisière") -> weapon category."""
    nlp = load_nlp()
    table = {}
    for row in read_table("lexicons/weapons.tsv"):
        words = tuple(_fold(t.text) for t in nlp.make_doc(row["words"]))
        table[words] = row["weapon"]
    return table


@lru_cache(maxsize=1)
def _longest_by_first_word() -> dict[str, int]:
    """The longest weapon phrase starting with each word: no other word can start one."""
    longest: dict[str, int] = {}
    for words in weapon_phrases():
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


@lru_cache(maxsize=1)
def _first_forms() -> frozenset[str]:
    """The lower-case words whose `_fold` starts a weapon phrase."""
    firsts = set(_longest_by_first_word())
    firsts |= {w.replace("'", "’") for w in firsts} | ({"d'", "d’"} if "de" in firsts else set())
    return frozenset(firsts)


@lru_cache(maxsize=1)
def weapon_verbs() -> dict[str, str]:
    return {r["lemma"]: r["outcome"] for r in read_table("lexicons/weapon_verbs.tsv")}


def outcome_of(token: Token) -> Optional[str]:
    """What a verb (or a participle read as a noun: "80 abattus", "66 brouillés") says of weapons."""
    lemma = token.lemma_.lower()
    forms = {lemma, lemma[:-1] + "er" if lemma.endswith("é") else lemma}
    return next((weapon_verbs()[f] for f in forms if f in weapon_verbs()), None)


def _fold(word: str) -> str:
    word = word.lower().replace("’", "'")
    return "de" if word == "d'" else word


# ------------------------------------------------------------------ weapon phrases
@dataclass
class WeaponPhrase:
    start: int
    end: int
    weapon: str


def weapon_at(token: Token) -> Optional[WeaponPhrase]:
    """The weapon phrase starting at a noun ("missiles de croisière", "drones d'attaque") or at a
    model name, whatever part of speech the tagger gives it ("Shahed", "Iskander-M"; "drones" is at
    times tagged as an adverb or adjective)."""
    if token.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ") and not token.text[:1].isupper():
        return None
    doc = token.doc
    phrases = weapon_phrases()
    longest = _longest_by_first_word().get(_fold(token.text), 0)
    longest = max(longest, _longest_by_first_word().get(_fold(token.lemma_), 0))
    for n in range(min(longest, len(doc) - token.i), 0, -1):
        tokens = doc[token.i:token.i + n]
        for forms in ([_fold(t.text) for t in tokens], [_fold(t.lemma_) for t in tokens]):
            weapon = phrases.get(tuple(forms))
            if weapon:
                return WeaponPhrase(token.i, token.i + n, weapon)
    return None


def weapon_phrases_in(span: Span) -> list[WeaponPhrase]:
    found, i = [], span.start
    while i < span.end:
        phrase = weapon_at(span.doc[i])
        if phrase:
            found.append(phrase)
            i = phrase.end
        else:
            i += 1
    return found


def base(weapon: str) -> str:
    """"missile balistique" -> "missile" (the category without its kind)."""
    return weapon.split()[0]


def joined(weapons: Iterable[str]) -> str:
    bases = []
    for weapon in weapons:
        if base(weapon) != GENERIC and base(weapon) not in bases:
            bases.append(base(weapon))
    return "/".join(bases)


# ------------------------------------------------------------------ counts
@dataclass
class CountMention:
    """One count of weapons read in a sentence."""

    quantity: Quantity
    weapon: str
    token: Token                    # the weapon noun, or the number when the noun is left out
    start: int
    end: int
    outcome: Optional[str] = None
    verb: Optional[Token] = None    # the verb that says what became of the weapons
    parent: Optional["CountMention"] = None   # the count this one breaks down ("dont 91 ...")
    places: list[str] = field(default_factory=list)
    items: list["CountMention"] = field(default_factory=list)


def _counted_weapon(phrase: WeaponPhrase, doc) -> Optional[CountMention]:
    quantity = quantity_before(doc[phrase.start])
    if quantity is None:
        return None
    weapon, end = phrase.weapon, phrase.end
    # "215 missiles et drones": one number for two coordinated weapons
    if end + 1 < len(doc) and doc[end].lower_ in ("et", "ou"):
        other = weapon_at(doc[end + 1])
        if other and quantity_before(doc[end + 1]) is None:
            weapon, end = f"{base(weapon)}/{base(other.weapon)}", other.end
    return CountMention(quantity, weapon, doc[phrase.start], quantity.start, end)


def _starts_item(token: Token, sent: Span) -> Optional[CountMention]:
    """A breakdown item starting at a token: "91 ...", "48 missiles", "un au-dessus de ..."."""
    phrase = None
    quantity = quantity_at(token)
    if quantity is None:
        return None
    if quantity.end < sent.end:
        phrase = weapon_at(token.doc[quantity.end])
    if phrase is not None:
        counted = _counted_weapon(phrase, token.doc)
        if counted is not None:
            return counted
    if token.lower_ in ("un", "une") and not _place_follows(token.doc, quantity.end, sent):
        return None  # "un homme", "une rue": an article
    return CountMention(quantity, "", token, quantity.start, quantity.end)


def _place_follows(doc, i: int, sent: Span) -> bool:
    """"un au-dessus de la région de Belgorod": the number stands alone, a place phrase follows."""
    return i < sent.end and (doc[i].pos_ == "ADP" or doc[i].lower_ in PLACE_WORDS)


def _marker_after(count: CountMention, sent: Span) -> Optional[int]:
    """Index of the token just after "dont" / "soit" / ":" that opens a breakdown of a count."""
    doc = count.token.doc
    for i in range(count.end, min(sent.end, count.end + 14)):
        word = doc[i].lower_
        if word in MARKERS:
            return i + 1
        if word in (".", ";") or quantity_at(doc[i]) is not None or (doc[i].pos_ == "VERB" and "Fin" in doc[i].morph.get("VerbForm")):
            return None
    return None


def _breakdown(count: CountMention, sent: Span) -> list[CountMention]:
    """The items that break a count down, up to the first piece that is not a number."""
    doc = count.token.doc
    i = _marker_after(count, sent)
    items: list[CountMention] = []
    while i is not None and i < sent.end:
        item = _starts_item(doc[i], sent)
        if item is None:
            break
        j = item.end
        while j < sent.end and not (doc[j].text in SEPARATORS or doc[j].text in (".", ")")):
            j += 1
        item.end = j
        item.parent = count
        items.append(item)
        k = j
        while k < sent.end and (doc[k].lower_ in SEPARATORS or doc[k].lower_ in ("ainsi", "que", "puis")):  # "et", "ainsi que"
            k += 1
        i = k if k < sent.end and k > j else None
    return items


ACTS = object()  # the counted weapons are the subject: they act, nothing is said of their fate


def _climb_to_verb(token: Token) -> tuple[object, bool]:
    """The verb a counted weapon undergoes, and whether the weapon is its object or passive subject
    (directly or through a list) rather than a circumstance ("Sur les 48 drones lancés, 40 ...")."""
    current, core = token, True
    for _ in range(8):
        if current.dep_ in ("nsubj", "obl:agent"):
            # the weapon acts ("un drone a largué des explosifs"): nothing became of it, unless it
            # vanished ("27 leurres ont disparu des radars")
            head = current.head
            lost = head.pos_ == "VERB" and outcome_of(head) == "lost"
            return (head if lost else ACTS), core
        if current.dep_ not in CORE:
            core = False
        head = current.head
        if head is current:
            return (current, core) if current.pos_ == "VERB" else (None, False)
        if head.pos_ == "VERB":
            if current.dep_ in UNDERGOES or current.dep_.startswith("obl"):
                return head, core
            return None, False
        current = head
    return None, False


def _participle(count: CountMention) -> Optional[Token]:
    """A weapon verb's participle on the counted phrase: "150 drones tirés", "48 drones lancés"."""
    token, doc = count.token, count.token.doc
    candidates = [doc[i] for i in range(token.i, max(count.end, token.i + 1))]
    candidates += [c for c in token.children if c.dep_ == "conj"] + ([token.head] if token.dep_ == "conj" else [])
    for noun in candidates:
        for child in noun.children:
            if child.dep_ == "acl" and outcome_of(child):
                return child
    return None


def _outcome_verb(count: CountMention) -> Optional[Token]:
    """The verb that says what became of counted weapons: the one they are the object of ("a abattu
    deux drones lancés depuis le Yémen"), else a participle on them ("150 drones tirés"), else the
    verb that governs them some other way."""
    verb, core = _climb_to_verb(count.token)
    if verb is ACTS:
        return _participle(count)
    if verb is not None and not outcome_of(verb):
        verb, core = _verb_of_coordinated_object(count.token) or (verb, core)
    if verb is not None and not outcome_of(verb) and verb.dep_ in ("xcomp", "conj") and outcome_of(verb.head):
        verb = verb.head
    if verb is not None and core and outcome_of(verb):
        return verb
    participle = _participle(count)
    if participle is not None:
        return participle
    return verb if verb is not None else _weapon_verb_before(count.token)


def _verb_of_coordinated_object(token: Token) -> Optional[tuple[Token, bool]]:
    """"a intercepté le missile, ainsi que deux drones": a count the parser coordinated with the
    wrong word undergoes the weapon verb of the object listed just before it."""
    cc = next((c for c in token.children if c.dep_ == "cc"), None)
    if token.dep_ != "conj" or cc is None:
        return None
    i = cc.i - 1
    while i >= 0 and token.doc[i].is_punct:
        i -= 1
    before = token.doc[i] if i >= 0 else None
    if before is not None and before.dep_ in ("obj", "nsubj:pass") and outcome_of(before.head):
        return before.head, True
    return None


def _weapon_verb_before(token: Token) -> Optional[Token]:
    """When the parse loses the object ("avoir intercepté lundi soir, près de X, un drone"): the
    weapon verb just before the count in its clause, no other verb between them."""
    doc = token.doc
    for i in range(token.i - 1, max(sent_of(token).start, token.i - 15) - 1, -1):
        word = doc[i]
        if word.pos_ == "VERB" and outcome_of(word):
            return word if "Part" in word.morph.get("VerbForm") or "Fin" in word.morph.get("VerbForm") else None
        if word.pos_ == "VERB" or word.text in (".", ";", ":") or word.lower_ in ("qui", "que", "dont"):
            return None
    return None


def _verb_places(count: CountMention, item: EntryDoc, ctx: Context, taken: set[int]) -> list[str]:
    """Places on the count's verb ("abattus au-dessus de la Crimée"), outside its breakdown and subject."""
    verb = count.verb
    if verb is None:
        return []
    places: list[str] = []
    for child in verb.children:
        if not child.dep_.startswith("obl") or child.dep_ == "obl:agent" or weapon_at(child) is not None:
            continue
        if not any(c.dep_ == "case" and c.lower_ in PLACE_WORDS + ("de", "d'") for c in child.children):
            continue  # where the weapons came from ("depuis"), a time window ("entre"), a total ("sur les 48")
        tokens = [i for i in range(child.left_edge.i, child.right_edge.i + 1) if i not in taken]
        if tokens:
            places += [p for p in places_in(range(min(tokens), max(tokens) + 1), item, ctx) if p not in places]
    return places


def _trailing_places(count: CountMention, item: EntryDoc, ctx: Context) -> list[str]:
    """"30 drones ukrainiens au-dessus de la Crimée": a place phrase right after the count, whatever
    the parser attached it to."""
    doc, sent = item.doc, sent_of(count.token)
    i = count.end
    while i < sent.end and doc[i].pos_ == "ADJ":
        i += 1
    if i >= sent.end or doc[i].lower_ not in LOCATION_WORDS:
        return []
    end = i + 1
    while end < sent.end and doc[end].text not in (",", ".", ";", ":", "(") and doc[end].pos_ != "VERB" \
            and quantity_at(doc[end]) is None:
        end += 1
    return places_in(range(i, end), item, ctx)


def _sentence_counts(sent: Span, item: EntryDoc, ctx: Context) -> list[CountMention]:
    doc = item.doc
    tokens = doc_tokens(doc)
    counts: list[CountMention] = []
    consumed: set[int] = set()
    starts = _may_count(doc)
    i = sent.start
    while i < sent.end:
        if i not in starts:
            i += 1
            continue
        phrase = weapon_at(tokens[i]) if i not in consumed else None
        count = _counted_weapon(phrase, doc) if phrase else None
        if count is None and i not in consumed:
            count = _elliptic_count(tokens[i], sent)
        if count is None:
            i = phrase.end if phrase else i + 1
            continue
        count.items = _breakdown(count, sent)
        for part in (count, *count.items):
            consumed.update(range(part.start, part.end))
        counts.append(count)
        i = max(count.end, i + 1)
    for count in counts:
        _settle(count, item, ctx)
        if count.verb is not None and hypothetical(count.verb):
            count.outcome = None  # "vont lancer 50 missiles": not done
    return [c for c in counts if c.outcome] + [it for c in counts if c.outcome for it in c.items]


def _may_count(doc: Doc) -> frozenset[int]:
    """The tokens where a count can start: a weapon's first word, or a number's."""
    forms, firsts = doc_forms(doc), _first_forms()
    return kept(doc, "kg_count_starts", lambda: frozenset(
        i for i, (lower, lemma) in enumerate(zip(forms.lower, forms.lemma))
        if lower in firsts or lemma.lower() in firsts or may_be_number(lower)))


def _elliptic_count(token: Token, sent: Span) -> Optional[CountMention]:
    """"en a abattu 112", "40 ont été abattus", "a détruit 25 des 30 drones": a number standing for
    weapons named before or after it, object or passive subject of a weapon verb."""
    quantity = quantity_at(token)
    if quantity is None or token.lower_ in ("un", "une") and not _taken_up_by_en(token):
        return None
    count = CountMention(quantity, "", token, quantity.start, quantity.end)
    total = _total_after(count, sent)
    if total is not None:  # "quatre des cinq roquettes": the parse may attach it anywhere
        count.weapon = total.weapon
        return count
    verb = token.head
    if token.dep_ not in ("obj", "nsubj:pass", "xcomp") and not _taken_up_by_en(token) or verb.pos_ != "VERB" \
            or not outcome_of(verb):
        return None
    if quantity.end < sent.end and token.doc[quantity.end].pos_ in ("NOUN", "PROPN", "ADJ"):
        return None  # "9 heures", "deux fois": the number counts something else
    return count


def _taken_up_by_en(token: Token) -> bool:
    """"qui dit en avoir intercepté une": "un/une" counts when "en" takes up the weapons named
    before (elsewhere it is mostly an article)."""
    verb, doc = token.head, token.doc
    alone = token.i + 1 >= len(doc) or doc[token.i + 1].is_punct   # "une." (the parser may call it a determiner)
    return verb.pos_ == "VERB" and verb.i < token.i and alone and token.dep_ in ("obj", "advmod", "det", "nummod") \
        and any(c.lower_ == "en" and c.i < verb.i for c in verb.children)


def _total_after(count: CountMention, sent: Span) -> Optional[WeaponPhrase]:
    """"25 des 30 drones": the weapons of which the number is a part."""
    doc, i = count.token.doc, count.end
    if i + 2 < sent.end and doc[i].lower_ in ("des", "sur") and quantity_at(doc[i + 1]) is not None:
        after = quantity_at(doc[i + 1])
        return weapon_at(doc[after.end]) if after.end < sent.end else None
    return None


def _is_total(count: CountMention) -> bool:
    """"30" in "25 des 30 drones", "sur les 48 drones": the whole that was launched."""
    doc, start = count.token.doc, count.start
    if start >= 2 and doc[start - 1].lower_ == "des" and quantity_at(doc[start - 2]) is not None:
        return True
    return start >= 2 and doc[start - 1].lower_ == "les" and doc[start - 2].lower_ == "sur"


def _settle(count: CountMention, item: EntryDoc, ctx: Context) -> None:
    """Outcome, weapon and places of a count and of its breakdown items."""
    count.verb = _outcome_verb(count)
    count.outcome = outcome_of(count.verb) if count.verb is not None else None
    if _is_total(count):
        count.outcome, count.verb = "launched", _participle(count)
    if not count.weapon or base(count.weapon) == GENERIC:
        sent = sent_of(count.token)
        later = [p.weapon for p in weapon_phrases_in(item.doc[count.end:sent.end])]
        count.weapon = joined(later) or count.weapon or _weapon_before(count, item)
    taken = {i for it in count.items for i in range(it.start, it.end)}
    count.places = _verb_places(count, item, ctx, taken) or _trailing_places(count, item, ctx)
    for part in count.items:
        own = next((t for t in item.doc[part.start:part.end] if outcome_of(t)), None)  # "dont 80 abattus et 66 brouillés"
        part.outcome, part.verb = (outcome_of(own), own) if own is not None else (count.outcome, count.verb)
        part.weapon = part.weapon or count.weapon
        part.places = places_in(range(part.start, part.end), item, ctx)


def _weapon_before(count: CountMention, item: EntryDoc) -> str:
    """The weapons an elliptic count stands for: the last ones named before it in the entry."""
    doc = item.doc
    phrases = weapon_phrases_in(doc[0:count.start])
    if not phrases:
        return ""
    last_sent = sent_of(doc[phrases[-1].start])
    return joined(p.weapon for p in phrases if sent_of(doc[p.start]) == last_sent)


def count_mentions(item: EntryDoc, ctx: Context) -> list[CountMention]:
    """Every count of launched, downed or lost weapons in an entry (reporter not resolved); read
    once per entry, kept with its parse for the attack extractor."""
    key = (CACHE_KEY, id(ctx))  # the places read are recorded in this document's table
    cached = item.doc.user_data.get(key)
    if cached is None:
        cached = [c for sent in doc_sents(item.doc) for c in _sentence_counts(sent, item, ctx)]
        item.doc.user_data[key] = cached
    return cached


# ------------------------------------------------------------------ facts
def _reporter(count: CountMention, item: EntryDoc, ctx: Context) -> Optional[str]:
    verb = count.verb
    skip = [verb] if verb is not None else []
    fallback = subject_actor(verb, item, ctx) if verb is not None and count.outcome == "intercepted" else None
    return figure_reporter(count.token, item, ctx, skip, fallback=fallback)


def _fact(count: CountMention, reporter: str, item: EntryDoc) -> WeaponCount:
    doc = item.doc
    first, last = doc[count.start], doc[count.end - 1]
    q = count.quantity
    note = q.text if (q.value is None or q.bound or q.approximate) else ""
    return WeaponCount(item.entry_id, CharSpan(first.idx, last.idx + len(last)), certainty=certainty_of(sent_of(first)),
                       reporter=reporter, count=q.value, weapon=count.weapon or GENERIC, outcome=count.outcome or "",
                       place=count.places[0] if count.places else None, note=note)


@extractor("interceptions")
def interceptions(item: EntryDoc, ctx: Context) -> Iterable[Fact]:
    facts = []
    for count in count_mentions(item, ctx):
        if count.outcome not in REPORTED_OUTCOMES:
            continue
        reporter = _reporter(count, item, ctx)
        if reporter:
            facts.append(_fact(count, reporter, item))
    return facts
