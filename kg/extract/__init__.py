"""Extract: from a parsed document to typed facts (actors, statements, attacks, truces...).

Each extractor is one module in this package; importing it registers it (see `base`).
"""
from __future__ import annotations

import importlib
from typing import Iterable, Optional

from kg.extract.actors import ActorTable
from kg.extract.base import EXTRACTORS, FINALIZERS, Context, EntryDoc
from kg.extract.gazetteer import load_gazetteer
from kg.extract.nlp import load_nlp
from kg.facts import Actor, Document, ExtractionResult

# The registration list: adding an extractor is one module plus one name here.
EXTRACTOR_MODULES = (
    "attacks",
    "statements",
    "attributions",
    "casualties",
    "interceptions",
    "truces",
    "demands",
    "meetings",
)


def _load_extractors(names: Iterable[str]) -> None:
    for name in names:
        try:
            importlib.import_module(f"kg.extract.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kg.extract.{name}":
                raise


def parse_entries(documents: list[Document]) -> list[list[EntryDoc]]:
    """Run spaCy once over every entry body of several documents (batched)."""
    nlp = load_nlp()
    bodies = [e.body for d in documents for e in d.entries]
    parsed = iter(nlp.pipe(bodies, batch_size=64))
    return [[EntryDoc(e, next(parsed)) for e in d.entries] for d in documents]


def extract(document: Document, known_actors: Iterable[Actor] = (), only: Optional[set[str]] = None,
            items: Optional[list[EntryDoc]] = None) -> ExtractionResult:
    """Every fact the registered extractors find in one document."""
    _load_extractors(EXTRACTOR_MODULES)
    gazetteer = load_gazetteer()
    table = ActorTable(gazetteer, known_actors, on=document.reference_date)
    items = items if items is not None else parse_entries([document])[0]
    ctx = Context(document, gazetteer, table, items)
    for item in items:
        table.observe(item.doc, item.entry_id)
    facts = []
    chosen = [n for n in EXTRACTORS if only is None or n in only]
    for item in items:
        for name in chosen:
            facts.extend(EXTRACTORS[name](item, ctx))
    for name in chosen:
        if name in FINALIZERS:
            facts = FINALIZERS[name](facts, ctx)
    return ExtractionResult(document, table.actors, table.places, facts)
