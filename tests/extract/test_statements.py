"""Statements: direct quotes and their speakers, on sentences written for these tests."""
from datetime import date

import pytest

from kg.extract import extract
from kg.facts import Statement
from kg.ingest import parse_text


def statements(body: str, title: str = "Les réactions se multiplient") -> list[tuple[str, str, Statement]]:
    """(speaker label, quote, fact) for every statement read in one entry."""
    doc = parse_text(f"14:35 - {title} {body}", "t.txt", day=date(2025, 6, 3))
    result = extract(doc, only={"statements", "attributions"})
    return [(result.actors[f.speaker].label, f.quote, f) for f in result.facts if isinstance(f, Statement)]


def speakers(body: str) -> list[tuple[str, str]]:
    return [(label, quote) for label, quote, _ in statements(body)]


def test_speaker_named_after_the_quote():
    found = speakers("Le ton monte entre les deux capitales. « Nous ne reconnaîtrons jamais cette annexion », "
                     "a déclaré Andriï Sybiha, le ministre ukrainien des Affaires étrangères.")
    assert found == [("Andriï Sybiha", "Nous ne reconnaîtrons jamais cette annexion")]


def test_speaker_by_title_from_the_gazetteer():
    found = speakers("La visite a été écourtée. « Nos partenaires doivent livrer plus de systèmes Patriot », "
                     "a insisté le président ukrainien devant les journalistes.")
    assert found == [("Volodymyr Zelensky", "Nos partenaires doivent livrer plus de systèmes Patriot")]


def test_pronoun_speaker_is_the_last_person_subject_not_the_last_person_named():
    found = speakers("Le chef de la délégation russe, Vladimir Medinski, conseiller de Vladimir Poutine, a quitté "
                     "la salle vers 17 heures. « Les discussions ont été longues mais utiles », a-t-il souligné.")
    assert found == [("Vladimir Medinski", "Les discussions ont été longues mais utiles")]


def test_relative_pronoun_lequel_takes_the_previous_speaker():
    found = speakers("Une proposition saluée par le chancelier allemand, Friedrich Merz. Lequel a prévenu : "
                     "« Aucune paix ne se fera sans l'Ukraine autour de la table. »")
    assert found == [("Friedrich Merz", "Aucune paix ne se fera sans l'Ukraine autour de la table.")]


def test_speaker_in_the_clause_before_a_colon():
    found = speakers("Keir Starmer s'est montré plus sévère que ses homologues : « Moscou joue la montre et "
                     "tout le monde le voit. »")
    assert found == [("Keir Starmer", "Moscou joue la montre et tout le monde le voit.")]


def test_speaker_in_the_previous_sentence_of_a_lone_quote():
    found = speakers("Le ministre turc des Affaires étrangères, Hakan Fidan, s'est montré prudent. "
                     "« Il est encore trop tôt pour parler d'un accord durable. »")
    assert found == [("Hakan Fidan", "Il est encore trop tôt pour parler d'un accord durable.")]


def test_quote_across_a_sentence_break_stays_one_statement():
    found = speakers("Les pourparlers ont repris à Genève. « Les lignes bougent. Mais il reste beaucoup à faire avant une signature », a estimé "
                     "Marco Rubio à l'issue de la réunion.")
    assert found == [("Marco Rubio", "Les lignes bougent. Mais il reste beaucoup à faire avant une signature")]


def test_quote_split_around_its_speech_verb_is_joined():
    found = speakers("Ursula von der Leyen a durci le ton. « Nous allons renforcer les sanctions », a-t-elle "
                     "ajouté, « et nous le ferons dès la semaine prochaine ».")
    assert found == [("Ursula von der Leyen",
                      "Nous allons renforcer les sanctions et nous le ferons dès la semaine prochaine")]


def test_two_quotes_each_with_its_own_sentence_keep_one_speaker():
    found = speakers("Un nouveau cycle est prévu. « Les deux équipes se reverront lundi », a écrit Rustem Oumerov sur Telegram, avant "
                     "d'ajouter : « Nous avons remis une liste de prisonniers à échanger. »")
    assert [s for s, _ in found] == ["Rustem Oumerov", "Rustem Oumerov"]
    assert found[1][1] == "Nous avons remis une liste de prisonniers à échanger."


def test_organisation_speaker_named_by_title_refers_back():
    found = speakers("Le ministère russe de la Défense a publié un bilan dans la matinée. « Toutes les cibles "
                     "désignées ont été détruites », assure le ministère.")
    assert found == [("ministère russe de la Défense", "Toutes les cibles désignées ont été détruites")]


def test_person_title_refers_back_to_the_last_person():
    found = speakers("Vitali Klitschko a donné un nouveau bilan sur Telegram. « Trois immeubles sont "
                     "partiellement détruits », a précisé le maire.")
    assert found == [("Vitali Klitschko", "Trois immeubles sont partiellement détruits")]


def test_nested_quotes_give_one_statement_with_the_inner_quote_inside():
    found = speakers("Bruxelles hausse le ton. « Ils parlent d'une \"pause humanitaire\" alors que les bombardements continuent », "
                     "a dénoncé Kaja Kallas.")
    assert found == [("Kaja Kallas", "Ils parlent d'une \"pause humanitaire\" alors que les bombardements continuent")]


def test_second_hand_quote_belongs_to_the_person_quoted_and_is_only_probable():
    found = statements("Selon des sources proches des discussions citées par la BBC, le chef de la délégation "
                       "russe, Vladimir Medinski, aurait lancé : « Nous avons tout le temps du monde. »")
    assert [(label, quote) for label, quote, _ in found] == [("Vladimir Medinski", "Nous avons tout le temps du monde.")]
    assert found[0][2].certainty == "probable"


