#!/usr/bin/env bash
# Bounded load run (docs/benchmarks.md, "Load with a login flood alongside"): 256 connections for
# LOAD_SECONDS (default 60) of legitimate traffic — household pages and searches (cookie sessions)
# and JSON reads (bearer tokens), as members and officers of four communes, every household page
# writing its audit rows — once alone and once with an anonymous login flood alongside (8
# connections of unknown-name logins, each from another client address, so no per-address limit
# helps: every one is an argon2id). LOAD_ROUNDS (default 2) rounds, the order alternating.
# Prints markdown; fails if the legitimate traffic had any error (not 200, or a socket error).
# The ratio to watch: p99 with the flood / p99 without, at most 2.
#
# Alone: bench/load.sh   (CAUNOI_BIN=… for another build)   In scripts/bench: sourced.
# shellcheck source=bench/alone.sh
source "$(dirname "${BASH_SOURCE[0]}")/alone.sh"
LD_BIN=${CAUNOI_BIN:-build/caunoi}
LD_PORT=${LOAD_PORT:-23295}
LD_SECONDS=${LOAD_SECONDS:-60}
bench_ports load "$LD_PORT"
ulimit -n 8192 2>/dev/null || true

"$LD_BIN" demo --db "$WORK/load.db" --households "${LOAD_HOUSEHOLDS:-150}" >/dev/null 2>&1
# As deployed behind a reverse proxy on the same box: X-Forwarded-For from 127.0.0.1 is believed.
"$LD_BIN" serve --db "$WORK/load.db" --listen "127.0.0.1:$LD_PORT" --trusted-proxy 127.0.0.1 --quiet >"$WORK/load-serve.out" 2>&1 &
LD_PID=$!
PIDS+=("$LD_PID")
for _ in $(seq 100); do grep -qs listening "$WORK/load-serve.out" && break; sleep 0.1; done
LD_BASE=http://127.0.0.1:$LD_PORT
node bench/load_prepare.mjs "$LD_BASE" "$WORK" >/dev/null

# One run: legitimate traffic, with the flood alongside when $1 = flood. Prints the RESULT line
# (and the FLOOD line).
load_run() {
  local flood_pid=""
  if [[ $1 == flood ]]; then
    wrk -t1 -c8 -d"$((LD_SECONDS + 2))s" -s "$WORK/flood.lua" "$LD_BASE" >"$WORK/flood.out" 2>&1 &
    flood_pid=$!
    sleep 2  # the hashing pool full before the legitimate run starts
  fi
  wrk -t2 -c256 -d"${LD_SECONDS}s" --timeout 10s -s "$WORK/legit.lua" "$LD_BASE" | grep '^RESULT'
  if [[ -n $flood_pid ]]; then wait "$flood_pid"; grep '^FLOOD' "$WORK/flood.out"; fi
}
field() { sed -E "s/.* $1=([^ ]+).*/\1/"; }

echo
echo "### Load: 256 connections for ${LD_SECONDS} s, with and without an anonymous login flood"
echo
echo "| round | run | requests/s | p50 ms | p99 ms | not 200 | socket errors | flood logins/s (401 / 503) |"
echo "|---|---|---|---|---|---|---|---|"
LD_FAIL=0
LD_RATIOS=()
for round in $(seq "${LOAD_ROUNDS:-2}"); do
  order=(alone flood); ((round % 2)) || order=(flood alone)
  declare -A p99=()
  for run in "${order[@]}"; do
    out=$(load_run "$run")
    res=$(grep '^RESULT' <<<"$out")
    fl=$(grep '^FLOOD' <<<"$out" || true)
    flood_cell="—"
    [[ -n $fl ]] && flood_cell="$(field rps <<<"$fl") ($(field refused_401 <<<"$fl") / $(field busy_503 <<<"$fl"))"
    echo "| $round | $run | $(field rps <<<"$res") | $(field p50_ms <<<"$res") | $(field p99_ms <<<"$res") | $(field not_200 <<<"$res") | $(field socket_errors <<<"$res") | $flood_cell |"
    [[ $(field not_200 <<<"$res") == 0 && $(field socket_errors <<<"$res") == 0 ]] || LD_FAIL=1
    p99[$run]=$(field p99_ms <<<"$res")
  done
  LD_RATIOS+=("$(awk -v a="${p99[flood]}" -v b="${p99[alone]}" 'BEGIN {printf "%.2f", a / b}')")
done
echo
echo "p99 with the flood / p99 alone, per round: ${LD_RATIOS[*]} (target ≤ 2)."
echo "Audit rows written by the legitimate traffic: $(sqlite3 "$WORK/load.db" "SELECT COUNT(*) FROM audit_log WHERE action = 'view'")."
if ((LD_FAIL)); then echo "load: the legitimate traffic had errors" >&2; fi
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then exit "$LD_FAIL"; fi
