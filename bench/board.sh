#!/usr/bin/env bash
# Village board benchmarks (sourced by scripts/bench after the JSON read, which started caunoi on
# $BASE (CPU 0) with nginx (CPU 0) serving $WORK/www on 127.0.0.1:18081; or run alone:
# bench/board.sh, which starts its own). docs/benchmarks.md, "Village board".
#  1. GET /board/16813 as a resident opens it (no login), on caunoi's one thread, against nginx's
#     one worker serving the same bytes as a static file. Target >= 0.7.
#  2. One pass of the weather refresher over all 130 communes (each given a location) against a
#     local forecast server (python3's http.server serving the recorded answer), then a second
#     pass at once (must ask nothing: one request per commune per hour). Target: pass <= 5 s.
if [[ -z ${BASE:-} ]]; then
  # shellcheck source=bench/alone.sh
  source "$(dirname "${BASH_SOURCE[0]}")/alone.sh"
  scripts/setup bench
  scripts/build >/dev/null
  DURATION=${DURATION:-5}; CONNS=${CONNS:-16}
  build/caunoi demo --db "$WORK/bench.db" --households 20 >/dev/null 2>&1
  taskset -c 0 build/caunoi serve --db "$WORK/bench.db" --listen 127.0.0.1:18080 --quiet >"$WORK/serve.out" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do grep -q listening "$WORK/serve.out" && break; sleep 0.1; done
  BASE=http://127.0.0.1:18080
  mkdir -p "$WORK/www"
  bench_nginx 18081 "$WORK/www" 0
  rps() { taskset -c 1 wrk -t1 -c"$CONNS" -d"${DURATION}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
  median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fi
curl -sf "$BASE/board/16813" >"$WORK/www/board.html"
curl -sf -H 'Accept-Encoding: gzip' "$BASE/board/16813" >"$WORK/www/board.gz"
BOARD_SIZE=$(stat -c %s "$WORK/www/board.html")
BOARD_GZ=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$BASE/board/16813")
BC=(); BN=(); GC=(); GN=()
for _ in $(seq "${ROUNDS:-3}"); do
  BC+=("$(rps "$BASE/board/16813")")
  BN+=("$(rps "http://127.0.0.1:18081/board.html")")
  GC+=("$(rps -H 'Accept-Encoding: gzip' "$BASE/board/16813")")
  GN+=("$(rps "http://127.0.0.1:18081/board.gz")")
done
GZ_RPS=$(printf '%s\n' "${GC[@]}" | median)
GZ_NGINX=$(printf '%s\n' "${GN[@]}" | median)
BOARD_RPS=$(printf '%s\n' "${BC[@]}" | median)
BOARD_NGINX=$(printf '%s\n' "${BN[@]}" | median)
echo
echo "## Village board page vs nginx static file ($BOARD_SIZE bytes, $BOARD_GZ with gzip; wrk -t1 -c$CONNS -d${DURATION}s x ${ROUNDS:-3} alternating rounds, medians)"
echo
echo "| server | requests/s |"
echo "|---|---|"
echo "| caunoi GET /board/16813, no login (1 thread) | $BOARD_RPS |"
echo "| nginx 1 worker, the same bytes as a static file | $BOARD_NGINX |"
echo "| **ratio caunoi / nginx** (target >= 0.7) | **$(awk -v a="$BOARD_RPS" -v b="$BOARD_NGINX" 'BEGIN { printf "%.2f", a / b }')** |"
echo "| caunoi, as phones ask it (Accept-Encoding: gzip) | $GZ_RPS |"
echo "| nginx, the same compressed bytes as a static file | $GZ_NGINX |"
echo "| **ratio caunoi / nginx, compressed** (target >= 0.7) | **$(awk -v a="$GZ_RPS" -v b="$GZ_NGINX" 'BEGIN { printf "%.2f", a / b }')** |"
echo
echo "Rounds: caunoi ${BC[*]}; nginx ${BN[*]}; compressed: caunoi ${GC[*]}; nginx ${GN[*]}"

# The weather refresher over the whole province against a local forecast server.
mkdir -p "$WORK/forecast/v1"
cp tests/fixtures/weather/open_meteo_4days.json "$WORK/forecast/v1/forecast"
(cd "$WORK/forecast" && exec taskset -c 1 python3 -m http.server 18082 --bind 127.0.0.1 >/dev/null 2>&1) &
PIDS+=($!)
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:18082/v1/forecast && break; sleep 0.1; done
cp "$WORK/bench.db" "$WORK/weather.db"; cp "$WORK/bench.db.key" "$WORK/weather.db.key" 2>/dev/null || true
sqlite3 "$WORK/weather.db" "UPDATE areas SET lat = 18.6 + (CAST(id AS INTEGER) % 97) / 60.0, lon = 104.0 + (CAST(id AS INTEGER) % 89) / 40.0 WHERE kind IN ('commune', 'ward'); UPDATE weather_status SET next_attempt_at = 0;"
FIRST=$(build/caunoi weather refresh --db "$WORK/weather.db" --weather-url http://127.0.0.1:18082 2>&1 | tail -1)
SECOND=$(build/caunoi weather refresh --db "$WORK/weather.db" --weather-url http://127.0.0.1:18082 2>&1 | tail -1)
echo
echo "## Weather refresh of the province (local forecast server)"
echo
echo "| pass | result |"
echo "|---|---|"
echo "| first (target: all 130 communes, <= 5 s) | $FIRST |"
echo "| second, at once (target: none asked) | $SECOND |"
