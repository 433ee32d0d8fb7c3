#!/usr/bin/env python3
"""Interop fixtures for TextFormats: CSV and JSON files written by DuckDB and pyarrow, with the values DuckDB's
own read_csv / read_json find in them, and a check that files Sluice wrote read back in DuckDB as the values
of their source.

  text_formats.py generate DIR   writes DIR/<file> for every case, DIR/manifest.json (file, format, reader
                                 options) and DIR/expected/<file>.json ({"columns": [[name, type]], "rows"})
  text_formats.py verify DIR     compares DIR/ours/<file>.json (what Sluice read from DIR/<file>, same layout)
                                 with DIR/expected/<file>.json, and for every DIR/written/<file>.{csv,jsonl}
                                 Sluice wrote from DIR/<file>, reads it with DuckDB and compares the values

Cells are normalized to JSON: null, bool, int, float (as a JSON number, compared exactly), decimals as
strings, dates as YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM:SS[.ffffff], lists as arrays, structs as objects.
The last line is "N passed, N failed"; the exit code is non-zero when anything failed."""
import datetime
import decimal
import gzip
import json
import math
import os
import re
import sys

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

ROWS = 3000

BASE = f"""
SELECT i::BIGINT AS id,
  CASE WHEN i % 7 = 0 THEN NULL
       ELSE 'name ' || i || CASE i % 6 WHEN 0 THEN ', with comma' WHEN 1 THEN ' "quoted" ""twice""'
            WHEN 2 THEN 'multi' || chr(10) || 'line' || chr(13) || chr(10) || 'crlf' WHEN 3 THEN ' café ☕ 日本 𝄞'
            WHEN 4 THEN ' trailing space ' ELSE '' END END AS name,
  CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 1.25 - 1000.5)::DOUBLE * (CASE WHEN i % 4 = 0 THEN 1e-7 ELSE 1 END) END AS amount,
  CASE WHEN i % 13 = 0 THEN NULL ELSE DATE '1969-12-01' + (i * 17)::INTEGER END AS day,
  TIMESTAMP '2021-06-01 12:00:00' + (i * 3661) * INTERVAL 1 SECOND + (i % 3) * INTERVAL 250 MILLISECOND AS ts,
  i % 2 = 0 AS flag,
  (i * 7 - 10000)::BIGINT AS big
FROM range({ROWS}) t(i)
"""

NESTED = f"""
SELECT i::BIGINT AS id, {{'x': i, 'y': 'v' || i, 'z': CASE WHEN i % 5 = 0 THEN NULL ELSE i / 4 END}} AS s,
  CASE WHEN i % 9 = 0 THEN NULL ELSE [i, i + 1, NULL] END AS l,
  ['a' || i, 'b"' || chr(10)] AS words, i * 0.5 AS half, DATE '2000-01-01' + i::INTEGER AS day
FROM range({ROWS}) t(i)
"""


def cell(v):
    if v is None:
        return None
    if isinstance(v, bool) or isinstance(v, int) or isinstance(v, str):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else repr(v)
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, datetime.datetime):
        return v.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [cell(x) for x in v]
    if isinstance(v, dict):
        return {k: cell(x) for k, x in v.items()}
    return str(v)


def duck_read(con, path, fmt, opts):
    args = []
    if fmt == "csv":
        if opts.get("encoding") == "latin1":
            args.append("encoding = 'latin-1'")
        fn = "read_csv"
    else:
        fn = "read_json"
    sql = f"SELECT * FROM {fn}('{path}'{''.join(', ' + a for a in args)})"
    rel = con.sql(sql)
    return [[n, str(t)] for n, t in zip(rel.columns, rel.types)], [[cell(v) for v in row] for row in rel.fetchall()]


