#!/usr/bin/env python3
"""`sluice ingest` acceptance (issue 7): correctness, schema evolution, error policies and watch mode.

1. Correctness: 50 generated CSV and JSONL batches (ingest_gen.py) land in a folder in five waves, each wave
   ingested with --max-files 4 (several commits per run). The table must equal the state DuckDB computes from
   the generated rows, hudi-rs must read the same rows, the quarantine table must hold exactly the rejected
   rows, and every summary must balance (rows read = ingested + quarantined + skipped). A rerun commits
   nothing; a rewritten file is reported, and ingested again only with --reingest-changed.
2. Schema evolution: a later file with an extra column and a widened type; older rows read null.
3. --on-error fail commits nothing; --on-error skip counts the rows.
4. --watch: files dropped in are ingested within two intervals; SIGTERM stops cleanly, no pending instant.
The last line is "N passed, N failed"."""
import argparse
import json
import os
import random
import signal
import subprocess
import tempfile
import time

import pyarrow as pa

import ingest_gen as g
from common import Tally


def run(cmd, env=None, check=True):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=900)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd[:3]), p.returncode, p.stderr.strip()))
    return p


def summary(p):
    return json.loads(p.stdout.strip().splitlines()[-1])


def hudi_rs_state(path):
    import hudi
    t = pa.Table.from_batches(hudi.HudiTable(path).read())
    return g.state_of(t.select(g.COLUMNS).to_pylist())


def correctness(tally, sluice, work, rng):
    src, table = os.path.join(work, "landing"), os.path.join(work, "orders")
    os.makedirs(src)
    gen = g.Generator(rng)
    batches, totals = [], {"rowsRead": 0, "ingested": 0, "quarantined": 0, "skipped": 0, "files": 0}
    for wave in range(5):
        batches += g.make_batches(rng, gen, src, 10, start=wave * 10)
        s = summary(run(g.ingest_args(sluice, src, table, "--max-files", "4", "--json")))
        for k in totals:
            totals[k] += s[k]
        if s["files"] != 10 or len(s["commits"]) != 3:
            tally.fail("wave %d" % wave, "%d files in %d commits, expected 10 in 3" % (s["files"], len(s["commits"])))
    good = [r for _, rows, _ in batches for r in rows]
    bad = sum(b for _, _, b in batches)
    expected = g.expected_state(good)
    check(tally, "50 batches: table equals DuckDB's expected state (%d rows)" % len(expected),
          g.state_of(g.table_rows(sluice, table)), expected)
    check(tally, "hudi-rs reads the same rows", hudi_rs_state(table), expected)
    quarantined = g.table_rows(sluice, table + "_quarantine")
    check(tally, "quarantine holds exactly the %d rejected rows" % bad, len(quarantined), bad)
    check(tally, "summaries: rows read = ingested + quarantined + skipped",
          (totals["rowsRead"], totals["ingested"] + totals["quarantined"] + totals["skipped"], totals["quarantined"]),
          (len(good) + bad, len(good) + bad, bad))
    files = g.lineage(sluice, table)
    check(tally, "lineage: each file in one commit, its counts balanced",
          (len(files), len({f[1] for f in files}), all(f[2] == f[3] + f[4] + f[5] for f in files)), (50, 50, True))
    s = summary(run(g.ingest_args(sluice, src, table, "--json")))
    check(tally, "a rerun commits nothing", (len(s["commits"]), s["alreadyIngested"]), (0, 50))

    # A rewritten file: reported, left alone, then ingested again with --reingest-changed.
    name, rows, _ = batches[-1]
    extra = gen.row(gen.next_id, gen.tick(), "I")
    with open(os.path.join(src, name), "a") as f:
        f.write(json.dumps(extra) + "\n")
    s = summary(run(g.ingest_args(sluice, src, table, "--json")))
    check(tally, "a changed file is reported and not ingested", (len(s["commits"]), len(s["changed"])), (0, 1))
    s = summary(run(g.ingest_args(sluice, src, table, "--json", "--reingest-changed")))
    check(tally, "--reingest-changed ingests it again", (len(s["commits"]), s["files"]), (1, 1))
    check(tally, "after re-ingest the table equals the expected state",
          g.state_of(g.table_rows(sluice, table)), g.expected_state(good + [extra]))


