"""Shared fixtures for the kg.viz tests: the hand-written graph as a file, a Dataset and a kg store."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from kg.store import KnowledgeStore
from kg.viz import load_rdf

from .support import FIXTURE, ID


@pytest.fixture(scope="session")
def fixture_path() -> Path:
    return FIXTURE


@pytest.fixture(scope="session")
def dataset():
    return load_rdf(FIXTURE)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    """A kg store holding the fixture in one named graph, closed so that commands can open it."""
    path = tmp_path_factory.mktemp("viz") / "store"
    kb = KnowledgeStore(path)
    kb.ox.load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TURTLE,
               to_graph=pyoxigraph.NamedNode(f"{ID}graph/fixture"))
    kb.close()
    return path
