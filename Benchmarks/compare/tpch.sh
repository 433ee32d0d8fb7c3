#!/usr/bin/env bash
# Sluice vs DuckDB on TPC-H SF1 Q1, Q3, Q5, Q6, Q10 and Q18 over the tpchgen-cli Parquet files (issue 5,
# acceptance 4): at 1 thread, then at 2 threads (`SET threads` on both), medians of RUNS (default 5) after a
# warm-up, all in this one run. Prints each Sluice/DuckDB wall-time ratio and their geometric mean per thread
# count (below 1 means Sluice is faster). Run by `make bench`; never by `make test`.
# Knobs (SF, BENCH_DIR): see tpch-data.bash; QUERIES=1,6 picks queries; THREADS="1 2" the thread counts.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
. Benchmarks/compare/tpch-data.bash
for table in customer lineitem nation orders part partsupp region supplier; do tpch_table "$table" >/dev/null; done
exec .venv/bin/python Benchmarks/compare/tpch_bench.py --sluice "$SLUICE" --data "$BENCH_DIR/tpch-sf$SF" \
  --runs "$RUNS" --queries "${QUERIES:-1,3,5,6,10,18}" --threads "${THREADS:-1 2}"
