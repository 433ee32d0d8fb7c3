# Sourced by the TPC-H comparison scripts: knobs, the release binary, and `tpch_table NAME` (generates
# $BENCH_DIR/tpch-sf$SF/NAME.parquet with tpchgen-cli once and prints its path).
# Knobs: SF (scale factor, default 1), RUNS (best of, default 3), BENCH_DIR (data, default .build/bench).
SF=${SF:-1}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-.build/bench}
SLUICE=.build/release/sluice
[ -x .venv/bin/python ] || bash scripts/deps.sh
[ -x "$SLUICE" ] || swift build -c release

tpch_table() {
  local data="$BENCH_DIR/tpch-sf$SF"
  if [ ! -f "$data/$1.parquet" ]; then
    echo "generating TPC-H SF$SF $1 with tpchgen-cli..." >&2
    mkdir -p "$data"
    .venv/bin/tpchgen-cli parquet -s "$SF" --tables "$1" --output-dir "$data" >&2
  fi
  echo "$data/$1.parquet"
}
