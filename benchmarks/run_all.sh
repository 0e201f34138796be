#!/bin/sh
# Run the three benchmarks one after the other (about 1-2 hours on 2 cores); each prints its
# table and writes benchmarks/results/NAME-DATE.json and NAME-latest.json.
# Usage (from the project root): sh benchmarks/run_all.sh [PYTHON]
set -e
py=${1:-.venv/bin/python}
cd "$(dirname "$0")/.."
"$py" benchmarks/bench_extract.py --copies 12 --profile
"$py" benchmarks/bench_queries.py --triples 1000000
"$py" benchmarks/bench_build.py --entries 10000 --per-file 500
