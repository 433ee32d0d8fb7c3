#!/usr/bin/env bash
# Sluice vs delta-rs: upsert 30,000 rows (half updates, half new keys) into TPC-H SF1 orders (1.5M rows), then a
# snapshot read and a time-travel read, all in this one run. Prints Sluice/delta-rs ratios (below 1: Sluice faster).
# Run by `make bench`; never by `make test`. Knobs: SF (default 1), RUNS (best of, default 3), BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."

SF=${SF:-1}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-.build/bench}
SLUICE=.build/release/sluice
[ -x .venv/bin/python ] || bash scripts/deps.sh
[ -x "$SLUICE" ] || swift build -c release

data="$BENCH_DIR/tpch-sf$SF"
if [ ! -f "$data/orders.parquet" ]; then
  echo "generating TPC-H SF$SF orders with tpchgen-cli..."
  mkdir -p "$data"
  .venv/bin/tpchgen-cli parquet -s "$SF" --tables orders --output-dir "$data"
fi
work="$BENCH_DIR/upsert-sf$SF"
rm -rf "$work/sluice-base" "$work/delta-base"
exec .venv/bin/python Benchmarks/compare/upsert_compare.py --sluice "$SLUICE" --orders "$data/orders.parquet" \
  --work "$work" --runs "$RUNS"
