#!/usr/bin/env python3
"""Writer interop: `sluice parquet convert` every readable corpus file under several writer settings, then
check that pyarrow and duckdb read the output back equal to the input.

usage: writer_convert_corpus.py SLUICE_BINARY CORPUS_DIR [WORK_DIR]
Exit 1 if any converted file differs or fails to read; files sluice cannot read are skipped (reader's job).
"""
import os, subprocess, sys, tempfile
import duckdb
import pyarrow.parquet as pq

SETTINGS = [
    [],
    ["--codec", "zstd", "--zstd-level", "3", "--page-version", "2", "--page-index"],
    ["--codec", "gzip", "--dictionary", "off", "--row-group-rows", "1000"],
    ["--codec", "none", "--page-version", "2", "--dictionary", "off", "--page-index"],
]


# Conversions that change the data on purpose: INT96 columns become INT64 nanoseconds (out-of-range values wrap
# the way the reader documents), UUID becomes fixed binary, GEOMETRY/GEOGRAPHY become plain binary (Columnar has no geo type), and legacy
# TIMESTAMP_MICROS without a logical type is written as TIMESTAMP(isAdjustedToUTC=true), which duckdb shows as
# TIMESTAMPTZ (the spec says the legacy annotation means UTC).
LOSSY = ("int96_from_spark", "geospatial/", "geography")
DUCKDB_TIMESTAMPTZ = ("nested_structs.rust",)


def lossy_columns(path):
    """Top-level columns holding INT96 or UUID leaves (UUID becomes plain fixed binary)."""
    schema = pq.ParquetFile(path).schema
    return {schema.column(i).path.split(".")[0] for i in range(len(schema))
            if schema.column(i).physical_type == "INT96" or str(schema.column(i).logical_type) == "UUID"}


def duck_digest(path, skip):
    con = duckdb.connect()
    src = f"read_parquet('{path}', file_row_number=true)"
    cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()
            if r[0] != "file_row_number" and r[0] not in skip]
    exprs = ", ".join(f'md5(string_agg(CAST("{c}" AS VARCHAR), \'|\' ORDER BY file_row_number))' for c in cols)
    return con.execute(f"SELECT count(*), {exprs} FROM {src}").fetchall()


def same_arrow(got, want, skip):
    if got.column_names != want.column_names:
        return False
    for name in got.column_names:
        if name in skip:
            continue
        a, b = got.column(name), want.column(name)
        if a.type != b.type:
            try:
                b = b.cast(a.type)
            except Exception:
                return False
        if a.equals(b):
            continue
        try:  # repr keeps NaN == NaN, which equals() does not
            if repr(a.to_pylist()) != repr(b.to_pylist()):
                return False
        except Exception:
            return False
    return True


def main():
    sluice, corpus = sys.argv[1], sys.argv[2]
    work = sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp(prefix="sluice-writer-")
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs
                   if f.endswith(".parquet") and "bad_data" not in d)
    failures, checked, skipped = [], 0, 0
    for src in files:
        if any(k in src for k in LOSSY):
            continue
        try:
            want = pq.read_table(src)
        except Exception:
            continue  # the reference cannot read it either
        skip = lossy_columns(src)
        try:
            want_duck = None if any(k in src for k in DUCKDB_TIMESTAMPTZ) else duck_digest(src, skip)
        except Exception:
            want_duck = None  # duckdb rejects the source; compare with pyarrow only
        for i, args in enumerate(SETTINGS):
            out = os.path.join(work, f"{os.path.basename(src)}.{i}.parquet")
            run = subprocess.run([sluice, "parquet", "convert", src, out, *args], capture_output=True, text=True)
            if run.returncode != 0:
                skipped += 1
                continue
            checked += 1
            try:
                got = pq.read_table(out)
                if not same_arrow(got, want, skip):
                    failures.append(f"{src} {args}: pyarrow sees different data")
            except Exception as e:
                failures.append(f"{src} {args}: pyarrow: {e}")
            if want_duck is None:
                continue
            try:
                if duck_digest(out, skip) != want_duck:
                    failures.append(f"{src} {args}: duckdb sees different data")
            except Exception as e:
                failures.append(f"{src} {args}: duckdb: {str(e).splitlines()[0]}")
    print(f"converted {checked} (file, settings) pairs, {skipped} skipped (sluice could not read or write), {len(failures)} failures")
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
