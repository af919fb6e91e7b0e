# Sourced by scripts/bench (uses WORK, PIDS): the field app's first sync over the DevTools "3G"
# preset (time, compressed bytes per record; budget 10 s and 200 B for a village of ~300
# households), and the server's apply rate for 10,000 pushed operations (20 pushes of 500)
# against the sqlite3 shell inserting the same rows (target 20,000 ops/s).
build/caunoi demo --db "$WORK/sync.db" --secret-file "$WORK/sync.key" --households 500 >/dev/null 2>&1
taskset -c 0 build/caunoi serve --db "$WORK/sync.db" --secret-file "$WORK/sync.key" --listen 127.0.0.1:18095 --quiet >"$WORK/serve-sync.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q listening "$WORK/serve-sync.out" && break; sleep 0.1; done
FIRST=$(taskset -c 1 node bench/first_sync.mjs http://127.0.0.1:18095)
sqlite3 "$WORK/sync.db" ".backup $WORK/sync-copy.db"
APPLY=$(taskset -c 1 node bench/sync_apply.mjs http://127.0.0.1:18095 "$WORK/sync.db" "$WORK/sync-copy.db")
j() { node -e "process.stdout.write(String(JSON.parse(process.argv[1])[process.argv[2]]))" "$1" "$2"; }
echo
echo "## Offline sync (the field app)"
echo
echo "| measure | value | budget |"
echo "|---|---|---|"
echo "| first sync over \"3G\" (400 kbps, 400 ms): $(j "$FIRST" households) households, $(j "$FIRST" residents) residents, $(j "$FIRST" tasks) tasks | $(awk -v m="$(j "$FIRST" ms)" 'BEGIN { printf "%.1f s", m / 1000 }') | ≤ 10 s |"
echo "| compressed bytes per record pulled ($(j "$FIRST" pulled_bytes) B in all) | $(j "$FIRST" bytes_per_record) B | ≤ 200 B |"
echo "| apply rate, 10,000 session operations in 20 pushes, one server thread on one core | $(j "$APPLY" ops_per_s) ops/s ($(j "$APPLY" caunoi_ms) ms) | ≥ 20,000 ops/s |"
echo "| sqlite3 shell, the same $(j "$APPLY" shell_rows) rows as plain multi-row INSERTs, a transaction per 500 operations | $(j "$APPLY" shell_ms) ms ($(awk -v m="$(j "$APPLY" shell_ms)" -v n="$(j "$APPLY" ops)" 'BEGIN { printf "%d", n / m * 1000 }') ops/s) | reference |"
echo "| **caunoi time / shell time** | **$(awk -v a="$(j "$APPLY" caunoi_ms)" -v b="$(j "$APPLY" shell_ms)" 'BEGIN { printf "%.2f", a / b }')** | |"
