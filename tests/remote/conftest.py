"""Fixtures for the remote tests: real Oxigraph servers, `kg serve`, and stores built by `kg build`."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator, Optional

import pytest

from .support import SAMPLE, SECOND, KgServe, OxigraphServer, run_kg


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """The sample live blog built by `kg build FILE --store DIR` (shared by the whole session)."""
    store = tmp_path_factory.mktemp("embedded") / "store"
    result = run_kg("build", SAMPLE, "--store", store)
    assert result.returncode == 0, result.stderr
    return store


@pytest.fixture(scope="session")
def two_document_store(built_store, tmp_path_factory) -> Path:
    """The sample and a second live blog (24 April 2025), each in its own named graph."""
    store = tmp_path_factory.mktemp("two-documents") / "store"
    shutil.copytree(built_store, store)          # no process has the sample store open now
    result = run_kg("build", SECOND, "--date", "2025-04-24", "--store", store)
    assert result.returncode == 0, result.stderr
    return store


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[OxigraphServer]:
    """One real Oxigraph server for the session (the `kg push` target of the equality tests)."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-session") / "db").start()
    yield server
    server.stop()


@pytest.fixture
def oxigraph_factory(tmp_path) -> Iterator:
    """Fresh Oxigraph servers for one test."""
    servers: list[OxigraphServer] = []

    def start(location: Optional[Path] = None, port: Optional[int] = None) -> OxigraphServer:
        server = OxigraphServer(location or tmp_path / f"db{len(servers)}", port).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def served(built_store) -> Iterator[KgServe]:
    """`kg serve` over the sample store (read-only snapshot) for the session."""
    server = KgServe(built_store).start()
    yield server
    server.stop()


@pytest.fixture
def kg_serve_factory() -> Iterator:
    servers: list[KgServe] = []

    def start(store: Path, *extra: str) -> KgServe:
        server = KgServe(store, *extra).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def pushed(built_store, oxigraph_server) -> OxigraphServer:
    """The session Oxigraph server after `kg push` of the sample store."""
    result = run_kg("push", "--endpoint", oxigraph_server.query_url, "--store", built_store)
    assert result.returncode == 0, result.stderr
    return oxigraph_server


