"""kg beyond one laptop: query, build into and push to a remote SPARQL store.

`RemoteStore`, `remote_select` and `RemoteError` live in `kg.remote.client`; they are
loaded on first use so that importing the `kg serve` / `kg push` commands (which happens
on every `kg` run) stays cheap. See docs/remote.md.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

_EXPORTS = ("RemoteError", "RemoteStore", "Endpoints", "Auth", "derive_endpoints", "remote_select",
            "resolve_auth", "rows_from_json")
__all__ = list(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from kg.remote.client import (Auth, Endpoints, RemoteError, RemoteStore, derive_endpoints,  # noqa: F401
                                  remote_select, resolve_auth, rows_from_json)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        from kg.remote import client

        return getattr(client, name)
    raise AttributeError(f"module 'kg.remote' has no attribute {name!r}")
