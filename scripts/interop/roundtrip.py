#!/usr/bin/env python3
"""Round trip through Sluice, checked by pyarrow and DuckDB.

A randomized table over every type Sluice holds (signed and unsigned ints of all widths, float16/32/64 with
NaN, infinities and -0.0, decimals up to 38 digits, unicode and empty strings, binary, fixed binary, dates,
times and timestamps in ms/us/ns with and without UTC, lists, structs, maps, nested combinations, nulls at
every level) is written by pyarrow. Then, for a fixed seed (printed; --seed to repeat one):
  1. `sluice parquet cat` of pyarrow's file equals pyarrow's values (Sluice reads pyarrow's files);
  2. `sluice parquet convert` over codec {snappy, zstd, gzip, none} x dictionary {on, off} x page version
     {1, 2}; each output is read back by pyarrow (types and values must equal the original exactly) and by
     DuckDB (values must equal what DuckDB reads from pyarrow's own file, so DuckDB's type mapping cancels).
The last line is "N passed, N failed"; the exit code is non-zero when anything failed."""
import argparse
import decimal
import json
import os
import random
import shutil
import sys
import tempfile

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

CODECS = ["snappy", "zstd", "gzip", "none"]
DICTIONARY = ["on", "off"]
PAGE_VERSIONS = ["1", "2"]
UNITS = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


def schema():
    ts = lambda unit, tz=None: pa.timestamp(unit, tz=tz)  # noqa: E731
    point = pa.struct([("x", pa.int32()), ("y", pa.string())])
    fields = [
        ("i8", pa.int8()), ("i16", pa.int16()), ("i32", pa.int32()), ("i64", pa.int64()),
        ("u8", pa.uint8()), ("u16", pa.uint16()), ("u32", pa.uint32()), ("u64", pa.uint64()),
        ("f16", pa.float16()), ("f32", pa.float32()), ("f64", pa.float64()),
        ("dec_5_2", pa.decimal128(5, 2)), ("dec_18_4", pa.decimal128(18, 4)),
        ("dec_25_3", pa.decimal128(25, 3)), ("dec_38_10", pa.decimal128(38, 10)),
        ("str", pa.string()), ("bin", pa.binary()), ("fixed7", pa.binary(7)), ("bool", pa.bool_()),
        ("date", pa.date32()), ("time_ms", pa.time32("ms")), ("time_us", pa.time64("us")),
        ("time_ns", pa.time64("ns")),
        ("ts_ms", ts("ms")), ("ts_us", ts("us")), ("ts_ns", ts("ns")),
        ("ts_ms_utc", ts("ms", "UTC")), ("ts_us_utc", ts("us", "UTC")), ("ts_ns_utc", ts("ns", "UTC")),
        ("nothing", pa.null()),
        ("list_i32", pa.list_(pa.int32())), ("list_str", pa.list_(pa.string())),
        ("list_list_i64", pa.list_(pa.list_(pa.int64()))),
        ("struct", pa.struct([("a", pa.int64()), ("b", pa.string()), ("c", pa.list_(pa.float64()))])),
        ("struct_struct", pa.struct([("s", pa.struct([("x", pa.int16()), ("y", pa.decimal128(20, 2))])),
                                     ("t", ts("us", "UTC"))])),
        ("map_str_i32", pa.map_(pa.string(), pa.int32())),
        ("map_i64_list_str", pa.map_(pa.int64(), pa.list_(pa.string()))),
        ("list_struct", pa.list_(point)),
        ("list_map", pa.list_(pa.map_(pa.string(), pa.float64()))),
        ("struct_list_struct", pa.struct([("points", pa.list_(point)), ("tag", pa.binary(3))])),
    ]
    out = [pa.field(name, t) for name, t in fields]
    out += [pa.field("req_i64", pa.int64(), nullable=False), pa.field("req_str", pa.string(), nullable=False),
            pa.field("req_list", pa.list_(pa.field("element", pa.int32(), nullable=False)), nullable=False)]
    return pa.schema(out)


