"""Casualty reports: killed / injured figures, who gave them, one report per source and passage."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kg.extract import extract
from kg.facts import CasualtyReport, Document, Entry

PARIS = ZoneInfo("Europe/Paris")


def blog(*entries: tuple[str, str], day: date = date(2025, 6, 3)) -> Document:
    """A live blog from ("HH:MM", body) pairs, newest first as live blogs are."""
    items = [Entry(f"e{hhmm.replace(':', '')}", datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time(), PARIS),
                   "Titre", body) for hhmm, body in entries]
    return Document("t", "t.txt", items)


def reports(*entries: tuple[str, str]):
    result = extract(blog(*entries), only={"attacks", "casualties", "interceptions"})
    found = [f for f in result.facts if isinstance(f, CasualtyReport)]
    return found, result.actors


def label(report: CasualtyReport, actors) -> str:
    return actors[report.reporter].label


def test_number_words_and_a_reporter_after_the_quote():
    found, actors = reports(("09:15", "Une frappe a touché un immeuble de Kharkiv. « Nous avons recensé un mort et "
                                      "quatre blessés dans le quartier de Saltivka », a indiqué le gouverneur Piotr "
                                      "Sementchouk."))
    assert [(r.killed, r.injured) for r in found] == [(1, 4)]
    assert "Sementchouk" in label(found[0], actors)


def test_a_quote_after_its_speaker_keeps_figures_of_several_sentences_together():
    found, actors = reports(("07:40", "Le maire Mykola Danylenko a écrit sur Telegram : \"Trois personnes ont été tuées "
                                      "dans la ville. Au total, 27 personnes ont été blessées. Onze d'entre elles ont "
                                      "été hospitalisées.\""))
    assert [(r.killed, r.injured) for r in found] == [(3, 27)]
    assert "Danylenko" in label(found[0], actors)


def test_two_sources_with_different_tolls_in_one_entry_are_two_reports():
    found, actors = reports(("12:05", "L'explosion a fait cinq morts, selon le procureur régional Taras Melnytchouk. "
                                      "Le maire Bohdan Kravets a pour sa part fait état de sept morts et de 40 blessés."))
    by_source = {label(r, actors).split()[-1]: (r.killed, r.injured) for r in found}
    assert by_source == {"Melnytchouk": (5, None), "Kravets": (7, 40)}


def test_subsets_are_not_tolls():
    found, _ = reports(("18:30", "Selon le gouverneur Artem Lysenko, douze personnes ont été blessées, dont quatre "
                                 "enfants, et trois sont hospitalisées."))
    assert [(r.killed, r.injured) for r in found] == [(None, 12)]


def test_vague_and_bounded_figures():
    found, _ = reports(("10:10", "Selon le gouverneur Ivan Bilous, les frappes ont fait au moins neuf morts et des "
                                 "dizaines de blessés."),
                       ("11:20", "Le gouverneur Ivan Bilous évoque désormais onze morts et plus de 80 blessés."))
    first = next(r for r in found if r.entry_id == "e1010")
    assert (first.killed, first.killed_min, first.injured, first.injured_min) == (9, 9, None, 20)
    assert "dizaines de blessés" in first.note
    later = next(r for r in found if r.entry_id == "e1120")
    assert (later.killed, later.injured, later.injured_min) == (11, None, 80)
    assert "plus de 80 blessés" in later.note


def test_a_vague_amount_right_before_a_participle():
    found, _ = reports(("17:02", "Au moins 14 personnes ont été tuées et une vingtaine blessées dans des frappes sur "
                                 "Nabatiyé, a annoncé le ministère libanais de la Santé."))
    assert [(r.killed, r.injured, r.injured_min) for r in found] == [(14, None, 20)]
    assert "une vingtaine blessées" in found[0].note


def test_lost_their_lives_and_five_others_injured():
    found, _ = reports(("06:50", "Deux civils ont perdu la vie et cinq autres ont été blessés à Mykolaïv, selon le "
                                 "gouverneur Vitali Kim."))
    assert [(r.killed, r.injured) for r in found] == [(2, 5)]


def test_an_institution_the_gazetteer_does_not_know_speaks_for_the_state_of_its_places():
    found, actors = reports(("06:50", "Trois civils ont été tués à Kherson, selon l'administration militaire régionale."))
    assert [(label(r, actors), r.killed) for r in found] == [("Ukraine", 3)]


def test_the_deaths_among_the_victims_are_the_toll():
    found, _ = reports(("06:50", "La frappe a fait 14 victimes, dont 9 morts et 5 blessés, selon le gouverneur Ivan "
                                 "Fedorov."))
    assert [(r.killed, r.injured) for r in found] == [(9, 5)]


def test_verbs_and_participles_give_tolls():
    found, _ = reports(("06:50", "Deux civils ont été tués et six autres blessés lors du bombardement, a annoncé "
                                 "le parquet général ukrainien."),
                       ("08:30", "Les forces russes ont frappé Nikopol avec un drone, faisant un mort, selon le "
                                 "gouverneur Serhiy Lysak."))
    tolls = sorted((r.entry_id, r.killed, r.injured) for r in found)
    assert tolls == [("e0650", 2, 6), ("e0830", 1, None)]


def test_a_toll_without_a_source_of_its_own_borrows_the_one_before():
    found, actors = reports(("10:04", "Le bilan de l'attaque sur Dnipro s'alourdit selon le gouverneur Serhiy Lysak. "
                                      "Les frappes ont fait six morts et une dizaine de blessés."))
    assert [(r.killed, r.injured, r.injured_min) for r in found] == [(6, None, 10)]
    assert "Lys" in label(found[0], actors)


def test_each_entry_keeps_its_own_toll_so_changes_show():
    found, _ = reports(("16:00", "Le maire Andriï Sadovy fait désormais état de huit morts."),
                       ("09:00", "Le maire Andriï Sadovy a annoncé trois morts et 19 blessés."))
    assert sorted((r.entry_id, r.killed, r.injured) for r in found) == [("e0900", 3, 19), ("e1600", 8, None)]


def test_a_partial_figure_repeated_next_to_the_full_toll_is_one_report():
    found, _ = reports(("13:10", "Le maire Oleh Borysenko a révisé le bilan à six morts et 31 blessés. \"La mort de "
                                 "six personnes a été confirmée\", a-t-il écrit."))
    assert [(r.killed, r.injured) for r in found] == [(6, 31)]


def test_figures_that_are_no_toll_of_an_attack():
    found, _ = reports(("15:30", "\"Des milliers de soldats meurent chaque semaine\", a déclaré le président américain. "
                                 "La guerre a fait des dizaines de milliers de morts depuis 2022."))
    assert found == []


def test_the_number_a_count_noun_reaches():
    found, _ = reports(("21:05", "Selon le maire Andriï Sadovy, le nombre de morts s'élève désormais à 17. Le "
                                 "nombre de blessés est passé à 45, a-t-il ajouté."))
    assert [(r.killed, r.injured) for r in found] == [(17, 45)]


def test_a_source_named_but_unknown_is_not_replaced_by_the_one_before():
    found, _ = reports(("17:30", "Le coordinateur de l'ONU Tom Fletcher s'est dit horrifié par l'attaque. Le bilan "
                                 "de l'attaque a été porté à 42 morts par un réseau de médecins locaux."))
    assert found == []


def test_an_institution_as_subject_speaks_for_the_state_its_sentence_names():
    # "font" is tagged as a future by the model: the verb's form says it is a present
    found, actors = reports(("14:30", "Côté soudanais, les autorités font état de 27 morts, dont 11 enfants."),
                            ("13:10", "Au Liban, les autorités ont fait état de 6 morts."))
    assert sorted((label(r, actors), r.killed) for r in found) == [("Liban", 6), ("Soudan", 27)]


def test_a_figure_of_the_other_kind_in_the_next_sentence_continues_the_toll():
    found, actors = reports(("14:30", "Selon le ministère sud-soudanais de la Santé, 17 personnes ont été tuées "
                                      "dans l'État du Jonglei. Une cinquantaine de personnes ont été blessées."))
    assert [(label(r, actors), r.killed, r.injured, r.injured_min) for r in found] == \
        [("ministère sud-soudanais de la Santé", 17, None, 50)]


def test_a_future_toll_is_not_a_report():
    found, _ = reports(("14:30", "Une offensive terrestre fera des centaines de morts, a prévenu le ministre."))
    assert found == []


def test_a_next_sentence_with_a_source_of_its_own_does_not_continue_the_toll():
    found, actors = reports(("15:20", "Les frappes ont fait 224 morts en Iran, a indiqué le ministère iranien de la "
                                      "Santé. En Israël, 24 personnes ont été blessées, selon des sources locales."))
    assert [(label(r, actors), r.killed, r.injured) for r in found] == [("ministère iranien de la Santé", 224, None)]
    found, actors = reports(("15:20", "En Israël, 24 personnes ont été tuées par les tirs iraniens, selon le bureau "
                                      "du Premier ministre."))
    assert [(label(r, actors), r.killed) for r in found] == [("Israël", 24)]


def test_a_body_named_in_lower_case_is_still_known():
    found, actors = reports(("22:30", "La défense civile de Gaza a fait état de 26 morts dans les frappes de la soirée."))
    assert [(r.reporter, r.killed) for r in found] == [("gaza_civil_defence", 26)]


def test_an_unnamed_mayor_speaks_for_the_land_of_the_toll():
    found, actors = reports(("12:00", "Le bilan de la frappe russe sur Soumy s'est alourdi à 35 morts, dont deux "
                                      "enfants, a annoncé le maire par intérim de la ville."))
    assert [(label(r, actors), r.killed) for r in found] == [("Ukraine", 35)]


def test_a_participle_after_the_counted_people():
    found, actors = reports(("16:45", "Le ministère arménien de la Défense fait état d'un soldat blessé."),
                            ("09:30", "Le ministère de la Santé de Gaza a fait état de trois civils tués et de douze "
                                      "blessés. L'armée ukrainienne signale cinq militaires blessés près de Koupiansk."))
    figures = [(label(r, actors), r.killed, r.injured) for r in found]
    assert ("ministère arménien de la Défense", None, 1) in figures
    assert any(killed == 3 and injured == 12 for _, killed, injured in figures)
    assert any(injured == 5 and killed is None for _, killed, injured in figures)


def test_a_toll_given_by_an_official_named_after_his_title():
    found, actors = reports(("18:20", "Le bilan de l'attaque russe sur Odessa s'est alourdi à neuf morts, a annoncé le "
                                      "gouverneur de la région, Oleh Kiper."))
    assert [(label(r, actors), r.killed) for r in found] == [("Oleh Kiper", 9)]


def test_the_seat_of_the_source_is_no_place_of_the_toll():
    found, _ = reports(("13:05", "Plus de 300 personnes ont été tuées depuis dimanche dans la province de Soueïda, selon "
                                 "l'Observatoire syrien des droits de l'homme (OSDH), basé au Royaume-Uni."))
    assert [(r.killed_min, r.places) for r in found] == [(300, ["suwayda"])]
