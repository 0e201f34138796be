"""Parse live-blog text into a `Document` of timestamped entries.

Accepted layouts (blank lines anywhere, entries in either time order):

    HH:MM - Title Body          09h53 - Title Body          08:08 Title Body
    10/03/25 - 23:43 - Title Body        10/03/2025 (alone on a line, dating what follows)

The title and body often run together with no separator; the title ends at the first
capitalised word that opens a sentence (see `split_title`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Optional

from kg.facts import Document, Entry
from kg.ingest import dates
from kg.ingest.errors import IngestError
from kg.resources import data_path

HEADER = re.compile(
    r"^(?:(?P<d>\d{1,2})/(?P<mo>\d{1,2})/(?P<y>\d{2,4})\s*(?:[-–—,à]\s*)?)?"
    r"(?P<h>\d{1,2})\s*[:hH]\s*(?P<mi>\d{2})(?!\d)(?:\s*[-–—|:]\s+|\s+|\s*$)(?P<rest>.*)$"
)
DATE_LINE = re.compile(r"^(?P<d>\d{1,2})/(?P<mo>\d{1,2})/(?P<y>\d{2,4})\s*$")
KICKER = re.compile(r"\s(?=[A-ZÀ-Ý]{2,}(?:\s+[A-ZÀ-Ý]{2,})*\s+[-–—]\s)")
OPENERS = "\"'«“(["
NON_BREAKING_WORDS = {  # a name continues after these: "si Istanbul", "de Moscou"
    "de", "d'", "du", "des", "a", "au", "aux", "en", "et", "ou", "si", "sur", "pour", "contre", "avec",
    "par", "chez", "vers", "apres", "avant", "depuis", "selon", "dans", "le", "la", "les", "l'", "un", "une", "entre", "dont", "que", "qu'", "sans",
}


@dataclass
class RawEntry:
    line: int
    hour: int
    minute: int
    day: Optional[date]
    text: list[str]


@lru_cache(maxsize=1)
def sentence_starters() -> frozenset[str]:
    return frozenset(_word_list("lexicons/sentence_starters.txt"))


@lru_cache(maxsize=1)
def live_markers() -> frozenset[str]:
    return frozenset(w.lower() for w in _word_list("lexicons/live_markers.txt"))


def _word_list(name: str) -> list[str]:
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", dates.fold(text)).strip("-") or "doc"


# ------------------------------------------------------------------ title / body
TITLE_WORDS = 15   # a line longer than this, with no title found in it, is a text, not a bare title
MIN_BODY_WORDS = 5   # a name that would open a body shorter than this is still the title's
def split_title(text: str) -> tuple[str, str]:
    """Split "Title Body" run together on one line."""
    text = text.strip()
    kicker = KICKER.search(text)
    limit = kicker.start() if kicker else len(text)
    first_stop = _first_sentence_end(text)
    if first_stop is not None:
        limit = min(limit, first_stop)
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    cut = _starter_cut(text, words, limit)
    if cut is None:
        found = [c for c in (_name_cut(text, words, limit), _run_after_preposition_cut(text, words, limit),
                             _quote_cut(text), _number_cut(text, words, limit)) if c is not None]
        cut = min(found) if found else None
    if cut is None and kicker:
        cut = kicker.start()
    if cut is None:
        return text, ""
    return text[:cut].strip(), text[cut:].strip()


def _outside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    depth = before.count("«") - before.count("»") + before.count("“") - before.count("”")
    return depth <= 0 and before.count('"') % 2 == 0


def _first_sentence_end(text: str) -> Optional[int]:
    for m in re.finditer(r"[.!?](?=\s+[A-ZÀ-Ý«\"])", text):
        if _outside_quotes(text, m.start()):
            return m.start()
    return None


def _prev_ok(prev: str) -> bool:
    return bool(prev) and prev[-1] not in ",:;(«“" and prev[-1] not in OPENERS


def _starter_cut(text: str, words, limit: int) -> Optional[int]:
    starters = sentence_starters()
    for i in range(1, len(words)):
        pos, word = words[i]
        if pos > limit:
            break
        head = re.match(r"[A-ZÀ-Ýa-zà-ÿ]+['’]?", word)
        if not head or not word[0].isupper():
            continue
        prev = words[i - 1][1]
        if (head.group() in starters or word in starters) and _prev_ok(prev) \
                and dates.fold(prev).strip("\"'»”") not in NON_BREAKING_WORDS and _outside_quotes(text, pos):
            return pos
    return None


def _name_cut(text: str, words, limit: int) -> Optional[int]:
    """A run of capitalised words between two lower-case words opens the body:
    "sanctions Moscou a publié", "échoue Volodymyr Zelensky s'est adressé"."""
    for i in range(2, len(words) - 1):
        pos, word = words[i]
        if pos > limit:
            break
        prev = words[i - 1][1]
        if not (word[0].isupper() and not word.isupper() and prev[0].islower() and _prev_ok(prev)
                and dates.fold(prev) not in NON_BREAKING_WORDS and _outside_quotes(text, pos)):
            continue
        j = i
        while j + 1 < len(words) and words[j + 1][1][0].isupper() and not words[j][1].endswith((",", ".")):
            j += 1
        if j + 1 < len(words) and words[j + 1][1][0].islower() and not words[j][1].endswith(",") \
                and len(words) - i >= MIN_BODY_WORDS:
            return pos   # not "Rencontre Trump-Poutine Donald Trump a appelé | Vladimir Poutine mardi."
    return None


def _number_cut(text: str, words, limit: int) -> Optional[int]:
    """A body that opens with a figure: "Kiev accuse Moscou 24 drones ont visé la capitale" (not "à 24",
    "les 24", "Kharkiv : 3 morts")."""
    for i in range(2, len(words) - 1):
        pos, word = words[i]
        if pos > limit:
            break
        prev, after = words[i - 1][1], words[i + 1][1]
        if word[0].isdigit() and not prev[0].isdigit() and _prev_ok(prev) and after[0].islower() \
                and dates.fold(prev) not in NON_BREAKING_WORDS and _outside_quotes(text, pos):
            return pos
    return None


def _quote_cut(text: str) -> Optional[int]:
    """A body that opens with a quote and its speaker: "... la trêve « Nous sommes prêts », a déclaré X"."""
    for m in re.finditer(r"(?<=[\w»\"]) [«“]", text):
        close = text.find("»" if text[m.end() - 1] == "«" else "”", m.end())
        if close > 0 and re.match(r"\s*,", text[close + 1:]) and len(text[m.end():close].split()) >= 4:
            return m.start() + 1
    return None


def _run_after_preposition_cut(text: str, words, limit: int) -> Optional[int]:
    """"contre Téhéran Donald Trump a évoqué": a place ends the title, a first name and
    surname open the body."""
    for i in range(2, len(words) - 3):
        pos, word = words[i]
        if pos > limit:
            break
        if not (word[0].isupper() and dates.fold(words[i - 1][1]) in NON_BREAKING_WORDS and _outside_quotes(text, pos)):
            continue
        j = i
        while j + 1 < len(words) and words[j + 1][1][0].isupper() and not words[j][1].endswith((",", ".")):
            j += 1
        if j - i >= 2 and j + 1 < len(words) and words[j + 1][1][0].islower():
            return words[j - 1][0]
    return None


# ------------------------------------------------------------------ parsing
def parse_text(text: str, source: str, *, day: Optional[date] = None, tz_name: str = "Europe/Paris",
               today: Optional[date] = None) -> Document:
    tz = dates.timezone(tz_name)
    lead_lines, raws = _scan(text, source)
    if not raws:
        raise IngestError(source, "no live-blog entry found (expected lines like 'HH:MM - Title Body')")
    lead_lines = [ln for ln in lead_lines if ln.strip().lower().strip(" .:-") not in live_markers()]
    title, lead = _title_and_lead(lead_lines)
    days = _assign_days(raws, day, lead, source, today)
    entries = []
    seen: dict[str, int] = {}
    for raw, entry_day in zip(raws, days):
        head, body = _title_body(raw.text)
        published = dates.localize(entry_day, raw.hour, raw.minute, tz)
        entry_id = published.strftime("%Y-%m-%dT%H%M")
        seen[entry_id] = seen.get(entry_id, 0) + 1
        if seen[entry_id] > 1:
            entry_id += f"-{seen[entry_id]}"
        entries.append(Entry(entry_id=entry_id, published=published, title=head, body=body, line=raw.line))
    return Document(doc_id=slugify(Path(source).stem), source=source, entries=entries, title=title,
                    lead=lead, timezone=tz_name, reference_date=days[0] if days else day)


def _scan(text: str, source: str) -> tuple[list[str], list[RawEntry]]:
    lead: list[str] = []
    raws: list[RawEntry] = []
    current_day: Optional[date] = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip().lstrip("\ufeff")
        if not stripped:
            continue
        marker = DATE_LINE.match(stripped)
        if marker:
            current_day = _explicit_day(marker, source, number)
            continue
        header = HEADER.match(stripped)
        if header:
            hour, minute = int(header["h"]), int(header["mi"])
            if hour > 23 or minute > 59:
                raise IngestError(source, f"impossible time {header['h']}:{header['mi']} in entry header", number)
            entry_day = _explicit_day(header, source, number) if header["d"] else current_day
            raws.append(RawEntry(number, hour, minute, entry_day, [header["rest"]] if header["rest"] else []))
        elif raws:
            raws[-1].text.append(stripped)
        else:
            lead.append(stripped)
    return lead, raws


def _explicit_day(match: re.Match, source: str, line: int) -> date:
    try:
        return date(dates.two_digit_year(int(match["y"])), int(match["mo"]), int(match["d"]))
    except ValueError:
        raise IngestError(source, f"impossible date {match['d']}/{match['mo']}/{match['y']}", line) from None


def _title_and_lead(lines: list[str]) -> tuple[str, str]:
    if not lines:
        return "", ""
    if len(lines[0]) < 200 and not lines[0].endswith("."):
        return lines[0], "\n".join(lines[1:])
    return "", "\n".join(lines)


def _title_body(text: list[str]) -> tuple[str, str]:
    if not text:
        return "", ""
    if len(text) > 1:
        return text[0].strip(), "\n".join(t.strip() for t in text[1:])
    title, body = split_title(text[0])
    if not body and (title.endswith(".") or len(title.split()) > TITLE_WORDS):
        body = title   # no title to be found in a whole sentence: it is the entry's text (and its title)
    return title, body


# ------------------------------------------------------------------ days
def _assign_days(raws: list[RawEntry], day: Optional[date], lead: str, source: str,
                 today: Optional[date]) -> list[date]:
    """Give every entry its calendar day; a blog that crosses midnight rolls the day over."""
    reverse = _is_reverse_chronological(raws)
    minutes = [r.hour * 60 + r.minute for r in raws]
    known = [r.day for r in raws]
    if not any(known):
        anchor_index, anchor_day = _anchor_without_dates(raws, day, lead, today)
        if anchor_day is None:
            raise IngestError(source, "cannot tell which day the entries were written: pass --date YYYY-MM-DD")
        known[anchor_index] = anchor_day
    result: list[Optional[date]] = list(known)
    step = -1 if reverse else 1

    def rolled(earlier_in_file: int, later_in_file: int) -> bool:  # did the day change between them?
        a, b = minutes[earlier_in_file], minutes[later_in_file]
        return b > a if reverse else b < a

    first = next(i for i, d in enumerate(result) if d)
    for i in range(first + 1, len(raws)):
        if known[i] is None:
            result[i] = result[i - 1] + timedelta(days=step if rolled(i - 1, i) else 0)
    for i in range(first - 1, -1, -1):
        result[i] = result[i + 1] - timedelta(days=step if rolled(i, i + 1) else 0)
    return result  # type: ignore[return-value]


def _is_reverse_chronological(raws: list[RawEntry]) -> bool:
    """Newest first? Consecutive entries are usually minutes apart, so 00:20 followed by
    23:55 is read as going back 25 minutes, not forward 23 hours."""
    down = up = 0
    for a, b in zip(raws, raws[1:]):
        if a.day and b.day and a.day != b.day:
            down, up = (down + 1, up) if b.day < a.day else (down, up + 1)
            continue
        delta = ((b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)) % 1440
        if delta:
            down, up = (down + 1, up) if delta > 720 else (down, up + 1)
    return down > up


def _anchor_without_dates(raws: list[RawEntry], day: Optional[date], lead: str,
                          today: Optional[date]) -> tuple[int, Optional[date]]:
    """--date dates the first entry of the file; else "ce mardi 11 mars" in an entry dates
    that entry; else a date in the lead dates the first entry."""
    if day:
        return 0, day
    for index, raw in enumerate(raws):
        said_this = [d for d, this, _ in dates.find_dates(" ".join(raw.text), today=today) if this]
        if said_this:
            return index, said_this[0]
    in_lead = dates.find_dates(lead, today=today)
    this_days = [d for d, this, _ in in_lead if this]
    if this_days:
        return 0, this_days[0]
    if in_lead:
        return 0, max(d for d, _, _ in in_lead)
    return 0, None
