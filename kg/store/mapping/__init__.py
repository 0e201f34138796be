"""The graph-building stage: typed facts in, RDF out. The only place that makes RDF terms.

`build_graph(result)` returns the named graph of one document. Each fact family has its
own module here with functions registered by fact type (`@maps(Statement)`).
"""
from __future__ import annotations

from kg.store.mapping.core import FACT_MAPPERS, Minter, build_graph, maps

# importing the families registers their mappers
from kg.store.mapping import events, negotiations, statements  # noqa: E402,F401

__all__ = ["build_graph", "maps", "Minter", "FACT_MAPPERS"]
