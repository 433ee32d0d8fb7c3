"""Generated ingest sources shared by ingest_check.py and ingest_crash.py: CSV and JSON Lines batches of
inserts, updates (newer ts), late updates (older ts: ignored), CDC deletes (op = D), and rows that must be
rejected (malformed CSV lines, wrong types, broken JSON, NULL keys, rows failing --expect "amount >= 0").

Each generated file comes with its truth: the rows that must be ingested (`good`) and the count that must be
quarantined (`bad`). Timestamps are unique per key, so the expected table is "the row with the greatest ts per
id, unless it is a delete", which DuckDB computes independently of Sluice's precombine logic."""
import json
import os

SCHEMA = "id BIGINT, ts BIGINT, name VARCHAR, amount DOUBLE, part VARCHAR, op VARCHAR"
COLUMNS = ["id", "ts", "name", "amount", "part", "op"]
PARTS = 3


class Generator:
    """Keeps the live keys and each key's greatest ts, so updates are newer, late updates older, and no late
    update ever targets a deleted key (Hudi would insert it as new)."""

    def __init__(self, rng):
        self.rng, self.next_id, self.clock = rng, 0, 1000
        self.live = {}  # id -> greatest ts so far

    def tick(self):
        self.clock += 1
        return self.clock

    def row(self, i, ts, op):
        return {"id": i, "ts": ts, "name": "n%d-%d" % (i, ts), "amount": round(self.rng.uniform(0, 1000), 2),
                "part": "p%d" % (i % PARTS), "op": op}

    def batch(self, size=40):
        rows = []
        for _ in range(size):
            kind = self.rng.random()
            if kind < 0.45 or len(self.live) < 10:
                i, ts = self.next_id, self.tick()
                self.next_id += 1
                self.live[i] = ts
                rows.append(self.row(i, ts, "I"))
            elif kind < 0.75:
                i = self.rng.choice(sorted(self.live))
                ts = self.tick()
                self.live[i] = ts
                rows.append(self.row(i, ts, "U"))
            elif kind < 0.9:
                # Negative: older than every real ts, and unique, so no tie decides anything.
                i = self.rng.choice(sorted(self.live))
                rows.append(self.row(i, -self.tick(), "U"))
            else:
                i = self.rng.choice(sorted(self.live))
                ts = self.tick()
                del self.live[i]
                rows.append(self.row(i, ts, "D"))
        return rows


def write_csv(path, rows, bad_kinds):
    lines = [",".join(COLUMNS)]
    for r in rows:
        lines.append(",".join(str(r[c]) for c in COLUMNS))
    bad = 0
    for kind in bad_kinds:
        if kind == "type":
            lines.insert(2, "77,1,x,not-a-number,p0,I")
        elif kind == "fields":
            lines.insert(2, "78,1,x,1.0,p0,I,extra,fields")
        elif kind == "nullkey":
            lines.insert(2, ",1,x,1.0,p0,I")
        elif kind == "expect":
            lines.insert(2, "79,1,x,-5.0,p0,I")
        bad += 1
    write_atomic(path, ("\n".join(lines) + "\n").encode())
    return bad


def write_jsonl(path, rows, bad_kinds):
    lines = [json.dumps(r) for r in rows]
    bad = 0
    for kind in bad_kinds:
        if kind == "type":
            lines.insert(1, json.dumps({"id": 80, "ts": 1, "name": "x", "amount": "lots", "part": "p0", "op": "I"}))
        elif kind == "fields":
            lines.insert(1, '{"id": 81, "ts": 1, "name": "x",}')
        elif kind == "nullkey":
            lines.insert(1, json.dumps({"id": None, "ts": 1, "name": "x", "amount": 1.0, "part": "p0", "op": "I"}))
        elif kind == "expect":
            lines.insert(1, json.dumps({"id": 82, "ts": 1, "name": "x", "amount": -1.5, "part": "p0", "op": "I"}))
        bad += 1
    write_atomic(path, ("\n".join(lines) + "\n").encode())
    return bad


def write_atomic(path, data):
    """Writes beside the target under a hidden name, then renames: a poller never sees half a file."""
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def make_batches(rng, gen, folder, count, start=0):
    """Writes `count` batch files (alternating CSV and JSONL) into `folder`; returns [(name, good, bad)]."""
    out = []
    for n in range(start, start + count):
        rows = gen.batch()
        kinds = rng.sample(["type", "fields", "nullkey", "expect"], rng.randint(0, 3))
        name = "batch-%03d.%s" % (n, "csv" if n % 2 == 0 else "jsonl")
        writer = write_csv if n % 2 == 0 else write_jsonl
        bad = writer(os.path.join(folder, name), rows, kinds)
        out.append((name, rows, bad))
    return out


def expected_state(good_rows):
    """The expected table by DuckDB: per id the row with the greatest ts, dropped when that row is a delete."""
    import duckdb
    import pyarrow as pa
    con = duckdb.connect()
    log = pa.Table.from_pylist(good_rows) if good_rows else pa.table({c: [] for c in COLUMNS})
    con.register("log", log)
    rows = con.execute("""
        SELECT id, ts, name, amount, part, op FROM log
        QUALIFY row_number() OVER (PARTITION BY id ORDER BY ts DESC) = 1
    """).fetchall()
    return sorted(tuple(r) for r in rows if r[5] != "D")


def ingest_args(sluice, source, table, *extra):
    return [sluice, "ingest", source, "--into", table, "--key", "id", "--precombine", "ts", "--partition-by", "part",
            "--schema", SCHEMA, "--delete-column", "op", "--delete-value", "D", "--expect", "amount >= 0", *extra]


def table_rows(sluice, uri, env=None):
    import subprocess
    p = subprocess.run([sluice, "table", "cat", uri, "--format", "jsonl", "--no-meta"], capture_output=True, text=True,
                       env=env, stdin=subprocess.DEVNULL, timeout=600)
    if p.returncode != 0:
        raise RuntimeError("table cat %s: %s" % (uri, p.stderr.strip()))
    return [json.loads(line) for line in p.stdout.splitlines()]


def state_of(rows):
    return sorted((r["id"], r["ts"], r["name"], r["amount"], r["part"], r["op"]) for r in rows)


def lineage(sluice, uri, env=None):
    """(instant, file, rows, ingested, quarantined, skipped) of every ingest commit, from `table timeline --files`."""
    import subprocess
    p = subprocess.run([sluice, "table", "timeline", uri, "--files"], capture_output=True, text=True, env=env,
                       stdin=subprocess.DEVNULL, timeout=600)
    if p.returncode != 0:
        raise RuntimeError("table timeline %s: %s" % (uri, p.stderr.strip()))
    section = p.stdout.split("\n\n", 1)[1] if "\n\n" in p.stdout else ""
    out = []
    for line in section.splitlines()[2:]:
        cells = [c.strip() for c in line.split("|")]
        if len(cells) == 8:
            out.append((cells[0], cells[1], int(cells[3]), int(cells[4]), int(cells[5]), int(cells[6])))
    return out
