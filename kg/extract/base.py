"""What every extractor sees and the registry they join.

An extractor is a function `(item: EntryDoc, ctx: Context) -> Iterable[Fact]` registered
with `@extractor("name")`. One that must look across entries (merging reports of the same
attack) also registers a `@finalizer("name")`: `(facts, ctx) -> facts`, run once per document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from spacy.tokens import Doc, Span

from kg.extract.actors import ActorTable
from kg.extract.gazetteer import Gazetteer
from kg.facts import Document, Entry, Fact, Span as CharSpan


@dataclass
class EntryDoc:
    """An entry and its parsed body."""

    entry: Entry
    doc: Doc

    @property
    def entry_id(self) -> str:
        return self.entry.entry_id

    def char_span(self, span: Span) -> CharSpan:
        return CharSpan(span.start_char, span.end_char)


@dataclass
class Context:
    """Per-document state shared by the extractors."""

    document: Document
    gazetteer: Gazetteer
    actors: ActorTable
    items: list[EntryDoc] = field(default_factory=list)   # every entry, in file order

    def entry(self, entry_id: str) -> Entry:
        return next(e for e in self.document.entries if e.entry_id == entry_id)


ExtractFn = Callable[[EntryDoc, Context], Iterable[Fact]]
FinalizeFn = Callable[[list[Fact], Context], list[Fact]]

EXTRACTORS: dict[str, ExtractFn] = {}
FINALIZERS: dict[str, FinalizeFn] = {}


def extractor(name: str) -> Callable[[ExtractFn], ExtractFn]:
    def register(fn: ExtractFn) -> ExtractFn:
        EXTRACTORS[name] = fn
        return fn
    return register


def finalizer(name: str) -> Callable[[FinalizeFn], FinalizeFn]:
    def register(fn: FinalizeFn) -> FinalizeFn:
        FINALIZERS[name] = fn
        return fn
    return register
