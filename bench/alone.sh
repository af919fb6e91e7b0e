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
bench_ports() {
  local name=$1 p
  shift
  for p in "$@"; do
    if ss -ltnH "sport = :$p" | grep -q .; then echo "$name: port $p is taken" >&2; exit 1; fi
  done
}
