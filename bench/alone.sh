# Sourced first by a bench/*.sh script that can also run on its own. Run alone, it gets what
# scripts/bench otherwise gives it: strict mode, the repository as working directory, a scratch
# folder WORK and the list PIDS of what it started, all cleaned up on exit.
# bench_ports NAME PORT…: fails, naming the port, if any of them is taken.
if [[ ${BASH_SOURCE[1]} == "$0" ]]; then
  set -euo pipefail
  cd "$(dirname "$0")/.."
  WORK=$(mktemp -d /tmp/caunoi-bench.XXXXXX)
  PIDS=()
  trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
fi
# bench_nginx PORT ROOT [CPU]: nginx, one worker (on CPU when given), serving ROOT on 127.0.0.1:PORT
# as the static reference of a run; stopped with the rest on exit.
bench_nginx() {
  local port=$1 root=$2 conf="$WORK/nginx-$1.conf"
  chmod o+rx "$WORK" "$root"  # nginx's worker is not root: mktemp's folders are private
  cat >"$conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx-$port.pid;
error_log $WORK/nginx-$port-error.log;
events { worker_connections 1024; }
http { access_log off; default_type text/html; keepalive_requests 1000000; server { listen 127.0.0.1:$port; root $root; } }
NGINX
  if [[ -n ${3:-} ]]; then taskset -c "$3" nginx -c "$conf" & else nginx -c "$conf" & fi
  PIDS+=($!)
  sleep 0.5
}
bench_ports() {
  local name=$1 p
  shift
  for p in "$@"; do
    if ss -ltnH "sport = :$p" | grep -q .; then echo "$name: port $p is taken" >&2; exit 1; fi
  done
}
