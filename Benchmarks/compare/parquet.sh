#!/usr/bin/env bash
# Sluice vs pyarrow and DuckDB on TPC-H SF1 lineitem (6M rows), all measured in this one run:
#   decode: `sluice parquet scan` vs pyarrow read_table(use_threads=False) vs DuckDB (1 thread);
#   encode: `sluice parquet convert` (snappy, zstd) vs pyarrow read_table + write_table;
#   peak RSS of the Sluice scan (/usr/bin/time -v).
# Prints Sluice/peer time ratios (below 1 means Sluice is faster). Run by `make bench`; never by `make test`.
# Ratios are of CPU time (user + sys), wall times beside them: the machine may be shared.
# Knobs (SF, RUNS, BENCH_DIR): see tpch-data.bash; PER_COLUMN=1 also times each column's decode alone.
set -euo pipefail
cd "$(dirname "$0")/../.."

. Benchmarks/compare/tpch-data.bash
lineitem=$(tpch_table lineitem)
exec .venv/bin/python Benchmarks/compare/parquet_compare.py --sluice "$SLUICE" --input "$lineitem" \
  --work "$BENCH_DIR" --runs "$RUNS" ${PER_COLUMN:+--per-column}
