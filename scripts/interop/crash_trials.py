#!/usr/bin/env python3
"""Crash safety of Sluice's Hudi writes (issue 4, acceptance 3).

A partitioned table gets a base load, then each trial starts `sluice ingest --operation upsert` on a new batch
(updates of random existing keys and new keys) and SIGKILLs it after a random delay drawn around the length of an
unkilled upsert. Every fourth trial is a bulk_insert of new keys from a folder of two files instead, which the
parallel ingest workers write (one per file). After every kill:
  - the table reads exactly as the model of its completed commits (the batch counts only if its commit completed),
    through `sluice table cat`, and through hudi-rs for local tables;
  - the next write (the same batch again) succeeds;
  - after `sluice table rollback --force` (no writer is alive), no data file exists that no completed commit
    references: the killed write left no orphans.
Local disk by default; --s3 runs on the SeaweedFS server that scripts/s3-server.sh starts (env in .build/s3/env).
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
import pyarrow.parquet as pq

from common import Tally

KEYS = 2_000
PARTITIONS = 4


def batch_table(rows):
    ids = [r[0] for r in rows]
    return pa.table({"id": pa.array(ids, pa.int64()), "ts": pa.array([r[1] for r in rows], pa.int64()),
                     "val": pa.array([r[2] for r in rows]), "part": pa.array(["p%d" % (i % PARTITIONS) for i in ids])})


def make_batch(rng, trial, next_id, bulk):
    updates = [] if bulk else rng.sample(range(next_id), 200)
    fresh = range(next_id, next_id + (300 if bulk else 100))
    return [(i, trial, "v%d-%d" % (trial, i)) for i in list(updates) + list(fresh)], next_id + len(fresh)


def write_batch(work, trial, rows, bulk):
    """One Parquet file (upsert), or a folder of two (bulk insert: a piece for each ingest worker)."""
    if not bulk:
        path = os.path.join(work, "batch-%d.parquet" % trial)
        pq.write_table(batch_table(rows), path)
        return path
    path = os.path.join(work, "bulk-%d" % trial)
    os.makedirs(path)
    half = len(rows) // 2
    pq.write_table(batch_table(rows[:half]), os.path.join(path, "a.parquet"))
    pq.write_table(batch_table(rows[half:]), os.path.join(path, "b.parquet"))
    return path


class Table:
    def __init__(self, sluice, uri, local_path, s3_env):
        self.sluice, self.uri, self.local_path, self.env = sluice, uri, local_path, s3_env

    def run(self, *args, check=True):
        p = subprocess.run([self.sluice, *args], capture_output=True, text=True, env=self.env,
                           stdin=subprocess.DEVNULL, timeout=600)
        if check and p.returncode != 0:
            raise RuntimeError("sluice %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr.strip()))
        return p

    def ingest_cmd(self, path, operation):
        return [self.sluice, "ingest", path, "--into", self.uri, "--key", "id", "--precombine", "ts",
                "--partition-by", "part", "--operation", operation]

    def rows(self):
        out = self.run("table", "cat", self.uri, "--format", "jsonl", "--no-meta").stdout
        return sorted((r["id"], r["ts"], r["val"]) for r in map(json.loads, out.splitlines()))

    def hudi_rs_rows(self):
        import hudi
        t = pa.Table.from_batches(hudi.HudiTable(self.local_path).read())
        return sorted(zip(t["id"].to_pylist(), t["ts"].to_pylist(), t["val"].to_pylist()))

    def s3(self):
        import boto3
        return boto3.client("s3", endpoint_url=self.env["AWS_ENDPOINT_URL"], region_name=self.env["AWS_REGION"],
                            aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"],
                            aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"])

    def listing(self):
        """Every object key under the table, relative to its base path."""
        if self.local_path:
            return [os.path.relpath(os.path.join(d, f), self.local_path)
                    for d, _, files in os.walk(self.local_path) for f in files]
        bucket, _, prefix = self.uri[len("s3://"):].partition("/")
        keys, s3 = [], self.s3()
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/"):
            keys += [o["Key"][len(prefix) + 1:] for o in page.get("Contents", [])]
        return keys

    def read(self, key):
        if self.local_path:
            with open(os.path.join(self.local_path, key), "rb") as f:
                return f.read()
        bucket, _, prefix = self.uri[len("s3://"):].partition("/")
        return self.s3().get_object(Bucket=bucket, Key=prefix + "/" + key)["Body"].read()

    def completed_commits(self):
        """Completed write instants (layout 1: .hoodie/<instant>.commit|.replacecommit, JSON metadata)."""
        return sorted(k for k in self.listing() if k.startswith(".hoodie/") and k.count("/") == 1
                      and k.split("/")[1][:17].isdigit() and k.endswith((".commit", ".replacecommit")))

    def orphans(self):
        """Data files that no completed commit references."""
        referenced = set()
        for key in self.completed_commits():
            meta = json.loads(self.read(key) or b"{}")
            for stats in (meta.get("partitionToWriteStats") or {}).values():
                referenced.update(s["path"] for s in stats)
        return sorted(k for k in self.listing() if k.endswith(".parquet") and k not in referenced)


def apply(model, rows):
    for i, ts, val in rows:
        if i not in model or ts >= model[i][0]:
            model[i] = (ts, val)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sluice", required=True)
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--s3", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    tally = Tally("crash trials" + (" (s3)" if a.s3 else ""))
    work = tempfile.mkdtemp(prefix="sluice-crash-")
    env = dict(os.environ)
    if a.s3:
        with open(os.environ.get("SLUICE_S3_ENV", ".build/s3/env")) as f:
            env.update(line.strip().split("=", 1) for line in f if "=" in line)
    if a.s3:
        uri, local = "s3://sluice-test/crash-%d-%d" % (os.getpid(), a.seed), None
    else:
        uri = local = os.path.join(work, "table")
    table = Table(a.sluice, uri, local, env)

    model = {}
    base = [(i, 0, "v0-%d" % i) for i in range(KEYS)]
    pq.write_table(batch_table(base), os.path.join(work, "base.parquet"))
    subprocess.run(table.ingest_cmd(os.path.join(work, "base.parquet"), "bulk_insert"), check=True, env=env,
                   capture_output=True)
    apply(model, base)
    # An upsert that runs to the end, not counted as a trial, learns how long one takes.
    rows, next_id = make_batch(rng, 0, KEYS, False)
    start = time.monotonic()
    subprocess.run(table.ingest_cmd(write_batch(work, 0, rows, False), "upsert"), check=True, env=env,
                   capture_output=True)
    typical = time.monotonic() - start
    apply(model, rows)
    for trial in range(1, a.trials + 1):
        bulk = trial % 4 == 0
        operation = "bulk_insert" if bulk else "upsert"
        rows, next_id = make_batch(rng, trial, next_id, bulk)
        path = write_batch(work, trial, rows, bulk)
        before = len(table.completed_commits())
        proc = subprocess.Popen(table.ingest_cmd(path, operation), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, typical * (0.6 if bulk else 1.2)))  # a bulk insert skips the index lookup
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        what = "trial %d (%s killed %s)" % (trial, operation, "after exit" if proc.returncode == 0 else "mid-write")
        committed = len(table.completed_commits()) > before
        if committed:
            apply(model, rows)
        expected = sorted((i, ts, val) for i, (ts, val) in model.items())
        try:
            if table.rows() != expected:
                tally.fail(what, "table does not read as its last completed commit (committed=%s)" % committed)
                continue
            if local and table.hudi_rs_rows() != expected:
                tally.fail(what, "hudi-rs rows differ from the last completed commit")
                continue
            # Exactly once: files of a completed commit are skipped, so the rerun adds only what was lost.
            table.run(*table.ingest_cmd(path, operation)[1:])
            apply(model, rows)
            table.run("table", "rollback", uri, "--force")
            leftovers = table.orphans()
            if leftovers:
                tally.fail(what, "orphan data files after rollback: %s" % leftovers[:3])
                continue
            if table.rows() != sorted((i, ts, val) for i, (ts, val) in model.items()):
                tally.fail(what, "the write after the crash did not land exactly")
                continue
            tally.ok("%s, committed=%s" % (what, committed))
        except Exception as e:  # one broken trial must not hide the others
            tally.fail(what, str(e))
    tally.finish()


if __name__ == "__main__":
    main()
