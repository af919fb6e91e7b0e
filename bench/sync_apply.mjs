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
// The same rows a session operation writes, as plain INSERTs for the shell, in one transaction.
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
let sql = 'PRAGMA synchronous=FULL;\nBEGIN;\n';
ops.forEach((o, i) => {
  const [hid, commune, path, rid] = rows[i % rows.length];
  const s = Math.floor(at / 1000);
  sql += `INSERT INTO support_sessions (commune_id, id, household_id, area_path, channel, minutes, tip_key, recorded_by, helpers, at) VALUES (${q(commune)}, ${q(o.id)}, ${q(hid)}, ${q(path)}, 'home_visit', 5, 'never_share_otp', ${q(login.user.id)}, ${q(login.user.id)}, ${s});\n`;
  sql += `INSERT INTO session_residents (commune_id, session_id, resident_id) VALUES (${q(commune)}, ${q(o.id)}, ${q(rid)});\n`;
  sql += `INSERT INTO tips_given (commune_id, resident_id, tip_key, session_id, at) VALUES (${q(commune)}, ${q(rid)}, 'never_share_otp', ${q(o.id)}, ${s});\n`;
  sql += `INSERT INTO session_services (commune_id, session_id, line, service_key, outcome) VALUES (${q(commune)}, ${q(o.id)}, 1, 'vneid_account', 'done');\n`;
  sql += `INSERT INTO sync_ops (id, user_id, device, kind, status, done_at, received_at) VALUES (${q(o.id)}, ${q(login.user.id)}, 'bench', 'session', 'applied', ${at}, ${s});\n`;
});
sql += 'COMMIT;\n';
writeFileSync(`${copy}.sql`, sql);
const t1 = performance.now();
execFileSync('sqlite3', [copy, `.read ${copy}.sql`]);
const shellMs = performance.now() - t1;
console.log(JSON.stringify({ ops: N, batches: N / BATCH, households: rows.length, caunoi_ms: Math.round(caunoiMs), ops_per_s: Math.round(N / caunoiMs * 1000), shell_ms: Math.round(shellMs), shell_rows: N * 5 }));
