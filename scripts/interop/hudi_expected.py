#!/usr/bin/env python3
"""Expected rows of a Hudi table from hudi-rs (the `hudi` wheel), for Sluice's TableFormat interop tests.

usage: hudi_expected.py [--read-optimized] TABLE_DIR OUT.json

Writes {"columns": [...], "instants": [...], "reads": [{"kind", "args", "columns", "rows" | "error"}]} where
reads are the snapshot, time travel to every completed instant (its requested time), and incremental reads
between consecutive completed instants (commits and replacecommits) (plus one from before the first). Each row is one canonical JSON text:
ints as numbers, floats as "f:<repr>", decimals as "d:<unscaled>", bytes as "b:<hex>", dates as days,
timestamps as integers in their unit, structs as arrays in field order, maps as arrays of [key, value].
With --read-optimized (merge-on-read tables): base files only, snapshot and time travel (deltacommits count as
instants), no incremental reads.
"""
import json
import sys

import pyarrow as pa
from hudi import HudiQueryType, HudiReadOptions, HudiTable, HudiTableBuilder


def canonical(value, typ):
    if value is None:
        return None
    if pa.types.is_floating(typ):
        return "f:" + repr(float(value))
    if pa.types.is_decimal(typ):
        return "d:" + str(int(value.scaleb(typ.scale)))
    if pa.types.is_binary(typ) or pa.types.is_large_binary(typ) or pa.types.is_fixed_size_binary(typ):
        return "b:" + bytes(value).hex()
    if pa.types.is_list(typ) or pa.types.is_large_list(typ):
        return [canonical(v, typ.value_type) for v in value]
    if pa.types.is_map(typ):
        return [[canonical(k, typ.key_type), canonical(v, typ.item_type)] for k, v in value]
    if pa.types.is_struct(typ):
        return [canonical(value[typ.field(i).name], typ.field(i).type) for i in range(typ.num_fields)]
    return value


def integral(table):
    """Dates and timestamps as their stored integers, so both sides agree without time zones."""
    columns = []
    for i, field in enumerate(table.schema):
        column = table.column(i)
        if pa.types.is_timestamp(field.type):
            column = column.cast(pa.int64())
        elif pa.types.is_date32(field.type):
            column = column.cast(pa.int32())
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def rows(batches):
    table = integral(pa.Table.from_batches(batches)) if batches else None
    if table is None:
        return [], []
    types = [f.type for f in table.schema]
    out = []
    for row in table.to_pylist():
        values = [canonical(row[name], typ) for name, typ in zip(table.column_names, types)]
        out.append(json.dumps(values, separators=(",", ":"), ensure_ascii=True))
    return table.column_names, sorted(out)


def attempt(table, kind, args, options):
    entry = {"kind": kind, "args": args}
    try:
        columns, entry["rows"] = rows(table.read(options) if options is not None else table.read())
        entry["columns"] = columns
    except Exception as error:  # the Swift side must fail too
        entry["error"] = str(error)
    return entry


def main():
    args = sys.argv[1:]
    read_optimized = "--read-optimized" in args
    path, out = [a for a in args if a != "--read-optimized"]
    if read_optimized:
        table = (HudiTableBuilder.from_base_uri(path)
                 .with_hudi_option("hoodie.read.use.read_optimized.mode", "true").build())
    else:
        table = HudiTable(path)
    timeline = table.get_timeline()
    completed = timeline.get_completed_commits() + timeline.get_completed_replacecommits()
    if read_optimized:
        completed += timeline.get_completed_deltacommits()
    instants = sorted({i.timestamp for i in completed})
    reads = [attempt(table, "snapshot", [], None)]
    for t in instants:
        reads.append(attempt(table, "asOf", [t], HudiReadOptions().with_as_of_timestamp(t)))
    if instants:  # the same instant as an RFC 3339 time (the timeline zone is UTC unless the table says LOCAL)
        t = instants[0]
        iso = f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}.{t[14:17]}Z"
        reads.append(attempt(table, "asOf", [iso], HudiReadOptions().with_as_of_timestamp(iso)))
    begins = [] if read_optimized else ["00000000000000"] + instants[:-1]
    for begin, end in zip(begins, instants):
        options = (HudiReadOptions().with_query_type(HudiQueryType.Incremental)
                   .with_start_timestamp(begin).with_end_timestamp(end))
        reads.append(attempt(table, "incremental", [begin, end], options))
    schema = table.get_schema_with_meta_fields()
    with open(out, "w") as f:
        json.dump({"columns": schema.names, "instants": instants, "reads": reads}, f, indent=1)


if __name__ == "__main__":
    main()
