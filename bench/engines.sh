# Sourced by scripts/bench (uses WORK, PIDS, CONNS, DURATION, ROUNDS, rps, median).
# PostgreSQL beside SQLite on the same 100,000-household dataset, in the same run:
#  3. a cached read (GET /api/v1/households/{id}) and a database-bound read (name search),
#  4. a write-heavy load: support sessions recorded (POST /api/v1/sessions),
#  5. two caunoi processes on one PostgreSQL vs one, and one process with two workers (a pool of
#     two connections) vs one worker.
# caunoi and PostgreSQL run on CPU 0, wrk on CPU 1.
BIG=${BIG_HOUSEHOLDS:-25000}  # per commune; the demo has 4 communes
build/caunoi demo --db "$WORK/big.db" --secret-file "$WORK/big.key" --households "$BIG" >/dev/null 2>&1
# The cluster's directory must be the postgres user's (WORK is root's, mode 0700).
PGDIR=$(mktemp -d /tmp/caunoi-bench-pg.XXXXXX)
stop_pg() { scripts/pg/cluster stop "$PGDIR"; }
PGADMIN=$(scripts/pg/cluster start "$PGDIR" 18432)
trap 'stop_pg; cleanup' EXIT
PGURL=${PGADMIN%/postgres}/bench
psql -qAtX "$PGADMIN" -c "CREATE DATABASE bench"
T0=$(date +%s.%N)
build/caunoi migrate-data --from "sqlite:$WORK/big.db" --to "$PGURL" >"$WORK/migrate.out"
T1=$(date +%s.%N)
ROWS=$(sed -nE 's/^copied ([0-9]+) rows.*/\1/p' "$WORK/migrate.out")
# PostgreSQL's own processes share CPU 0 with caunoi.
for pid in $(pgrep -f "$PGDIR/data" || true); do taskset -pc 0 "$pid" >/dev/null 2>&1 || true; done

start() { # port db-args…
  local port=$1; shift
  taskset -c 0 build/caunoi serve "$@" --secret-file "$WORK/big.key" --listen 127.0.0.1:$port --quiet >"$WORK/serve-$port.out" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do grep -q listening "$WORK/serve-$port.out" && break; sleep 0.1; done
}
start 18090 --db "$WORK/big.db"
start 18091 --db "$PGURL"
start 18092 --db "$PGURL"
start 18093 --db "$PGURL" --workers 2

