// Server apply rate of pushed sync operations (docs/sync.md) against the sqlite3 shell inserting
// the same rows in one transaction. Usage: node bench/sync_apply.mjs BASE_URL DB_FILE COPY_FILE
// (COPY_FILE: a copy of DB_FILE taken before, for the shell). Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ulid } from '../tests/lib/ulid.mjs';

const [base, db, copy] = process.argv.slice(2);
const N = 10000, BATCH = 500;
const login = await (await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'thanhvien.muongxen', password: 'caunoi-demo-2026' }) })).json();
const h = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
// The member's households and one resident of each, with their area (for the shell's rows).
const rows = execFileSync('sqlite3', ['-separator', '\t', db, `SELECT h.id, h.commune_id, h.area_path, (SELECT r.id FROM residents r WHERE r.household_id = h.id LIMIT 1) FROM households h WHERE h.village_id IN (SELECT village_id FROM team_villages WHERE team_id = (SELECT team_id FROM users WHERE id = '${login.user.id}')) AND EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id)`], { encoding: 'utf8' })
  .trim().split('\n').map((l) => l.split('\t'));
const at = Date.now() - 1000;
const ops = Array.from({ length: N }, (_, i) => {
  const [hid, , , rid] = rows[i % rows.length];
  return { id: ulid(), kind: 'session', at, data: { household_id: hid, channel: 'home_visit', minutes: 5, residents: rid, service_1: 'vneid_account', outcome_1: 'done', tip: 'never_share_otp' } };
});
const t0 = performance.now();
for (let i = 0; i < N; i += BATCH) {
  const r = await fetch(`${base}/api/v1/sync/push`, { method: 'POST', headers: h, body: JSON.stringify({ device: 'bench', ops: ops.slice(i, i + BATCH) }) });
  if (r.status !== 200) throw new Error(await r.text());
  const body = await r.json();
  if (!body.results.every((x) => x.status === 'applied')) throw new Error(JSON.stringify(body.results.find((x) => x.status !== 'applied')));
}
const caunoiMs = performance.now() - t0;
// The same rows each applied session operation writes (the session, who was helped, the tip, the
// service line, the stored answer, the audit entry), for the sqlite3 shell: plain multi-row
// INSERTs, one transaction per 500 operations as the pushes, the server's pragmas.
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const s = Math.floor(at / 1000);
const tables = {
  'support_sessions (commune_id, id, household_id, area_path, channel, minutes, tip_key, recorded_by, helpers, at)':
    (o, [hid, commune, path]) => [commune, o.id, hid, path, 'home_visit', 5, 'never_share_otp', login.user.id, login.user.id, s],
  'session_residents (commune_id, session_id, resident_id)': (o, [, commune, , rid]) => [commune, o.id, rid],
  'tips_given (commune_id, resident_id, tip_key, session_id, at)': (o, [, commune, , rid]) => [commune, rid, 'never_share_otp', o.id, s],
  'session_services (commune_id, session_id, line, service_key, outcome)': (o, [, commune]) => [commune, o.id, 1, 'vneid_account', 'done'],
  'sync_ops (id, user_id, device, kind, status, done_at, received_at)': (o) => [o.id, login.user.id, 'bench', 'session', 'applied', at, s],
  'audit_log (at, user_id, action, entity, entity_id, area_path, remote_addr, detail)': (o, [, , path]) =>
    [s, login.user.id, 'sync', 'session', o.id, path, '127.0.0.1', 'applied from device bench, done 2026-11-29 08:00:00: 1 services, 0 tasks'],
};
let sql = 'PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\nPRAGMA foreign_keys=ON;\nPRAGMA cache_size=-32768;\n';
for (let i = 0; i < N; i += BATCH) {
  sql += 'BEGIN IMMEDIATE;\n';
  for (const [table, values] of Object.entries(tables)) {
    const batch = ops.slice(i, i + BATCH).map((o, k) => `(${values(o, rows[(i + k) % rows.length]).map(q).join(', ')})`);
    sql += `INSERT INTO ${table} VALUES\n${batch.join(',\n')};\n`;
  }
  sql += 'COMMIT;\n';
}
writeFileSync(`${copy}.sql`, sql);
const t1 = performance.now();
execFileSync('sqlite3', [copy, `.read ${copy}.sql`]);
const shellMs = performance.now() - t1;
console.log(JSON.stringify({ ops: N, batches: N / BATCH, households: rows.length, caunoi_ms: Math.round(caunoiMs), ops_per_s: Math.round(N / caunoiMs * 1000), shell_ms: Math.round(shellMs), shell_rows: N * Object.keys(tables).length }));
