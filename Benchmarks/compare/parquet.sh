#!/usr/bin/env bash
# Sluice vs pyarrow and DuckDB on TPC-H SF1 lineitem (6M rows), all measured in this one run:
#   decode: `sluice parquet scan` vs pyarrow read_table(use_threads=False) vs DuckDB (1 thread);
#   encode: `sluice parquet convert` (snappy, zstd) vs pyarrow read_table + write_table;
#   peak RSS of the Sluice scan (/usr/bin/time -v).
# Prints Sluice/peer time ratios (below 1 means Sluice is faster). Run by `make bench`; never by `make test`.
# Ratios are of CPU time (user + sys), wall times beside them: the machine may be shared.
# Knobs: SF (scale factor, default 1), RUNS (best of, default 3), BENCH_DIR (data, default .build/bench),
# PER_COLUMN=1 (also each column's decode alone).
set -euo pipefail
cd "$(dirname "$0")/../.."

SF=${SF:-1}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-.build/bench}
SLUICE=.build/release/sluice
[ -x .venv/bin/python ] || bash scripts/deps.sh
[ -x "$SLUICE" ] || swift build -c release

data="$BENCH_DIR/tpch-sf$SF"
if [ ! -f "$data/lineitem.parquet" ]; then
  echo "generating TPC-H SF$SF lineitem with tpchgen-cli..."
  mkdir -p "$data"
  .venv/bin/tpchgen-cli parquet -s "$SF" --tables lineitem --output-dir "$data"
fi

exec .venv/bin/python Benchmarks/compare/parquet_compare.py --sluice "$SLUICE" --input "$data/lineitem.parquet" \
  --work "$BENCH_DIR" --runs "$RUNS" ${PER_COLUMN:+--per-column}
