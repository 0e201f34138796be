"""The live-blog parser: layouts, titles, days, offsets (DST), bad input."""
from datetime import date, timedelta

import pytest

from kg.ingest import IngestError, load_document, parse_text, split_title


def offsets(doc):
    return [e.published.isoformat() for e in doc.entries]


def test_reverse_blog_rolls_back_a_day_at_midnight_from_a_dated_entry():
    text = """Un chapeau qui résume la journée.

En direct

00:20 - Nouvelle alerte aérienne à Kharkiv Les sirènes ont retenti dans toute la ville.

22/07/24 - 23:55 - Fin de soirée agitée Le maire a appelé les habitants à rester aux abris.
"""
    doc = parse_text(text, "blog.txt")
    assert offsets(doc) == ["2024-07-23T00:20:00+02:00", "2024-07-22T23:55:00+02:00"]
    assert doc.lead == "Un chapeau qui résume la journée."


def test_reverse_blog_with_date_option_anchors_the_first_entry():
    text = "01h15 - Titre un Le corps un.\n23h40 - Titre deux Le corps deux.\n21h05 - Titre trois Le corps trois.\n"
    doc = parse_text(text, "b.txt", day=date(2025, 1, 9))
    assert offsets(doc) == ["2025-01-09T01:15:00+01:00", "2025-01-08T23:40:00+01:00", "2025-01-08T21:05:00+01:00"]


def test_chronological_blog_rolls_forward():
    text = "22:10 - Début de soirée Les frappes reprennent.\n23:50 - Plus tard La défense répond.\n00:30 - Après minuit Le calme revient.\n"
    doc = parse_text(text, "c.txt", day=date(2025, 6, 1))
    assert [e.published.date() for e in doc.entries] == [date(2025, 6, 1), date(2025, 6, 1), date(2025, 6, 2)]


def test_offset_follows_daylight_saving_time():
    winter = parse_text("12:00 - Titre Le corps.", "w.txt", day=date(2025, 3, 29))
    summer = parse_text("12:00 - Titre Le corps.", "s.txt", day=date(2025, 3, 30))
    assert winter.entries[0].published.utcoffset() == timedelta(hours=1)
    assert summer.entries[0].published.utcoffset() == timedelta(hours=2)


def test_other_timezone():
    doc = parse_text("09:30 - Titre Le corps.", "k.txt", day=date(2025, 7, 1), tz_name="Europe/Kyiv")
    assert doc.entries[0].published.isoformat() == "2025-07-01T09:30:00+03:00"


def test_day_words_date_an_undated_blog_and_infer_the_year():
    text = """Les délégations se sont parlé ce jeudi 15 mai à Genève.

17h45 - Fin des discussions Les négociateurs quittent la salle.
"""
    doc = parse_text(text, "g.txt", today=date(2026, 11, 25))
    # 15 May was a Thursday in 2025 (not in 2026): the most recent such year
    assert doc.entries[0].published.isoformat() == "2025-05-15T17:45:00+02:00"


def test_ce_weekday_in_an_entry_dates_that_entry():
    text = """09:00 - Réunion à Doha Les médiateurs qataris attendent les délégations ce lundi 6 janvier 2025.
07:30 - Nuit calme Aucune frappe signalée."""
    doc = parse_text(text, "d.txt")
    assert offsets(doc) == ["2025-01-06T09:00:00+01:00", "2025-01-06T07:30:00+01:00"]


def test_date_line_alone_dates_the_entries_below_it():
    text = "05/02/2025\n14:00 - Titre A Le corps A.\n13:00 - Titre B Le corps B.\n"
    doc = parse_text(text, "x.txt")
    assert [e.published.date() for e in doc.entries] == [date(2025, 2, 5)] * 2


@pytest.mark.parametrize("header", ["08:08 - ", "08h08 - ", "08H08 – ", "08:08 ", "8h08 — "])
def test_header_layouts(header):
    doc = parse_text(f"{header}Une frappe sur Odessa La ville a été touchée cette nuit.", "h.txt", day=date(2025, 2, 3))
    entry = doc.entries[0]
    assert (entry.published.hour, entry.published.minute) == (8, 8)
    assert entry.title == "Une frappe sur Odessa"
    assert entry.body.startswith("La ville")


def test_title_on_its_own_line():
    doc = parse_text("10:15 - Le Hamas répond à la proposition\nLe mouvement a transmis sa réponse aux médiateurs.\n",
                     "t.txt", day=date(2024, 5, 6))
    assert doc.entries[0].title == "Le Hamas répond à la proposition"
    assert doc.entries[0].body == "Le mouvement a transmis sa réponse aux médiateurs."


