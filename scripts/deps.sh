#!/usr/bin/env bash
# Installs what the build and tests need, only when missing: Debian -dev packages, then the Python venv.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
check() { [ -e "$1" ] || need+=("$2"); }
check /usr/include/zlib.h zlib1g-dev
check /usr/include/zstd.h libzstd-dev
check /usr/include/snappy-c.h libsnappy-dev
check /usr/include/lz4.h liblz4-dev
check /usr/include/brotli/decode.h libbrotli-dev
check /usr/include/histedit.h libedit-dev
command -v pkg-config >/dev/null || need+=(pkg-config)

if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "deps: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import pyarrow, duckdb, hudi" 2>/dev/null; then
  echo "deps: creating .venv with the Python dev tools"
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r scripts/requirements-dev.txt
fi
