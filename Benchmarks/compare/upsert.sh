#!/usr/bin/env bash
# Sluice vs delta-rs: upsert 30,000 rows (half updates, half new keys) into TPC-H SF1 orders (1.5M rows), then a
# snapshot read and a time-travel read, all in this one run. Prints Sluice/delta-rs ratios (below 1: Sluice faster).
# Run by `make bench`; never by `make test`.
# Knobs (SF, RUNS, BENCH_DIR): see tpch-data.bash.
set -euo pipefail
cd "$(dirname "$0")/../.."

. Benchmarks/compare/tpch-data.bash
orders=$(tpch_table orders)
work="$BENCH_DIR/upsert-sf$SF"
rm -rf "$work/sluice-base" "$work/delta-base"
exec .venv/bin/python Benchmarks/compare/upsert_compare.py --sluice "$SLUICE" --orders "$orders" \
  --work "$work" --runs "$RUNS"
