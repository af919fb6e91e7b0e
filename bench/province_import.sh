#!/usr/bin/env bash
# CSV import against the sqlite3 shell (docs/benchmarks.md, "Province scale"): one commune's
# households and residents from a province-scale database (PROVINCE_DB, `caunoi demo --scale
# province`) as a CSV in `caunoi import households`' format, its villages mapped onto those of a
# small province demo; then, in one run and in turn, ROUNDS times each:
#   caunoi import households FILE (every row checked, consent, search index, audit, indicator marks)
#   sqlite3's `.import --csv FILE t` into a new empty file (the reference: the bare load).
# Alone: PROVINCE_DB=/path/full.db bench/province_import.sh
# shellcheck source=bench/alone.sh
source "$(dirname "${BASH_SOURCE[0]}")/alone.sh"
PI_BIN=${CAUNOI_BIN:-build/caunoi}
PI_DB=${PROVINCE_DB:-build/province.db}
PI_COMMUNE=${PROVINCE_COMMUNE:-16813}
sqlite3 -csv -header "$PI_DB" "SELECT h.village_id, h.name AS household, COALESCE(h.address, '') AS address, r.full_name,
  COALESCE(r.birth_year, '') AS birth_year, COALESCE(r.sex, '') AS sex, COALESCE(r.phone, '') AS phone, r.phone_kind,
  r.language, 'registry,support' AS consent_purposes, COALESCE(h.broadband, '') AS broadband
  FROM households h JOIN residents r ON r.household_id = h.id WHERE h.commune_id = '$PI_COMMUNE' ORDER BY h.seq, r.seq" >"$WORK/full.csv"
"$PI_BIN" demo --db "$WORK/small.db" --secret-file "$WORK/small.key" --scale province --fraction 0.001 >/dev/null 2>&1
sqlite3 "$WORK/small.db" "SELECT id FROM areas WHERE parent_id = '$PI_COMMUNE' ORDER BY id" >"$WORK/small-villages"
python3 - "$WORK" <<'PY'
import csv, sys
work = sys.argv[1]
small = open(f'{work}/small-villages').read().split()
rows = list(csv.reader(open(f'{work}/full.csv', newline='')))
ids = sorted({r[0] for r in rows[1:]})
to = {v: small[i % len(small)] for i, v in enumerate(ids)}
with open(f'{work}/households.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(rows[0])
    for r in rows[1:]:
        w.writerow([to[r[0]]] + r[1:])
PY
PI_ROWS=$(($(wc -l <"$WORK/households.csv") - 1))
cp "$WORK/small.db" "$WORK/base.db"
now() { date +%s.%N; }
echo
echo "### CSV import of one commune ($PI_ROWS residents) against sqlite3's .import"
echo
echo "| round | caunoi import s | sqlite3 .import s | ratio |"
echo "|---|---|---|---|"
for round in $(seq "${ROUNDS:-3}"); do
  cp "$WORK/base.db" "$WORK/import.db"
  rm -f "$WORK/shell.db"
  t0=$(now)
  "$PI_BIN" import households "$WORK/households.csv" --db "$WORK/import.db" --secret-file "$WORK/small.key" >/dev/null
  t1=$(now)
  sqlite3 "$WORK/shell.db" ".import --csv $WORK/households.csv t"
  t2=$(now)
  awk -v a="$t0" -v b="$t1" -v c="$t2" -v r="$round" 'BEGIN { printf "| %d | %.2f | %.2f | %.1f |\n", r, b - a, c - b, (b - a) / (c - b) }'
done
