"""French day and date words, and the offset-aware timestamps of entries.

"ce mardi 11 mars" names a day without its year: the year is the most recent one (not
after today) in which 11 March falls on a Tuesday, unless the text states a year.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}

_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = "|".join(MONTHS)
# "mardi 11 mars 2025", "11 mars", "1er avril", optionally preceded by "ce"
DATE_WORDS = re.compile(
    rf"\b(?P<this>ce\s+)?(?:(?P<weekday>{_WEEKDAY})\s+)?(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTH})"
    rf"(?:\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without accents, for matching French words (cached: extractors fold the same
    words over and over)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def infer_year(day: int, month: int, weekday: int | None, today: date | None = None) -> int:
    """The year of a day named without one: the latest year not after `today` where the
    weekday fits (or simply the latest such year when no weekday is given)."""
    today = today or date.today()
    for year in range(today.year, today.year - 30, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate > today + timedelta(days=1):
            continue
        if weekday is None or candidate.weekday() == weekday:
            return year
    return today.year


def find_dates(text: str, year_hint: int | None = None, today: date | None = None) -> list[tuple[date, bool, int]]:
    """Explicit calendar dates in French text, as (date, said_with_ce, char offset)."""
    found = []
    for m in DATE_WORDS.finditer(fold(text)):
        day, month = int(m["day"]), MONTHS[m["month"]]
        weekday = WEEKDAYS[m["weekday"]] if m["weekday"] else None
        if m["year"]:
            year = int(m["year"])
        elif year_hint and _valid(year_hint, month, day) and (
                weekday is None or date(year_hint, month, day).weekday() == weekday):
            year = year_hint
        else:
            year = infer_year(day, month, weekday, today)
        if _valid(year, month, day):
            found.append((date(year, month, day), bool(m["this"]), m.start()))
    return found


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
        return True
    except ValueError:
        return False


def localize(day: date, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    """A wall-clock time in `tz` as an aware datetime (DST-aware; a time skipped by the
    spring change is read with the offset in force before it)."""
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def two_digit_year(year: int) -> int:
    return year + 2000 if year < 100 else year
