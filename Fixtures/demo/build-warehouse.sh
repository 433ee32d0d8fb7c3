#!/usr/bin/env bash
# Creates the demo warehouse with tables that have real history, unless it already holds them:
#   trips   partitioned by city: an insert, an upsert (3 fares changed, 3 new trips), a delete of 2 trips,
#           then an upsert adding the column `tip` (schema evolution: ALTER TABLE ADD COLUMN on write)
#   riders  an insert, an upsert (2 tiers changed, 1 new rider), then in SQL (history.sql): ALTER TABLE ADD
#           COLUMNS email, an UPDATE, a DELETE and an INSERT
#   cities  one insert
# The tables are built in a scratch folder and moved in at the end, so an interrupted run leaves no half
# warehouse behind. Usage: build-warehouse.sh SLUICE_BINARY [WAREHOUSE_DIR]
set -euo pipefail
sluice=${1:?usage: build-warehouse.sh SLUICE_BINARY [WAREHOUSE_DIR]}
warehouse=${2:-warehouse}
data=$(cd "$(dirname "$0")" && pwd)/data

if [ -d "$warehouse/trips/.hoodie" ]; then
  echo "demo: reusing the warehouse in $warehouse"
  exit 0
fi
mkdir -p "$warehouse"
scratch=$(mktemp -d "$warehouse/.demo-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

ingest() {
  local file=$1 table=$2; shift 2
  "$sluice" ingest "$data/$file" --into "$scratch/$table" "$@" >/dev/null
}
trips=(--key trip_id --precombine ts --partition-by city)
ingest trips_1_insert.parquet trips "${trips[@]}" --operation insert
ingest trips_2_upsert.parquet trips "${trips[@]}" --operation upsert
ingest trips_3_delete.parquet trips "${trips[@]}" --operation delete
ingest trips_4_add_tip.parquet trips "${trips[@]}" --operation upsert
riders=(--key rider_id --precombine ts)
ingest riders_1_insert.parquet riders "${riders[@]}" --operation insert
ingest riders_2_upsert.parquet riders "${riders[@]}" --operation upsert
ingest cities_1_insert.parquet cities --key city --operation insert
"$sluice" sql --warehouse "$scratch" -f "$(dirname "$data")/history.sql" >/dev/null

for table in trips riders cities; do mv "$scratch/$table" "$warehouse/$table"; done
echo "demo: created trips, riders and cities in $warehouse"
