#!/usr/bin/env python3
"""Sluice vs delta-rs on an upsert into TPC-H `orders` (see upsert.sh) and prints Sluice/delta-rs ratios.

The base table is built once per engine and copied before every timed run, so each run upserts into the same
1.5M-row table. The upsert set is 30,000 rows: half updates of random existing keys (o_totalprice and o_comment
changed), half new keys. Sluice runs as a process (`sluice ingest`, `sluice table scan`), so its times include
process start; delta-rs is timed in-process around the call alone. Both tables are then checked to hold the
same rows (count and sum of o_totalprice), read through hudi-rs for the Sluice table: a ratio over different
answers would mean nothing. CPU seconds (user + system, all threads) are reported beside wall seconds: on a busy
machine they are the steadier figure, and they show how many cores each engine kept busy."""
import argparse
import os
import resource
import shutil
import subprocess
import time

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq


def cpu_seconds():
    """User + system CPU of this process and of its finished children (the sluice runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


CPU = {}


def timed(fn, cpu_key=None):
    start, cpu = time.perf_counter(), cpu_seconds()
    out = fn()
    seconds = time.perf_counter() - start
    if cpu_key:
        CPU[cpu_key] = min(CPU.get(cpu_key, float("inf")), cpu_seconds() - cpu)
    return seconds, out


def sluice(binary, *args):
    p = subprocess.run([binary, *args], check=True, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return p.stdout


def read_plain(path):
    """tpchgen-cli writes Arrow string_view columns; delta-rs and pyarrow's kernels want plain strings."""
    table = pq.read_table(path)
    fields = [pa.field(f.name, pa.string() if f.type == pa.string_view() else f.type) for f in table.schema]
    return table.cast(pa.schema(fields))


def make_upsert(orders_path, out_path, n, seed):
    """Half updates of random existing keys, half keys above the current maximum."""
    table = read_plain(orders_path)
    rng = __import__("numpy").random.default_rng(seed)
    picks = rng.choice(table.num_rows, size=n // 2, replace=False)
    updates = table.take(pa.array(picks))
    updates = updates.set_column(updates.schema.get_field_index("o_totalprice"), "o_totalprice",
                                 pc.add(updates["o_totalprice"], pa.scalar(1, updates["o_totalprice"].type)))
    updates = updates.set_column(updates.schema.get_field_index("o_comment"), "o_comment",
                                 pa.array(["updated"] * updates.num_rows))
    top = pc.max(table["o_orderkey"]).as_py()
    fresh = table.slice(0, n - n // 2)
    fresh = fresh.set_column(0, "o_orderkey", pa.array(range(top + 1, top + 1 + fresh.num_rows), pa.int64()))
    pq.write_table(pa.concat_tables([updates.cast(table.schema), fresh.cast(table.schema)]), out_path)


def delta_side(orders, upsert, work, runs):
    from deltalake import DeltaTable, write_deltalake
    base = os.path.join(work, "delta-base")
    if not os.path.exists(base):
        write_deltalake(base, read_plain(orders))
    source = pq.read_table(upsert)
    merge_times = []
    for _ in range(runs):
        path = os.path.join(work, "delta-run")
        shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(base, path)
        seconds, _ = timed(lambda: DeltaTable(path).merge(
            source, predicate="t.o_orderkey = s.o_orderkey", source_alias="s", target_alias="t")
            .when_matched_update_all().when_not_matched_insert_all().execute(), "delta upsert")
        merge_times.append(seconds)
    snapshot, table = min((timed(lambda: DeltaTable(path).to_pyarrow_table(), "delta snapshot") for _ in range(runs)),
                          key=lambda r: r[0])
    travel = min(timed(lambda: DeltaTable(path, version=0).to_pyarrow_table(), "delta travel")[0] for _ in range(runs))
    return min(merge_times), snapshot, travel, summary(table)


def sluice_side(binary, orders, upsert, work, runs):
    base = os.path.join(work, "sluice-base")
    if not os.path.exists(base):
        sluice(binary, "ingest", orders, "--into", base, "--key", "o_orderkey", "--operation", "bulk_insert")
    first_instant = first_commit(base)
    upsert_times = []
    for _ in range(runs):
        path = os.path.join(work, "sluice-run")
        shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(base, path)
        upsert_times.append(timed(lambda: sluice(binary, "ingest", upsert, "--into", path, "--key", "o_orderkey",
                                                 "--operation", "upsert"), "sluice upsert")[0])
    snapshot = min(timed(lambda: sluice(binary, "table", "scan", path), "sluice snapshot")[0] for _ in range(runs))
    travel = min(timed(lambda: sluice(binary, "table", "scan", path, "--as-of", first_instant), "sluice travel")[0]
                 for _ in range(runs))
    import hudi
    return min(upsert_times), snapshot, travel, summary(pa.Table.from_batches(hudi.HudiTable(os.path.abspath(path)).read()))


def first_commit(table_path):
    """The first completed commit's instant time, from the timeline file names (layouts 1 and 2)."""
    names = []
    for folder in (os.path.join(table_path, ".hoodie"), os.path.join(table_path, ".hoodie", "timeline")):
        if os.path.isdir(folder):
            names += [n for n in os.listdir(folder) if n.endswith(".commit") and n[:17].isdigit()]
    return sorted(names)[0][:17]


def summary(table):
    return table.num_rows, str(pc.sum(table["o_totalprice"]).as_py())


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sluice", required=True)
    ap.add_argument("--orders", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rows", type=int, default=30_000)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    upsert = os.path.join(a.work, "upsert-%d.parquet" % a.rows)
    if not os.path.exists(upsert):
        make_upsert(a.orders, upsert, a.rows, seed=42)
    d_merge, d_snap, d_travel, d_sum = delta_side(a.orders, upsert, a.work, a.runs)
    s_merge, s_snap, s_travel, s_sum = sluice_side(a.sluice, a.orders, upsert, a.work, a.runs)
    if d_sum != s_sum:
        raise SystemExit("results differ: delta-rs %s vs sluice %s" % (d_sum, s_sum))
    print("rows after upsert: %d (both engines, same sum of o_totalprice)" % s_sum[0])
    for what, key, s, d in (("upsert %d rows" % a.rows, "upsert", s_merge, d_merge),
                            ("snapshot read", "snapshot", s_snap, d_snap),
                            ("time-travel read (first commit)", "travel", s_travel, d_travel)):
        s_cpu, d_cpu = CPU["sluice " + key], CPU["delta " + key]
        print("%-34s %.2fx delta-rs  (wall %.2f s vs %.2f s; CPU %.2f s vs %.2f s, %.2fx)"
              % (what, s / d, s, d, s_cpu, d_cpu, s_cpu / d_cpu))


if __name__ == "__main__":
    main()
