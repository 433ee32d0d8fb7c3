#!/usr/bin/env bash
# Drives the real `sluice` shell through a pseudo-terminal (a private tmux server: send-keys, capture-pane)
# on a fresh demo warehouse, and checks what a user sees: the banner, multi-line input, .mode, table-name
# completion, the error caret, .timer, history written and recalled (Up and Ctrl-R), Ctrl-C cancelling a
# long query, and the progress bar. Then piped input, and `make run` with its input piped.
# Usage: scripts/shell/acceptance.sh [SLUICE_BINARY]   (default .build/debug/sluice)
set -euo pipefail
cd "$(dirname "$0")/../.."
SLUICE=$(realpath "${1:-.build/debug/sluice}")
PY=${PY:-.venv/bin/python}
work=$(mktemp -d)
export TMUX_TMPDIR=$work
session=sluice
cleanup() { tmux kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

bash Fixtures/demo/build-warehouse.sh "$SLUICE" "$work/warehouse" >/dev/null
mkdir -p "$work/home" "$work/big"
# A slow scan for the progress bar and Ctrl-C: 24 files of 250,000 rows, read by a debug build.
"$PY" - "$work/big" <<'PYEOF'
import sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq
n = 250_000
for i in range(24):
    k = np.arange(i * n, (i + 1) * n, dtype=np.int64)
    pq.write_table(pa.table({"k": k, "v": (k % 97).astype(np.float64)}), f"{sys.argv[1]}/part-{i:02d}.parquet")
PYEOF
slow="SELECT count(*), sum(v) FROM read_parquet('$work/big/*.parquet') WHERE k % 7 = 3;"

failures=0
capture() { tmux capture-pane -p -J -t $session -S -300; }
wait_for() {  # TEXT [SECONDS]: true once TEXT is on the screen
  local deadline=$((SECONDS + ${2:-30}))
  while [ $SECONDS -lt $deadline ]; do capture | grep -qF -- "$1" && return 0; sleep 0.2; done
  return 1
}
check() {
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failures=$((failures + 1)); capture | grep -v '^ *$' | tail -15 | sed 's/^/     | /'; fi
}
start() {
  tmux kill-server 2>/dev/null || true
  while tmux has-session 2>/dev/null; do sleep 0.2; done
  sleep 0.5
  local attempt
  for attempt in 1 2 3; do
    tmux new-session -d -s $session -x 150 -y 50 \
      "env HOME=$work/home TERM=xterm $SLUICE shell --warehouse $work/warehouse; sleep 30" 2>/dev/null && break
    sleep 1
  done
  wait_for 'sluice> ' 60
}
send() { tmux send-keys -t $session "$@"; }
# tmux reads a trailing ';' as its own command separator: send it escaped.
line() { if [[ $1 == *";" ]]; then send -l "${1%;}"'\;'; else send -l "$1"; fi; send Enter; }
clear_screen() { tmux clear-history -t $session; send C-l; sleep 0.3; }

check "banner names the warehouse" start
check "banner" wait_for "on warehouse $work/warehouse (3 tables)"

line "SELECT trip_id,"
line "  fare FROM trips"
line "WHERE trip_id = 'trip-001';"
multi_line() { wait_for "   ...> " && wait_for "trip-001" && wait_for "1 row"; }
check "multi-line statement" multi_line

clear_screen
line ".mode csv"
line "SELECT trip_id, fare FROM trips WHERE trip_id = 'trip-002';"
check ".mode csv" wait_for "trip-002,20.2"
line ".mode line"
line "SELECT trip_id, fare FROM trips WHERE trip_id = 'trip-002';"
check ".mode line" wait_for "trip_id = trip-002"
line ".mode box"
line "SELECT trip_id FROM trips WHERE trip_id = 'trip-003';"
check ".mode box" wait_for "│ trip-003 │"

clear_screen
line "SELECT * FROM trips;"
fits() {
  wait_for "columns (" || return 1
  # capture -J joins wrapped lines, so a line wider than the pane shows up longer than 150 characters.
  capture | grep -qF "│ … │" && capture | python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 150 for l in sys.stdin))'
}
check "box mode elides middle columns to fit the terminal" fits

clear_screen
send -l "SELECT count(*) AS n FROM rid"
send Tab
sleep 0.5
line ";"
# Completion appends a space after the table name, as readline does.
completion() { wait_for "FROM riders ;" && wait_for "│     7 │"; }
check "Tab completes a table name" completion

clear_screen
line "SELECT * FROM trips WHERE fare = = 1;"
caret() {
  wait_for "Parser Error" || return 1
  local text sql caretline
  text=$(capture)
  sql=$(grep -n "^  SELECT \* FROM trips WHERE fare = = 1$" <<<"$text" | tail -1 | cut -d: -f1)
  [ -n "$sql" ] || return 1
  caretline=$(sed -n "$((sql + 1))p" <<<"$text")
  # The second '=' is column 34 of the statement; the SQL line is indented by two spaces.
  [ "$caretline" = "$(printf '%36s' '^')" ]
}
check "error shows a caret under the position" caret
line "SELECT 40 + 2 AS answer;"
check "the shell carries on after an error" wait_for "│     42 │"

clear_screen
line ".timer on"
line "SELECT 1 AS one;"
check ".timer" wait_for "Run Time (s): real"
line ".timer off"

clear_screen
line "$slow"
check "progress bar on a slow query" wait_for "% of 24 files" 60
send C-c
check "Ctrl-C cancels the running query" wait_for "INTERRUPT Error" 30
line "SELECT 'still here' AS status;"
check "the shell is usable after Ctrl-C" wait_for "still here"

line ".quit"
# libedit writes spaces as \040.
history() { sed 's/\\040/ /g' "$work/home/.sluice_history" | grep -qF "SELECT 40 + 2 AS answer;"; }
check "history file written" history
check "a second session starts" start
send Up
sleep 0.3
recall_up() { capture | grep -qF "sluice> SELECT 'still here' AS status;"; }
check "Up recalls the last statement of the previous session" recall_up
send C-u C-r
send -l "40 + "
sleep 0.3
send Enter
sleep 0.3
send Enter
check "Ctrl-R finds an older statement" wait_for "│     42 │"
line ".quit"

piped_out=$(echo "SELECT 1 AS one;" | "$SLUICE" --warehouse "$work/warehouse")
sql_out=$("$SLUICE" sql --warehouse "$work/warehouse" -c "SELECT 1 AS one;")
piped() { [ "$piped_out" = "$sql_out" ] && ! grep -q "sluice>" <<<"$piped_out"; }
check "piped input prints like sluice sql, without prompts" piped
piped_error() { ! echo "SELEC 1;" | "$SLUICE" --warehouse "$work/warehouse" >/dev/null 2>&1; }
check "piped input fails on an error" piped_error

run_out=$(echo "SELECT count(*) AS trips FROM trips;" | \
  make --no-print-directory -o release run SLUICE_RELEASE="$SLUICE" WAREHOUSE="$work/run-warehouse" 2>&1)
make_run() { grep -q "demo: created" <<<"$run_out" && grep -q "^15 *$" <<<"$run_out"; }
check "make run builds the demo warehouse and runs the shell" make_run

if [ $failures -gt 0 ]; then echo "shell acceptance: $failures FAILED"; exit 1; fi
echo "shell acceptance: all passed"
