#!/usr/bin/env python3
"""Times Sluice against pyarrow and DuckDB on one Parquet file (see parquet.sh) and prints ratios.

Each measurement is the best of --runs, in CPU time (user + sys, all threads: getrusage of the process for
pyarrow and DuckDB, of the waited-for child for Sluice), so a machine busy with other work does not skew the
ratios; wall times are printed beside them. Sluice runs as a process (`sluice parquet scan|convert`), so its
times include process start (milliseconds); pyarrow and DuckDB are timed in-process around the call alone.
--per-column also times each column's decode alone (Sluice `scan --columns C` vs pyarrow
`read_table(columns=[C])`).
Encode is measured as a whole rewrite on both sides (Sluice convert = decode + encode; pyarrow = read_table +
write_table), and as encode alone (Sluice convert minus Sluice scan, vs pyarrow write_table)."""
import argparse
import os
import re
import resource
import subprocess
import time

import duckdb
import pyarrow.parquet as pq


def cpu_seconds():
    """User + sys seconds of this process and of its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timing:
    """Best CPU and best wall seconds of several runs."""

    def __init__(self, cpu, wall):
        self.cpu, self.wall = cpu, wall


def best(runs, fn):
    cpu, wall = [], []
    for _ in range(runs):
        start_cpu, start_wall = cpu_seconds(), time.perf_counter()
        fn()
        cpu.append(cpu_seconds() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return Timing(min(cpu), min(wall))


def minus(a, b):
    return Timing(max(a.cpu - b.cpu, 1e-9), max(a.wall - b.wall, 1e-9))


def plus(a, b):
    return Timing(a.cpu + b.cpu, a.wall + b.wall)


def sluice(*args):
    subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)


def peak_rss_mib(cmd):
    """Peak resident set of `cmd` from GNU time's -v report."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, check=True)
    kib = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return int(kib.group(1)) / 1024 if kib else float("nan")


def duckdb_decode(path):
    con = duckdb.connect()
    con.execute("SET threads TO 1")
    # Materialize every column into DuckDB's own storage: its full decode, with no Arrow conversion.
    con.execute("CREATE TEMP TABLE t AS SELECT * FROM read_parquet(?)", [path])
    con.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sluice", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--per-column", action="store_true", help="also time each column's decode alone")
    a = ap.parse_args()
    meta = pq.ParquetFile(a.input).metadata
    print("input: %s (%d rows, %d row groups, %.0f MiB)" % (
        a.input, meta.num_rows, meta.num_row_groups, os.path.getsize(a.input) / 2**20))
    rows = []

    def row(what, t, peer=None, peer_t=None):
        ratio = "" if peer is None else "%.2fx %s (wall %.2fx)" % (t.cpu / peer_t.cpu, peer, t.wall / peer_t.wall)
        rows.append((what, t, ratio))
        print("  %-42s cpu %7.3f s  wall %7.3f s   %s" % (what, t.cpu, t.wall, ratio), flush=True)

    print("decode, best of %d:" % a.runs)
    t_scan = best(a.runs, lambda: sluice(a.sluice, "parquet", "scan", a.input))
    t_pa_read = best(a.runs, lambda: pq.read_table(a.input, use_threads=False))
    t_duck = best(a.runs, lambda: duckdb_decode(a.input))
    row("pyarrow read_table (1 thread)", t_pa_read)
    row("duckdb read_parquet (1 thread)", t_duck)
    row("sluice parquet scan", t_scan, "pyarrow", t_pa_read)
    row("sluice parquet scan", t_scan, "duckdb", t_duck)

    table = pq.read_table(a.input, use_threads=False)
    for codec in ("snappy", "zstd"):
        out_sluice = os.path.join(a.work, "lineitem.sluice.%s.parquet" % codec)
        out_pa = os.path.join(a.work, "lineitem.pyarrow.%s.parquet" % codec)
        print("encode %s, best of %d:" % (codec, a.runs))
        t_convert = best(a.runs, lambda: sluice(a.sluice, "parquet", "convert", a.input, out_sluice, "--codec", codec))
        t_pa_write = best(a.runs, lambda: pq.write_table(table, out_pa, compression=codec))
        t_pa_rewrite = plus(t_pa_read, t_pa_write)
        row("pyarrow write_table", t_pa_write)
        row("pyarrow read_table + write_table", t_pa_rewrite)
        row("sluice parquet convert (decode + encode)", t_convert, "pyarrow read+write", t_pa_rewrite)
        row("sluice encode alone (convert - scan)", minus(t_convert, t_scan), "pyarrow write_table", t_pa_write)
        print("  sizes: sluice %.1f MiB, pyarrow %.1f MiB" % (
            os.path.getsize(out_sluice) / 2**20, os.path.getsize(out_pa) / 2**20))

    if a.per_column:
        print("decode per column, best of %d:" % a.runs)
        for name in pq.ParquetFile(a.input).schema_arrow.names:
            t_col = best(a.runs, lambda: sluice(a.sluice, "parquet", "scan", a.input, "--columns", name))
            t_pa_col = best(a.runs, lambda: pq.read_table(a.input, columns=[name], use_threads=False))
            row("%s: sluice scan vs pyarrow" % name, t_col, "pyarrow", t_pa_col)

    rss = peak_rss_mib([a.sluice, "parquet", "scan", a.input])
    print("peak RSS of sluice parquet scan: %.0f MiB (target < 1024 MiB)" % rss)


if __name__ == "__main__":
    main()
