#!/usr/bin/env bash
# CSV import against the sqlite3 shell (docs/benchmarks.md, "Province scale"): one commune's
# households and residents from a province-scale database (PROVINCE_DB, `caunoi demo --scale
# province`) as a CSV in `caunoi import households`' format, its villages mapped onto those of a
# small province demo; then, in one run and in turn, ROUNDS times each:
#   caunoi import households FILE (every row checked, consent, search index, audit, indicator marks)
#   sqlite3's `.import --csv FILE t` into a new empty file (the reference: the bare load);
#   the shell storing the rows that import made in caunoi's own tables (households, residents and
#   their search documents, with the schema's indexes and triggers) of the same small demo: what
#   any import writing into this schema costs at least, whoever parses and checks the rows.
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
# The rows the import added, stored again by the shell into a copy of the demo, in one
# transaction, the search documents written once at the end as the import writes them (V036).
PI_SEQ_H=$(sqlite3 "$WORK/base.db" "SELECT COALESCE(MAX(seq), 0) FROM households")
PI_SEQ_R=$(sqlite3 "$WORK/base.db" "SELECT COALESCE(MAX(seq), 0) FROM residents")
cat >"$WORK/floor.sql" <<SQL
ATTACH '$WORK/import.db' AS src;
BEGIN;
INSERT INTO search_deferred VALUES (1);
INSERT INTO main.households SELECT * FROM src.households WHERE seq > $PI_SEQ_H;
INSERT INTO main.residents SELECT * FROM src.residents WHERE seq > $PI_SEQ_R;
INSERT INTO household_fts (rowid, names, scope) SELECT seq, names, scope FROM household_search_doc WHERE seq > $PI_SEQ_H;
DELETE FROM search_deferred;
COMMIT;
SQL
echo "| round | caunoi import s | sqlite3 .import s | ratio | the shell into caunoi's tables s | its ratio |"
echo "|---|---|---|---|---|---|"
for round in $(seq "${ROUNDS:-3}"); do
  cp "$WORK/base.db" "$WORK/import.db"
  cp "$WORK/base.db" "$WORK/floor.db"
  rm -f "$WORK/shell.db"
  t0=$(now)
  "$PI_BIN" import households "$WORK/households.csv" --db "$WORK/import.db" --secret-file "$WORK/small.key" >/dev/null
  t1=$(now)
  sqlite3 "$WORK/shell.db" ".import --csv $WORK/households.csv t"
  t2=$(now)
  sqlite3 "$WORK/floor.db" <"$WORK/floor.sql"
  t3=$(now)
  awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v r="$round" \
    'BEGIN { printf "| %d | %.2f | %.2f | %.1f | %.2f | %.1f |\n", r, b - a, c - b, (b - a) / (c - b), d - c, (d - c) / (c - b) }'
done
# The copy holds what the import stored in those tables, row for row.
for t in households residents; do
  [[ $(sqlite3 "$WORK/floor.db" "SELECT COUNT(*) FROM $t") == $(sqlite3 "$WORK/import.db" "SELECT COUNT(*) FROM $t") ]] \
    || { echo "province_import: the shell's copy of $t differs from the import's" >&2; exit 1; }
done
