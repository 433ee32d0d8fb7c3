#!/usr/bin/env bash
# Uploads and downloads 1 GiB against the local SeaweedFS, as 8 MiB objects and then as 64 KiB objects, with
# Sluice (`sluice doctor --bench`) and with boto3 (put_object/get_object), one request at a time each, and prints
# Sluice's time as a ratio of boto3's (target: <= 1.2).
#   Benchmarks/compare/s3.sh [TOTAL_BYTES]    (default 1073741824)
set -euo pipefail
cd "$(dirname "$0")/../.."

TOTAL=${1:-$((1 << 30))}
VENV=.build/s3/venv
started=""
if ! scripts/s3-server.sh status; then
  scripts/s3-server.sh start
  started=1
fi
cleanup() { [ -n "$started" ] && scripts/s3-server.sh stop || true; }
trap cleanup EXIT
set -a; . .build/s3/env; set +a

"$VENV/bin/python" -c "import boto3" 2>/dev/null || "$VENV/bin/pip" install -q 'boto3>=1.35'
[ -x .build/release/sluice ] || swift build -c release --product sluice >/dev/null

boto3_bench() {  # object_bytes -> "up down"
  "$VENV/bin/python" - "$1" "$TOTAL" <<'PY'
import os, sys, time, uuid
import boto3
from botocore.config import Config
size, total = int(sys.argv[1]), int(sys.argv[2])
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], region_name=os.environ["AWS_REGION"],
                  config=Config(s3={"addressing_style": "path"}, max_pool_connections=10))
bucket = os.environ["S3_TEST_BUCKET"]
body = bytes((i * 2654435761 >> 7) & 0xFF for i in range(min(size, 1 << 16))) * max(1, size >> 16)
body = body[:size]
keys = [f"boto3-bench-{uuid.uuid4().hex[:8]}/{i:06d}" for i in range(max(1, total // size))]
t = time.perf_counter()
for k in keys:
    s3.put_object(Bucket=bucket, Key=k, Body=body)
up = time.perf_counter() - t
t = time.perf_counter()
n = 0
for k in keys:
    n += len(s3.get_object(Bucket=bucket, Key=k)["Body"].read())
down = time.perf_counter() - t
assert n == len(keys) * size
for i in range(0, len(keys), 1000):
    s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys[i:i + 1000]]})
print(f"{up:.3f} {down:.3f}")
PY
}

sluice_bench() {  # object_bytes -> "up down"
  .build/release/sluice doctor --bench --bench-bytes "$TOTAL" --bench-object-bytes "$1" "s3://$S3_TEST_BUCKET" |
    sed -E 's/.*up_seconds=([0-9.]+) down_seconds=([0-9.]+).*/\1 \2/'
}

printf "%-10s %-5s %10s %10s %8s\n" objects dir "sluice s" "boto3 s" ratio
for size in $((8 << 20)) $((64 << 10)); do
  read -r s_up s_down < <(sluice_bench "$size")
  read -r b_up b_down < <(boto3_bench "$size")
  label=$([ "$size" -ge $((1 << 20)) ] && echo "$((size >> 20))MiB" || echo "$((size >> 10))KiB")
  for dir in up down; do
    s=$([ $dir = up ] && echo "$s_up" || echo "$s_down")
    b=$([ $dir = up ] && echo "$b_up" || echo "$b_down")
    printf "%-10s %-5s %10.3f %10.3f %8.2f\n" "$label" "$dir" "$s" "$b" "$(echo "$s / $b" | bc -l)"
  done
done