def test_embedded_clause_after_a_speech_verb_is_a_statement():
    found = speakers("Le porte-parole du Kremlin, Dmitri Peskov, a indiqué que Moscou restait "
                     "« ouverte à des contacts si les conditions de la Russie sont prises en compte ».")
    assert found == [("Dmitri Peskov", "ouverte à des contacts si les conditions de la Russie sont prises en compte")]


@pytest.mark.parametrize("body", [
    "L'armée russe a mené une offensive « massive » sur la région de Kharkiv.",
    "Le président ukrainien propose une « trêve totale dans les airs et en mer » depuis lundi.",
    "Washington veut « convaincre » Moscou de revenir à la table des négociations.",
    "Le Kremlin a qualifié la proposition de « provocation ».",
])
def test_scare_quotes_and_names_in_narration_are_not_statements(body):
    assert speakers(body) == []


def test_impersonal_frame_gives_no_speaker():
    assert speakers("Rien n'a filtré. « Les équipes techniques se retrouveront jeudi », a-t-on appris de source diplomatique.") == []


def test_statement_span_covers_quote_and_speaker_clause():
    body = "La journée a été tendue. « Nous ne céderons sur aucun territoire », a martelé Volodymyr Zelensky."
    [(_, _, fact)] = statements(body)
    assert body[fact.quote_span.start:fact.quote_span.end] == "Nous ne céderons sur aucun territoire"
    assert body[fact.span.start:fact.span.end].startswith("« Nous ne céderons")
    assert body[fact.span.start:fact.span.end].endswith("Volodymyr Zelensky")
    assert fact.verb == "marteler"
    assert (fact.certainty, fact.polarity) == ("certain", "positive")


def test_speech_participle_the_tagger_takes_for_a_noun_still_frames_the_quote():
    found = speakers("Le chef de l'armée soudanaise, Abdel Fattah al-Burhane, a rejeté toute négociation. « Il n'y "
                     "aura pas de trêve tant que la milice n'aura pas rendu les armes », a-t-il martelé devant ses troupes.")
    assert found == [("Abdel Fattah al-Burhane",
                      "Il n'y aura pas de trêve tant que la milice n'aura pas rendu les armes")]


def test_unnamed_official_speaks_for_the_state_of_the_title():
    found = speakers("Les discussions se poursuivent à Doha. « Un accord est possible d'ici la fin de la semaine », "
                     "a confié à l'AFP un haut responsable américain.")
    assert found == [("États-Unis", "Un accord est possible d'ici la fin de la semaine")]


def test_selon_after_the_quote_names_the_speaker():
    found = speakers("Le ton reste ferme à Moscou. « Les sanctions ne changeront rien à notre position », selon un "
                     "communiqué de la diplomatie russe.")
    assert found == [("ministère russe des Affaires étrangères", "Les sanctions ne changeront rien à notre position")]


def test_speech_verb_of_a_following_clause_does_not_frame_the_quote():
    found = speakers("Kiev a publié un texte attribué à l'état-major russe. « Les troupes se retireront de Koupiansk », "
                     "mais le Kremlin a démenti dans la soirée.")
    assert found == []


@pytest.mark.parametrize("title, speaker", [("le ministre", "Ilan Kessler"), ("le Premier ministre", "Marek Dobrov")])
def test_a_title_refers_back_to_the_holder_of_that_very_office(title, speaker):
    found = speakers("Le ministre des Finances Ilan Kessler doit rencontrer vendredi le Premier ministre Marek Dobrov. "
                     f"« Nous ne céderons rien », a déclaré {title}.")
    assert found == [(speaker, "Nous ne céderons rien")]


@pytest.mark.parametrize("body, speaker", [
    ("Le Kremlin a rejeté l'offre. Son porte-parole a déclaré : « Elle ne répond pas aux réalités du terrain ».",
     "Dmitri Peskov"),
    ("Le Hamas a rejeté l'offre. Son porte-parole a déclaré : « Elle ne répond pas aux réalités du terrain ».", "Hamas"),
])
def test_a_possessed_title_is_the_holder_of_that_title_of_the_body_named_before(body, speaker):
    assert speakers(body) == [(speaker, "Elle ne répond pas aux réalités du terrain")]


def test_a_long_quoted_phrase_without_a_verb_is_speech_a_short_one_a_name():
    assert speakers("Dans un message publié sur X, Emmanuel Macron a appelé à « une désescalade immédiate et à "
                    "un retour rapide à la table des négociations ».") == [
        ("Emmanuel Macron", "une désescalade immédiate et à un retour rapide à la table des négociations")]
    assert speakers("Emmanuel Macron a appelé à une « trêve dans les airs et en mer ».") == []


def test_a_participle_after_the_main_clause_quotes_its_subject():
    from kg.facts import Statement
    from extract_support import facts_of
    from datetime import date
    found = facts_of("10:00 - Sanctions\nVolodymyr Zelensky a annoncé de nouvelles sanctions, affirmant que « la Russie "
                     "ne veut pas la paix et continue de bombarder nos villes ».", Statement, {"statements"},
                     date(2025, 7, 6))
    assert [(s.speaker, s.quote[:20]) for s in found] == [("zelensky", "la Russie ne veut pa")]


def test_an_adverb_between_the_verb_and_its_clitic():
    found = speakers("Pour le porte-parole du Kremlin, Dmitri Peskov, le plan « pourrait servir de base ». « Nous n'avons "
                     "rien reçu officiellement », a-t-il toutefois précisé.")
    assert ("Dmitri Peskov", "Nous n'avons rien reçu officiellement") in found
