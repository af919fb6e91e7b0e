#!/usr/bin/env bash
# PostgreSQL failover (issue 23): time from the primary's death to caunoi's first acknowledged write,
# and acknowledged writes lost (must be 0), RUNS times (default 3). Each run is
# tests/integration/failover.test.mjs: a pg_auto_failover formation on loopback (scripts/pg/failover:
# monitor, primary, standby in the replication quorum; the monitor's shortened failure timeouts),
# `caunoi serve --workers 2` on its multi-host address, two phones pushing visits (10 a push)
# without pause, the primary's keeper and postmaster SIGKILLed after 2 s. Prints markdown.
#
# Alone: bench/failover.sh   (CAUNOI_BIN=… for another build; RUNS=N)
# shellcheck source=bench/alone.sh
source "$(dirname "${BASH_SOURCE[0]}")/alone.sh"
FO_BIN=${CAUNOI_BIN:-$PWD/build/caunoi}
echo
echo "## PostgreSQL failover (pg_auto_failover, synchronous standby)"
echo
echo "| run | primary death → first acknowledged write | operations acknowledged | lost | doubled | pushes refused (503) meanwhile |"
echo "|---|---|---|---|---|---|"
for run in $(seq "${RUNS:-3}"); do
  line=$(cd tests && CAUNOI_BIN=$FO_BIN node --test integration/failover.test.mjs 2>&1 | sed -nE 's/^# (failover_seconds=.*)$/\1/p; s/^(failover_seconds=.*)$/\1/p' | head -n 1)
  [[ -n $line ]] || { echo "failover: run $run gave no result" >&2; exit 1; }
  declare -A v=()
  for kv in $line; do v[${kv%%=*}]=${kv#*=}; done
  echo "| $run | ${v[failover_seconds]} s | ${v[acknowledged]} | ${v[lost]} | ${v[doubled]} | ${v[refused_pushes]} |"
done
