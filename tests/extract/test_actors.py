"""Actor resolution: one node per real actor, whatever the spelling, title or metonymy."""
from datetime import date

import pytest

from kg.extract import extract
from kg.extract.actors import same_person
from kg.ingest import parse_text


def actors_of(text: str):
    doc = parse_text(text, "t.txt", day=date(2025, 4, 2))
    return extract(doc, only=set()).actors


def keys_by_label(actors):
    return {a.label: a.key for a in actors.values()}


def test_transliterations_of_an_unknown_person_are_one_actor():
    actors = actors_of(
        "10:00 - Déclaration Le maire Sergueï Karakaïev a dénoncé les frappes.\n"
        "09:00 - Plus tôt Sergey Karakayev avait évoqué des dégâts.\n")
    people = [a for a in actors.values() if "karaka" in a.key]
    assert len(people) == 1
    assert {"Sergueï Karakaïev", "Sergey Karakayev"} <= {people[0].label, *people[0].aliases}


def test_a_surname_alone_joins_the_full_name():
    actors = actors_of("10:00 - Titre Le gouverneur Ivan Fedorenko a parlé. Fedorenko a ajouté que tout allait bien.\n")
    assert [a.label for a in actors.values() if "fedorenko" in a.key] == ["Ivan Fedorenko"]


@pytest.mark.parametrize("a,b,same", [
    ("Andrey Vorobyov", "Andreï Vorobiov", True),
    ("Andriï Kovalenko", "Kovalenko", True),
    ("Volodymyr Zelensky", "Volodymyr Kohut", False),
    ("Donald Trump", "Donald Tusk", False),
])
def test_same_person(a, b, same):
    assert same_person(a, b) is same


def test_capitals_and_palaces_stand_for_governments():
    actors = actors_of("10:00 - Titre Le Kremlin a répondu à Washington, tandis que Kiev a rejeté l'offre.\n")
    assert {"russia", "usa", "ukraine"} <= set(actors)


def test_demonyms_and_delegations_resolve_to_states():
    actors = actors_of("10:00 - Titre Les délégations ukrainienne et américaine se retrouvent. Les Russes refusent.\n")
    assert {"ukraine", "usa", "russia"} <= set(actors)


def test_titles_resolve_to_the_person():
    actors = actors_of("10:00 - Titre Le président ukrainien a remercié le secrétaire d'État américain.\n")
    assert {"zelensky", "rubio"} <= set(actors)


def test_known_actors_carry_their_wikidata_id():
    actors = actors_of("10:00 - Visite au Kremlin\nVladimir Poutine a reçu Recep Tayyip Erdogan.\n")
    assert actors["putin"].wikidata == "Q7747"
    assert actors["erdogan"].wikidata == "Q39723"


def test_unknown_names_still_become_actors():
    actors = actors_of("10:00 - Titre La ministre Ilona Vasylenko-Marchuk a confirmé la nouvelle.\n")
    assert any("Vasylenko" in a.label for a in actors.values())


def test_platforms_are_not_actors():
    actors = actors_of("10:00 - Titre Le message a été publié sur Telegram puis sur Truth Social.\n")
    assert not any(a.label in ("Telegram", "Truth Social") for a in actors.values())


def test_a_title_beside_a_name_is_that_person():
    actors = actors_of("10:00 - Titre Le porte-parole du Kremlin, Dmitri Peskov, a démenti. "
                       "Ursula von der Leyen, la présidente de la Commission européenne, a répondu.\n")
    assert "peskov" in actors and "von_der_leyen" in actors
    assert "porte-parole du Kremlin" in actors["peskov"].aliases


def test_a_title_between_two_names_names_the_second():
    actors = actors_of("10:00 - Sommet à Chisinau Réunis à Chisinau, Maia Sandu, le chancelier allemand "
                       "Friedrich Merz et le Premier ministre polonais Donald Tusk ont parlé.\n")
    assert "chancelier allemand" not in actors["sandu"].aliases
    assert "chancelier allemand" in actors["merz"].aliases


@pytest.mark.parametrize("sentence, state, acts", [
    ("Les pourparlers russo-américains de Riyad ont duré douze heures.", "saudi_arabia", False),
    ("Il a rappelé les accords de Minsk, jamais appliqués.", "belarus", False),
    ("Le président sera reçu jeudi à l'Élysée par son homologue.", "france", False),
    ("L'Élysée a annoncé une conférence de presse.", "france", True),
    ("La délégation de Kiev est arrivée dans la matinée.", "ukraine", True),
])
def test_a_capital_or_palace_named_as_a_venue_is_not_an_actor(sentence, state, acts):
    assert (state in actors_of(f"10:00 - Titre {sentence}\n")) is acts


@pytest.mark.parametrize("sentence, body", [
    ("On compte 40 blessés à Dnipro, selon le ministère de l'Intérieur.", "ukr_interior_ministry"),
    ("À Belgorod, le ministère de l'Intérieur a recensé trois morts.", "rus_interior_ministry"),
])
def test_a_bare_ministry_belongs_to_the_state_of_its_sentence(sentence, body):
    assert body in actors_of(f"10:00 - Bilan\n{sentence}\n")


def test_the_state_in_a_persons_title_is_not_an_actor_mention():
    actors = actors_of("10:00 - Titre Le président de l'Afrique du Sud, Cyril Ramaphosa, a reçu son homologue.\n")
    assert "ramaphosa" in actors and "south_africa" not in actors
    assert "président de l'Afrique du Sud" in actors["ramaphosa"].aliases


