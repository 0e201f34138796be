"""Ingest: read a live blog (text or JSON Lines) into a `kg.facts.Document`."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Optional

from kg.facts import Document, Entry
from kg.ingest import dates
from kg.ingest.errors import IngestError
from kg.ingest.liveblog import parse_text, slugify, split_title

MAX_BYTES = 20 * 1024 * 1024

__all__ = ["load_document", "parse_text", "IngestError", "split_title"]


def load_document(path: str | Path, *, day: Optional[date] = None, tz_name: str = "Europe/Paris",
                  today: Optional[date] = None) -> Document:
    """Read one live blog; raise `IngestError` with a one-line reason on bad input."""
    path = Path(path)
    text = read_text(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return parse_jsonl(text, str(path), day=day, tz_name=tz_name)
    return parse_text(text, str(path), day=day, tz_name=tz_name, today=today)


def read_text(path: Path) -> str:
    if not path.exists():
        raise IngestError(str(path), "no such file")
    if path.is_dir():
        raise IngestError(str(path), "is a directory, not a live-blog file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(str(path), "file is empty")
    if size > MAX_BYTES:
        raise IngestError(str(path), f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit for one live blog")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise IngestError(str(path), "binary file (NUL bytes), not live-blog text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise IngestError(str(path), f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); convert it with "
                          f"`iconv -f latin1 -t utf-8`", line) from None
    if not text.strip():
        raise IngestError(str(path), "file holds only white space")
    return text


def parse_jsonl(text: str, source: str, *, day: Optional[date] = None, tz_name: str = "Europe/Paris") -> Document:
    """One entry per line: {"time": "2025-03-11T08:08:00+01:00" or "08:08", "title", "body", "url"}."""
    tz = dates.timezone(tz_name)
    entries: list[Entry] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(source, f"invalid JSON ({exc.msg})", number) from None
        if not isinstance(record, dict) or "time" not in record:
            raise IngestError(source, "each line must be an object with at least 'time', 'title', 'body'", number)
        published = _jsonl_time(str(record["time"]), day, tz, source, number)
        title, body = str(record.get("title") or ""), str(record.get("body") or "")
        if not title and body:
            title, body = split_title(body)
        entry_id = published.strftime("%Y-%m-%dT%H%M")
        if any(e.entry_id == entry_id for e in entries):
            entry_id += f"-{number}"
        entries.append(Entry(entry_id, published, title, body, line=number, url=record.get("url")))
    if not entries:
        raise IngestError(source, "no live-blog entry found")
    return Document(doc_id=slugify(Path(source).stem), source=source, entries=entries,
                    timezone=tz_name, reference_date=entries[0].published.date())


def _jsonl_time(value: str, day: Optional[date], tz, source: str, line: int) -> datetime:
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=tz)
    except ValueError:
        pass
    parts = value.replace("h", ":").split(":")
    if len(parts) == 2 and all(p.isdigit() for p in parts) and day:
        hour, minute = int(parts[0]), int(parts[1])
        if hour < 24 and minute < 60:
            return dates.localize(day, hour, minute, tz)
    hint = "" if day else " (a bare HH:MM needs --date)"
    raise IngestError(source, f"bad time {value!r}{hint}", line)
