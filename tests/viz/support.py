"""Helpers for the kg.viz tests: IRIs of the hand-written fixture graph."""
from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "viz_graph.ttl"
ID = "https://kg.example.org/id/"


def actor(key: str) -> str:
    return f"{ID}actor/{key}"


def entry(key: str) -> str:
    return f"{ID}entry/fixture/{key}"
