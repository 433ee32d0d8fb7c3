#!/usr/bin/env python3
"""SQL writes into Hudi tables, read by hudi-rs: drives `sluice sql --warehouse DIR` through CREATE TABLE, INSERT
(upserts), INSERT OVERWRITE, UPDATE, DELETE, MERGE INTO and ALTER TABLE on tables of versions 6 and 8,
partitioned and not, and after every statement checks that hudi-rs (the `hudi` package) returns the same rows
as `sluice sql` SELECT, and that each statement added exactly one commit. With `--s3` (the local SeaweedFS of
scripts/s3-server.sh, its env file in .build/s3/env or $SLUICE_S3_ENV) one more scenario runs on an s3://
warehouse, hudi-rs reading it over S3 (commits are counted on local warehouses only)."""
import argparse
import json
import os
import random
import shutil
import sys
import tempfile

import pyarrow as pa

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Tally, run  # noqa: E402

try:
    import hudi
except ImportError:
    hudi = None


def sluice_rows(sluice, warehouse, sql):
    code, out, err = run([sluice, "sql", "--warehouse", warehouse, "--format", "jsonl", "-c", sql])
    if code != 0:
        raise RuntimeError("sluice sql failed (%d): %s" % (code, err.strip()))
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]


def hudi_rows(uri, columns, storage):
    builder = hudi.HudiTableBuilder.from_base_uri(uri)
    if storage:
        builder = builder.with_storage_options(storage)
    batches = builder.build().read()
    return pa.Table.from_batches(batches).select(columns).to_pylist() if batches else []


def completed_commits(path):
    names = []
    for root in (os.path.join(path, ".hoodie"), os.path.join(path, ".hoodie", "timeline")):
        if os.path.isdir(root):
            # Completed instants end with their action; requested and inflight ones with a state suffix.
            names += [n for n in os.listdir(root) if n[0].isdigit() and n.endswith((".commit", ".replacecommit"))]
    return len(names)


def values(rows):
    return ", ".join("(%d, '%s', %s, %d, '%s')" % r for r in rows)


