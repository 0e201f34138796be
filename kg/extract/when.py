"""Days named relative to an entry: "dans la nuit de lundi à mardi", "hier", "demain",
"dimanche", "mercredi soir", "la veille", "ce mardi 11 mars", "le 24 mars", "il y a trois jours",
"cela fait 44 jours que"; and clock times ("à partir de 17h30", "à 15 heures").

All are resolved against the entry's own date (its `published` timestamp).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timedelta
from typing import Optional

from kg.extract.numbers import parse_number
from kg.ingest.dates import WEEKDAYS, find_dates, fold

_WD = "|".join(WEEKDAYS)
NIGHT = re.compile(rf"\bnuit (?:de |du )?(?P<a>{_WD})(?: \d{{1,2}})? (?:a|au) (?P<b>{_WD})\b")
RELATIVE = {
    "avant-hier": -2, "hier": -1, "aujourd'hui": 0, "ce matin": 0, "ce soir": 0, "cet apres-midi": 0,
    "cette nuit": 0, "la nuit derniere": -1, "demain": 1, "apres-demain": 2, "la veille": -1, "le lendemain": 1,
}
_RELATIVE_PATTERNS = {phrase: re.compile(rf"\b{re.escape(phrase)}\b") for phrase in RELATIVE}
WEEKDAY = re.compile(rf"\b(?P<this>ce |cette )?(?P<wd>{_WD})(?P<next> prochain| dernier)?\b")
_MONTHS = "|".join(("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
                    "novembre", "decembre"))
DAY_RANGE = re.compile(rf"\b(?:les |du )?(?P<a>\d{{1,2}})(?:er)? (?:et|au) (?P<b>\d{{1,2}})(?:er)? (?:{_MONTHS})\b")
_COUNT = r"(?P<n>\d+|[a-z]+(?:[- ][a-z]+){0,3}?)"
# "il y a trois jours", "cela fait 44 jours que", "voici deux semaines": a day counted back
ELAPSED = re.compile(rf"\b(?:il y a|cela fait|ca fait|voici|voila) {_COUNT} (?P<unit>jours?|semaines?|mois)\b")
UNIT_DAYS = {"jour": 1, "jours": 1, "semaine": 7, "semaines": 7, "mois": 30}
# "17h30", "17h", "17:30", "15 heures", "15 heures 30" (not "3 h de route")
CLOCK = re.compile(r"\b(?P<h>[01]?\d|2[0-3])(?:h(?P<m>[0-5]\d)?\b|:(?P<m2>[0-5]\d)\b|\s?heures?(?:\s?(?P<m3>[0-5]\d)\b)?)")
DURATION_BEFORE = re.compile(r"(?:pendant|durant|pres de|environ|plus de|moins de|en|dans|toutes les) $")
FOREIGN_CLOCK = re.compile(r"\s*(?:,\s*)?(?:heure (?:locale|de \w+|d'\w+|ukrainienne|russe|de moscou)|gmt|utc|\(?heure)")


@dataclass(frozen=True)
class DayMention:
    start: date
    end: date
    text: str
    offset: int  # character offset in the text it was found in


def _last_weekday(ref: date, weekday: int, include_today: bool = True) -> date:
    delta = (ref.weekday() - weekday) % 7
    if delta == 0 and not include_today:
        delta = 7
    return ref - timedelta(days=delta)


def _next_weekday(ref: date, weekday: int, include_today: bool = True) -> date:
    delta = (weekday - ref.weekday()) % 7
    if delta == 0 and not include_today:
        delta = 7
    return ref + timedelta(days=delta)


def day_ranges(folded: str, ref: date) -> list[tuple[date, date, re.Match]]:
    """"les 24 et 25 juin", "du 3 au 5 mars": from the first day to the last."""
    found = []
    for m in DAY_RANGE.finditer(folded):
        dated = [d for d, _, _ in find_dates(folded[m.start("b"):m.end()], year_hint=ref.year)]
        if dated:
            last = dated[0]
            first = last.replace(day=int(m["a"])) if int(m["a"]) <= last.day else last
            found.append((first, last, m))
    return found


@lru_cache(maxsize=128)
def days_in(text: str, published: datetime, future: Optional[bool] = None) -> tuple[DayMention, ...]:
    """Every day expression in `text`, resolved against the entry's date, in text order.
    `future` says whether the clause speaks of what will happen (weekday names then point forward).
    Cached for the entry at hand: the extractors ask it of the same sentence in turn."""
    ref = published.date()
    folded = fold(text)
    found: list[DayMention] = []
    taken: list[range] = []

    def add(start: date, end: date, m_start: int, m_end: int) -> None:
        if any(m_start in r for r in taken):
            return
        taken.append(range(m_start, m_end))
        found.append(DayMention(start, end, text[m_start:m_end], m_start))

    for first, last, m in day_ranges(folded, ref):
        add(first, last, m.start(), m.end())
    explicit = find_dates(text, year_hint=ref.year)
    for m in NIGHT.finditer(folded):  # first, so that "nuit du mercredi 23 au jeudi 24 avril" is one night
        second = WEEKDAYS[m["b"]]
        end = _last_weekday(ref, second) if not future else _next_weekday(ref, second)
        dated = [d for d, _, offset in explicit if m.start() <= offset <= m.end() + 12]
        if dated:
            end = max(dated)
        tail = re.compile(r"\d{1,2}(?:er)? \w+").match(folded, m.end() + 1) if dated else None
        add(end - timedelta(days=1), end, m.start(), tail.end() if tail else m.end())
    for day, _, offset in explicit:
        m = re.compile(r"\d{1,2}(?:er)? \w+").search(folded, offset)
        add(day, day, offset, m.end() if m else offset + 1)
    for phrase, shift in RELATIVE.items():
        if phrase not in folded:
            continue
        for m in _RELATIVE_PATTERNS[phrase].finditer(folded):
            if phrase == "cette nuit":
                day = ref - timedelta(days=1) if published.hour < 14 else ref
                add(day, day + timedelta(days=1), m.start(), m.end())
            else:
                add(ref + timedelta(days=shift), ref + timedelta(days=shift), m.start(), m.end())
    for m in ELAPSED.finditer(folded):
        count = parse_number(m["n"])
        if count is not None:
            day = ref - timedelta(days=count * UNIT_DAYS[m["unit"]])
            add(day, day, m.start(), m.end())
    for m in WEEKDAY.finditer(folded):
        weekday = WEEKDAYS[m["wd"]]
        forward = m["next"] == " prochain" or (future and m["next"] != " dernier")
        if m["this"]:
            day = _next_weekday(ref, weekday) if future else _last_weekday(ref, weekday)
            if abs((day - ref).days) > 3:  # "ce dimanche" said on a Tuesday may point either way
                day = _last_weekday(ref, weekday) if future else _next_weekday(ref, weekday)
        elif forward:
            day = _next_weekday(ref, weekday, include_today=False)
        else:
            day = _last_weekday(ref, weekday, include_today=True)
        add(day, day, m.start(), m.end())
    found.sort(key=lambda d: d.offset)
    return tuple(found)


def first_day(text: str, published: datetime, future: Optional[bool] = None) -> Optional[DayMention]:
    days = days_in(text, published, future)
    return days[0] if days else None


@dataclass
class ClockMention:
    hour: int
    minute: int
    text: str
    offset: int


def clock_times(text: str) -> list[ClockMention]:
    """Clock times in the blog's own zone ("à partir de 17h30"); a time given in another zone
    ("13h40 heure locale", "12h40 à Paris" inside brackets) is left out: it is not the blog's."""
    folded = fold(text)
    found = []
    for m in CLOCK.finditer(folded):
        if FOREIGN_CLOCK.match(folded, m.end()) or _inside_brackets(folded, m.start()):
            continue
        if DURATION_BEFORE.search(folded[max(0, m.start() - 12):m.start()]):  # "pendant 12 heures": a duration
            continue
        minute = m["m"] or m["m2"] or m["m3"] or 0
        found.append(ClockMention(int(m["h"]), int(minute), text[m.start():m.end()], m.start()))
    return found


def _inside_brackets(text: str, offset: int) -> bool:
    return text.rfind("(", 0, offset) > text.rfind(")", 0, offset)
