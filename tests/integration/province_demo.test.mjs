// The province-scale demo (`caunoi demo --scale province`, storage/province_demo.hpp) at a small
// fraction: every commune with its villages, about four residents a household, a year of support
// sessions, self-filed dossiers growing over the year, the demo logins, the name search over the
// generated people, the indicator check, the same data for the same seed, and the refusals (a
// database with households, a bad scale or fraction).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { caunoi, freshDatabase, queryColumn, serve, login } from '../lib/server.mjs';

const FRACTION = '0.002';
let dir, fresh, dbArgs, out, srv;
const one = (sql) => Number(queryColumn(fresh.db, sql)[0]);
const generate = (args) => caunoi(['demo', ...args, '--scale', 'province', '--fraction', FRACTION, '--seed', '7']);
const refused = (args) => {
  try {
    caunoi(args);
  } catch (e) {
    return String(e.stderr);
  }
  assert.fail(`caunoi ${args.join(' ')} was not refused`);
};
// The month (YYYYMM, Asia/Ho_Chi_Minh) of an epoch second and of a local day number.
const monthOfEpoch = (s) => new Date((Number(s) + 7 * 3600) * 1000).toISOString().slice(0, 7);
const monthOfDay = (d) => new Date(Number(d) * 86400 * 1000).toISOString().slice(0, 7);

