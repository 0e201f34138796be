"""Meetings: participants (subjects, objects, "avec", delegations, enumerations), mediators, place,
relative days (future tense, "demain", weekdays, "la veille"), time, topic, status, negations and
demanded meetings, and the merging of reports. Sentences written for these tests."""
from datetime import date

import pytest

from kg.facts import Meeting
from extract_support import facts_of

TUESDAY = date(2025, 6, 10)


def meetings(text: str, day: date = TUESDAY) -> list[Meeting]:
    return facts_of(text, Meeting, {"meetings", "statements"}, day)


def one(text: str, day: date = TUESDAY) -> Meeting:
    found = meetings(text, day)
    assert len(found) == 1, [(m.participants, m.place, m.on) for m in found]
    return found[0]


# ------------------------------------------------------------------ participants, place, day
def test_future_reception_on_a_weekday_at_a_palace():
    m = one("10:20 - Visite Le président français recevra jeudi Volodymyr Zelensky au palais de l'Élysée.")
    assert set(m.participants) == {"macron", "zelensky"}
    assert m.place == "elysee_palace"
    assert m.on == date(2025, 6, 12)
    assert m.status == "planned"


def test_delegations_meet_tomorrow_with_a_topic():
    m = one("18:40 - Négociations Les délégations israélienne et palestinienne doivent se rencontrer demain "
            "au Caire pour discuter d'une trêve à Gaza.")
    assert {"israel", "palestine"} <= set(m.participants)
    assert m.place == "cairo"
    assert m.on == date(2025, 6, 11)
    assert "trêve" in m.topic


def test_talk_with_someone_the_day_before():
    m = one("13:05 - Ankara La veille, à Ankara, le chef de la diplomatie américaine Antony Blinken s'était "
            "entretenu pendant deux heures avec le président turc Recep Tayyip Erdogan.")
    assert set(m.participants) == {"blinken", "erdogan"}
    assert m.place == "ankara"
    assert m.on == date(2025, 6, 9)
    assert m.status == "held"


def test_phone_call_on_a_past_weekday():
    m = one("21:00 - Long appel Les présidents Donald Trump et Vladimir Poutine ont eu dimanche un entretien "
            "téléphonique de deux heures.")
    assert set(m.participants) == {"trump", "putin"}
    assert m.kind == "call"
    assert m.on == date(2025, 6, 8)


def test_mediator_and_talks_resumed_in_a_city():
    m = one("15:45 - Doha Sous l'égide du Qatar, Israël et le Hamas ont repris leurs pourparlers indirects à Doha.")
    assert {"israel", "hamas"} <= set(m.participants)
    assert m.mediators == ["qatar"]
    assert m.place == "doha"


def test_passive_reception_by_a_relative_clause():
    m = one("23:00 - Paris Il a rencontré la presse, avant le sommet. Volodymyr Zelensky, qui sera reçu mercredi "
            "soir à l'Élysée par Emmanuel Macron, a remercié la France.")
    assert set(m.participants) == {"zelensky", "macron"}
    assert m.on == date(2025, 6, 11)


def test_time_in_the_next_sentence_and_the_day_from_the_title():
    m = one("09/06/25 - 22:30 - Une réunion demain à Bruxelles Le secrétaire général de l'Otan recevra les ministres "
            "de la Défense de l'Union européenne au siège de l'Alliance. La réunion est prévue à partir de 15h30.",
            day=date(2025, 6, 9))
    assert {"rutte", "eu"} <= set(m.participants)   # the gazetteer knows the title "secrétaire général de l'Otan"
    assert m.on == date(2025, 6, 10)
    assert m.at is not None and (m.at.hour, m.at.minute) == (15, 30)


def test_meeting_noun_with_possessive_and_planned_participle():
    m = one("07:50 - Voyage Le président ukrainien rentrera à Kiev après son entretien avec le prince héritier "
            "saoudien Mohammed ben Salmane, prévu ce jeudi à Djeddah.")
    assert set(m.participants) == {"zelensky", "mbs"}
    assert m.place == "jeddah"
    assert m.on == date(2025, 6, 12)


def test_compound_adjective_names_both_sides():
    m = one("12:10 - Riyad Au lendemain des pourparlers irano-américains de Mascate, le Hamas a salué le dialogue.")
    assert {"iran", "usa"} <= set(m.participants)
    assert m.on == date(2025, 6, 9)


