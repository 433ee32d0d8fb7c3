#!/usr/bin/env python3
"""Times pyarrow's write_table (snappy, dictionary on: its defaults) on the file WriterBenchmarkTests leaves at
/tmp/sluice-writer-bench.parquet, and checks that pyarrow and duckdb read that file.
usage: SLUICE_BENCH=1 swift test -c release --filter WriterBenchmarkTests; writer_bench.py [SLUICE_SECONDS]"""
import sys, time
import duckdb
import pyarrow.parquet as pq

path = "/tmp/sluice-writer-bench.parquet"
table = pq.read_table(path)
best = min((lambda t0: (pq.write_table(table, "/tmp/pyarrow-writer-bench.parquet"), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(3))
print(f"pyarrow write_table: {table.num_rows} rows in {best:.3f} s")
print("duckdb:", duckdb.sql(f"select count(*), sum(l_extendedprice), count(distinct l_shipmode) from '{path}'").fetchall())
print("pyarrow file size", __import__("os").path.getsize("/tmp/pyarrow-writer-bench.parquet"), "sluice file size", __import__("os").path.getsize(path))
if len(sys.argv) > 1:
    print(f"ratio sluice / pyarrow: {float(sys.argv[1]) / best:.2f}")
