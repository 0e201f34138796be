"""Sources: quoted passages, who says a sentence, hedges and negations."""
from datetime import date

import pytest

from kg.extract import parse_entries
from kg.extract.actors import ActorTable
from kg.extract.base import Context
from kg.extract.gazetteer import load_gazetteer
from kg.extract.sources import (certainty_of, find_quotes, is_negated, polarity_of, pronoun_antecedent,
                                sentence_source)
from kg.ingest import parse_text


def entry(body: str):
    """The parsed entry and a context, as the extractors see them."""
    doc = parse_text(f"11:20 - Point de situation {body}", "t.txt", day=date(2025, 6, 3))
    items = parse_entries([doc])[0]
    gazetteer = load_gazetteer()
    ctx = Context(doc, gazetteer, ActorTable(gazetteer), items)
    ctx.actors.observe(items[0].doc, items[0].entry_id)
    return items[0], ctx


def token(item, word: str, nth: int = 0):
    return [t for t in item.doc if t.text == word][nth]


# ------------------------------------------------------------------ quotes
def test_find_quotes_keeps_nested_quotes_inside_the_outer_one():
    text = "Il a dit : « Ils parlent d'une \"trêve\" sans la respecter ». Puis « Non »."
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == ["Ils parlent d'une \"trêve\" sans la respecter", "Non"]
    assert text[quotes[0].start:quotes[0].end] == quotes[0].text


def test_find_quotes_reads_curly_and_straight_marks_and_trims_spaces():
    quotes = find_quotes("“Nous verrons”, dit-il, puis \"pas maintenant\" et «\u00a0jamais\u00a0».")
    assert [q.text for q in quotes] == ["Nous verrons", "pas maintenant", "jamais"]


def test_find_quotes_ignores_an_unclosed_mark():
    assert find_quotes("Le mot « trêve revient sans cesse.") == []


# ------------------------------------------------------------------ who says it
def test_selon_gives_the_source():
    item, ctx = entry("Selon l'armée de l'air ukrainienne, 48 missiles ont été abattus au-dessus du pays.")
    source = sentence_source(next(item.doc.sents), item, ctx)
    assert source is not None and source.actor == "ukr_air_force" and source.verb == "selon"


def test_inverted_subject_of_a_speech_verb_is_the_source():
    item, ctx = entry("Trois drones ont été interceptés au-dessus de Koursk, a indiqué le ministère russe de la Défense.")
    source = sentence_source(item.doc[:], item, ctx)
    assert source is not None and (source.actor, source.verb) == ("rus_mod", "indiquer")


def test_speech_verb_lemma_is_recovered_when_the_lemmatizer_misses_it():
    item, ctx = entry("La Maison Blanche indique que les deux délégations se reverront vendredi.")
    source = sentence_source(item.doc[:], item, ctx)
    assert source is not None and (source.actor, source.verb) == ("usa", "indiquer")


def test_pronoun_refers_to_the_last_person_subject_outside_quotes():
    item, ctx = entry("Emmanuel Macron a reçu le chancelier allemand à l'Élysée. « Vladimir Poutine ment », "
                      "a-t-il ensuite déclaré.")
    assert pronoun_antecedent(token(item, "-il"), item, ctx) == "macron"


def test_title_refers_back_to_a_person_of_that_title():
    item, ctx = entry("Le maire Vitali Klitschko s'est rendu sur place avec Volodymyr Zelensky. Le bilan reste "
                      "provisoire, a précisé le maire.")
    source = sentence_source(list(item.doc.sents)[-1], item, ctx)
    assert source is not None and source.actor == "klitschko"


# ------------------------------------------------------------------ certainty and polarity
@pytest.mark.parametrize("body, expected", [
    ("L'Ukraine a revendiqué l'attaque contre la raffinerie.", "certain"),
    ("L'Ukraine aurait revendiqué l'attaque contre la raffinerie.", "probable"),
    ("Selon des sources militaires, l'attaque pourrait avoir été menée depuis la mer.", "possible"),
    ("Le Kremlin n'a pas confirmé la frappe sur Soumy.", "possible"),
])
def test_certainty_from_hedges(body, expected):
    item, _ = entry(body)
    assert certainty_of(item.doc[:]) == expected


def test_hedges_inside_a_quote_are_not_the_narrator_s():
    item, _ = entry("Le porte-parole a répondu : « Cela pourrait prendre des semaines ».")
    assert certainty_of(item.doc[:]) == "certain"


def test_polarity_of_a_non_confirmation():
    item, _ = entry("Le Kremlin n'a pas confirmé la frappe sur Soumy.")
    assert polarity_of(item.doc[:]) == "negative"
    item, _ = entry("Le Kremlin a confirmé la frappe sur Soumy.")
    assert polarity_of(item.doc[:]) == "positive"


@pytest.mark.parametrize("body, verb, negated", [
    ("Kiev n'a pas revendiqué l'explosion du pont.", "revendiqué", True),
    ("Kiev a revendiqué l'explosion du pont.", "revendiqué", False),
    ("L'Ukraine n'a fait aucun commentaire pour revendiquer l'attaque.", "revendiquer", True),
    ("Moscou a frappé sans revendiquer l'opération.", "revendiquer", True),
    ("Moscou ne dit rien mais revendique la frappe.", "revendique", False),
])
def test_negation_reaches_the_verb_through_its_frame(body, verb, negated):
    item, _ = entry(body)
    assert is_negated(token(item, verb)) is negated