# ------------------------------------------------------------------ not meetings
@pytest.mark.parametrize("text", [
    "10:00 - Démenti Le Kremlin a précisé qu'aucune rencontre entre Poutine et Zelensky n'était prévue.",
    "10:00 - Exigence Le Hamas réclame des négociations directes avec Israël.",
    "10:00 - Proposition La délégation ukrainienne a proposé une rencontre entre Volodymyr Zelensky et Vladimir Poutine.",
    "10:00 - Perspective Une éventuelle rencontre entre Donald Trump et Vladimir Poutine pourrait avoir lieu en Hongrie.",
    "10:00 - Interview Dans un entretien à la télévision russe, Sergueï Lavrov a critiqué l'Otan.",
    "10:00 - Aide Le gouvernement ukrainien recevra des armes de l'Allemagne la semaine prochaine.",
    "10:00 - Question Emmanuel Macron rencontrera-t-il Donald Trump à Washington ?",
])
def test_negated_wished_or_other_meetings_are_not_meetings(text):
    assert meetings(text) == []


# ------------------------------------------------------------------ one meeting, many reports
def test_reports_of_the_same_meeting_merge():
    text = ("16:00 - Avant les pourparlers Le secrétaire d'État américain se rend à Djeddah en vue des discussions "
            "avec la délégation ukrainienne.\n\n"
            "11:00 - Rencontre prévue Les délégations ukrainienne et américaine doivent se rencontrer ce mardi à Djeddah.")
    found = meetings(text)
    assert len(found) == 1
    assert {"ukraine", "usa", "rubio"} <= set(found[0].participants)
    assert len(found[0].reports) == 2


def test_two_rounds_on_different_days_stay_apart():
    text = ("17:00 - Bilan Les négociateurs américains avaient rencontré la délégation ukrainienne dimanche à Genève, "
            "avant de retrouver les Ukrainiens ce mardi.")
    found = sorted(meetings(text), key=lambda m: m.on)
    assert [m.on for m in found] == [date(2025, 6, 8), date(2025, 6, 10)]
    assert all(m.place == "geneva" for m in found)


# ------------------------------------------------------------------ found on invented blogs of other wars
def test_a_call_during_which_the_subject_spoke():
    m = one("14:20 - Appel à la trêve Le président Emmanuel Macron a de nouveau appelé à un cessez-le-feu à Gaza, "
            "lors d'un entretien téléphonique avec le roi Abdallah II de Jordanie.")
    assert "macron" in m.participants and len(m.participants) >= 2
    assert m.kind == "call"


def test_mediators_named_by_nationality_meet_a_delegation():
    m = one("16:05 - Le Caire Les médiateurs égyptiens et qataris se sont réunis cet après-midi au Caire avec une "
            "délégation du Hamas. La rencontre a duré près de quatre heures.")
    assert {"egypt", "qatar", "hamas"} <= set(m.participants)
    assert m.place == "cairo"
    assert len(m.reports) == 2


def test_talks_under_way_between_two_capitals():
    m = one("12:15 - Diplomatie Des discussions sont en cours entre Washington et Moscou, selon le Kremlin.")
    assert set(m.participants) == {"usa", "russia"}
    assert m.status == "held"


def test_summit_of_one_organisation_at_a_place():
    m = one("15:00 - Sommet Le sommet de l'Otan se tiendra les 24 et 25 juin à La Haye, a confirmé son secrétaire "
            "général.")
    assert m.participants == ["nato"]
    assert m.on == date(2025, 6, 24)
    assert m.status == "planned"


def test_a_planned_call_and_talks_under_way_stay_apart():
    text = ("12:15 - Diplomatie Des discussions sont en cours entre Washington et Moscou, selon le Kremlin.\n\n"
            "08:40 - Annonce du Kremlin Le président russe Vladimir Poutine et Donald Trump auront un nouvel "
            "entretien téléphonique jeudi, a annoncé le Kremlin.")
    found = meetings(text)
    assert len(found) == 2
    assert sorted(m.on for m in found) == [TUESDAY, date(2025, 6, 12)]


def test_relative_where_and_reflexive_meeting():
    text = ("22:05 - Witkoff à Moscou L'envoyé spécial américain Steve Witkoff est arrivé à Moscou, où il doit "
            "rencontrer Vladimir Poutine dans la soirée.\n\n"
            "17:10 - Istanbul Les négociateurs ukrainiens et russes se retrouveront lundi à Istanbul pour un deuxième "
            "round de pourparlers.")
    found = {frozenset(m.participants): m for m in meetings(text)}
    assert found[frozenset({"witkoff", "putin"})].place == "moscow"
    talks = found[frozenset({"ukraine", "russia"})]
    assert talks.place == "istanbul" and talks.on == date(2025, 6, 16) and talks.status == "planned"


def test_a_trip_made_to_meet_someone_is_that_meeting():
    m = one("09:15 - Tournée Le ministre des Affaires étrangères Jean-Noël Barrot doit se rendre jeudi à Beyrouth "
            "pour rencontrer le Premier ministre libanais Najib Mikati.", day=date(2024, 11, 6))
    assert set(m.participants) == {"barrot", "mikati"}
    assert (m.place, m.on, m.status) == ("beirut", date(2024, 11, 7), "planned")


