"""Writes the demo dataset's Parquet files (Fixtures/demo/data/), committed so `make run` needs no Python.

Each file is one step of the demo tables' history; build-warehouse.sh loads them with `sluice ingest`.
Rerun only to change the data: .venv/bin/python Fixtures/demo/generate.py
"""
import datetime as dt
import pathlib

import pyarrow as pa
import pyarrow.parquet as pq

OUT = pathlib.Path(__file__).parent / "data"
BASE = dt.datetime(2026, 11, 2, 8, 0, 0)
CITIES = ["san_francisco", "sao_paulo", "chennai"]
RIDERS = ["rider-A", "rider-B", "rider-C", "rider-D", "rider-E", "rider-F"]


def trip(n, ts, fare, city=None, tip=None, with_tip=False):
    row = {
        "trip_id": f"trip-{n:03d}",
        "ts": ts,
        "rider": RIDERS[n % len(RIDERS)],
        "driver": f"driver-{(n * 7) % 5 + 1}",
        "fare": fare,
        "started_at": BASE + dt.timedelta(hours=5 * n, minutes=13 * n % 60),
        "city": city or CITIES[n % len(CITIES)],
    }
    if with_tip:
        row["tip"] = tip
    return row


def write(name, rows, schema):
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, OUT / name, compression="zstd")


def main():
    OUT.mkdir(exist_ok=True)
    trip_fields = [
        ("trip_id", pa.string()), ("ts", pa.int64()), ("rider", pa.string()), ("driver", pa.string()),
        ("fare", pa.float64()), ("started_at", pa.timestamp("us")), ("city", pa.string()),
    ]
    trips = pa.schema(trip_fields)
    trips_tip = pa.schema(trip_fields[:-1] + [("tip", pa.float64()), trip_fields[-1]])
    write("trips_1_insert.parquet", [trip(n, 1000 + n, round(8.5 + n * 3.25, 2)) for n in range(1, 13)], trips)
    write("trips_2_upsert.parquet",
          [trip(n, 2000 + n, round(12.0 + n * 4.1, 2)) for n in (2, 5, 9)]
          + [trip(n, 2000 + n, round(6.75 + n * 1.5, 2)) for n in range(13, 16)], trips)
    write("trips_3_delete.parquet", [trip(n, 3000 + n, 0.0) for n in (4, 11)], trips)
    write("trips_4_add_tip.parquet",
          [trip(n, 4000 + n, round(12.0 + n * 4.1, 2), tip=round(n * 0.75, 2), with_tip=True) for n in (5, 9)]
          + [trip(n, 4000 + n, round(20.0 + n, 2), tip=2.5, with_tip=True) for n in (16, 17)], trips_tip)

    riders = pa.schema([("rider_id", pa.string()), ("ts", pa.int64()), ("name", pa.string()),
                        ("tier", pa.string()), ("signup_date", pa.date32())])
    names = ["Ada", "Bo", "Chidi", "Dara", "Eun", "Femi"]
    write("riders_1_insert.parquet", [
        {"rider_id": r, "ts": 1, "name": names[i], "tier": "basic",
         "signup_date": dt.date(2025, 1 + i, 3 + i)} for i, r in enumerate(RIDERS)], riders)
    write("riders_2_upsert.parquet", [
        {"rider_id": "rider-B", "ts": 2, "name": "Bo", "tier": "gold", "signup_date": dt.date(2025, 2, 4)},
        {"rider_id": "rider-E", "ts": 2, "name": "Eun", "tier": "silver", "signup_date": dt.date(2025, 5, 7)},
        {"rider_id": "rider-G", "ts": 2, "name": "Gus", "tier": "basic", "signup_date": dt.date(2026, 10, 30)},
    ], riders)

    cities = pa.schema([("city", pa.string()), ("country", pa.string()), ("timezone", pa.string())])
    write("cities_1_insert.parquet", [
        {"city": "san_francisco", "country": "US", "timezone": "America/Los_Angeles"},
        {"city": "sao_paulo", "country": "BR", "timezone": "America/Sao_Paulo"},
        {"city": "chennai", "country": "IN", "timezone": "Asia/Kolkata"},
    ], cities)


if __name__ == "__main__":
    main()