@pytest.mark.parametrize("text,title", [
    ("Téhéran menace de riposter Le ministre iranien a parlé ce matin.", "Téhéran menace de riposter"),
    ("Frappes sur Gaza « jusqu'à la victoire » Selon l'armée, les opérations continuent.",
     "Frappes sur Gaza « jusqu'à la victoire »"),
    ("Le Caire accueille les négociateurs Dans la capitale égyptienne, les délégations arrivent.",
     "Le Caire accueille les négociateurs"),
    ("Khartoum sous les bombes Les Forces de soutien rapide ont pilonné la ville.", "Khartoum sous les bombes"),
    ("Washington durcit le ton contre Téhéran Donald Trump a évoqué de nouvelles sanctions.",
     "Washington durcit le ton contre Téhéran"),
    ("Un accord en vue à Doha FLASH - Les médiateurs se disent confiants.", "Un accord en vue à Doha"),
    ("Nouvelle attaque sur Odessa Trois drones ont frappé le port.", "Nouvelle attaque sur Odessa"),
    ("Kiev accuse Moscou 24 drones ont visé la capitale, selon les autorités.", "Kiev accuse Moscou"),
    ("Frappes sur Kharkiv : 3 morts Les secours sont sur place.", "Frappes sur Kharkiv : 3 morts"),
    ("Rencontre prévue le 15 août Donald Trump recevra Vladimir Poutine en Alaska.", "Rencontre prévue le 15 août"),
])
def test_title_runs_into_body(text, title):
    assert split_title(text)[0] == title


def test_same_minute_entries_get_distinct_ids():
    doc = parse_text("10:00 - A Le corps.\n10:00 - B Le corps.", "s.txt", day=date(2025, 1, 1))
    assert len({e.entry_id for e in doc.entries}) == 2


def test_impossible_time_names_file_and_line():
    with pytest.raises(IngestError) as info:
        parse_text("Chapeau.\n\n25:99 - Titre Le corps.", "bad.txt", day=date(2025, 1, 1))
    assert str(info.value).startswith("bad.txt:3:")


def test_no_entry_is_an_error():
    with pytest.raises(IngestError, match="no live-blog entry"):
        parse_text("Juste un article sans heure.", "a.txt", day=date(2025, 1, 1))


def test_undatable_blog_asks_for_date():
    with pytest.raises(IngestError, match="--date"):
        parse_text("10:00 - Titre Le corps.", "u.txt")


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"\x00\x01\x02binary", "binary"),
    ("10:00 - Frappe à Kharkiv Le bilan s'alourdit.".encode("latin-1"), "not UTF-8"),
    (b"   \n\n  ", "white space"),
])
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        load_document(path, day=date(2025, 1, 1))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="directory"):
        load_document(tmp_path)


def test_jsonl_input(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"time": "2025-03-11T08:08:00+01:00", "title": "Frappe", "body": "Le corps.", "url": "https://ex.org/1"}\n'
        '{"time": "09:30", "title": "Suite", "body": "Autre corps."}\n', encoding="utf-8")
    doc = load_document(path, day=date(2025, 3, 11))
    assert offsets(doc) == ["2025-03-11T08:08:00+01:00", "2025-03-11T09:30:00+01:00"]
    assert doc.entries[0].url == "https://ex.org/1"


def test_jsonl_bad_line_is_reported(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"time": "08:00", "title": "A", "body": "B"}\n{oops\n', encoding="utf-8")
    with pytest.raises(IngestError) as info:
        load_document(path, day=date(2025, 3, 11))
    assert ":2:" in str(info.value)


@pytest.mark.parametrize("text,title", [
    ("Zelensky à Washington Volodymyr Zelensky a rencontré Donald Trump ce vendredi.", "Zelensky à Washington"),
    ("Le Hamas accepte la trêve « Nous sommes prêts à un accord global », a déclaré un responsable.",
     "Le Hamas accepte la trêve"),
])
def test_body_opening_with_a_name_or_a_quote(text, title):
    assert split_title(text)[0] == title


def test_a_whole_sentence_with_no_title_in_it_is_the_entrys_text():
    doc = parse_text("19:20 - Appel Vladimir Poutine a accepté la proposition de Donald Trump d'une suspension mutuelle "
                     "des frappes, a annoncé le Kremlin.\n\n10:30 - Nouvelle alerte aérienne à Kiev\n", "t.txt",
                     day=date(2025, 3, 18))
    long, short = sorted(doc.entries, key=lambda e: -len(e.title))
    assert long.body == long.title and long.body.endswith("a annoncé le Kremlin.")
    assert (short.title, short.body) == ("Nouvelle alerte aérienne à Kiev", "")   # a bare title stays a title


def test_a_name_too_near_the_end_does_not_open_the_body():
    # "Vladimir Poutine mardi." is no body: the line is kept whole as the entry's text
    doc = parse_text("21:00 - Rencontre Trump-Poutine Donald Trump a appelé Vladimir Poutine mardi.\n", "t.txt",
                     day=date(2025, 3, 18))
    assert doc.entries[0].body == "Rencontre Trump-Poutine Donald Trump a appelé Vladimir Poutine mardi."