token() { curl -sf -H 'content-type: application/json' -d '{"login":"thanhvien.muongxen","password":"caunoi-demo-2026"}' "http://127.0.0.1:$1/api/v1/login" | sed -E 's/.*"token":"([^"]+)".*/\1/'; }
TS=$(token 18090); TP=$(token 18091); TP2=$(token 18092); TW=$(token 18093)
H=$(curl -sf -H "Authorization: Bearer $TS" "http://127.0.0.1:18090/api/v1/households?limit=1" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
R=$(curl -sf -H "Authorization: Bearer $TS" "http://127.0.0.1:18090/api/v1/households/$H/residents" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
for tok in "$TS" "$TP" "$TP2" "$TW"; do
  cat >"$WORK/session-$tok.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $tok"
wrk.body = '{"household_id":"$H","channel":"home_visit","minutes":15,"residents":"$R","service_1":"vneid_account","outcome_1":"done","tip":"never_share_otp"}'
LUA
done
# p99 latency (ms) of a wrk run with --latency.
p99() { taskset -c 1 wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency "$@" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.1f", v}'; }
med_rps() { local out=(); for _ in $(seq "${ROUNDS:-3}"); do out+=("$(rps "$@")"); done; printf '%s\n' "${out[@]}" | median; }

READ_S=$(med_rps -H "Authorization: Bearer $TS" "http://127.0.0.1:18090/api/v1/households/$H")
READ_P=$(med_rps -H "Authorization: Bearer $TP" "http://127.0.0.1:18091/api/v1/households/$H")
SEARCH_S=$(med_rps -H "Authorization: Bearer $TS" "http://127.0.0.1:18090/api/v1/households?q=lo%20van&limit=20")
SEARCH_P=$(med_rps -H "Authorization: Bearer $TP" "http://127.0.0.1:18091/api/v1/households?q=lo%20van&limit=20")
SEARCH_S99=$(p99 -H "Authorization: Bearer $TS" "http://127.0.0.1:18090/api/v1/households?q=lo%20van&limit=20")
SEARCH_P99=$(p99 -H "Authorization: Bearer $TP" "http://127.0.0.1:18091/api/v1/households?q=lo%20van&limit=20")
WRITE_S=$(med_rps -s "$WORK/session-$TS.lua" "http://127.0.0.1:18090/api/v1/sessions")
WRITE_P=$(med_rps -s "$WORK/session-$TP.lua" "http://127.0.0.1:18091/api/v1/sessions")
# Two processes: two wrk at once, one per process, summed; against one process alone.
TWO=$( { taskset -c 1 wrk -t1 -c"$CONNS" -d"${DURATION}s" -s "$WORK/session-$TP.lua" "http://127.0.0.1:18091/api/v1/sessions" &
         taskset -c 1 wrk -t1 -c"$CONNS" -d"${DURATION}s" -s "$WORK/session-$TP2.lua" "http://127.0.0.1:18092/api/v1/sessions"; wait; } \
       | awk '/Requests\/sec/ {s += $2} END {printf "%.2f", s}')
ONE=$(rps -s "$WORK/session-$TP.lua" "http://127.0.0.1:18091/api/v1/sessions")
WORKERS2=$(rps -s "$WORK/session-$TW.lua" "http://127.0.0.1:18093/api/v1/sessions")
SEARCH_W2=$(med_rps -H "Authorization: Bearer $TW" "http://127.0.0.1:18093/api/v1/households?q=lo%20van&limit=20")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo
echo "## PostgreSQL beside SQLite ($(sqlite3 "$WORK/big.db" 'SELECT COUNT(*) FROM households') households, $(sqlite3 "$WORK/big.db" 'SELECT COUNT(*) FROM residents') residents; wrk -t1 -c$CONNS -d${DURATION}s, medians of ${ROUNDS:-3})"
echo
echo "| load | SQLite req/s | PostgreSQL req/s | PostgreSQL / SQLite |"
echo "|---|---|---|---|"
echo "| GET /api/v1/households/{id} (cached read) | $READ_S | $READ_P | $(ratio "$READ_P" "$READ_S") |"
echo "| GET /api/v1/households?q=lo%20van (name search) | $SEARCH_S | $SEARCH_P | $(ratio "$SEARCH_P" "$SEARCH_S") |"
echo "| POST /api/v1/sessions (write-heavy) | $WRITE_S | $WRITE_P | $(ratio "$WRITE_P" "$WRITE_S") |"
echo
echo "Name search p99: SQLite ${SEARCH_S99} ms, PostgreSQL ${SEARCH_P99} ms (budget 10 ms at province scale)."
echo
echo "| PostgreSQL, POST /api/v1/sessions | req/s |"
echo "|---|---|"
echo "| one caunoi process | $ONE |"
echo "| two caunoi processes (summed) | $TWO |"
echo "| **two / one** | **$(ratio "$TWO" "$ONE")** |"
echo "| one process, two workers (pool of two connections) | $WORKERS2 |"
echo "| **two workers / one** | **$(ratio "$WORKERS2" "$ONE")** |"
echo
echo "Name search on PostgreSQL, one process with two workers: $SEARCH_W2 req/s, $(ratio "$SEARCH_W2" "$SEARCH_P") × one worker."
echo
echo "migrate-data: $ROWS rows in $(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.0f", b - a }') s ($(awk -v r="$ROWS" -v a="$T0" -v b="$T1" 'BEGIN { printf "%.0f", r / (b - a) }') rows/s), verified."