class Values:
    """Random values for a type, edge cases mixed in, nulls with probability `null_rate` where allowed."""

    def __init__(self, rng, null_rate=0.15):
        self.rng, self.null_rate = rng, null_rate

    def column(self, field, rows):
        return [self.value(field.type, field.nullable) for _ in range(rows)]

    def value(self, t, nullable=True):
        r = self.rng
        if pa.types.is_null(t) or (nullable and r.random() < self.null_rate):
            return None
        if pa.types.is_integer(t):
            lo, hi = (-(2 ** (t.bit_width - 1)), 2 ** (t.bit_width - 1) - 1) if pa.types.is_signed_integer(t) \
                else (0, 2 ** t.bit_width - 1)
            return r.choice([lo, hi, 0, 1, -1 if lo < 0 else 2, r.randint(lo, hi), r.randint(lo, hi), r.randint(-100, 100) if lo < 0 else r.randint(0, 200)])
        if pa.types.is_floating(t):
            if r.random() < 0.12:
                return r.choice([float("nan"), float("inf"), float("-inf"), -0.0, 0.0])
            v = r.uniform(-1e6, 1e6) * 10 ** r.randint(-8, 8 if not pa.types.is_float16(t) else -2)
            return float(np.float16(v)) if pa.types.is_float16(t) else v
        if pa.types.is_decimal(t):
            digits = r.randint(1, t.precision)
            unscaled = r.randint(-(10 ** digits - 1), 10 ** digits - 1)
            return decimal.Decimal(unscaled).scaleb(-t.scale)
        if pa.types.is_string(t):
            alphabet = "abcXYZ09 _-é中😀\u00a0\"\\\n"
            return "".join(r.choice(alphabet) for _ in range(r.choice([0, 1, 3, 8, 20])))
        if pa.types.is_fixed_size_binary(t):
            return bytes(r.getrandbits(8) for _ in range(t.byte_width))
        if pa.types.is_binary(t):
            return bytes(r.getrandbits(8) for _ in range(r.choice([0, 1, 5, 16, 40])))
        if pa.types.is_boolean(t):
            return r.random() < 0.5
        if pa.types.is_date32(t):
            return r.randint(-98000, 100000)  # about 1702 .. 2243
        if pa.types.is_time(t):
            return r.randint(0, 86400 * UNITS[t.unit] - 1)
        if pa.types.is_timestamp(t):
            span = 8 * 10**9 * UNITS[t.unit] // 10**9 if t.unit == "ns" else 8 * 10**9 * UNITS[t.unit]
            return r.randint(-span, span)  # within about 1716 .. 2223
        if pa.types.is_list(t):
            return [self.value(t.value_type, t.value_field.nullable) for _ in range(r.choice([0, 1, 2, 3, 5]))]
        if pa.types.is_struct(t):
            return {t.field(i).name: self.value(t.field(i).type, t.field(i).nullable) for i in range(t.num_fields)}
        if pa.types.is_map(t):
            entries = {}
            for _ in range(r.choice([0, 1, 2, 4])):
                entries[self.hashable(self.value(t.key_type, False))] = self.value(t.item_type)
            return list(entries.items())
        raise TypeError(t)

    @staticmethod
    def hashable(v):
        return v


def make_table(seed, rows):
    rng = random.Random(seed)
    values = Values(rng)
    s = schema()
    arrays = []
    for field in s:
        column = values.column(field, rows)
        if pa.types.is_float16(field.type):
            mask = np.array([v is None for v in column])
            arrays.append(pa.array(np.array([0 if v is None else v for v in column], dtype=np.float16), mask=mask))
        else:
            arrays.append(pa.array(column, type=field.type))
    return pa.Table.from_arrays(arrays, schema=s)


