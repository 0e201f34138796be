"""Days and times named relative to an entry: weekdays pointing back or forward, "demain", "la veille",
nights, counted-back days, explicit dates, and clock times in the blog's own zone."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from kg.extract.when import clock_times, days_in, first_day

PARIS = ZoneInfo("Europe/Paris")
THURSDAY_EVENING = datetime(2025, 4, 24, 21, 5, tzinfo=PARIS)
MONDAY_NIGHT = datetime(2025, 3, 10, 23, 43, tzinfo=PARIS)


def day(text, published=THURSDAY_EVENING, future=None):
    found = first_day(text, published, future)
    return found.start if found else None


@pytest.mark.parametrize("text, expected", [
    ("Les deux hommes se sont parlé dimanche.", date(2025, 4, 20)),
    ("Ils se sont vus mardi soir à Genève.", date(2025, 4, 22)),
    ("La veille, le ministre avait démenti.", date(2025, 4, 23)),
    ("hier après-midi", date(2025, 4, 23)),
    ("Le sommet s'est tenu le 2 avril à Bruxelles.", date(2025, 4, 2)),
    ("Cela fait 44 jours que Kiev a accepté la trêve.", date(2025, 3, 11)),
    ("il y a trois jours", date(2025, 4, 21)),
    ("voici deux semaines", date(2025, 4, 10)),
])
def test_days_said_of_the_past(text, expected):
    assert day(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Les délégations se retrouveront demain.", date(2025, 4, 25)),
    ("La rencontre aura lieu samedi.", date(2025, 4, 26)),
    ("Il sera reçu lundi prochain à l'Élysée.", date(2025, 4, 28)),
    ("après-demain", date(2025, 4, 26)),
])
def test_days_said_of_the_future_point_forward(text, expected):
    assert day(text, future=True) == expected


def test_this_weekday_said_the_evening_before_is_the_next_day():
    assert day("Les Américains et les Ukrainiens doivent se rencontrer ce mardi.", MONDAY_NIGHT, future=True) \
        == date(2025, 3, 11)


def test_same_weekday_as_the_entry_is_today_when_said_of_the_future():
    assert day("Son entretien avec le président, prévu ce jeudi matin.", THURSDAY_EVENING, future=True) \
        == date(2025, 4, 24)


def test_night_from_one_weekday_to_the_next():
    found = first_day("dans la nuit de mercredi à jeudi", THURSDAY_EVENING)
    assert (found.start, found.end) == (date(2025, 4, 23), date(2025, 4, 24))


def test_several_days_in_text_order():
    found = days_in("Il l'a rencontré dimanche, puis à nouveau mardi.", THURSDAY_EVENING)
    assert [d.start for d in found] == [date(2025, 4, 20), date(2025, 4, 22)]


def test_no_day_in_plain_text():
    assert days_in("Les négociations ont repris à Doha.", THURSDAY_EVENING) == ()


@pytest.mark.parametrize("text, expected", [
    ("La réunion est prévue à partir de 17h30.", [(17, 30)]),
    ("Rendez-vous à 15 heures au ministère.", [(15, 0)]),
    ("Le vote a eu lieu vers 9h.", [(9, 0)]),
    ("entre 8h et 11:45", [(8, 0), (11, 45)]),
])
def test_clock_times(text, expected):
    assert [(c.hour, c.minute) for c in clock_times(text)] == expected


@pytest.mark.parametrize("text", [
    "Les discussions ont commencé vers 13h40 heure locale.",
    "La frappe a eu lieu à 3h15, heure de Kiev.",
    "Ils ont parlé pendant 12 heures.",
    "(12h40 à Paris)",
])
def test_times_in_another_zone_or_durations_are_left_out(text):
    assert clock_times(text) == []


def test_a_range_of_days_starts_on_its_first_day():
    found = first_day("Le sommet se tiendra les 24 et 25 juin à La Haye.", THURSDAY_EVENING, future=True)
    assert (found.start, found.end) == (date(2025, 6, 24), date(2025, 6, 25))
