#!/usr/bin/env python3
"""Times TPC-H queries in Sluice and DuckDB over the same Parquet files (see tpch.sh) and prints ratios.

Sluice runs each query as one `sluice sql` process (views over read_parquet, `SET threads = N`, the query);
its time is the process's wall time, start-up included (milliseconds). DuckDB runs in-process on a connection
with the same views and `SET threads = N`, timed around execute + fetchall. Each query runs once to warm the
page cache, then --runs times; the median wall time is reported. Both results are checked to have the same
row count, so a wrong plan cannot look fast."""
import argparse
import math
import os
import statistics
import subprocess
import sys
import time

import duckdb

TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]


def shared_dir(repo):
    if os.environ.get("SLUICE_SHARED"):
        return os.environ["SLUICE_SHARED"]
    candidates = [os.path.join(os.path.dirname(repo), "shared"), os.path.join(os.path.dirname(os.path.dirname(repo)), "shared")]
    return next((c for c in candidates if os.path.isdir(c)), candidates[0])


def views(data):
    return "".join("CREATE VIEW %s AS SELECT * FROM read_parquet('%s');\n" % (t, os.path.join(data, t + ".parquet"))
                   for t in TABLES)


def sluice_run(sluice, script):
    """Wall seconds and the number of result rows (CSV lines after the header of the last statement)."""
    start = time.perf_counter()
    p = subprocess.run([sluice, "sql", "--warehouse", "memory://", "--format", "csv", "-c", script],
                       stdin=subprocess.DEVNULL, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        raise RuntimeError(p.stderr.decode("utf-8", "replace").strip())
    return elapsed, p.stdout


def duckdb_run(con, sql):
    start = time.perf_counter()
    rows = con.execute(sql).fetchall()
    return time.perf_counter() - start, len(rows)


def median_of(runs, fn):
    fn()  # warm-up
    times = []
    for _ in range(runs):
        elapsed, result = fn()
        times.append(elapsed)
    return statistics.median(times), result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sluice", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--queries", default="1,3,5,6,10,18")
    ap.add_argument("--threads", default="1 2")
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    queries_dir = os.path.join(shared_dir(repo), "corpus", "tpch", "queries")
    data = os.path.abspath(args.data)
    print("TPC-H %s, median of %d after a warm-up, wall seconds" % (os.path.basename(data), args.runs))
    for threads in [int(t) for t in args.threads.split()]:
        con = duckdb.connect()
        con.execute("SET threads = %d" % threads)
        con.execute(views(data))
        ratios = []
        print("threads=%d" % threads)
        for q in [int(q) for q in args.queries.split(",")]:
            with open(os.path.join(queries_dir, "q%d.sql" % q)) as f:
                sql = f.read().strip().rstrip(";")
            script = "SET threads = %d;\n%s%s;" % (threads, views(data), sql)
            try:
                s_time, s_out = median_of(args.runs, lambda: sluice_run(args.sluice, script))
            except RuntimeError as error:
                print("  q%-2d sluice failed: %s" % (q, error))
                continue
            d_time, d_rows = median_of(args.runs, lambda: duckdb_run(con, sql))
            s_rows = len(s_out.decode("utf-8").strip().splitlines()) - 1  # CSV header
            check = "" if s_rows == d_rows else "  ROW COUNT DIFFERS: sluice %d, duckdb %d" % (s_rows, d_rows)
            ratio = s_time / d_time
            ratios.append(ratio)
            print("  q%-2d sluice %8.3f s  duckdb %8.3f s  ratio %6.2f%s" % (q, s_time, d_time, ratio, check), flush=True)
        if ratios:
            geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
            print("  geometric mean ratio at %d thread%s: %.2f" % (threads, "" if threads == 1 else "s", geomean), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