def generate(out):
    os.makedirs(os.path.join(out, "expected"), exist_ok=True)
    con = duckdb.connect()
    con.execute(f"CREATE TABLE base AS {BASE}")
    con.execute(f"CREATE TABLE nested AS {NESTED}")
    cases = []

    def copy(name, table, options, fmt, reader=None):
        con.execute(f"COPY {table} TO '{os.path.join(out, name)}' ({options})")
        cases.append({"file": name, "format": fmt, "options": reader or {}})

    copy("duck.csv", "base", "HEADER", "csv")
    copy("duck.csv.gz", "base", "HEADER, COMPRESSION gzip", "csv")
    copy("duck.csv.zst", "base", "HEADER, COMPRESSION zstd", "csv")
    copy("pipe.csv", "base", "HEADER, DELIMITER '|'", "csv")
    copy("semicolon_noheader.csv", "(SELECT id, name, amount, flag FROM base)", "HEADER false, DELIMITER ';'", "csv")
    copy("tab.tsv", "(SELECT id, day, ts FROM base)", "HEADER, DELIMITER '\t'", "csv")
    copy("duck.jsonl", "base", "FORMAT json", "json")
    copy("duck_array.json", "base", "FORMAT json, ARRAY true", "json")
    copy("nested.jsonl", "nested", "FORMAT json", "json")
    copy("nested.json.gz", "nested", "FORMAT json, COMPRESSION gzip", "json")
    # pyarrow's writer (quotes every string, writes timestamps with a fraction).
    table = con.sql("SELECT id, name, amount, day, ts, flag FROM base").arrow()
    if hasattr(table, "read_all"):
        table = table.read_all()
    pacsv.write_csv(table, os.path.join(out, "arrow.csv"))
    cases.append({"file": "arrow.csv", "format": "csv", "options": {}})
    # Latin-1 with a BOM-less header and accented text; and UTF-8 with a BOM, gzip'ed by Python.
    latin = "id,word\n" + "".join(f"{i},{w}\n" for i, w in enumerate(["café", "naïve", "Ærøskøbing", "señor", "plain"] * 50))
    with open(os.path.join(out, "latin1.csv"), "wb") as f:
        f.write(latin.encode("latin-1"))
    cases.append({"file": "latin1.csv", "format": "csv", "options": {"encoding": "latin1"}})
    with gzip.open(os.path.join(out, "bom.csv.gz"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + latin.encode("utf-8"))
    cases.append({"file": "bom.csv.gz", "format": "csv", "options": {}})

    for case in cases:
        columns, rows = duck_read(con, os.path.join(out, case["file"]), case["format"], case["options"])
        with open(os.path.join(out, "expected", case["file"] + ".json"), "w") as f:
            json.dump({"columns": columns, "rows": rows}, f)
    with open(os.path.join(out, "manifest.tsv"), "w") as f:
        for case in cases:
            f.write(f"{case['file']}\t{case['format']}\t{case['options'].get('encoding', 'utf8')}\n")
    print(f"{len(cases)} files in {out}")


TIMESTAMP_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$")


def canon(v):
    """Timestamps kept as text by one reader and parsed by the other compare as the same instant."""
    if isinstance(v, str) and TIMESTAMP_TEXT.match(v):
        return datetime.datetime.fromisoformat(v.replace("T", " ")).isoformat(sep=" ")
    return v


def same(a, b):
    a, b = canon(a), canon(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and float(a) == float(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def compare(label, columns, rows, expected, check_types):
    """Problems found comparing (columns, rows) with an expected file's content."""
    problems = []
    want_names = [c[0] for c in expected["columns"]]
    if [c[0] for c in columns] != want_names:
        problems.append(f"columns {[c[0] for c in columns]} != {want_names}")
    if check_types:
        for (name, got), (_, want) in zip(columns, expected["columns"]):
            if got != want:
                problems.append(f"column {name}: type {got} != DuckDB's {want}")
    if len(rows) != len(expected["rows"]):
        problems.append(f"{len(rows)} rows != {len(expected['rows'])}")
    for r, (got, want) in enumerate(zip(rows, expected["rows"])):
        if not same(got, want):
            problems.append(f"row {r}: {got} != {want}")
            break
    status = "FAIL" if problems else "ok  "
    print(f"{status} {label} ({len(rows)} rows){': ' + '; '.join(problems) if problems else ''}")
    return not problems


def verify(out):
    con = duckdb.connect()
    results = []
    for name in sorted(os.listdir(os.path.join(out, "ours"))):
        source = name[: -len(".json")]
        with open(os.path.join(out, "expected", name)) as f:
            expected = json.load(f)
        with open(os.path.join(out, "ours", name)) as f:
            ours = json.load(f)
        # DuckDB's JSON reader keeps timestamps and huge integers its own way; types are compared for CSV.
        csv = not (source.endswith(".jsonl") or ".json" in source)
        results.append(compare(f"read {source}", ours["columns"], ours["rows"], expected, check_types=csv))
    for name in sorted(os.listdir(os.path.join(out, "written"))):
        source, kind = name.rsplit(".", 1)
        with open(os.path.join(out, "expected", source + ".json")) as f:
            expected = json.load(f)
        columns, rows = duck_read(con, os.path.join(out, "written", name), "csv" if kind == "csv" else "json", {})
        results.append(compare(f"DuckDB reads our {name}", columns, rows, expected, check_types=False))
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("generate", "verify"):
        sys.exit(__doc__)
    if sys.argv[1] == "generate":
        generate(sys.argv[2])
    else:
        sys.exit(verify(sys.argv[2]))
