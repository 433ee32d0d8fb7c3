#!/usr/bin/env bash
# Runs every statement of the README's "A two-minute tour" (its ```sql blocks) through the shell, piped, on a
# fresh demo warehouse, so the README cannot drift from the product. Instants in the tour are examples:
# each 17-digit instant literal is replaced by the demo's second commit of `trips`.
# Usage: scripts/shell/tour.sh [SLUICE_BINARY]   (default .build/debug/sluice)
set -euo pipefail
cd "$(dirname "$0")/../.."
SLUICE=$(realpath "${1:-.build/debug/sluice}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash Fixtures/demo/build-warehouse.sh "$SLUICE" "$work/warehouse" >/dev/null
instant=$(ls "$work/warehouse/trips/.hoodie" | grep -E '^[0-9]{17}\.commit$' | sort | sed -n 2p | cut -c1-17)

# The tour's statements, one per record (NUL-separated): a dot command is one line, SQL runs to its ';'.
statements() {
  awk '/^## A two-minute tour/ { tour = 1; next } /^## / { tour = 0 }
       tour && /^```sql/ { block = 1; next } block && /^```/ { block = 0; next }
       block { print }' README.md |
  awk -v ORS='\0' '
       /^\./ && sql == "" { print; next }
       { sql = sql == "" ? $0 : sql "\n" $0 }
       /;[[:space:]]*$/ { print sql; sql = "" }'
}

count=0
failed=0
while IFS= read -r -d '' statement; do
  statement=$(sed -E "s/'[0-9]{17}'/'$instant'/g" <<<"$statement")
  count=$((count + 1))
  if out=$(printf '%s\n' "$statement" | "$SLUICE" shell --warehouse "$work/warehouse" 2>&1); then
    echo "ok   $(head -1 <<<"$statement")"
  else
    echo "FAIL $(head -1 <<<"$statement")"
    sed 's/^/     | /' <<<"$out" | head -8
    failed=$((failed + 1))
  fi
done < <(statements)

[ $count -gt 0 ] || { echo "README tour: no statements found"; exit 1; }
if [ $failed -gt 0 ]; then echo "README tour: $failed of $count statements FAILED"; exit 1; fi
echo "README tour: all $count statements ran"