def test_a_purpose_of_a_meeting_is_not_another_meeting():
    found = meetings("11:00 - Doha Les négociateurs israéliens et qataris se réuniront lundi à Doha "
                     "pour discuter d'un accord avec le Hamas.")
    assert len(found) <= 1


def test_a_future_the_tagger_takes_for_a_past():
    m = one("10:20 - Visite à Paris\nEmmanuel Macron recevra Volodymyr Zelensky vendredi à l'Élysée.")
    assert (m.on, m.status) == (date(2025, 6, 13), "planned")


@pytest.mark.parametrize("sentence, parties", [
    ("Steve Witkoff rencontrera samedi au Caire les médiateurs égyptiens et qataris.", {"witkoff", "egypt", "qatar"}),
    ("Le président ukrainien a rencontré mardi à Rome le pape Léon XIV.", {"zelensky", "leo_xiv"}),
])
def test_an_object_the_parser_hung_elsewhere_is_still_met(sentence, parties):
    assert set(one(f"16:30 - Diplomatie\n{sentence}").participants) == parties


def test_things_received_are_no_meeting():
    assert meetings("16:30 - Aide\nLe président ukrainien recevra vendredi des armes et des munitions.") == []


def test_a_meeting_announced_with_doit_is_ahead_whatever_the_parse():
    m = one("11:30 - Diplomatie\nLe secrétaire d'Etat américain Marco Rubio doit rencontrer jeudi son homologue russe "
            "Sergueï Lavrov en marge d'une réunion de l'Asean à Kuala Lumpur, a annoncé le département d'Etat.")
    assert (m.on, m.status) == (date(2025, 6, 12), "planned")


def test_nationalities_on_the_complement_of_a_title_are_the_states_met():
    m = one("11:05 - Diplomatie\nLes ministres des Affaires étrangères français, allemand et britannique doivent "
            "rencontrer vendredi à Genève leur homologue iranien Abbas Araghchi.")
    assert set(m.participants) == {"france", "germany", "uk", "araghchi"}


def test_a_body_meeting_by_itself_at_a_place_is_a_meeting():
    found = meetings("08:00 - ONU Le Conseil de sécurité de l'ONU se réunira jeudi à New York pour examiner la "
                     "situation au Darfour, à la demande du Royaume-Uni.")
    assert [(m.participants, m.place, m.status) for m in found] == [(["un_security_council"], "new_york", "planned")]
    assert meetings("08:00 - Kiev La Russie se réunira jeudi à Moscou.") == []


def test_talks_named_again_without_their_day_in_the_same_entry_are_one_meeting():
    found = meetings("13:45 - Riyad\nAu lendemain des pourparlers russo-américains de lundi à Riyad, le ministère russe "
                     "de la Défense accuse l'Ukraine d'avoir frappé des installations énergétiques. « Sur fond de "
                     "négociations russo-américaines au niveau des experts, le régime de Kiev continue ses frappes », "
                     "a-t-il affirmé.", day=date(2025, 3, 25))
    assert [(sorted(m.participants), m.on) for m in found] == [(["russia", "usa"], date(2025, 3, 24))]


def test_a_title_with_a_name_in_apposition_is_the_person_not_its_bodies_or_lands():
    meeting = one("11:00 - Titre\nLe président turc Recep Tayyip Erdogan doit recevoir jeudi à Ankara l'envoyé spécial "
                  "de l'ONU pour la Syrie, Geir Pedersen.\n")
    assert "erdogan" in meeting.participants and "syria" not in meeting.participants
    assert "un" not in meeting.participants and any("pedersen" in p for p in meeting.participants)


def test_a_delegation_led_by_someone_is_the_body_and_its_leader():
    meeting = one("14:00 - Titre\nUne délégation du Hamas conduite par Khalil al-Hayya est arrivée samedi au Caire pour "
                  "des discussions avec les médiateurs égyptiens.\n")
    assert {"hamas", "hayya", "egypt"} <= set(meeting.participants)


def test_the_day_of_the_clause_a_where_clause_hangs_on():
    meeting = one("14:00 - Titre\nLe directeur de la CIA, John Ratcliffe, est attendu jeudi à Doha, où il doit "
                  "rencontrer le Premier ministre qatari.\n")
    assert (meeting.place, meeting.on) == ("doha", date(2025, 6, 12))


def test_a_body_meeting_by_itself_on_a_stated_day():
    meeting = one("11:00 - Titre\nLe Conseil de sécurité de l'ONU se réunira vendredi à la demande de la France.\n")
    assert meeting.participants == ["un_security_council"] and meeting.on == date(2025, 6, 13)
    assert meetings("11:00 - Titre\nLe Conseil de sécurité se réunit régulièrement.\n") == []