def compare_tables(expected, got, check_types):
    """Differences between two tables, column by column, on rendered values (NaN-aware, exact)."""
    problems = []
    if expected.column_names != got.column_names:
        return ["columns %s, expected %s" % (got.column_names, expected.column_names)]
    if expected.num_rows != got.num_rows:
        return ["%d rows, expected %d" % (got.num_rows, expected.num_rows)]
    for i, name in enumerate(expected.column_names):
        te, tg = expected.schema.field(i).type, got.schema.field(i).type
        if check_types and te != tg:
            problems.append("%s: type %s, expected %s" % (name, tg, te))
            continue
        e, g = common.render(expected.column(i)), common.render(got.column(i))
        for row, (a, b) in enumerate(zip(e, g)):
            if json.dumps(a, sort_keys=False) != json.dumps(b, sort_keys=False):
                problems.append("%s row %d: %r, expected %r" % (name, row, b, a))
                break
    return problems


def duckdb_read(path):
    con = duckdb.connect()
    con.execute("SET threads TO 1")
    return con.sql("SELECT * FROM read_parquet($path)", params={"path": path}).to_arrow_table()


def run_seed(sluice, seed, rows, work, tally):
    print("roundtrip: seed %d, %d rows" % (seed, rows), flush=True)
    table = make_table(seed, rows)
    src = os.path.join(work, "seed%d.parquet" % seed)
    pq.write_table(table, src, row_group_size=max(1, rows // 3), data_page_size=16 * 1024)
    # 1. Sluice reads pyarrow's file.
    label = "seed %d: sluice parquet cat (pyarrow-written file)" % seed
    code, out, err = common.run([sluice, "parquet", "cat", src, "--format", "jsonl"])
    if code != 0:
        tally.fail(label, "exit %d: %s" % (code, err.strip()[:300]))
    else:
        diffs, expected = [], common.render_table(table)
        lines = [json.loads(x) for x in out.decode("utf-8").splitlines() if x.strip()]
        if len(lines) != len(expected):
            diffs.append(("rows", len(expected), len(lines)))
        for row, (e, g) in enumerate(zip(expected, lines)):
            for i, name in enumerate(table.column_names):
                common.differences(table.schema.field(i).type, e[name], g.get(name, "<missing>") if isinstance(g, dict) else g,
                                   "row %d %s" % (row, name), diffs)
            if len(diffs) >= 5:
                break
        if diffs:
            tally.fail(label, "; ".join("%s: expected %r, got %r" % d for d in diffs))
        else:
            tally.ok(label)
    duck_reference = duckdb_read(src)
    # 2. Sluice writes; pyarrow and DuckDB read.
    for codec in CODECS:
        for dictionary in DICTIONARY:
            for version in PAGE_VERSIONS:
                combo = "seed %d codec=%s dictionary=%s page-version=%s" % (seed, codec, dictionary, version)
                dst = os.path.join(work, "seed%d-%s-%s-v%s.parquet" % (seed, codec, dictionary, version))
                code, _, err = common.run([sluice, "parquet", "convert", src, dst, "--codec", codec,
                                           "--dictionary", dictionary, "--page-version", version,
                                           "--row-group-rows", str(max(1, rows // 2))])
                if code != 0:
                    tally.fail(combo + ": convert", "exit %d: %s" % (code, err.strip()[:300]))
                    continue
                for reader, read, reference, check_types in (
                        ("pyarrow", pq.read_table, table, True), ("duckdb", duckdb_read, duck_reference, True)):
                    try:
                        problems = compare_tables(reference, read(dst), check_types)
                    except Exception as e:  # noqa: BLE001 - a reader rejecting our file is a failure
                        problems = ["%s cannot read it: %s" % (reader, str(e).splitlines()[0][:300])]
                    if problems:
                        tally.fail("%s: read by %s" % (combo, reader), "; ".join(problems[:5]))
                    else:
                        tally.ok("%s: read by %s" % (combo, reader))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sluice", default=os.path.join(common.REPO, ".build/debug/sluice"))
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--seeds", type=int, default=1, help="run this many seeds, from --seed on")
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--keep", help="write the files here and keep them")
    args = ap.parse_args()
    tally = common.Tally("roundtrip")
    work = args.keep or tempfile.mkdtemp(prefix="sluice-roundtrip-")
    os.makedirs(work, exist_ok=True)
    try:
        for seed in range(args.seed, args.seed + args.seeds):
            run_seed(args.sluice, seed, args.rows, work, tally)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    tally.finish()


if __name__ == "__main__":
    main()
