"""Lexicon phrase matching: folded accents, loose plurals and articles, longest match first."""
from kg.extract.nlp import load_nlp
from kg.extract.phrases import Phrase, find_phrases


def matches(text: str, *phrases: str) -> list[str]:
    doc = load_nlp()(text)
    return [doc[start:end].text for start, end, _ in find_phrases(doc, [Phrase.of(p, p) for p in phrases])]


def test_plurals_accents_and_extra_articles_still_match():
    assert matches("Il réclame l'arrêt de toutes les frappes energetiques.", "arrêt des frappes énergétiques") == \
        ["arrêt de toutes les frappes energetiques"]


def test_the_longest_phrase_wins_and_matches_do_not_overlap():
    assert matches("Un cessez-le-feu de trente jours puis une trêve.", "cessez-le-feu", "cessez-le-feu de trente jours",
                   "trêve") == ["cessez-le-feu de trente jours", "trêve"]


def test_a_phrase_that_starts_with_an_article_needs_that_article():
    assert matches("Les combats ont repris de nouveau.", "de nouveau") == ["de nouveau"]
    assert matches("Les combats ont repris du nouveau front.", "de nouveau") == []
