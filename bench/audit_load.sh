#!/usr/bin/env bash
# The cost of auditing reads (issue 23): 256 connections for AUDIT_SECONDS (default 30) against
# `caunoi serve --workers 2`, with an audit-heavy mix (household pages and their residents' JSON:
# every resident shown writes an audit row) and a plain mix of the same shape (village pages and
# households' JSON: nothing audited), ROUNDS (default 2) rounds alternating which goes first.
# Prints markdown: requests/s, p50 and p99, errors, audit rows written per second.
#
# Alone: bench/audit_load.sh   (CAUNOI_BIN=… for another build)
# shellcheck source=bench/alone.sh
source "$(dirname "${BASH_SOURCE[0]}")/alone.sh"
AL_BIN=${CAUNOI_BIN:-build/caunoi}
AL_PORT=${AUDIT_PORT:-23395}
AL_SECONDS=${AUDIT_SECONDS:-30}
bench_ports audit_load "$AL_PORT"
ulimit -n 8192 2>/dev/null || true
"$AL_BIN" demo --db "$WORK/audit.db" --households "${AUDIT_HOUSEHOLDS:-150}" >/dev/null 2>&1
# As deployed behind a reverse proxy on the same box (its connections are not capped per address).
"$AL_BIN" serve --db "$WORK/audit.db" --listen "127.0.0.1:$AL_PORT" --trusted-proxy 127.0.0.1 --workers 2 --quiet >"$WORK/audit-serve.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -qs listening "$WORK/audit-serve.out" && break; sleep 0.1; done
AL_BASE=http://127.0.0.1:$AL_PORT
for mix in audit plain; do node bench/load_prepare.mjs "$AL_BASE" "$WORK" "$mix" >/dev/null; done
audit_rows() { sqlite3 "$WORK/audit.db" "SELECT COUNT(*) FROM audit_log"; }
field() { sed -E "s/.* $1=([^ ]+).*/\1/"; }

echo
echo "### Audited reads under load: 256 connections, ${AL_SECONDS} s, \`--workers 2\`"
echo
echo "| round | mix | requests/s | p50 ms | p99 ms | not 200 | socket errors | audit rows/s |"
echo "|---|---|---|---|---|---|---|---|"
AL_FAIL=0
for round in $(seq "${ROUNDS:-2}"); do
  order=(audit plain); ((round % 2)) || order=(plain audit)
  for mix in "${order[@]}"; do
    before=$(audit_rows)
    res=$(wrk -t2 -c256 -d"${AL_SECONDS}s" --timeout 10s -s "$WORK/legit-$mix.lua" "$AL_BASE" | grep '^RESULT')
    rows=$(( $(audit_rows) - before ))
    echo "| $round | $mix | $(field rps <<<"$res") | $(field p50_ms <<<"$res") | $(field p99_ms <<<"$res") | $(field not_200 <<<"$res") | $(field socket_errors <<<"$res") | $((rows / AL_SECONDS)) |"
    [[ $(field not_200 <<<"$res") == 0 && $(field socket_errors <<<"$res") == 0 ]] || AL_FAIL=1
  done
done
if ((AL_FAIL)); then echo "audit_load: errors under load" >&2; fi
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then exit "$AL_FAIL"; fi
