"""`kg serve` (the store as a SPARQL endpoint) and `kg push` (the store into a remote one).

Imported by kg/cli.py on every run: keep the imports at the top cheap.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape

from kg.cli import STORE_HELP, app, err, out
from kg.cli import fail as _cli_fail


def fail(message: str, code: int = 1) -> None:
    """kg.cli.fail for messages that may hold square brackets (URLs, server messages): no markup."""
    _cli_fail(escape(message), code)

SERVER_PACKAGE_HINT = "install it with `pip install 'oxigraph>=0.5,<0.6'` (it ships the `oxigraph` server binary)"


# ----------------------------------------------------------------------------- kg serve
def find_server_binary() -> Optional[str]:
    """The `oxigraph` binary of the `oxigraph` PyPI package: next to this Python first, then on PATH."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the server gets SIGTERM if kg itself is killed, so no server is left behind."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001
        pass


def _open_for_snapshot(path: Path):
    import pyoxigraph as ox

    try:
        return ox.Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            fail(f"{path}: the store is being written by another kg process (a build?); "
                 "wait for it to finish, then start kg serve again")
        fail(f"{path}: cannot open the store: {exc}")


def _snapshot(path: Path) -> tuple[Path, Path, int]:
    """A consistent copy of the store (hard links when on the same disk); returns (tmpdir, copy, quads)."""
    store = _open_for_snapshot(path)
    try:
        quads = len(store)
        try:
            tmp = Path(tempfile.mkdtemp(prefix=".kg-serve-", dir=path.resolve().parent))
        except OSError:
            tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        copy = tmp / "snapshot"
        try:
            store.backup(str(copy))
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError):
                fail(f"{path}: cannot snapshot the store: {exc}")
            raise
    finally:
        del store                        # releases the store's lock
    return tmp, copy, quads


class _Stop(Exception):
    pass


def _raise_stop(signum, frame):  # noqa: ARG001
    raise _Stop()


def _drain(stream, tail: deque) -> None:
    """Keep the server's last messages; pass on its errors (not its start-up line)."""
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip()
        tail.append(line)
        if line and not line.startswith("Listening for requests"):
            err.print(f"[dim]oxigraph: {escape(line)}[/]", highlight=False)
    stream.close()


def _wait_until_ready(process: subprocess.Popen, url: str, seconds: float = 20.0) -> bool:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            httpx.get(url, timeout=1.0, trust_env=False)     # our own server: no proxy
            return True
        except httpx.HTTPError:
            time.sleep(0.05)
    return False


