#!/usr/bin/env python3
"""SQL COPY TO checked with other people's readers (issue 5). Generates a CSV of awkward rows (quotes, commas,
newlines, non-ASCII, NULLs, negative decimals, dates), has `sluice sql` read it with read_csv and COPY a query
over it TO Parquet (snappy and zstd), CSV (with a header and '|' delimiter, and gzip-compressed) and JSON
Lines, then reads every output with pyarrow and with DuckDB: both must give exactly the rows the query
selects, computed here in Python from the generated data.

  sql_copy.py --sluice .build/debug/sluice [--rows N] [--seed S]

The last line is "N passed, N failed"; the exit code is non-zero when anything failed."""
import argparse
import datetime
import decimal
import json
import os
import random
import subprocess
import sys
import tempfile

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pajson
import pyarrow.parquet as pq

COLUMNS = "id BIGINT, name VARCHAR, price DOUBLE, day DATE, flag BOOLEAN, amount DECIMAL(12, 2)"
NAMES = ["plain", "comma, inside", 'quote " inside', "line\nbreak", "ünïcödé ✓", "  padded  ", ""]


def generate(rows, seed):
    rng = random.Random(seed)
    data = []
    for i in range(rows):
        def maybe(v):
            return None if rng.random() < 0.1 else v
        data.append({
            "id": i,
            "name": maybe(rng.choice(NAMES) + str(rng.randrange(100))),
            "price": maybe(round(rng.uniform(-1e6, 1e6), 3)),
            "day": maybe(datetime.date(1970, 1, 1) + datetime.timedelta(days=rng.randrange(-20000, 40000))),
            "flag": maybe(rng.random() < 0.5),
            "amount": maybe(decimal.Decimal(rng.randrange(-10**11, 10**11)).scaleb(-2)),
        })
    return data


def write_input(path, data):
    def cell(v):
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        text = str(v)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') or text == "" or text != text.strip() else text
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("id,name,price,day,flag,amount\n")
        for row in data:
            f.write(",".join(cell(row[k]) for k in ["id", "name", "price", "day", "flag", "amount"]) + "\n")


def normalize(value):
    """One comparable form per cell whatever the reader's Python type."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return decimal.Decimal(str(value)).normalize()
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def rows_of(table_rows, columns):
    return sorted((tuple(normalize(r[c]) for c in columns) for r in table_rows), key=lambda t: t[0])


def arrow_rows(table):
    return table.to_pylist()


def duck_rows(con, sql):
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sluice", required=True)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sluice = os.path.abspath(args.sluice)
    data = generate(args.rows, args.seed)
    # The query under test: a filter, a computed column and an ORDER BY.
    selected = [dict(r, doubled=None if r["amount"] is None else r["amount"] * 2)
                for r in data if r["id"] % 3 != 0]
    columns = ["id", "name", "price", "day", "flag", "amount", "doubled"]
    expected = rows_of(selected, columns)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="sluice-sql-copy-") as tmp:
        source = os.path.join(tmp, "input.csv")
        write_input(source, data)
        query = (f"SELECT *, amount * 2 AS doubled FROM read_csv('{source}', header = true, "
                 f"columns = '{COLUMNS}') WHERE id % 3 <> 0 ORDER BY id DESC")
        outputs = {
            "snappy.parquet": "(FORMAT parquet)",
            "zstd.parquet": "(FORMAT parquet, COMPRESSION 'zstd', ROW_GROUP_SIZE 1000)",
            "pipes.csv": "(HEADER, DELIMITER '|')",
            "rows.csv.gz": "(FORMAT csv)",
            "rows.jsonl": "",
        }
        sql = "; ".join(f"COPY ({query}) TO '{os.path.join(tmp, name)}' {options}" for name, options in outputs.items())
        run = subprocess.run([sluice, "sql", "--warehouse", "memory://", "-c", sql], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL sluice sql exited {run.returncode}: {run.stderr.strip()}")
            print("0 passed, 1 failed")
            return 1
        con = duckdb.connect()
        for name in outputs:
            path = os.path.join(tmp, name)
            readers = {}
            if name.endswith(".parquet"):
                readers["pyarrow"] = lambda: arrow_rows(pq.read_table(path))
                readers["duckdb"] = lambda: duck_rows(con, f"SELECT * FROM read_parquet('{path}')")
            elif name.endswith(".jsonl"):
                readers["pyarrow"] = lambda: arrow_rows(pajson.read_json(path))
                readers["duckdb"] = lambda: duck_rows(con, f"SELECT * FROM read_json('{path}', format = 'newline_delimited', columns = {{id: 'BIGINT', name: 'VARCHAR', price: 'DOUBLE', day: 'DATE', flag: 'BOOLEAN', amount: 'DECIMAL(12,2)', doubled: 'DECIMAL(18,2)'}})")
            else:
                delimiter = "|" if "pipes" in name else ","
                convert = pacsv.ConvertOptions(strings_can_be_null=True, quoted_strings_can_be_null=False,
                                               column_types={"name": pa.string(), "day": pa.date32(), "amount": pa.decimal128(18, 2), "doubled": pa.decimal128(18, 2)})
                readers["pyarrow"] = lambda: arrow_rows(pacsv.read_csv(path, parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True), convert_options=convert))
                readers["duckdb"] = lambda: duck_rows(con, f"SELECT * FROM read_csv('{path}', delim = '{delimiter}', header = true, quote = '\"', escape = '\"', types = {{'name': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'doubled': 'DECIMAL(18,2)'}})")
            for reader, read in readers.items():
                try:
                    got = rows_of(read(), columns)
                except Exception as error:  # a reader rejecting the file is a failure, with its message
                    got = f"error: {error}"
                want = expected
                if got == want:
                    passed += 1
                    print(f"ok   {name} via {reader}: {len(want)} rows")
                else:
                    failed += 1
                    detail = got if isinstance(got, str) else next(
                        (f"row {i}: got {g} want {w}" for i, (g, w) in enumerate(zip(got, want)) if g != w),
                        f"{len(got)} rows, want {len(want)}")
                    print(f"FAIL {name} via {reader}: {detail}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
