"""Days named relative to an entry: "dans la nuit de lundi à mardi", "hier", "demain",
"dimanche", "mercredi soir", "la veille", "ce mardi 11 mars", "le 24 mars".

All are resolved against the entry's own date (its `published` timestamp).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Optional

from kg.ingest.dates import WEEKDAYS, find_dates, fold

_WD = "|".join(WEEKDAYS)
NIGHT = re.compile(rf"\bnuit (?:de |du )?(?P<a>{_WD})(?: \d{{1,2}})? (?:a|au) (?P<b>{_WD})\b")
RELATIVE = {
    "avant-hier": -2, "hier": -1, "aujourd'hui": 0, "ce matin": 0, "ce soir": 0, "cet apres-midi": 0,
    "cette nuit": 0, "la nuit derniere": -1, "demain": 1, "apres-demain": 2, "la veille": -1, "le lendemain": 1,
}
WEEKDAY = re.compile(rf"\b(?P<this>ce |cette )?(?P<wd>{_WD})(?P<next> prochain| dernier)?\b")


@dataclass
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


def days_in(text: str, published: datetime, future: Optional[bool] = None) -> list[DayMention]:
    """Every day expression in `text`, resolved against the entry's date, in text order.
    `future` says whether the clause speaks of what will happen (weekday names then point forward)."""
    ref = published.date()
    folded = fold(text)
    found: list[DayMention] = []
    taken: list[range] = []

    def add(start: date, end: date, m_start: int, m_end: int) -> None:
        if any(m_start in r for r in taken):
            return
        taken.append(range(m_start, m_end))
        found.append(DayMention(start, end, text[m_start:m_end], m_start))

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
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", folded):
            if phrase == "cette nuit":
                day = ref - timedelta(days=1) if published.hour < 14 else ref
                add(day, day + timedelta(days=1), m.start(), m.end())
            else:
                add(ref + timedelta(days=shift), ref + timedelta(days=shift), m.start(), m.end())
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
    return found


def first_day(text: str, published: datetime, future: Optional[bool] = None) -> Optional[DayMention]:
    days = days_in(text, published, future)
    return days[0] if days else None