@app.command()
def serve(
    store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(7878, "--port", min=1, max=65535, help="TCP port."),
    timeout_s: int = typer.Option(30, "--timeout-s", min=1, help="Time limit of one query, in seconds."),
    allow_update: bool = typer.Option(False, "--allow-update",
                                      help="Serve the store itself, writable (SPARQL Update, Graph Store Protocol); "
                                           "default: a read-only snapshot."),
    cors: bool = typer.Option(False, "--cors", help="Allow cross-origin requests (web pages on other hosts)."),
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (with a YASGUI page) until Ctrl-C.

    Read-only by default, on a snapshot taken at start (restart to see later builds). Queries see the union of all documents, as `kg query` does. See docs/remote.md.
    """
    from kg.store import default_store_path

    binary = find_server_binary()
    if binary is None:
        fail(f"cannot find the `oxigraph` server: {SERVER_PACKAGE_HINT}")
    path = store if store is not None else default_store_path()
    if not allow_update and not path.is_dir():
        fail(f"{path}: no kg store here (build one with `kg build FILE --store {path}`)")
    if not _port_free(host, port):
        fail(f"cannot listen on {_bind_address(host, port)}: the port is in use or the address is not "
             "this machine's (pick another with --port)")
    tmp: Optional[Path] = None
    process: Optional[subprocess.Popen] = None
    base = f"http://{_url_host(host)}:{port}"
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        if allow_update:
            path.mkdir(parents=True, exist_ok=True)
            writable = _open_for_snapshot(path)          # fails clearly if a build holds the lock
            quads = len(writable)
            del writable
            location, command = path, "serve"
        else:
            tmp, location, quads = _snapshot(path)
            command = "serve-read-only"
        args = [binary, command, "--location", str(location), "--bind", _bind_address(host, port),
                "--union-default-graph", "--timeout-s", str(timeout_s)]
        if cors:
            args.append("--cors")
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE,
                                   preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        tail: deque = deque(maxlen=20)
        threading.Thread(target=_drain, args=(process.stderr, tail), daemon=True).start()
        if not _wait_until_ready(process, base + "/"):
            code = process.poll()
            last = next((line for line in reversed(tail) if line.strip()), "")
            fail(f"the oxigraph server did not start (exit code {code}): {last or 'no message'}")
        mode = "writable" if allow_update else "read-only snapshot"
        out.print(f"serving {path} ({quads} quads, {mode}, queries see the union of all documents)", highlight=False)
        out.print(f"SPARQL endpoint: {base}/query", highlight=False)
        if allow_update:
            out.print(f"SPARQL update:   {base}/update", highlight=False)
            out.print(f"graph store:     {base}/store", highlight=False)
        out.print(f"YASGUI:          {base}/", highlight=False)
        out.print("press Ctrl-C to stop", highlight=False)
        sys.stdout.flush()
        code = process.wait()
        if code != 0:
            last = next((line for line in reversed(tail) if line.strip()), "")
            fail(f"the oxigraph server stopped (exit code {code}){': ' + last if last else ''}")
    except (KeyboardInterrupt, _Stop):
        err.print("stopping the server", highlight=False)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------------- kg push
def _graph_name(value: str) -> str:
    """A graph IRI, or a document id (`liveblog-2025-03-11`) standing for its graph."""
    if value == "default":
        return value
    if ":" in value:
        return value
    from kg.store.mapping.core import graph_iri

    return str(graph_iri(value))


def _remaining_message(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return f"{len(names)} graph(s) not pushed: {shown}{more}"


@app.command()
def push(
    endpoint: str = typer.Option(..., "--endpoint", help="The remote SPARQL query endpoint (e.g. http://host:7878/query)."),
    graph_store: Optional[str] = typer.Option(None, "--graph-store",
                                              help="Graph Store Protocol URL (default: derived from --endpoint)."),
    graphs: Optional[List[str]] = typer.Option(None, "--graph",
                                               help="Push only this document graph (IRI or document id); repeatable."),
    into: Optional[str] = typer.Option(None, "--into",
                                       help="Push the union of the (chosen) documents into this one remote graph "
                                            "instead ('default' for the remote default graph)."),
    store: Optional[Path] = typer.Option(None, "--store", help=STORE_HELP),
    user: Optional[str] = typer.Option(None, "--user", help="User name (or $KG_ENDPOINT_USER)."),
    password: Optional[str] = typer.Option(None, "--password", help="Password (or $KG_ENDPOINT_PASSWORD)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=1,
                                            help="Seconds to wait for each answer (default 60 or $KG_ENDPOINT_TIMEOUT)."),
) -> None:
    """Send the store's documents to a remote store, one Graph Store Protocol PUT per document graph.

    PUT replaces a graph, so pushing again is safe and leaves the remote store as it was; if a push stops, the graphs already sent are complete and running it again resumes. See docs/remote.md.
    """
    import pyoxigraph as ox
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.remote.client import RemoteError, RemoteStore
    from kg.store import KnowledgeStore, StoreError
    from kg.store.layout import SHARED_GRAPH

    started = time.perf_counter()
    try:
        remote = RemoteStore(endpoint, graph_store=graph_store, user=user, password=password, token=None,
                             timeout=timeout)
    except RemoteError as exc:
        fail(str(exc), 2)
    try:
        kb = KnowledgeStore(store, read_only=True)
    except StoreError as exc:
        remote.close()
        fail(str(exc))
    try:
        available = {str(g.value): g for g in kb.ox.named_graphs()}
        shared = str(SHARED_GRAPH)
        if graphs:
            chosen = []
            for value in graphs:
                name = _graph_name(value)
                if name not in available:
                    fail(f"{kb.path}: no document graph {name}; the store has: "
                         f"{', '.join(sorted(available)) or 'nothing'}", 2)
                chosen.append(name)
            names = list(dict.fromkeys(chosen))
        else:
            names = sorted(set(available) - {shared})
        if not names:
            fail(f"{kb.path}: the store holds no document graph: nothing to push (build one with `kg build`)")

        def body_of(selected: list[str]) -> tuple[bytes, int]:
            seen: dict = {}
            for name in selected:
                for quad in kb.ox.quads_for_pattern(None, None, None, available[name]):
                    seen.setdefault(quad.triple, None)
            return ox.serialize(list(seen), format=ox.RdfFormat.N_TRIPLES), len(seen)

        # the documents' actors and places are described in the shared graph: it goes first
        members = ([shared] if shared in available else []) + [n for n in names if n != shared]
        if into:
            batches = [(None if into == "default" else into, members)]
        else:
            batches = [(name, [name]) for name in members]
        done: list[str] = []
        triples = 0
        show = err.is_terminal
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, disable=not show, transient=True) as progress:
            task = progress.add_task("pushing", total=len(batches))
            for index, (target, members) in enumerate(batches):
                label = target or "the default graph"
                progress.update(task, description=f"pushing {label.rsplit('/', 1)[-1]}")
                body, count = body_of(members)
                try:
                    remote.put_graph(target, body)
                except RemoteError as exc:
                    progress.stop()
                    remaining = [t or "default" for t, _ in batches[index:]]
                    fail(f"push stopped: {exc}; pushed {len(done)} of {len(batches)} graph(s); "
                         f"{_remaining_message(remaining)} (run kg push again to resume: "
                         "it replaces each graph, so pushing again is safe)")
                done.append(label)
                triples += count
                progress.advance(task)
    finally:
        kb.close()
        remote.close()
    seconds = time.perf_counter() - started
    where = f"into {into}" if into else f"as {len(done)} graph(s)"
    out.print(f"pushed {len(names)} document(s) {where}, {triples} triples, to {remote.graph_store} "
              f"in {seconds:.1f} s", highlight=False)
