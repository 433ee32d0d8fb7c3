#!/usr/bin/env python3
"""Exactly-once `sluice ingest` under crashes (issue 7, acceptance 2).

Each trial drops three new generated batches (ingest_gen.py: CSV and JSONL with updates, late updates,
deletes and rejected rows) into the source, starts `sluice ingest SOURCE --max-files 1` (one commit per file)
and SIGKILLs it after a random delay drawn around the length of an unkilled run, then runs the ingest again to
the end. After the rerun:
  - the table equals the state DuckDB computes from every batch so far;
  - each file appears in exactly one commit's lineage (`table timeline --files`), so its rows counted once;
  - the quarantine table holds exactly the rejected rows so far, and the lineage's quarantined counts agree.
Local by default (source folder and table on disk, plus a hudi-rs read); --s3 puts the source under an s3://
prefix and the table in the bucket, on the server scripts/s3-server.sh starts (env in .build/s3/env).
The last line is "N passed, N failed"."""
import argparse
import os
import random
import signal
import subprocess
import tempfile
import time

import ingest_gen as g
from common import Tally


class Source:
    """The landing folder, local or an S3 prefix (files generated locally, then uploaded)."""

    def __init__(self, work, s3_env, name):
        self.local = os.path.join(work, "landing")
        os.makedirs(self.local)
        self.env = s3_env
        self.uri = "s3://%s/%s" % (s3_env["S3_TEST_BUCKET"], name) if s3_env else self.local
        self.client = None
        if s3_env:
            import boto3
            self.client = boto3.client("s3", endpoint_url=s3_env["AWS_ENDPOINT_URL"], region_name=s3_env["AWS_REGION"],
                                       aws_access_key_id=s3_env["AWS_ACCESS_KEY_ID"],
                                       aws_secret_access_key=s3_env["AWS_SECRET_ACCESS_KEY"])

    def publish(self, names):
        if not self.client:
            return
        bucket, _, prefix = self.uri[len("s3://"):].partition("/")
        for name in names:
            self.client.upload_file(os.path.join(self.local, name), bucket, prefix + "/" + name)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sluice", required=True)
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--s3", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    tally = Tally("ingest crash trials" + (" (s3)" if a.s3 else ""))
    work = tempfile.mkdtemp(prefix="sluice-ingest-crash-")
    env, s3_env = dict(os.environ), None
    if a.s3:
        with open(os.environ.get("SLUICE_S3_ENV", ".build/s3/env")) as f:
            s3_env = dict(line.strip().split("=", 1) for line in f if "=" in line)
        env.update(s3_env)
    name = "ingest-crash-%d-%d" % (os.getpid(), a.seed)
    source = Source(work, s3_env, name + "-src")
    table = "s3://%s/%s" % (s3_env["S3_TEST_BUCKET"], name) if a.s3 else os.path.join(work, "table")
    gen = g.Generator(rng)
    good, bad, typical, made = [], 0, None, 0
    for trial in range(1, a.trials + 1):
        batches = g.make_batches(rng, gen, source.local, 3, start=made)
        made += 3
        source.publish([n for n, _, _ in batches])
        good += [r for _, rows, _ in batches for r in rows]
        bad += sum(b for _, _, b in batches)
        cmd = g.ingest_args(a.sluice, source.uri, table, "--max-files", "1")
        what = "trial %d" % trial
        try:
            if typical is None:  # the first run goes to the end, to learn how long one takes
                start = time.monotonic()
                subprocess.run(cmd, check=True, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=600)
                typical = time.monotonic() - start
            else:
                proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        stdin=subprocess.DEVNULL)
                time.sleep(rng.uniform(0, typical * 1.2))
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                what += " (killed %s)" % ("after exit" if proc.returncode == 0 else "mid-run")
                p = subprocess.run(cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)
                if p.returncode != 0:
                    tally.fail(what, "the rerun failed: %s" % p.stderr.strip())
                    continue
            expected = g.expected_state(good)
            actual = g.state_of(g.table_rows(a.sluice, table, env))
            if actual != expected:
                tally.fail(what, "table differs from the expected state (%d rows, expected %d)" % (len(actual), len(expected)))
                continue
            if not a.s3:
                import hudi
                import pyarrow as pa
                t = pa.Table.from_batches(hudi.HudiTable(table).read())
                if g.state_of(t.select(g.COLUMNS).to_pylist()) != expected:
                    tally.fail(what, "hudi-rs rows differ from the expected state")
                    continue
            files = g.lineage(a.sluice, table, env)
            names = [f[1].rsplit("/", 1)[-1] for f in files]
            if sorted(names) != sorted(set(names)) or len(names) != made:
                tally.fail(what, "lineage lists %d file entries for %d distinct of %d files" % (len(names), len(set(names)), made))
                continue
            quarantined = len(g.table_rows(a.sluice, table + "_quarantine", env))
            if (quarantined, sum(f[4] for f in files)) != (bad, bad):
                tally.fail(what, "quarantine holds %d rows, lineage counts %d, expected %d" % (quarantined, sum(f[4] for f in files), bad))
                continue
            tally.ok(what)
        except Exception as error:  # one broken trial must not hide the others
            tally.fail(what, "%s: %s" % (type(error).__name__, error))
    tally.finish()


if __name__ == "__main__":
    main()
