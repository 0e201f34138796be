"""Attacks: perpetrator, weapons, targets and dates, one node per attack across entries."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kg.extract import extract, parse_entries
from kg.extract.actors import ActorTable
from kg.extract.attacks import attacks, merge_attacks
from kg.extract.base import Context
from kg.extract.gazetteer import load_gazetteer
from kg.facts import Attack, Attribution, CasualtyReport, Document, Entry, Span

PARIS = ZoneInfo("Europe/Paris")
TUESDAY = date(2025, 6, 3)


def blog(*entries: tuple[str, str], day: date = TUESDAY) -> Document:
    """A live blog from ("HH:MM", body) pairs, newest first as live blogs are."""
    items = [Entry(f"e{hhmm.replace(':', '')}", datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time(), PARIS),
                   "Titre", body) for hhmm, body in entries]
    return Document("t", "t.txt", items)


def attacks_in(*entries: tuple[str, str], day: date = TUESDAY) -> list[Attack]:
    result = extract(blog(*entries, day=day), only={"attacks", "casualties", "interceptions"})
    return [f for f in result.facts if isinstance(f, Attack)]


def test_an_attack_noun_with_its_weapon_side_and_target():
    [attack] = attacks_in(("07:30", "Le bilan de l'attaque de drones ukrainiens sur la région de Koursk reste "
                                    "inconnu, selon le gouverneur Ivan Sitnikov."))
    assert (attack.perpetrator, attack.weapons, attack.targets) == ("ukraine", ["drone"], ["kursk_oblast"])
    assert attack.start_date == TUESDAY  # no day named: the day of the report


def test_an_overnight_attack_starts_the_day_before():
    [attack] = attacks_in(("08:10", "La Russie a visé Odessa avec des missiles dans la nuit de lundi à mardi."))
    assert (attack.perpetrator, attack.targets, attack.weapons) == ("russia", ["odesa"], ["missile"])
    assert (attack.start_date, attack.end_date, attack.overnight) == (date(2025, 6, 2), TUESDAY, True)


def test_reports_of_one_attack_in_several_entries_make_one_node():
    found = attacks_in(
        ("11:45", "Le bilan de l'attaque russe sur Zaporijjia s'est alourdi, selon le gouverneur Ivan Fedorov."),
        ("08:05", "Les forces russes ont frappé Zaporijjia dans la nuit de lundi à mardi avec des missiles "
                  "balistiques, a indiqué le gouverneur Ivan Fedorov."))
    assert len(found) == 1
    assert {r.entry_id for r in found[0].reports} == {"e0805", "e1145"}
    assert found[0].start_date == date(2025, 6, 2)


def test_a_city_and_its_region_and_country_are_one_target():
    found = attacks_in(
        ("10:00", "Une attaque de drones russes a touché Kharkiv, selon le maire Ihor Terekhov."),
        ("07:00", "La Russie a lancé 80 drones contre l'Ukraine dans la nuit de lundi à mardi, a indiqué l'armée "
                  "de l'air ukrainienne."))
    assert len(found) == 1
    assert found[0].targets == ["kharkiv"]  # the country is dropped when a place in it is named


def test_each_side_attack_of_the_same_night_stays_apart():
    found = attacks_in(("09:30", "La Russie a lancé dans la nuit de lundi à mardi 70 drones contre l'Ukraine, a "
                                 "indiqué l'armée de l'air ukrainienne. Le ministère russe de la Défense affirme de "
                                 "son côté avoir détruit 30 drones ukrainiens au-dessus de la Crimée."))
    assert sorted((a.perpetrator, tuple(a.targets)) for a in found) == [("russia", ("ukraine",)),
                                                                       ("ukraine", ("crimea",))]


def test_a_strike_in_the_morning_is_not_the_attack_of_the_night():
    found = attacks_in(("12:20", "La Russie a attaqué l'Ukraine avec des drones dans la nuit de lundi à mardi. "
                                 "Dans la région de Kherson, les forces russes ont frappé un marché de Beryslav avec "
                                 "un drone vers 8h15. Vers 11h, un autre drone russe a largué des explosifs sur un bus."))
    assert len(found) == 3
    morning = next(a for a in found if a.time_of_day == "08:15")
    assert set(morning.targets) == {"kherson_oblast", "beryslav"} and morning.start_date == TUESDAY
    bus = next(a for a in found if a.time_of_day == "11:00")
    assert bus.targets == ["kherson_oblast"]  # the region the passage is about


def test_the_accused_of_an_accusation_is_the_perpetrator():
    [attack] = attacks_in(("13:00", "Le ministère russe de la Défense accuse l'Ukraine d'avoir frappé la région de "
                                    "Belgorod avec des drones lundi."))
    assert (attack.perpetrator, attack.targets, attack.start_date) == ("ukraine", ["belgorod_oblast"],
                                                                       date(2025, 6, 2))


def test_an_attribution_of_the_same_entry_names_the_perpetrator():
    document = blog(("14:10", "Une frappe de missile a touché le port d'Odessa dans la nuit."))
    assert attacks_in(("14:10", "Une frappe de missile a touché le port d'Odessa dans la nuit.")) == []
    items = parse_entries([document])[0]
    ctx = Context(document, load_gazetteer(), ActorTable(load_gazetteer()), items)
    attribution = Attribution("e1410", Span(0, 10), claimant="ukraine", accused="russia")
    facts = merge_attacks(list(attacks(items[0], ctx)) + [attribution], ctx)
    [attack] = [f for f in facts if isinstance(f, Attack)]
    assert (attack.perpetrator, attack.targets, attack.weapons) == ("russia", ["odesa"], ["missile"])
    assert attribution.attack == attack.key


def test_stopped_threatened_or_hypothetical_attacks_are_not_attacks():
    found = attacks_in(("16:45", "Washington appelle à l'arrêt des frappes contre les installations énergétiques. "
                                 "La Russie menace de frapper Kiev. \"Si l'Ukraine frappe encore nos villes, nous "
                                 "répondrons\", a prévenu Vladimir Poutine. L'Ukraine a-t-elle attaqué Belgorod ?"))
    assert found == []


def test_a_collection_noun_carries_the_target():
    [attack] = attacks_in(("06:40", "Israël a mené une série de frappes sur Khan Younès dans la nuit de lundi à "
                                    "mardi, selon la Défense civile de Gaza."))
    assert attack.perpetrator == "israel" and attack.start_date == date(2025, 6, 2)
    assert attack.targets


def test_a_toll_is_linked_to_the_attack_of_its_entry():
    result = extract(blog(("09:00", "Des frappes russes ont touché Soumy dans la nuit de lundi à mardi, faisant "
                                    "deux morts, selon le gouverneur Oleh Hryhorov.")),
                     only={"attacks", "casualties", "interceptions"})
    [attack] = [f for f in result.facts if isinstance(f, Attack)]
    [toll] = [f for f in result.facts if isinstance(f, CasualtyReport)]
    assert toll.attack == attack.key and toll.killed == 2


def test_two_nights_of_attacks_on_one_city_are_two_attacks():
    found = attacks_in(("08:30", "La Russie a de nouveau visé Odessa avec des drones dans la nuit de mardi à "
                                 "mercredi, a indiqué le gouverneur Oleh Kiper."),
                       ("08:00", "La Russie a attaqué Odessa avec des drones dans la nuit de lundi à mardi, a "
                                 "indiqué le gouverneur Oleh Kiper."),
                       day=date(2025, 6, 4))
    assert sorted(a.start_date for a in found) == [date(2025, 6, 2), date(2025, 6, 3)]


def test_the_side_that_downed_drones_is_not_their_perpetrator():
    found = attacks_in(("10:30", "L'armée ukrainienne a frappé Belgorod avec des drones dans la nuit de lundi à "
                                 "mardi. Le ministère russe de la Défense affirme avoir abattu 12 drones au-dessus de "
                                 "la région de Belgorod."))
    assert [(a.perpetrator, a.defender) for a in found] == [("ukraine", "russia")]


def test_a_shot_towards_a_target_claimed_by_its_author():
    [attack] = attacks_in(("18:05", "Les rebelles houthis ont revendiqué le tir d'un missile balistique vers Eilat."))
    assert (attack.perpetrator, attack.weapons, attack.targets) == ("houthis", ["missile balistique"], ["eilat"])


def test_a_common_noun_with_a_nationality_is_the_target_when_no_place_is_named():
    # the parser hangs "bases" on "nuit": a bare noun phrase that is not the subject is what was struck
    [attack] = attacks_in(("07:30", "L'armée indienne a frappé dans la nuit trois bases aériennes pakistanaises."))
    assert (attack.perpetrator, attack.targets) == ("india", ["pakistan"])
    [attack] = attacks_in(("07:30", "Les forces ukrainiennes ont frappé une raffinerie russe près de la frontière."))
    assert (attack.perpetrator, attack.targets) == ("ukraine", ["russia"])


def test_the_places_of_a_coordinated_toll_verb_are_the_attacks():
    [attack] = attacks_in(("11:05", "Les tirs d'artillerie azerbaïdjanais ont tué trois civils et en ont blessé "
                                    "cinq autres à Stepanakert, selon les autorités locales."))
    assert attack.perpetrator == "azerbaijan" and attack.targets


def test_a_weapon_the_tagger_reads_as_an_adverb_still_names_its_side():
    [attack] = attacks_in(("11:05", "Des frappes de drones russes ont tué deux personnes à Soumy."))
    assert (attack.perpetrator, attack.weapons, attack.targets) == ("russia", ["drone"], ["sumy"])


def test_a_list_of_targets_after_the_attack():
    [attack] = attacks_in(("07:30", "L'armée russe a mené des frappes sur Kharkiv, Odessa et Dnipro."))
    assert attack.targets == ["kharkiv", "odesa", "dnipro"]
    [attack] = attacks_in(("07:30", "Après les frappes russes sur Kiev, Zelensky a dénoncé une provocation."))
    assert attack.targets == ["kyiv"]


def test_unknown_names_after_a_facility_noun_are_targets_not_people():
    result = extract(blog(("09:30", "L'armée indienne a mené des frappes contre les bases aériennes de Nur Khan, "
                                    "Murid et Rafiqui, a annoncé la colonelle Sofiya Qureshi.")),
                     only={"attacks", "casualties", "interceptions"})
    [attack] = [f for f in result.facts if isinstance(f, Attack)]
    assert (attack.perpetrator, attack.targets) == ("india", ["nur-khan", "murid", "rafiqui"])
    assert "nur-khan" not in result.actors and result.places["nur-khan"].label == "Nur Khan"


def test_a_group_spokesman_claims_for_the_group_not_the_state():
    [attack] = attacks_in(("20:40", "Abou Obeida, porte-parole de la branche armée du Hamas, a revendiqué des tirs de "
                                    "roquettes sur Ashkelon."))
    assert attack.perpetrator == "qassam_brigades"
    [attack] = attacks_in(("21:10", "Yahya Saree a revendiqué le tir d'un missile balistique contre le port d'Eilat."))
    assert attack.perpetrator == "houthis"


def test_an_air_force_named_by_its_nationality_is_its_state():
    [attack] = attacks_in(("18:05", "L'aviation israélienne a mené des frappes sur le port de Hodeïda, a annoncé "
                                    "l'armée."))
    assert (attack.perpetrator, attack.targets) == ("israel", ["hodeidah"])


def test_opening_fire_on_positions_is_an_attack_opening_talks_is_not():
    [attack] = attacks_in(("16:45", "Les forces russes ont ouvert le feu sur des positions ukrainiennes près de "
                                    "Pokrovsk, a affirmé l'état-major."))
    assert attack.perpetrator == "russia"
    assert attacks_in(("17:00", "La Russie et l'Ukraine ont ouvert des négociations à Istanbul.")) == []


def test_a_strike_an_army_says_it_made_is_the_armys():
    # "état-major" stays one word: split in three, it broke the parse and lost the place
    [attack] = attacks_in(("19:15", "L'armée israélienne a annoncé avoir frappé l'entrée du quartier général de "
                                    "l'état-major syrien à Damas."))
    assert (attack.perpetrator, attack.targets) == ("israel", ["damascus"])
    [attack] = attacks_in(("09:00", "La Russie dit avoir frappé des dépôts de carburant à Dnipro."))
    assert (attack.perpetrator, attack.targets) == ("russia", ["dnipro"])


def test_a_cleft_sentence_names_the_weapon_and_its_side():
    [attack] = attacks_in(("09:00", "Selon Kiev, c'est un missile russe qui a frappé le centre de Soumy."))
    assert (attack.perpetrator, attack.weapons, attack.targets) == ("russia", ["missile"], ["sumy"])


def test_artillery_and_mortar_fire_name_their_weapon():
    [attack] = attacks_in(("10:00", "L'artillerie pakistanaise a pilonné des villages près de Poonch, a affirmé "
                                    "l'armée indienne."))
    assert (attack.perpetrator, attack.weapons) == ("pakistan", ["artillerie"])
    assert attack.label.startswith("Attaque (tirs d'artillerie) de Pakistan")
    [attack] = attacks_in(("11:00", "Le Hamas a tiré des obus de mortier sur Kerem Shalom."))
    assert attack.weapons == ["obus"] and attack.label.startswith("Attaque (obus) de Hamas")
