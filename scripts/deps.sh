#!/usr/bin/env bash
# Installs what the build, tests and benchmarks need, only when missing: Debian packages (only when a header
# or tool is absent; sudo when not root), then the Python venv .venv from scripts/requirements-dev.txt.
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
check /usr/bin/time time
command -v tmux >/dev/null || need+=(tmux)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3 python3-venv)

if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "deps: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" </dev/null
fi

# The venv is rebuilt when missing or when the requirements changed since it was made.
stamp=.venv/.requirements-dev.txt
if [ ! -x .venv/bin/python ] || ! cmp -s scripts/requirements-dev.txt "$stamp"; then
  echo "deps: creating .venv with the Python dev tools"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r scripts/requirements-dev.txt
  cp scripts/requirements-dev.txt "$stamp"
fi
