"""Weapon counts: drones and missiles shot down or launched, with their reporter and place."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kg.extract import extract
from kg.facts import Document, Entry, WeaponCount
from extract_support import facts_of

PARIS = ZoneInfo("Europe/Paris")


def counts(body: str, hhmm: str = "09:40"):
    entry = Entry("e1", datetime.combine(date(2025, 6, 3), datetime.strptime(hhmm, "%H:%M").time(), PARIS),
                  "Titre", body)
    result = extract(Document("t", "t.txt", [entry]), only={"attacks", "casualties", "interceptions"})
    return [f for f in result.facts if isinstance(f, WeaponCount)], result


def rows(found):
    return sorted((c.count, c.outcome, c.place) for c in found)


def test_a_count_and_its_dont_part_with_its_place():
    found, result = counts("La défense aérienne russe a abattu 126 drones, dont 38 au-dessus de la région de "
                           "Koursk, a indiqué le ministère russe de la Défense.")
    assert rows(found) == [(38, "intercepted", "kursk_oblast"), (126, "intercepted", None)]
    assert {result.actors[c.reporter].label for c in found} == {"ministère russe de la Défense"}


def test_a_breakdown_after_a_colon_counts_un_as_one():
    found, _ = counts("Le ministère russe de la Défense affirme avoir détruit 40 drones ukrainiens : 25 au-dessus "
                      "de la région de Briansk, 14 au-dessus de la Crimée et un au-dessus de la mer Noire.")
    assert rows(found) == [(1, "intercepted", "black_sea"), (14, "intercepted", "crimea"),
                           (25, "intercepted", "bryansk_oblast"), (40, "intercepted", None)]
    assert {c.weapon for c in found} == {"drone"}


def test_an_elliptic_count_and_its_soit_breakdown():
    found, _ = counts("Selon l'armée de l'air ukrainienne, la Russie a lancé 96 missiles et drones. La défense "
                      "antiaérienne en a abattu 57, soit 9 missiles et 48 drones.")
    downed = {(c.count, c.weapon) for c in found if c.outcome == "intercepted"}
    assert downed == {(57, "missile/drone"), (9, "missile"), (48, "drone")}
    assert {(c.count, c.weapon) for c in found if c.outcome == "launched"} == {(96, "missile/drone")}


def test_weapon_names_with_digits_are_not_counts():
    found, _ = counts("L'armée de l'air ukrainienne dit avoir abattu 14 missiles de croisière Kh-101 et Kalibr "
                      "grâce à ses chasseurs F-16.")
    assert [(c.count, c.weapon) for c in found] == [(14, "missile de croisière")]


def test_launches_are_kept_and_weapons_lost_from_radar_are_not():
    found, _ = counts("La Russie a lancé dans la nuit 90 drones de type Shahed et quatre missiles balistiques "
                      "Iskander-M contre l'Ukraine, a indiqué l'armée de l'air ukrainienne. Selon elle, 61 drones "
                      "ont été abattus et 27 leurres ont disparu des radars.")
    assert rows(found) == [(4, "launched", "ukraine"), (61, "intercepted", None), (90, "launched", "ukraine")]
    assert {c.reporter for c in found} == {"ukr_air_force"}


def test_part_of_a_whole():
    found, _ = counts("La défense aérienne a détruit 25 des 30 drones lancés par la Russie, selon l'armée de "
                      "l'air ukrainienne.")
    assert rows(found) == [(25, "intercepted", None), (30, "launched", None)]


def test_thousands_and_number_words():
    found, _ = counts("Le ministère russe de la Défense assure avoir intercepté 1 000 drones ukrainiens en une "
                      "semaine et Trente-deux missiles.")
    assert sorted(c.count for c in found) == [32, 1000]


def test_no_count_without_a_verb_that_says_what_became_of_the_weapons():
    found, _ = counts("Le pays a commandé 200 drones à un fabricant turc, selon le ministre de la Défense.")
    assert found == []


def test_parts_of_a_breakdown_keep_their_own_fate():
    found, _ = counts("Au total, 146 drones ont été neutralisés, dont 80 abattus et 66 brouillés, a précisé "
                      "l'armée de l'air ukrainienne.")
    assert rows(found) == [(80, "intercepted", None), (146, "intercepted", None)]


def test_planned_launches_are_no_counts():
    found, _ = counts("Selon le Pentagone, les États-Unis vont envoyer 50 missiles à l'Ukraine. La Russie pourrait "
                      "lancer 300 drones cette nuit, a averti l'armée de l'air ukrainienne.")
    assert found == []


def test_a_count_coordinated_with_an_intercepted_object_is_intercepted_too():
    found, _ = counts("L'armée israélienne a annoncé avoir intercepté le missile, ainsi que trois drones "
                      "lancés depuis le Yémen.")
    assert rows(found) == [(3, "intercepted", None)]


def test_a_bare_army_speaks_for_the_land_its_entry_names_not_the_state_it_accuses():
    found = facts_of("10:30 - Port-Soudan\nPlusieurs drones ont visé l'aéroport de Port-Soudan dans la nuit. L'armée a "
                     "affirmé avoir abattu cinq drones lancés par les FSR.", WeaponCount,
                     {"interceptions", "attacks", "casualties"}, date(2025, 10, 29))
    assert [(c.reporter, c.count) for c in found] == [("sudan", 5)]
    found = facts_of("10:30 - Nuit\nSelon l'armée, la Russie a lancé 90 drones sur Kharkiv, dont 60 ont été abattus.",
                     WeaponCount, {"interceptions", "attacks", "casualties"}, date(2025, 10, 29))
    assert {(c.reporter, c.count) for c in found} == {("ukraine", 90), ("ukraine", 60)}


def test_a_bare_air_force_is_not_the_state_that_launched_the_drones():
    found = facts_of("08:00 - Nuit\nLa défense antiaérienne ukrainienne a neutralisé 40 des 52 drones lancés par la "
                     "Russie dans la nuit, selon l'armée de l'air.", WeaponCount,
                     {"interceptions", "attacks", "casualties"}, date(2025, 7, 6))
    assert {(c.reporter, c.count) for c in found} == {("ukr_air_force", 40), ("ukr_air_force", 52)}


def test_one_weapon_taken_up_by_en():
    found, _ = counts("Deux roquettes ont été tirées vers Sdérot, a indiqué l'armée israélienne, qui dit en avoir "
                      "intercepté une.")
    assert {(c.reporter, c.count, c.weapon, c.outcome) for c in found} == {
        ("israel", 2, "roquette", "launched"), ("israel", 1, "roquette", "intercepted")}
