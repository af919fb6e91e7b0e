# Sourced by scripts/bench (uses WORK, PIDS): the SMS outbox's throughput through a real Kannel
# with fakesmsc as the operator, against Kannel's own sendsms driven directly the same way:
# SMS_CONCURRENCY (default 4) requests in flight on kept-alive connections, for both.
build/caunoi demo --db "$WORK/sms.db" --secret-file "$WORK/sms.key" --households 2 >/dev/null 2>&1
# Nothing else in the outbox: the demo's notifications would be counted otherwise.
sqlite3 "$WORK/sms.db" "UPDATE sms_outbox SET status = 'sent' WHERE status = 'queued'"
SMS_BASE=${SMS_BASE:-$((20000 + RANDOM % 3000 * 4))}  # Kannel's four ports, below the ephemeral ones
SMS_PORT=${SMS_PORT:-18097}                            # caunoi's
SMS_PASSWORD=bench$RANDOM
taskset -c 0 build/caunoi serve --db "$WORK/sms.db" --secret-file "$WORK/sms.key" --listen 127.0.0.1:$SMS_PORT --quiet \
  --kannel-url "http://127.0.0.1:$((SMS_BASE + 2))" --kannel-password "$SMS_PASSWORD" --sms-rate 1000000 \
  --sms-concurrency "${SMS_CONCURRENCY:-4}" >"$WORK/serve-sms.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q listening "$WORK/serve-sms.out" && break; sleep 0.1; done
KANNEL_PASSWORD=$SMS_PASSWORD taskset -c 0 scripts/kannel/start "$WORK/kannel" http://127.0.0.1:$SMS_PORT "$SMS_BASE" >/dev/null
SMS=$(taskset -c 1 node bench/sms_rate.mjs http://127.0.0.1:$SMS_PORT "http://127.0.0.1:$((SMS_BASE + 2))" "$SMS_PASSWORD" \
  "$((SMS_BASE + 3))" "$WORK/sms.db" "${SMS_MESSAGES:-1000}" "${SMS_CONCURRENCY:-4}")
scripts/kannel/stop "$WORK/kannel"
js() { node -e "process.stdout.write(String(JSON.parse(process.argv[1])[process.argv[2]]))" "$1" "$2"; }
echo
echo "## SMS outbox through Kannel"
echo
echo "| measure | messages/s | time for $(js "$SMS" messages) |"
echo "|---|---|---|"
echo "| Kannel alone: sendsms, $(js "$SMS" concurrency) in flight on kept-alive connections → fakesmsc | $(js "$SMS" kannel_per_s) | $(js "$SMS" kannel_ms) ms |"
echo "| caunoi's outbox (queued at once), --sms-concurrency $(js "$SMS" concurrency) → Kannel → fakesmsc | $(js "$SMS" caunoi_per_s) | $(js "$SMS" caunoi_ms) ms |"
echo "| **caunoi / Kannel alone** | **$(awk -v a="$(js "$SMS" caunoi_per_s)" -v b="$(js "$SMS" kannel_per_s)" 'BEGIN { printf "%.2f", a / b }')** | |"