def test_a_capital_named_as_the_place_of_a_phrase_is_not_an_actor_for_the_extractors():
    doc = parse_text("10:00 - Sommet\nLes dirigeants réunis à Chisinau ont proposé une trêve de trente jours.\n",
                     "t.txt", day=date(2025, 4, 2))
    assert "moldova" not in extract(doc).actors


def test_a_national_body_in_a_persons_title_is_part_of_the_title():
    actors = actors_of("10:00 - Titre Le chef de l'administration présidentielle ukrainienne Andriï Iermak "
                       "et la présidente de la Commission européenne Ursula von der Leyen étaient présents.\n")
    assert "ukr_presidential_office" not in actors
    assert "european_commission" in actors


@pytest.mark.parametrize("sentence, reporter", [
    ("Trois morts à Kharkiv, selon les services de secours.", "ukr_ses"),
    ("À Haïfa, trois blessés selon les services de secours.", "mda"),
    ("À Belgorod, deux blessés selon les services de secours.", "russia"),
])
def test_a_bare_national_body_is_the_one_of_the_state_its_entry_speaks_of(sentence, reporter):
    actors = actors_of(f"10:00 - Bilan\n{sentence}\n")
    assert reporter in actors
    assert reporter == "ukr_ses" or "ukr_ses" not in actors


def test_a_title_alone_goes_to_its_holder_on_the_day():
    before = parse_text("10:00 - Titre Le ministre ukrainien de la Défense a parlé.\n", "a.txt", day=date(2025, 3, 25))
    after = parse_text("10:00 - Titre Le ministre ukrainien de la Défense a parlé.\n", "b.txt", day=date(2025, 9, 2))
    assert "umerov" in extract(before, only=set()).actors
    assert "shmyhal" in extract(after, only=set()).actors


def test_a_title_with_another_name_does_not_invent_its_holder():
    actors = actors_of("10:00 - Titre Le ministre ukrainien de la Défense, Petro Kovalchuk, a parlé.\n")
    assert "umerov" not in actors and "shmyhal" not in actors


def test_a_body_of_one_state_qualified_by_another_nationality():
    actors = actors_of("10:00 - Bilan à Nahariya\nDeux civils ont été blessés selon les services de secours israéliens.\n")
    assert "israel" in actors and "ukr_ses" not in actors


@pytest.mark.parametrize("day,holder", [(date(2024, 11, 6), "biden"), (date(2025, 3, 3), "trump")])
def test_the_american_president_depends_on_the_day(day, holder):
    doc = parse_text("10:00 - Réaction à Washington\nLe président américain a salué l'accord.\n", "p.txt", day=day)
    assert holder in extract(doc, only=set()).actors


@pytest.mark.parametrize("sentence, key, label", [
    ("Le ministère malaisien des Affaires étrangères a convoqué l'ambassadeur.", "malaysia_mfa",
     "ministère malaisien des Affaires étrangères"),
    ("Le ministère de la Défense vietnamien a publié un communiqué.", "vietnam_mod", "ministère vietnamien de la Défense"),
    ("Selon le ministère de la Santé, 12 civils ont été tués au Pérou.", "peru_health_ministry",
     "ministère péruvien de la Santé"),
    ("Le ministère turc des Situations d'urgence a envoyé des secours.", "turkey_emergency_ministry",
     "ministère turc des Situations d'urgence"),
])
def test_any_states_ministries_are_actors_without_a_row_of_their_own(sentence, key, label):
    actors = actors_of(f"10:00 - Titre\n{sentence}\n")
    assert key in actors and actors[key].label == label and actors[key].kind == "Organization"


def test_a_ministry_the_gazetteer_names_is_not_made_twice():
    from kg.extract.gazetteer import load_gazetteer
    gazetteer = load_gazetteer()
    assert gazetteer.actor_for("ministère russe de la Défense").key == "rus_mod"
    assert "russia_mod" not in gazetteer.actors
    assert gazetteer.actor_for("ministère cambodgien de la Défense").country == "cambodia"


def test_a_name_after_a_facility_noun_is_a_place_not_a_person():
    actors = actors_of("10:00 - Titre\nDes roquettes sont tombées sur l'hôpital de Phanom Dong Rak, a déclaré "
                       "le porte-parole Somchai Preecha.\n")
    assert "dong-rak" not in actors and "phanom-dong-rak" not in actors
    assert any("Preecha" in a.label for a in actors.values())


def test_a_body_named_inside_another_bodys_name_is_not_an_actor():
    actors = actors_of("10:00 - Titre\nLe Haut-Commissariat des Nations unies pour les réfugiés (HCR) a appelé à un "
                       "couloir humanitaire. La présidente de la Commission européenne a salué l'initiative.\n")
    assert "unhcr" in actors and "un" not in actors
    assert "european_commission" in actors   # in a person's title, an international body stays an actor


def test_a_news_agency_stays_itself_whatever_land_the_entry_speaks_of():
    actors = actors_of("10:00 - Titre\nSelon une source au sein de la délégation ukrainienne citée par l'agence "
                       "Reuters, les demandes de Moscou sont « déconnectées de la réalité ». Des drones ont visé Kharkiv.\n")
    assert "reuters" in actors and "agence Reuters" not in actors["ukraine"].aliases