before(async () => {
  dir = mkdtempSync('/tmp/scale-test-');
  fresh = freshDatabase(dir);
  dbArgs = ['--db', fresh.db, '--secret-file', join(dir, 'test.key')];
  out = generate(dbArgs);
  srv = await serve(dbArgs);
});
after(async () => {
  await srv?.stop();
  fresh?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('prints what it generated, how long it took, and the logins', () => {
  assert.match(out, /^generated 130 communes, \d+ villages, \d+ teams, \d+ households, \d+ residents, \d+ sessions, \d+ dossiers, .* in \d+ s$/m);
  assert.match(out, /^indicators counted in \d+ s$/m);
  for (const l of ['admin', 'canbo.16813', 'totruong.16813', 'thanhvien.16813']) assert.match(out, new RegExp(`^  ${l}\\t`, 'm'));
});

test('every commune, with villages marked as samples and placed in Nghệ An', () => {
  assert.equal(one("SELECT COUNT(DISTINCT commune_id) FROM households"), 130);
  assert.equal(one("SELECT COUNT(DISTINCT parent_id) FROM areas WHERE kind = 'village'"), 130);
  assert.ok(one("SELECT MIN(n) FROM (SELECT parent_id, COUNT(*) AS n FROM areas WHERE kind = 'village' GROUP BY parent_id) v") >= 3);
  assert.equal(one("SELECT COUNT(*) FROM areas WHERE kind = 'village' AND name NOT LIKE '%(mẫu)'"), 0);
  assert.equal(one("SELECT COUNT(*) FROM areas WHERE kind = 'village' AND (lat < 18.4 OR lat > 20.0 OR lon < 103.8 OR lon > 105.9 OR coverage IS NULL)"), 0);
  assert.ok(one('SELECT COUNT(*) FROM teams') >= 130);
});

test('about four residents a household, adults and children, consent and no national ID', () => {
  const households = one('SELECT COUNT(*) FROM households');
  const residents = one('SELECT COUNT(*) FROM residents');
  assert.ok(households >= 130 * 5, `${households} households`);
  const ratio = residents / households;
  assert.ok(ratio > 3.5 && ratio < 4.6, `residents/households = ${ratio}`);
  const year = new Date().getFullYear();
  const children = one(`SELECT COUNT(*) FROM residents WHERE birth_year > ${year - 18}`) / residents;
  assert.ok(children > 0.2 && children < 0.5, `children share ${children}`);
  assert.equal(one("SELECT COUNT(*) FROM residents WHERE consent_purposes NOT LIKE 'registry%' OR consent_at <= 0"), 0);
  assert.equal(one('SELECT COUNT(*) FROM residents WHERE national_id_hash IS NOT NULL OR national_id_last4 IS NOT NULL'), 0);
  assert.ok(one("SELECT COUNT(DISTINCT broadband) FROM households") >= 3);
  assert.ok(one("SELECT COUNT(*) FROM sync_changes WHERE kind = 'resident'") === residents, 'phones can pull every resident');
});

test('support sessions over at least ten months, with services, people and tips', () => {
  const months = new Set(queryColumn(fresh.db, 'SELECT at FROM support_sessions').map(monthOfEpoch));
  assert.ok(months.size >= 10, `sessions in ${months.size} months`);
  const sessions = one('SELECT COUNT(*) FROM support_sessions');
  assert.ok(sessions / one('SELECT COUNT(*) FROM households') > 4, 'about six sessions a household a year');
  assert.equal(one('SELECT COUNT(*) FROM support_sessions s WHERE NOT EXISTS (SELECT 1 FROM session_services x WHERE x.session_id = s.id)'), 0);
  assert.equal(one('SELECT COUNT(*) FROM support_sessions s WHERE NOT EXISTS (SELECT 1 FROM session_residents x WHERE x.session_id = s.id)'), 0);
  assert.equal(one('SELECT COUNT(*) FROM session_residents'), one('SELECT COUNT(*) FROM tips_given'));
  assert.ok(one("SELECT MAX(at) FROM support_sessions") <= Date.now() / 1000);
});

test('the share of dossiers filed online by residents themselves rises over the year', () => {
  const rows = queryColumn(fresh.db, "SELECT submitted_day || ' ' || channel FROM dossiers").map((l) => l.split(' '));
  assert.ok(rows.length > 100, `${rows.length} dossiers`);
  const months = [...new Set(rows.map(([d]) => monthOfDay(d)))].sort();
  const share = (ms) => {
    const inside = rows.filter(([d]) => ms.includes(monthOfDay(d)));
    return inside.filter(([, c]) => c === 'self_online').length / inside.length;
  };
  const early = share(months.slice(0, 4)), late = share(months.slice(-4));
  assert.ok(late > early + 0.15, `self-filed share ${early} in the first months, ${late} in the last`);
  assert.ok(one('SELECT COUNT(*) FROM dossier_events') >= rows.length);
});

test('demo logins work and a generated resident is found by name', async () => {
  const admin = await login(srv.base, 'admin');
  assert.equal(admin.user.role, 'province_admin');
  const officer = await login(srv.base, 'canbo.16813');
  await login(srv.base, 'totruong.16813');
  await login(srv.base, 'thanhvien.16813');
  const [name, household] = queryColumn(fresh.db,
    "SELECT full_name || '|' || household_id FROM residents r WHERE commune_id = '16813' AND full_name <> (SELECT name FROM households WHERE id = r.household_id) ORDER BY id DESC LIMIT 1")[0].split('|');
  const r = await officer.get(`/api/v1/households?q=${encodeURIComponent(name)}&limit=200`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.items.some((h) => h.id === household), `${name} found in their household`);
  const folded = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const f = await admin.get(`/api/v1/households?q=${encodeURIComponent(folded)}&limit=200`);
  assert.equal(f.status, 200, f.text);
  assert.ok(f.json.items.some((h) => h.id === household), `${folded} (typed without accents) found`);
});

test('kept indicator figures equal a full recount', () => {
  assert.match(caunoi(['indicators', 'check', ...dbArgs]), /every kept figure equals a full recount/);
});

test('a second run on the same database is refused; bad scales and fractions too', () => {
  assert.match(refused(['demo', ...dbArgs, '--scale', 'province', '--fraction', FRACTION]), /already has households/);
  const other = join(dir, 'other.db');
  const args = ['demo', '--db', other, '--secret-file', join(dir, 'test.key')];
  assert.match(refused([...args, '--scale', 'city']), /--scale takes "demo".*or "province"/);
  for (const f of ['0', '1.5', 'abc', '-0.1', ''])
    assert.match(refused([...args, '--scale', 'province', '--fraction', f]), /--fraction takes a number greater than 0/);
});

test('the same seed gives the same people', () => {
  const other = freshDatabase(dir);
  try {
    const file = other.db === fresh.db ? join(dir, 'again.db') : other.db;
    generate(['--db', file, '--secret-file', join(dir, 'test.key')]);
    const names = (db) => queryColumn(db, "SELECT full_name || ' ' || birth_year || ' ' || phone_kind FROM residents ORDER BY seq").join('\n');
    assert.equal(names(file), names(fresh.db));
  } finally {
    other.drop();
  }
});
