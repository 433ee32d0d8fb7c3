"""TPC-H through `sluice sql` against DuckDB on the same tpchgen-cli Parquet files (issue 5, acceptance 3).

Each of the 22 queries runs twice through Sluice: over the Parquet files directly (views over read_parquet)
and over Hudi tables bulk-inserted from them (`sluice ingest --operation bulk_insert`). Results must have the
same rows as DuckDB's: numbers equal within a relative tolerance of 1e-6, everything else as text; rows in the
same order when the query's outermost SELECT has an ORDER BY, as a multiset otherwise.

    tpch_compare.py --sluice .build/debug/sluice --sf 0.1 [--modes parquet,hudi] [--queries 1,6,...]
"""
import argparse
import datetime
import decimal
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import duckdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, Tally, run  # noqa: E402

TABLES = {
    "customer": "c_custkey", "lineitem": "l_orderkey,l_linenumber", "nation": "n_nationkey",
    "orders": "o_orderkey", "part": "p_partkey", "partsupp": "ps_partkey,ps_suppkey", "region": "r_regionkey",
    "supplier": "s_suppkey",
}
RELATIVE_TOLERANCE = 1e-6


def shared_dir():
    """$SLUICE_SHARED, else the first `shared` directory beside the checkout or one level up (worktrees)."""
    if os.environ.get("SLUICE_SHARED"):
        return os.environ["SLUICE_SHARED"]
    candidates = [os.path.join(os.path.dirname(REPO), "shared"), os.path.join(os.path.dirname(os.path.dirname(REPO)), "shared")]
    return next((c for c in candidates if os.path.isdir(c)), candidates[0])


def generate(sf, directory):
    """tpchgen-cli Parquet files for the tables missing from `directory`."""
    missing = [t for t in TABLES if not os.path.exists(os.path.join(directory, t + ".parquet"))]
    if missing:
        os.makedirs(directory, exist_ok=True)
        tpchgen = os.path.join(os.path.dirname(sys.executable), "tpchgen-cli")
        subprocess.run([tpchgen, "parquet", "-s", str(sf), "--tables", ",".join(missing), "--output-dir", directory],
                       check=True, stdout=subprocess.DEVNULL)


def statements(sql):
    """A query file's statements (Q15 creates and drops a view around its SELECT)."""
    return [s.strip() for s in sql.split(";") if s.strip()]


def is_ordered(sql):
    """True when the last SELECT statement ends with an ORDER BY outside every parenthesis."""
    query = [s for s in statements(sql) if not re.match(r"(?i)\s*(create|drop)\b", s)][-1]
    depth, top = 0, []
    for ch in query:
        depth += ch == "("
        depth -= ch == ")"
        top.append(ch if depth == 0 else " ")
    return re.search(r"(?i)\border\s+by\b", "".join(top)) is not None


def canonical(value):
    """A comparable form: numbers as float, dates as ISO text, the rest as text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, decimal.Decimal)):
        return float(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return float(value) if re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", value) else value
        except ValueError:
            return value
    return str(value)


def values_equal(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return a == b or abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b))
    return a == b


def rows_equal(a, b):
    return len(a) == len(b) and all(values_equal(x, y) for x, y in zip(a, b))


def sort_key(row):
    return tuple((v is None, round(v, 4) if isinstance(v, float) else 0, "" if isinstance(v, float) else str(v))
                 for v in row)


def compare(expected, got, ordered):
    """None when the results agree, else a short reason."""
    if len(expected) != len(got):
        return "%d rows, DuckDB has %d (first: %s vs %s)" % (len(got), len(expected), got[:1], expected[:1])
    if not ordered:
        expected, got = sorted(expected, key=sort_key), sorted(got, key=sort_key)
    for i, (e, g) in enumerate(zip(expected, got)):
        if not rows_equal(e, g):
            return "row %d: got %s, DuckDB %s" % (i, g, e)
    return None


def duckdb_results(data, sql):
    con = duckdb.connect()
    con.execute("SET threads = 2")
    for table in TABLES:
        con.execute("CREATE VIEW %s AS SELECT * FROM read_parquet('%s')" % (table, os.path.join(data, table + ".parquet")))
    rows = None
    for statement in statements(sql):
        cursor = con.execute(statement)
        if not re.match(r"(?i)\s*(create|drop)\b", statement):
            rows = cursor.fetchall()
    return [[canonical(v) for v in row] for row in rows]


def sluice_results(sluice, warehouse, prelude, sql, timeout):
    """Rows of the script's one SELECT, from JSON Lines output (messages of other statements are not JSON)."""
    code, out, err = run([sluice, "sql", "--warehouse", warehouse, "--format", "jsonl", "-c", prelude + sql],
                         timeout=timeout)
    if code != 0:
        raise RuntimeError("exit %d: %s" % (code, err.strip()[-400:]))
    rows = []
    for line in out.decode("utf-8").splitlines():
        if line.startswith("{"):
            rows.append([canonical(v) for v in json.loads(line, parse_float=float).values()])
    return rows


def parquet_prelude(data):
    return "".join("CREATE VIEW %s AS SELECT * FROM read_parquet('%s');\n" % (t, os.path.join(data, t + ".parquet"))
                   for t in TABLES)


def load_hudi(sluice, data, warehouse, timeout):
    """Each table bulk-inserted into a Hudi table under `warehouse`."""
    for table, key in TABLES.items():
        code, _, err = run([sluice, "ingest", os.path.join(data, table + ".parquet"), "--into",
                            os.path.join(warehouse, table), "--key", key, "--operation", "bulk_insert"],
                           timeout=timeout)
        if code != 0:
            raise RuntimeError("ingest %s: exit %d: %s" % (table, code, err.strip()[-400:]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sluice", default=os.path.join(REPO, ".build/debug/sluice"))
    ap.add_argument("--sf", default="0.1")
    ap.add_argument("--data", help="tpchgen-cli Parquet directory (default .build/bench/tpch-sf<SF>)")
    ap.add_argument("--modes", default="parquet,hudi")
    ap.add_argument("--queries", default=",".join(str(q) for q in range(1, 23)))
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per sluice run")
    args = ap.parse_args()
    data = os.path.abspath(args.data or os.path.join(REPO, ".build/bench/tpch-sf%s" % args.sf))
    generate(args.sf, data)
    queries = os.path.join(shared_dir(), "corpus", "tpch", "queries")
    tally = Tally("tpch_compare SF%s" % args.sf)
    scratch = tempfile.mkdtemp(prefix="sluice-tpch-")
    try:
        modes = {}
        if "parquet" in args.modes:
            modes["parquet"] = ("memory://", parquet_prelude(data))
        if "hudi" in args.modes:
            load_hudi(args.sluice, data, os.path.join(scratch, "warehouse"), args.timeout)
            modes["hudi"] = (os.path.join(scratch, "warehouse"), "")
        for q in [int(q) for q in args.queries.split(",")]:
            with open(os.path.join(queries, "q%d.sql" % q)) as f:
                sql = f.read()
            expected = duckdb_results(data, sql)
            for mode, (warehouse, prelude) in modes.items():
                what = "SF%s q%d %s" % (args.sf, q, mode)
                try:
                    got = sluice_results(args.sluice, warehouse, prelude, sql, args.timeout)
                except RuntimeError as error:
                    tally.fail(what, str(error))
                    continue
                reason = compare(expected, got, is_ordered(sql))
                tally.fail(what, reason) if reason else tally.ok("%s (%d rows)" % (what, len(got)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    tally.finish()


if __name__ == "__main__":
    main()