def evolution(tally, sluice, work):
    src, table = os.path.join(work, "evolve-in"), os.path.join(work, "evolve")
    os.makedirs(src)
    g.write_atomic(os.path.join(src, "a.csv"), b"id,ts,qty\n1,1,5\n2,1,6\n")
    run([sluice, "ingest", src, "--into", table, "--key", "id", "--precombine", "ts"])
    later = os.path.join(src, "b.csv")
    g.write_atomic(later, b"id,ts,qty,color\n3,2,2.5,red\n1,2,7.25,blue\n")
    os.utime(later, (time.time() + 5, time.time() + 5))
    run([sluice, "ingest", src, "--into", table, "--key", "id", "--precombine", "ts"])
    rows = sorted((r["id"], r["qty"], r["color"]) for r in g.table_rows(sluice, table))
    check(tally, "schema evolution: new column added, qty widened to double, older rows read null",
          rows, [(1, 7.25, "blue"), (2, 6.0, None), (3, 2.5, "red")])
    import hudi
    t = pa.Table.from_batches(hudi.HudiTable(table).read())
    check(tally, "hudi-rs reads the evolved table",
          (str(t.schema.field("qty").type), sorted(zip(t["id"].to_pylist(), t["color"].to_pylist()))),
          ("double", [(1, "blue"), (2, None), (3, "red")]))


def policies(tally, sluice, work):
    src = os.path.join(work, "policy-in")
    os.makedirs(src)
    g.write_atomic(os.path.join(src, "x.csv"), b"id,ts,amount\n1,1,2.5\n2,1,oops\n3,1,-4\n")
    base = [sluice, "ingest", src, "--key", "id", "--precombine", "ts", "--schema", "id BIGINT, ts BIGINT, amount DOUBLE",
            "--expect", "amount >= 0", "--json"]
    failed = os.path.join(work, "policy-fail")
    p = run(base + ["--into", failed, "--on-error", "fail"], check=False)
    commits = [f for f in os.listdir(os.path.join(failed, ".hoodie"))
               if f.endswith(".commit")] if os.path.isdir(os.path.join(failed, ".hoodie")) else []
    check(tally, "--on-error fail: error exit, nothing committed", (p.returncode != 0, commits), (True, []))
    s = summary(run(base + ["--into", os.path.join(work, "policy-skip"), "--on-error", "skip"]))
    check(tally, "--on-error skip: rows counted as skipped",
          (s["rowsRead"], s["ingested"], s["quarantined"], s["skipped"]), (3, 1, 0, 2))


def watch(tally, sluice, work, rng):
    src, table = os.path.join(work, "watch-in"), os.path.join(work, "watched")
    os.makedirs(src)
    gen = g.Generator(rng)
    interval = 3.0
    proc = subprocess.Popen(g.ingest_args(sluice, src, table, "--watch", "--interval", "%ds" % interval, "--json"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    good, latencies = [], []
    try:
        for n in range(3):
            time.sleep(rng.uniform(0.5, interval))
            dropped = g.make_batches(rng, gen, src, 1, start=n)
            good += dropped[0][1]
            start, expected = time.time(), g.expected_state(good)
            while time.time() - start < 4 * interval:
                if g.state_of(g.table_rows(sluice, table)) == expected if os.path.isdir(os.path.join(table, ".hoodie")) else False:
                    break
                time.sleep(0.2)
            latencies.append(time.time() - start)
        check(tally, "--watch: dropped files ingested within two intervals (%s s)" % ", ".join("%.1f" % l for l in latencies),
              all(l <= 2 * interval for l in latencies), True)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    names = os.listdir(os.path.join(table, ".hoodie"))
    done = {f.split(".")[0] for f in names if f.endswith(".commit")}
    pending = [f for f in names if f.endswith((".requested", ".inflight")) and f.split(".")[0] not in done]
    check(tally, "--watch: SIGTERM exits 0 and leaves no pending instant", (proc.returncode, pending), (0, []))


def check(tally, what, actual, expected):
    if actual == expected:
        tally.ok(what)
    else:
        a, e = repr(actual), repr(expected)
        tally.fail(what, "got %s, expected %s" % (a[:400], e[:400]))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sluice", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    tally = Tally("ingest check")
    work = tempfile.mkdtemp(prefix="sluice-ingest-")
    for name, body in [("correctness", lambda: correctness(tally, a.sluice, work, rng)),
                       ("schema evolution", lambda: evolution(tally, a.sluice, work)),
                       ("error policies", lambda: policies(tally, a.sluice, work)),
                       ("watch", lambda: watch(tally, a.sluice, work, rng))]:
        try:
            body()
        except Exception as error:  # one section's crash must not hide the others' results
            tally.fail(name, "%s: %s" % (type(error).__name__, error))
    tally.finish()


if __name__ == "__main__":
    main()