def scenario(sluice, tally, base, version, partitioned, seed, storage=None):
    rnd = random.Random(seed)
    name = "t_v%d_%s" % (version, "p" if partitioned else "np")
    warehouse = base + "/" + name
    path = warehouse + "/trips"
    local = storage is None
    columns = ["id", "rider", "fare", "ts", "city"]
    part = " PARTITIONED BY (city)" if partitioned else ""
    cities = ["sf", "nyc", "la", "sea"]

    def rows(ids, ts):
        # A key keeps its partition (the default index is partition-local, as in Hudi).
        return [(i, "r%d_%d" % (i, rnd.randrange(1000)), "%.2f" % (rnd.random() * 100), ts, cities[i % 4]) for i in ids]

    statements = [
        "CREATE TABLE trips (id INT, rider STRING, fare DOUBLE, ts BIGINT, city STRING) PRIMARY KEY (id)%s "
        "TBLPROPERTIES (preCombineField = 'ts', 'hoodie.table.version' = '%d')" % (part, version),
        "INSERT INTO trips VALUES " + values(rows(range(1, 201), 1)),
        "INSERT INTO trips VALUES " + values(rows(rnd.sample(range(1, 300), 120), 2)),
        "UPDATE trips SET fare = fare + 1, rider = upper(rider) WHERE id % 7 = 0",
        "DELETE FROM trips WHERE id % 11 = 0 OR fare < 5",
        "CREATE TABLE src (id INT, rider STRING, fare DOUBLE, ts BIGINT, city STRING) PRIMARY KEY (id)",
        "INSERT INTO src VALUES " + values(rows(rnd.sample(range(150, 400), 100), 3)),
        "MERGE INTO trips t USING src s ON t.id = s.id WHEN MATCHED AND s.fare < 20 THEN DELETE "
        "WHEN MATCHED AND s.fare > 50 THEN UPDATE SET fare = s.fare, ts = s.ts "
        "WHEN NOT MATCHED THEN INSERT *",
        "ALTER TABLE trips ADD COLUMNS (tip DOUBLE, note STRING)",
        "INSERT INTO trips VALUES " + ", ".join("(%d, 'n%d', 1.5, 9, 'sf', 0.5, 'tipped')" % (i, i) for i in range(500, 520)),
        "ALTER TABLE trips ALTER COLUMN id TYPE BIGINT",
        "INSERT OVERWRITE trips VALUES (900, 'over', 9.0, 9, 'sf', NULL, NULL)",
    ]
    if partitioned:
        # A static PARTITION clause empties its partition though the query yields no row: a replacecommit that
        # writes no file.
        statements.insert(len(statements) - 1, "INSERT OVERWRITE trips PARTITION (city = 'la') "
                          "SELECT id, rider, fare, ts, tip, note FROM trips WHERE id < 0")
    for k, sql in enumerate(statements):
        what = "%s step %d (%s)" % (name, k, sql.split(" (")[0][:60])
        before = completed_commits(path) if local and os.path.isdir(path) else 0
        try:
            sluice_rows(sluice, warehouse, sql)
        except RuntimeError as e:
            if sql.startswith("ALTER TABLE trips ALTER COLUMN id"):
                tally.ok(what + ": changing a key column's type is refused")
                continue
            tally.fail(what, str(e))
            return
        if sql.startswith("ALTER TABLE trips ADD"):
            columns += ["tip", "note"]
        if sql.startswith(("CREATE TABLE src", "INSERT INTO src")):
            continue
        after = completed_commits(path) if local else before + (0 if sql.startswith("CREATE") else 1)
        if after != before + (0 if sql.startswith("CREATE") else 1):
            tally.fail(what, "expected one new commit, the timeline went from %d to %d" % (before, after))
        order = ", ".join(columns)
        ours = sluice_rows(sluice, warehouse, "SELECT %s FROM trips ORDER BY id" % order)
        theirs = sorted(hudi_rows(path, columns, storage), key=lambda r: r["id"])
        ours.sort(key=lambda r: r["id"])
        if ours == theirs:
            tally.ok("%s: %d rows equal in hudi-rs" % (what, len(ours)))
        else:
            diff = [(a, b) for a, b in zip(ours, theirs) if a != b][:3]
            tally.fail(what, "sluice %d rows, hudi-rs %d rows; first differences %s" % (len(ours), len(theirs), diff))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sluice", default=".build/debug/sluice")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--s3", action="store_true", help="also run a scenario on the local S3 test server")
    parser.add_argument("--s3-only", action="store_true", help="run only the S3 scenario")
    args = parser.parse_args()
    tally = Tally("sql_hudi")
    if hudi is None:
        tally.skip("all", "the hudi package (hudi-rs) is not installed")
        tally.finish()
    base = tempfile.mkdtemp(prefix="sluice-sql-hudi-")
    try:
        for version in () if args.s3_only else (6, 8):
            for partitioned in (False, True):
                scenario(args.sluice, tally, base, version, partitioned, args.seed + version + partitioned)
        if args.s3 or args.s3_only:
            s3_scenario(args, tally)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    tally.finish()


def s3_scenario(args, tally):
    env_file = os.environ.get("SLUICE_S3_ENV", os.path.join(".build", "s3", "env"))
    if not os.path.isfile(env_file):
        tally.skip("s3", "S3 test server not running (scripts/s3-server.sh start)")
        return
    with open(env_file) as f:
        env = dict(line.strip().split("=", 1) for line in f if "=" in line)
    os.environ.update(env)
    os.environ.setdefault("AWS_ENDPOINT_URL", env["S3_ENDPOINT"])
    storage = {"aws_endpoint_url": env["S3_ENDPOINT"], "aws_allow_http": "true",
               "aws_region": env.get("AWS_REGION", "us-east-1")}
    base = "s3://%s/sql-hudi-%d" % (env["S3_TEST_BUCKET"], os.getpid())
    scenario(args.sluice, tally, base, 8, True, args.seed, storage)
    warehouse = base + "/t_v8_p"
    try:
        sluice_rows(args.sluice, warehouse, "DROP TABLE trips; DROP TABLE src PURGE")
        left = sluice_rows(args.sluice, warehouse, "SHOW TABLES")
        if left:
            tally.fail("s3 DROP TABLE", "tables left: %s" % left)
        else:
            tally.ok("s3 DROP TABLE removes both tables")
    except RuntimeError as e:
        tally.fail("s3 DROP TABLE", str(e))


if __name__ == "__main__":
    main()
