#!/usr/bin/env bash
# `sluice ingest` vs DuckDB and delta-rs (issue 7, acceptance 5), all measured in this one run on the same files:
#   bulk load: TPC-H SF1 lineitem CSV (tpchgen-cli) into a new table, vs DuckDB COPY csv -> Parquet (1 thread and
#   2) and deltalake write_deltalake after a pyarrow CSV read;
#   upsert: orders in 10 CSV batches (each new keys plus updates of the previous batch's), one commit per batch,
#   vs deltalake merge per batch.
# Prints Sluice/peer ratios (below 1: Sluice faster); the target is <= 1.5x DuckDB for the bulk load.
# Run by `make bench`; never by `make test`. Knobs (SF, RUNS, BENCH_DIR): see tpch-data.bash; ONLY=bulk or
# ONLY=upsert runs one part.
set -euo pipefail
cd "$(dirname "$0")/../.."

. Benchmarks/compare/tpch-data.bash
data="$BENCH_DIR/tpch-sf$SF"
if [ ! -f "$data/lineitem.csv" ] || [ ! -f "$data/orders.csv" ]; then
  echo "generating TPC-H SF$SF lineitem and orders CSV with tpchgen-cli..." >&2
  mkdir -p "$data"
  .venv/bin/tpchgen-cli csv -s "$SF" --tables lineitem,orders --output-dir "$data" >&2
fi
exec .venv/bin/python Benchmarks/compare/ingest_compare.py --sluice "$SLUICE" --lineitem "$data/lineitem.csv" \
  --orders "$data/orders.csv" --work "$BENCH_DIR/ingest-sf$SF" --runs "$RUNS" ${ONLY:+--only "$ONLY"}
