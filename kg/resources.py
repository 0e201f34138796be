"""Where kg finds its bundled data, ontology and canned queries.

They live at the top of the project (data/, ontology/, queries/) and are also shipped
inside the wheel (kg/_bundled/...) so that an installed kg finds them too.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent


def _find(folder: str) -> Path:
    for candidate in (PROJECT / folder, PACKAGE / "_bundled" / folder):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg: cannot find its {folder}/ folder (looked in {PROJECT} and {PACKAGE})")


def data_path(name: str = "") -> Path:
    return _find("data") / name


def ontology_path(name: str = "") -> Path:
    return _find("ontology") / name


def queries_path(name: str = "") -> Path:
    return _find("queries") / name
