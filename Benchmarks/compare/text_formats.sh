#!/usr/bin/env bash
# TextFormats reading vs pyarrow (use_threads=False) and DuckDB (threads=1) on TPC-H SF1 lineitem as CSV
# (~730 MiB, tpchgen-cli) and as JSON Lines (DuckDB's COPY of the first JSON_ROWS rows). Builds TextFormats + Columnar + a small driver with swiftc -O (whole module;
# no SwiftPM release build of the whole package), generates the CSV with tpchgen-cli, and prints CPU seconds
# and Sluice/peer ratios (below 1 means Sluice is faster).
# Knobs: SF (default 1), RUNS (best of, default 1), BENCH_DIR (default .build/bench), PYTHON (default
# .venv/bin/python), FORMATS (default "csv json"), JSON_ROWS (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/../.."

SF=${SF:-1}
RUNS=${RUNS:-1}
BENCH_DIR=${BENCH_DIR:-.build/bench}
PYTHON=${PYTHON:-.venv/bin/python}
OUT=.build/textbench
mkdir -p "$OUT"
MAPS=(-Xcc -fmodule-map-file=Sources/CZlib/module.modulemap -Xcc -fmodule-map-file=Sources/CZstd/module.modulemap)
if [ ! -x "$OUT/TextFormatsDriver" ] || [ -n "$(find Sources/Columnar Sources/TextFormats Benchmarks/compare/TextFormatsDriver.swift -newer "$OUT/TextFormatsDriver")" ]; then
  echo "building TextFormats with swiftc -O -wmo..."
  swiftc -O -wmo -parse-as-library -module-name Columnar -emit-module -emit-module-path "$OUT/Columnar.swiftmodule" \
    -emit-library -static -o "$OUT/libColumnar.a" Sources/Columnar/*.swift
  swiftc -O -wmo -parse-as-library -module-name TextFormats -I "$OUT" "${MAPS[@]}" -emit-module \
    -emit-module-path "$OUT/TextFormats.swiftmodule" -emit-library -static -o "$OUT/libTextFormats.a" \
    $(find Sources/TextFormats -name '*.swift')
  swiftc -O -parse-as-library -I "$OUT" "${MAPS[@]}" -L "$OUT" -lTextFormats -lColumnar -lz -lzstd \
    Benchmarks/compare/TextFormatsDriver.swift -o "$OUT/TextFormatsDriver"
fi

data="$BENCH_DIR/tpch-sf$SF-csv"
if [ ! -f "$data/lineitem.csv" ]; then
  echo "generating TPC-H SF$SF lineitem CSV with tpchgen-cli..."
  mkdir -p "$data"
  "$(dirname "$PYTHON")/tpchgen-cli" csv -s "$SF" --tables lineitem --output-dir "$data"
fi

JSON_ROWS=${JSON_ROWS:-1000000}
for format in ${FORMATS:-csv json}; do
  input="$data/lineitem.csv"
  if [ "$format" = json ]; then
    input="$data/lineitem-$JSON_ROWS.jsonl"
    [ -f "$input" ] || "$PYTHON" -c "import duckdb; duckdb.sql(\"COPY (SELECT * FROM read_csv('$data/lineitem.csv') LIMIT $JSON_ROWS) TO '$input' (FORMAT json)\")"
  fi
  "$PYTHON" Benchmarks/compare/text_formats_compare.py --driver "$OUT/TextFormatsDriver" --input "$input" --format "$format" --runs "$RUNS"
done
