#!/usr/bin/env bash
# Sync apply rate beside the CHT stack's server (DESIGN.md §6: caunoi ≥ 1.5× PouchDB's `_bulk_docs`
# with fsync on). The same 10,000 support-session operations, pushed one push of 500 at a time, to
#  - caunoi: `caunoi serve`, one worker, on a fresh copy of a demo database (500 households per
#    commune), SQLite as deployed (WAL, synchronous=FULL);
#  - express-pouchdb on pouchdb-node's LevelDB adapter (bench/pouch/, pinned versions installed
#    with npm), every LevelDB write synchronous (bench/pouch/server.js says how), checked first
#    with strace: the fsync/fdatasync calls per push, with sync on and off.
# Both servers on CPU 0, their pushes interleaved (one to each in turn), the driver on CPU 1; RUNS
# (default 3) runs, each on fresh data of both, which server goes first alternating. Prints markdown.
#
# Alone: bench/pouch_apply.sh   (CAUNOI_BIN=build-bench/caunoi to use another build; RUNS=N)
# In scripts/bench: sourced, with its WORK and PIDS.
# shellcheck source=bench/alone.sh
source "$(dirname "${BASH_SOURCE[0]}")/alone.sh"
PA_BIN=${CAUNOI_BIN:-build/caunoi}
PA_CAUNOI_PORT=${PA_CAUNOI_PORT:-23095}
PA_POUCH_PORT=${PA_POUCH_PORT:-23096}
bench_ports pouch_apply "$PA_CAUNOI_PORT" "$PA_POUCH_PORT"
# The peer, from the npm registry only: leveldown ships its prebuilt binaries in its package.
(cd bench/pouch && { [[ -d node_modules/express-pouchdb ]] || npm ci --no-audit --no-fund --loglevel=error >/dev/null; })

"$PA_BIN" demo --db "$WORK/pa.db" --secret-file "$WORK/pa.key" --households 500 >/dev/null 2>&1
sqlite3 "$WORK/pa.db" ".backup $WORK/pa-clean.db"

# Starts a server in the background on CPU 0, waits for "listening"; sets PA_PID.
pa_start() {
  local out=$1; shift
  taskset -c 0 "$@" >"$out" 2>&1 &
  PA_PID=$!
  PIDS+=("$PA_PID")
  for _ in $(seq 200); do grep -q listening "$out" && return 0; sleep 0.05; done
  echo "pouch_apply: $* did not start: $(cat "$out")" >&2
  exit 1
}
pa_stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
pa_j() { node -e "process.stdout.write(String(JSON.parse(process.argv[1])[process.argv[2]]))" "$1" "$2"; }

# Does LevelDB really sync? fsync/fdatasync calls under strace for N operations (N/500 pushes) on a
# fresh database, LevelDB's writes synchronous (1) or not (0); sets PA_SYNCS. Opening and creating
# the databases sync a few times either way: the pushes' share is the difference between two N.
pa_syncs() {
  rm -rf "$WORK/pouch-check" && mkdir -p "$WORK/pouch-check"
  POUCH_SYNC=$1 pa_start "$WORK/pouch-check.out" strace -f -qq -e trace=fsync,fdatasync -c -o "$WORK/strace.txt" \
    node bench/pouch/server.js "$PA_POUCH_PORT" "$WORK/pouch-check"
  taskset -c 1 node bench/pouch_apply.mjs - "http://127.0.0.1:$PA_POUCH_PORT" "$WORK/pa.db" "$2" >/dev/null
  # strace writes its count when the traced node exits: stop node, not strace.
  pa_stop "$(ps -o pid= --ppid "$PA_PID" | tr -d ' ')"
  wait "$PA_PID" 2>/dev/null || true
  PA_SYNCS=$(awk '$NF ~ /^f(data)?sync$/ { n += $4 } END { print n + 0 }' "$WORK/strace.txt")
}
pa_syncs 1 1000
PA_SYNC_2=$PA_SYNCS
pa_syncs 1 3000
PA_SYNC_6=$PA_SYNCS
pa_syncs 0 3000
PA_SYNC_OFF=$PA_SYNCS

PA_ROWS=()
PA_RATIOS=()
for run in $(seq "${RUNS:-3}"); do
  cp "$WORK/pa-clean.db" "$WORK/pa-run.db"
  rm -f "$WORK/pa-run.db-wal" "$WORK/pa-run.db-shm"
  rm -rf "$WORK/pouch" && mkdir -p "$WORK/pouch"
  pa_start "$WORK/pa-caunoi.out" "$PA_BIN" serve --db "$WORK/pa-run.db" --secret-file "$WORK/pa.key" \
    --listen "127.0.0.1:$PA_CAUNOI_PORT" --workers 1 --quiet
  PA_CAUNOI=$PA_PID
  pa_start "$WORK/pa-pouch.out" node bench/pouch/server.js "$PA_POUCH_PORT" "$WORK/pouch"
  PA_POUCH=$PA_PID
  order=caunoi,pouch; ((run % 2)) || order=pouch,caunoi
  R=$(taskset -c 1 node bench/pouch_apply.mjs "http://127.0.0.1:$PA_CAUNOI_PORT" "http://127.0.0.1:$PA_POUCH_PORT" \
    "$WORK/pa-run.db" 10000 "$order")
  pa_stop "$PA_CAUNOI"
  pa_stop "$PA_POUCH"
  PA_ROWS+=("| $run ($order) | $(pa_j "$R" caunoi_ops_per_s) ($(pa_j "$R" caunoi_ms) ms) | $(pa_j "$R" pouch_ops_per_s) ($(pa_j "$R" pouch_ms) ms) | $(pa_j "$R" ratio) |")
  PA_RATIOS+=("$(pa_j "$R" ratio)")
done
PA_MEDIAN=$(printf '%s\n' "${PA_RATIOS[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

echo
echo "## Sync apply vs the CHT stack's server (express-pouchdb 4.2.0, pouchdb-node 9.0.0, LevelDB, fsync on)"
echo
echo "10,000 support-session operations, pushes of 500 one at a time, one to each server in turn (both on CPU 0); ops/s = 10,000 / the sum of that server's push times."
echo "LevelDB fsync check (strace, fsync + fdatasync calls, fresh database each): 2 pushes $PA_SYNC_2, 6 pushes $PA_SYNC_6"
echo "($(( (PA_SYNC_6 - PA_SYNC_2) / 4 )) per push); 6 pushes with LevelDB's default (no sync): $PA_SYNC_OFF."
echo
echo "| run (first server) | caunoi ops/s | PouchDB _bulk_docs ops/s | caunoi / PouchDB |"
echo "|---|---|---|---|"
printf '%s\n' "${PA_ROWS[@]}"
echo "| **median** (target ≥ 1.5) | | | **$PA_MEDIAN** |"
