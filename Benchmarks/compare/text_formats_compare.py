#!/usr/bin/env python3
"""CPU seconds (user + system) to read one CSV or JSON Lines file fully into columns: Sluice TextFormats (the
driver), pyarrow (csv.read_csv / json.read_json) with one thread, and DuckDB (read_csv / read_json) with one
thread (every column aggregated, so none is skipped). Best of --runs. Prints each and the Sluice/peer ratios."""
import argparse
import resource
import subprocess
import time

import duckdb
import pyarrow.csv as pacsv
import pyarrow.json as pajson


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def sluice(driver, path, fmt):
    t = time.time()
    out = subprocess.run([driver, fmt, path], check=True, capture_output=True, text=True).stdout
    wall = time.time() - t
    fields = dict(kv.split("=") for kv in out.splitlines()[0].split())
    return float(fields["cpu"]), wall, int(fields["rows"]), out.splitlines()[1]


def pyarrow_read(path, fmt):
    c, t = cpu(), time.time()
    if fmt == "csv":
        table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(use_threads=False))
    else:
        table = pajson.read_json(path, read_options=pajson.ReadOptions(use_threads=False))
    return cpu() - c, time.time() - t, table.num_rows, str(table.schema).replace("\n", " ")


def duckdb_read(path, fmt):
    con = duckdb.connect()
    con.execute("SET threads = 1")
    reader = "read_csv" if fmt == "csv" else "read_json"
    columns = con.sql(f"SELECT * FROM {reader}('{path}') LIMIT 0").columns
    aggregates = ", ".join(f"max({c})" for c in columns)
    c, t = cpu(), time.time()
    rows = con.sql(f"SELECT count(*), {aggregates} FROM {reader}('{path}')").fetchall()[0][0]
    return cpu() - c, time.time() - t, rows, ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--driver", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    results = {}
    print(f"{args.format}: {args.input}")
    for name, run in [("sluice", lambda: sluice(args.driver, args.input, args.format)),
                      ("pyarrow", lambda: pyarrow_read(args.input, args.format)),
                      ("duckdb", lambda: duckdb_read(args.input, args.format))]:
        best = min((run() for _ in range(args.runs)), key=lambda r: r[0])
        results[name] = best
        print(f"{name:8} cpu {best[0]:7.2f} s  wall {best[1]:7.2f} s  rows {best[2]}")
        if best[3]:
            print(f"         {best[3][:300]}")
    for peer in ("pyarrow", "duckdb"):
        print(f"sluice/{peer} cpu ratio: {results['sluice'][0] / results[peer][0]:.2f}")


if __name__ == "__main__":
    main()
