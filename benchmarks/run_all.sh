#!/bin/sh
# Run the three benchmarks one after the other (about an hour on 2 idle cores); each prints its
# table and writes benchmarks/results/NAME-DATE.json and NAME-latest.json.
# Usage (from anywhere): sh benchmarks/run_all.sh [PYTHON]
set -e
cd "$(dirname "$0")/.."
py=${1:-.venv/bin/python}
"$py" benchmarks/bench_extract.py --copies 12 --profile
"$py" benchmarks/bench_build.py --entries 10000 --per-file 500 --rdflib-budget 600
"$py" benchmarks/bench_queries.py --triples 1000000 --budget 30
