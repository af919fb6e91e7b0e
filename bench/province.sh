#!/usr/bin/env bash
# Province scale (docs/benchmarks.md, "Province scale"): on a database made by
# `caunoi demo --scale province` (3.4 M residents; PROVINCE_DB, made here when missing, which takes
# the time docs/benchmarks.md states), and on PostgreSQL when PROVINCE_PG names one so made:
#  1. the province and commune indicator pages and the name search, p50/p95 of 200 requests one
#     at a time (bench/province_pages.mjs), beside nginx serving the province page's bytes;
#  2. the server's peak RSS after them (VmHWM);
#  3. a full recount of every figure compared with the kept ones (`caunoi indicators check`), time
#     and peak RSS.
# PROVINCE_SQLITE=0 runs PostgreSQL only; PROVINCE_RECOUNT=0 leaves out 3. (several minutes at full scale).
# Alone: PROVINCE_DB=/path/full.db PROVINCE_KEY=/path/key [PROVINCE_PG=postgresql://…] bench/province.sh
# shellcheck source=bench/alone.sh
source "$(dirname "${BASH_SOURCE[0]}")/alone.sh"
PV_BIN=${CAUNOI_BIN:-build/caunoi}
PV_DB=${PROVINCE_DB:-build/province.db}
PV_KEY=${PROVINCE_KEY:-build/province.key}
PV_PORT=${PROVINCE_PORT:-23310}
PV_NGINX=$((PV_PORT + 1))
bench_ports province "$PV_PORT" "$PV_NGINX"
if [[ ${PROVINCE_SQLITE:-1} == 1 && ! -s $PV_DB ]]; then
  /usr/bin/time -f 'generated in %e s, peak RSS %M KB' "$PV_BIN" demo --db "$PV_DB" --secret-file "$PV_KEY" --scale province
fi
mkdir -p "$WORK/www"
bench_nginx "$PV_NGINX" "$WORK/www"

# One engine: $1 a label, $2 the --db value, $3 a command printing 50 residents' names of Mường Xén.
province_run() {
  local label=$1 db=$2 names=$3
  eval "$names" >"$WORK/names.txt"
  "$PV_BIN" serve --db "$db" --secret-file "$PV_KEY" --listen "127.0.0.1:$PV_PORT" --quiet >"$WORK/serve.out" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 600); do grep -qs listening "$WORK/serve.out" && break; sleep 0.1; done
  echo
  echo "### $label: pages and name search (one request at a time, 200 each, ms)"
  echo
  echo "| request | p50 ms | p95 ms | bytes |"
  echo "|---|---|---|---|"
  node bench/province_pages.mjs "http://127.0.0.1:$PV_PORT" "http://127.0.0.1:$PV_NGINX" "$WORK/www" "$WORK/names.txt" 16813
  echo
  echo "Server peak RSS after them: $(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status") MB"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo
  [[ ${PROVINCE_RECOUNT:-1} == 1 ]] || return 0
  /usr/bin/time -f "Full recount of every figure, compared with the kept ones (\`caunoi indicators check\`): %e s, peak RSS %M KB" \
    "$PV_BIN" indicators check --db "$db" --secret-file "$PV_KEY" 2>&1 | tail -2
}

if [[ ${PROVINCE_SQLITE:-1} == 1 ]]; then
  province_run "SQLite" "$PV_DB" \
    "sqlite3 '$PV_DB' \"SELECT full_name FROM residents WHERE commune_id = '16813' ORDER BY random() LIMIT 50\""
fi
if [[ -n ${PROVINCE_PG:-} ]]; then
  province_run "PostgreSQL" "$PROVINCE_PG" \
    "psql -qAtX '$PROVINCE_PG' -c \"SELECT full_name FROM residents WHERE commune_id = '16813' ORDER BY random() LIMIT 50\""
fi
