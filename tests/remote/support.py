"""Helpers for the remote tests: real Oxigraph servers, `kg serve`, and `kg` runs.

Everything listens on 127.0.0.1 on free ports; every process started here is stopped by its owner.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Optional

import httpx
import pytest

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
SAMPLE = PROJECT / "data" / "liveblog-2025-03-11.txt"
SECOND = HERE / "data" / "d3-frappe-kiev-24-avril.txt"     # copy of shared/dev/texts/d3-frappe-kiev-24-avril.txt
BIN = Path(sys.executable).parent
KG = str(BIN / "kg")

QUERIES = sorted(p.stem for p in (PROJECT / "queries").glob("*.rq"))
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
MUST_HAVE_ROWS = {"timeline", "actors"}      # what the sample yields today, whatever the extractors become


def normalise(variables: list[str], bindings: list[dict]) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of strings: kind, value and language or datatype of each term."""
    rows = []
    for binding in bindings:
        row = []
        for name in variables:
            term = binding.get(name)
            if term is None:
                row.append("")
                continue
            kind = "literal" if term["type"] == "typed-literal" else term["type"]
            datatype = term.get("datatype", "")
            tag = "@" + term["xml:lang"].lower() if term.get("xml:lang") else ("" if datatype == XSD_STRING else datatype)
            row.append(f"{kind}|{term['value']}|{tag}")
        rows.append(tuple(row))
    return sorted(rows)


def oxigraph_binary() -> str:
    beside = BIN / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the `oxigraph` server binary is missing: pip install 'oxigraph>=0.5,<0.6'")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, process: Optional[subprocess.Popen] = None, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}: "
                               f"{process.stderr.read() if process.stderr else ''}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def run_kg(*args: str, env: Optional[dict] = None, timeout: float = 180) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    for name in ("KG_ENDPOINT_TOKEN", "KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD", "KG_ENDPOINT_TIMEOUT",
                 "KG_ENDPOINT_AUTH", "KG_STORE"):
        full_env.pop(name, None)
    full_env["NO_PROXY"] = "127.0.0.1,localhost"      # every server here is local
    full_env.update(env or {})
    full_env["COLUMNS"] = "200"           # one-line messages stay on one line
    return subprocess.run([KG, *map(str, args)], capture_output=True, text=True, env=full_env, timeout=timeout)


def one_line(text: str) -> str:
    return " ".join(text.split())


class OxigraphServer:
    """`oxigraph serve --location DIR --bind 127.0.0.1:PORT --union-default-graph` (writable)."""

    def __init__(self, location: Path, port: Optional[int] = None):
        self.location = location
        self.port = port or free_port()
        self.process: Optional[subprocess.Popen] = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    def start(self) -> "OxigraphServer":
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_http(self.base + "/", self.process)
        except BaseException:
            self.stop()
            raise
        return self

    def kill(self) -> None:
        """SIGKILL: the server dies at once, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()

    def select(self, sparql: str) -> list[dict]:
        response = httpx.post(self.query_url, data={"query": sparql},
                              headers={"Accept": "application/sparql-results+json"}, timeout=30)
        response.raise_for_status()
        return response.json()["results"]["bindings"]

    def quads(self) -> int:
        return int(self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]["value"])

    def graph_sizes(self) -> dict[str, int]:
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


class KgServe:
    """`kg serve ...` in the background, stopped with SIGTERM (or SIGINT, as Ctrl-C)."""

    def __init__(self, store: Path, *extra: str, port: Optional[int] = None):
        self.store = store
        self.port = port or free_port()
        self.extra = extra
        self.process: Optional[subprocess.Popen] = None
        self.lines: list[str] = []
        self.stdout = ""
        self.stderr = ""
        self._ready = threading.Event()
        self._reader: Optional[threading.Thread] = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith("press Ctrl-C"):
                self._ready.set()
        self._ready.set()

    def start(self, seconds: float = 60) -> "KgServe":
        """Start, and wait until kg serve says it is ready (it checks the server answers)."""
        self.process = subprocess.Popen([KG, "serve", "--store", str(self.store), "--port", str(self.port), *self.extra],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._ready.wait(seconds) or self.process.poll() is not None:
            self.stop()
            raise RuntimeError(f"kg serve did not start: {self.stdout} {self.stderr}")
        return self

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self._reader is not None:
            self._reader.join(timeout=10)
        self.stdout = "".join(self.lines)
        if not self.process.stderr.closed:
            self.stderr = self.process.stderr.read()
            self.process.stderr.close()
        return self.process.returncode


def json_rows(text: str) -> tuple[list[str], list[dict]]:
    data = json.loads(text)
    return data["head"]["vars"], data["results"]["bindings"]
