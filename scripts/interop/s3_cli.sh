#!/usr/bin/env bash
# End-to-end: the real `sluice` binary against the local SeaweedFS (scripts/s3-server.sh must be running).
# Writes a corpus file to s3:// with `parquet convert`, reads it back with `parquet cat` (whole and projected)
# and compares with the local file's output, then runs `sluice doctor` on the bucket.
set -euo pipefail
cd "$(dirname "$0")/../.."
SLUICE=${1:-.build/debug/sluice}
ENV_FILE=${SLUICE_S3_ENV:-.build/s3/env}
CORPUS=../shared/corpus/parquet/parquet-testing/data
if [ ! -f "$ENV_FILE" ]; then
  if [ "${CI:-}" = true ]; then echo "s3_cli: FAIL: S3 test server not running"; exit 1; fi
  echo "s3_cli: SKIPPED: S3 test server not running (scripts/s3-server.sh start)"; exit 0
fi
if [ ! -d "$CORPUS" ]; then echo "s3_cli: SKIPPED: ../shared corpus not found"; exit 0; fi
set -a; . "$ENV_FILE"; set +a
export AWS_ENDPOINT_URL="$S3_ENDPOINT"
prefix="s3://$S3_TEST_BUCKET/s3-cli-$$"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { # name, command...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "s3_cli: FAIL: $name"; failed=$((failed + 1)); fi
}
same() { diff -q "$1" "$2" >/dev/null; }

for f in alltypes_plain.parquet nested_lists.snappy.parquet nonnullable.impala.parquet datapage_v2.snappy.parquet; do
  "$SLUICE" parquet cat "$CORPUS/$f" --format jsonl > "$tmp/local.jsonl"
  check "convert $f to s3" "$SLUICE" parquet convert "$CORPUS/$f" "$prefix/$f" --codec zstd
  "$SLUICE" parquet cat "$prefix/$f" --format jsonl > "$tmp/remote.jsonl" || true
  check "cat $f from s3 equals local" same "$tmp/local.jsonl" "$tmp/remote.jsonl"
done
"$SLUICE" parquet cat "$CORPUS/alltypes_plain.parquet" --columns id,string_col --format csv > "$tmp/local.csv"
"$SLUICE" parquet cat "$prefix/alltypes_plain.parquet" --columns id,string_col --format csv > "$tmp/remote.csv" || true
check "projected cat from s3 equals local" same "$tmp/local.csv" "$tmp/remote.csv"
check "schema from s3" "$SLUICE" parquet schema "$prefix/nested_lists.snappy.parquet" >/dev/null
if "$SLUICE" parquet cat "$prefix/missing.parquet" 2>"$tmp/err"; then
  check "missing object fails" false
else
  check "missing object error names it" grep -q "missing.parquet" "$tmp/err"
fi
check "doctor all OK" "$SLUICE" doctor "s3://$S3_TEST_BUCKET/doctor-$$" >"$tmp/doctor" 2>&1 || { cat "$tmp/doctor"; false; }
echo "s3_cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
