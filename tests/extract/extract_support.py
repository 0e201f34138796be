"""Shared by the extractor tests: run the pipeline on a small text and keep one kind of fact."""
from datetime import date

from kg.extract import extract
from kg.ingest import parse_text


def facts_of(text: str, kind: type, extractors: set[str], day: date) -> list:
    doc = parse_text(text, "t.txt", day=day)
    return [f for f in extract(doc, only=extractors).facts if isinstance(f, kind)]
