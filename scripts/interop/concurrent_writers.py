#!/usr/bin/env python3
"""Optimistic concurrency of Sluice's Hudi writes (issue 4, acceptance 4).

A table partitioned four ways gets a base load. Then, round after round, 4 `sluice ingest --operation upsert`
processes start at once: in even rounds each writes its own partition (disjoint file groups), in odd rounds all
four also update keys of one shared partition (overlapping file groups). Every process must either acknowledge
its commit (exit 0, printing the instant) or report a conflict ("Transaction Error: conflict with instant ...");
anything else fails the check. At the end the table must equal a serial replay of the acknowledged commits in
instant order, read through `sluice table cat` and through hudi-rs: no acknowledged effect lost, nothing else
applied. The last line is "N passed, N failed"."""
import argparse
import json
import os
import random
import re
import subprocess
import tempfile

import pyarrow as pa
import pyarrow.parquet as pq

from common import Tally

WRITERS = 4
PER_PARTITION = 500


def table_of(rows):
    return pa.table({"id": pa.array([r[0] for r in rows], pa.int64()), "ts": pa.array([r[1] for r in rows], pa.int64()),
                     "val": pa.array([r[2] for r in rows]), "part": pa.array(["p%d" % (r[0] % WRITERS) for r in rows])})


def writer_batch(rng, rnd, writer, overlap):
    """Updates of keys in the writer's own partition, plus (overlap rounds) keys of partition p0."""
    own = [k * WRITERS + writer for k in rng.sample(range(PER_PARTITION), 50)]
    shared = [k * WRITERS for k in rng.sample(range(PER_PARTITION), 20)] if overlap and writer else []
    ts = rnd * 10 + writer
    return [(i, ts, "r%d-w%d" % (rnd, writer)) for i in sorted(set(own + shared))]


def ingest(sluice, uri, path, operation, env):
    return subprocess.Popen([sluice, "ingest", path, "--into", uri, "--key", "id", "--precombine", "ts",
                             "--partition-by", "part", "--operation", operation],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def replay(model, rows):
    for i, ts, val in rows:
        if i not in model or ts >= model[i][0]:
            model[i] = (ts, val)


def diff(got, expected):
    """The first few rows that differ, as (id, got, expected)."""
    g, e = {r[0]: r[1:] for r in got}, {r[0]: r[1:] for r in expected}
    keys = sorted(k for k in set(g) | set(e) if g.get(k) != e.get(k))
    return "%d keys differ, e.g. %s" % (len(keys), [(k, g.get(k), e.get(k)) for k in keys[:4]])


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sluice", required=True)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    rng, tally, env = random.Random(a.seed), Tally("concurrent writers"), dict(os.environ)
    work = tempfile.mkdtemp(prefix="sluice-occ-")
    uri = os.path.join(work, "table")
    base = [(i, 0, "base") for i in range(WRITERS * PER_PARTITION)]
    pq.write_table(table_of(base), os.path.join(work, "base.parquet"))
    p = ingest(a.sluice, uri, os.path.join(work, "base.parquet"), "bulk_insert", env)
    out, err = p.communicate()
    if p.returncode:
        raise SystemExit("base load failed: " + err)
    acknowledged, conflicts = [], 0
    for rnd in range(1, a.rounds + 1):
        overlap = rnd % 2 == 1
        batches, procs = [], []
        for w in range(WRITERS):
            rows = writer_batch(rng, rnd, w, overlap)
            path = os.path.join(work, "r%d-w%d.parquet" % (rnd, w))
            pq.write_table(table_of(rows), path)
            batches.append(rows)
        procs = [ingest(a.sluice, uri, os.path.join(work, "r%d-w%d.parquet" % (rnd, w)), "upsert", env)
                 for w in range(WRITERS)]
        for w, proc in enumerate(procs):
            out, err = proc.communicate()
            what = "round %d writer %d (%s)" % (rnd, w, "overlapping" if overlap else "disjoint")
            instant = re.search(r"\b(\d{17})\b", out)
            if proc.returncode == 0 and instant:
                acknowledged.append((instant.group(1), batches[w]))
                tally.ok(what + ": committed " + instant.group(1))
            elif proc.returncode != 0 and "Transaction Error: conflict with instant" in err:
                conflicts += 1
                if not overlap:
                    tally.fail(what, "writers of different file groups must both commit: " + err.strip())
                    continue
                tally.ok(what + ": conflict reported")
            else:
                tally.fail(what, "neither acknowledged nor a conflict (exit %d): %s" % (proc.returncode, err.strip()))
    model = {}
    replay(model, base)
    for _, rows in sorted(acknowledged):
        replay(model, rows)
    expected = sorted((i, ts, val) for i, (ts, val) in model.items())
    out = subprocess.run([a.sluice, "table", "cat", uri, "--format", "jsonl", "--no-meta"], capture_output=True,
                         text=True, check=True).stdout
    got = sorted((r["id"], r["ts"], r["val"]) for r in map(json.loads, out.splitlines()))
    (tally.ok if got == expected else lambda w: tally.fail(w, "table differs from the serial replay: " + diff(got, expected)))(
        "sluice reads the serial replay of %d acknowledged commits (%d conflicts)" % (len(acknowledged), conflicts))
    import hudi
    t = pa.Table.from_batches(hudi.HudiTable(uri).read())
    got = sorted(zip(t["id"].to_pylist(), t["ts"].to_pylist(), t["val"].to_pylist()))
    (tally.ok if got == expected else lambda w: tally.fail(w, "hudi-rs rows differ from the serial replay: " + diff(got, expected)))(
        "hudi-rs reads the serial replay")
    tally.finish()


if __name__ == "__main__":
    main()
