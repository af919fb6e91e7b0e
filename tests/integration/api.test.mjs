// Integration tests: the real caunoi binary, a real SQLite file, real HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, login, fold, caunoi, serve, freshDatabase, psql, queryColumn, ENGINE, runSql } from '../lib/server.mjs';

let srv, member, officer, otherOfficer, admin;

before(async () => {
  srv = await startServer({ households: 12 });
  member = await login(srv.base, 'thanhvien.muongxen');
  officer = await login(srv.base, 'canbo.muongxen');
  otherOfficer = await login(srv.base, 'canbo.nangoi');
  admin = await login(srv.base, 'admin');
});
const dropAfter = [];
after(async () => {
  await srv.stop();
  for (const drop of dropAfter) drop();
});

async function firstHousehold(c) {
  const r = await c.get('/api/v1/households?limit=1');
  assert.equal(r.status, 200);
  return r.json.items[0];
}

test('healthz answers ok', async () => {
  const r = await fetch(`${srv.base}/healthz`);
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { status: 'ok' });
});

test('name search ignores diacritics, case and đ', async () => {
  const h = await firstHousehold(member);
  const residents = (await member.get(`/api/v1/households/${h.id}/residents`)).json.items;
  const name = residents[0].full_name;
  const forms = [name, fold(name), fold(name).toUpperCase(), fold(name).toLowerCase()];
  for (const q of forms) {
    const r = await member.get(`/api/v1/households?q=${encodeURIComponent(q)}&limit=200`);
    assert.equal(r.status, 200, q);
    assert.ok(r.json.items.some((x) => x.id === h.id), `"${q}" should find household ${h.name}`);
  }
});

test('a member sees only the households of their team villages', async () => {
  const all = await member.get('/api/v1/households?limit=200');
  const villages = new Set(member.user.scope.map((p) => p.split('/').pop()));
  assert.ok(all.json.items.length > 0);
  for (const h of all.json.items) assert.ok(villages.has(h.village_id));
  const foreign = await firstHousehold(otherOfficer);
  assert.equal((await member.get(`/api/v1/households/${foreign.id}`)).status, 404);
  assert.equal((await officer.get(`/api/v1/households/${foreign.id}`)).status, 404);
  assert.equal((await admin.get(`/api/v1/households/${foreign.id}`)).status, 200);
});

test('cursor pagination walks every household once', async () => {
  const seen = new Set();
  let cursor = '';
  let pages = 0;
  do {
    const r = await officer.get(`/api/v1/households?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    for (const h of r.json.items) { assert.ok(!seen.has(h.id), 'no duplicates across pages'); seen.add(h.id); }
    cursor = r.json.next_cursor || '';
    pages++;
  } while (cursor && pages < 100);
  assert.equal(seen.size, 12);
  assert.ok(pages >= 3);
});

test('creating a resident without consent is refused and nothing is stored', async () => {
  const h = await firstHousehold(member);
  const before = (await member.get(`/api/v1/households/${h.id}/residents`)).json.items.length;
  const r = await member.post('/api/v1/residents', { household_id: h.id, full_name: 'Lò Thị Không Đồng Ý' });
  assert.equal(r.status, 422);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  assert.equal(r.json.field, 'consent');
  assert.match(r.json.title, /đồng ý/);
  const after = (await member.get(`/api/v1/households/${h.id}/residents`)).json.items.length;
  assert.equal(after, before);
});

test('national ID is stored only as keyed hash + last 4 digits', async () => {
  const h = await firstHousehold(member);
  const nid = '040198765432';
  const r = await member.post('/api/v1/residents', {
    household_id: h.id, full_name: 'Vi Văn Căn Cước', consent: true, consent_purposes: ['registry'], national_id: nid,
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.national_id_last4, '5432');
  assert.ok(!r.text.includes(nid));
  const dup = await member.post('/api/v1/residents', {
    household_id: h.id, full_name: 'Trùng Số', consent: true, consent_purposes: 'registry', national_id: nid,
  });
  assert.equal(dup.status, 409);
  if (ENGINE === 'sqlite') {
    for (const f of [srv.db, `${srv.db}-wal`]) {
      if (existsSync(f)) assert.ok(!readFileSync(f).includes(Buffer.from(nid)), `${f} must not contain the ID`);
    }
  } else {
    const dump = execFileSync('pg_dump', ['--data-only', srv.db], { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.ok(dump.length > 10000 && !dump.includes(nid), 'the database must not contain the ID');
  }
});

test('bad input gets a clear problem+json in the requested language', async () => {
  const h = await firstHousehold(member);
  let r = await member.patch(`/api/v1/households/${h.id}`, '{"name": ');
  assert.equal(r.status, 422);
  assert.equal(r.json.title, 'JSON sai định dạng');
  r = await member.patch(`/api/v1/households/${h.id}`, { nickname: 'x' });
  assert.equal(r.status, 422);
  assert.equal(r.json.field, 'nickname');
  r = await member.patch(`/api/v1/households/${h.id}`, { name: 'x' }, { 'accept-language': 'en' });
  assert.equal(r.status, 200);
  r = await member.patch(`/api/v1/households/${h.id}`, { name: '' }, { 'accept-language': 'en' });
  assert.equal(r.status, 200, 'an empty optional name leaves it unchanged');
  r = await member.post('/api/v1/residents', { household_id: h.id, consent: true, consent_purposes: 'registry', full_name: 'A', birth_year: 1800 }, { 'accept-language': 'en' });
  assert.equal(r.status, 422);
  assert.equal(r.json.title, 'Out of range');
  assert.equal(r.json.field, 'birth_year');
  r = await member.call('PATCH', `/api/v1/households/${h.id}`, Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]));
  assert.equal(r.status, 422);
  r = await member.patch(`/api/v1/households/${h.id}`, 'name=x', { 'content-type': 'text/plain' });
  assert.equal(r.status, 415);
  r = await member.patch(`/api/v1/households/${h.id}`, JSON.stringify({ name: 'x'.repeat(300 * 1024) }));
  assert.equal(r.status, 413);
});

test('skill update persists and is audited; reading a resident is audited', async () => {
  const h = await firstHousehold(member);
  const res = (await member.get(`/api/v1/households/${h.id}/residents`)).json.items[0];
  const r = await member.patch(`/api/v1/residents/${res.id}`, { skill_payment: 'independent' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.skills.payment, 'independent');
  const again = await member.get(`/api/v1/residents/${res.id}`);
  assert.equal(again.json.skills.payment, 'independent');
  const audit = await officer.get('/api/v1/audit?limit=200');
  assert.equal(audit.status, 200);
  const mine = audit.json.items.filter((e) => e.entity_id === res.id && e.user_id === member.user.id);
  assert.ok(mine.some((e) => e.action === 'update'));
  assert.ok(mine.some((e) => e.action === 'view' && e.remote_addr === '127.0.0.1'));
  assert.equal((await member.get('/api/v1/audit')).status, 403);
  const foreignAudit = await otherOfficer.get('/api/v1/audit?limit=200');
  assert.ok(!foreignAudit.json.items.some((e) => e.entity_id === res.id), 'another commune does not see this log');
});

test('login throttling locks briefly, with Retry-After, and never for long', async () => {
  const attempt = (pw) => fetch(`${srv.base}/api/v1/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'totruong.nangoi', password: pw }),
  });
  const statuses = [];
  for (let i = 0; i < 6; i++) statuses.push((await attempt('wrong password ' + i)).status);
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.equal(statuses[5], 429);
  const locked = await attempt('caunoi-demo-2026');
  assert.equal(locked.status, 429, 'even the right password waits during the lock');
  const retry = Number(locked.headers.get('retry-after'));
  assert.ok(retry >= 1 && retry <= 300);
  await new Promise((r) => setTimeout(r, (retry + 1) * 1000));
  assert.equal((await attempt('caunoi-demo-2026')).status, 200);
});

test('unknown login and wrong password look the same', async () => {
  const a = await fetch(`${srv.base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login":"nobody","password":"x"}' });
  const b = await fetch(`${srv.base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login":"canbo.ngamy","password":"x"}' });
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  assert.equal((await a.json()).title, (await b.json()).title);
});

test('cookie sessions need the CSRF token for changes; logout ends the session', async () => {
  const c = await login(srv.base, 'canbo.ngamy');
  const cookie = { cookie: `sid=${c.token}` };
  const h = await firstHousehold(c);
  const url = `${srv.base}/api/v1/households/${h.id}`;
  let r = await fetch(url, { method: 'PATCH', headers: { ...cookie, 'content-type': 'application/json' }, body: '{"address":"Khối 1"}' });
  assert.equal(r.status, 403);
  r = await fetch(url, { method: 'PATCH', headers: { ...cookie, 'content-type': 'application/json', 'x-csrf-token': c.csrf }, body: '{"address":"Khối 1"}' });
  assert.equal(r.status, 200);
  assert.equal((await c.post('/api/v1/logout')).status, 204);
  assert.equal((await c.get('/api/v1/me')).status, 401);
});

test('passwords: policy enforced on change and user creation', async () => {
  const c = await login(srv.base, 'totruong.ngamy');
  let r = await c.post('/api/v1/me/password', { current_password: 'caunoi-demo-2026', new_password: '12345678' });
  assert.equal(r.status, 422);
  r = await c.post('/api/v1/me/password', { current_password: 'caunoi-demo-2026', new_password: 'short' });
  assert.equal(r.status, 422);
  r = await c.post('/api/v1/me/password', { current_password: 'caunoi-demo-2026', new_password: 'Nương ngô bên suối 7' });
  assert.equal(r.status, 200);
  await login(srv.base, 'totruong.ngamy', 'Nương ngô bên suối 7');
  const teams = (await officer.get('/api/v1/teams')).json.items;
  r = await officer.post('/api/v1/users', { username: 'moi.thanhvien', display_name: 'Người mới', role: 'member', team_id: teams[0].id, password: 'password' });
  assert.equal(r.status, 422);
  r = await officer.post('/api/v1/users', { username: 'moi.thanhvien', display_name: 'Người mới', role: 'province_admin', area_id: '40', password: 'Hoa ban nở trắng rừng' });
  assert.equal(r.status, 403, 'an officer cannot create an admin');
  r = await officer.post('/api/v1/users', { username: 'moi.thanhvien', display_name: 'Người mới', role: 'member', team_id: teams[0].id, password: 'Hoa ban nở trắng rừng' });
  assert.equal(r.status, 201, r.text);
  r = await officer.patch(`/api/v1/users/${r.json.id}`, { disabled: true });
  assert.equal(r.status, 200);
  const l = await fetch(`${srv.base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'moi.thanhvien', password: 'Hoa ban nở trắng rừng' }) });
  assert.equal(l.status, 401);
});

test('villages: officers create them in their commune only, with checked values', async () => {
  let r = await officer.post('/api/v1/areas/16813/villages', { name: 'Bản Mới', lat: 19.4, lon: 104.1, coverage: '3g' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.path, `40/16813/${r.json.id}`);
  r = await officer.post('/api/v1/areas/16813/villages', { name: 'Bản Sai', lat: 45, lon: 104.1 });
  assert.equal(r.status, 422);
  assert.equal(r.json.field, 'lat');
  r = await officer.post('/api/v1/areas/16870/villages', { name: 'Bản Khác' });
  assert.equal(r.status, 404);
});

test('responses are gzip-compressed when the client accepts it', async () => {
  const h = await firstHousehold(member);
  const res = await fetch(`${srv.base}/api/v1/households?limit=50`, { headers: { authorization: `Bearer ${member.token}`, 'accept-encoding': 'gzip' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  const body = await res.text();  // fetch decodes
  assert.ok(body.includes(h.id));
});

test('HTML pages set HttpOnly SameSite cookies and carry a CSRF token in forms', async () => {
  const page = await fetch(`${srv.base}/login`);
  const setCookie = page.headers.get('set-cookie');
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Lax/);
  assert.doesNotMatch(setCookie, /Secure/);
  const html = await page.text();
  assert.match(html, /name="_lcsrf" value="[\w-]{20,}"/);
  // Regression: an empty error message must not render an (empty) error box.
  assert.doesNotMatch(html, /class="err"/);
  assert.match(page.headers.get('content-security-policy'), /default-src 'self'/);
});

test('CSV import is all-or-nothing and names the bad row', async () => {
  const village = member.user.scope[0].split('/').pop();
  const header = 'village_id,household,address,full_name,birth_year,sex,phone,phone_kind,language,consent_purposes\n';
  const good = `${village},Hộ Lò Văn Nhập,,Lò Văn Nhập,1980,m,0912345678,smart,tai,registry\n`;
  const bad = `${village},Hộ Lò Văn Nhập,,Lò Thị Sai,1790,f,,none,tai,registry\n`;
  const file = join(srv.dir, 'import.csv');
  writeFileSync(file, header + good + bad);
  const before = (await officer.get('/api/v1/households?q=lo%20van%20nhap')).json.items.length;
  assert.throws(() => caunoi(['import', 'households', file, ...srv.dbArgs]), /row 3: birth_year/);
  assert.equal((await officer.get('/api/v1/households?q=lo%20van%20nhap')).json.items.length, before);
  writeFileSync(file, header + good);
  assert.match(caunoi(['import', 'households', file, ...srv.dbArgs]), /imported 1 households, 1 residents/);
  assert.equal((await officer.get('/api/v1/households?q=lo%20van%20nhap')).json.items.length, before + 1);
  // The optional 11th column: the household's internet at home, checked like the form's.
  const withNet = header.replace('\n', ',broadband\n');
  writeFileSync(file, withNet + `${village},Hộ Vi Văn Mạng,,Vi Văn Mạng,1975,m,,none,tai,registry,satellite\n`);
  assert.throws(() => caunoi(['import', 'households', file, ...srv.dbArgs]), /row 2: broadband/);
  writeFileSync(file, withNet + `${village},Hộ Vi Văn Mạng,,Vi Văn Mạng,1975,m,,none,tai,registry,fibre\n` +
    `${village},Hộ Vi Văn Mạng,,Vi Thị Mạng,1978,f,,none,tai,registry,fibre\n`);
  assert.match(caunoi(['import', 'households', file, ...srv.dbArgs]), /imported 1 households, 2 residents/);
  const [h] = (await officer.get('/api/v1/households?q=vi%20van%20mang')).json.items;
  assert.equal(h.broadband, 'fibre');
  // The household's search document is written once, at the import's end: with every resident.
  assert.deepEqual((await officer.get('/api/v1/households?q=vi%20thi%20mang')).json.items.map((x) => x.id), [h.id]);
  // The refused import above ended its deferral with its rollback, this one with its end: a
  // resident added afterwards rewrites the document at once.
  const added = await officer.post('/api/v1/residents', {
    household_id: h.id, full_name: 'Vi Văn Sau Nhập', consent: true, consent_purposes: ['registry'],
  });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  assert.deepEqual((await officer.get('/api/v1/households?q=vi%20van%20sau')).json.items.map((x) => x.id), [h.id]);
});

test('backup while serving is consistent, and restores', async () => {
  const before = (await admin.get('/api/v1/households?limit=200')).json.items.length;
  assert.ok(before >= 48);
  const key = srv.dbArgs[srv.dbArgs.indexOf('--secret-file') + 1];
  let restored;
  if (ENGINE === 'sqlite') {
    restored = join(srv.dir, 'backup.db');
    caunoi(['backup', restored, ...srv.dbArgs]);
  } else {
    // PostgreSQL: pg_dump while the server writes, pg_restore into a new database (docs/operations.md).
    const dump = join(srv.dir, 'backup.dump');
    execFileSync('pg_dump', ['--format=custom', '--file', dump, srv.db]);
    const target = freshDatabase(srv.dir);
    dropAfter.push(target.drop);
    execFileSync('pg_restore', ['--no-owner', '--dbname', target.db, dump]);
    restored = target.db;
  }
  assert.match(caunoi(['migrate', '--db', restored, '--secret-file', key]), /schema at version/);
  const copy = await serve(['--db', restored, '--secret-file', key]);
  try {
    const again = await login(copy.base, 'admin');
    assert.equal((await again.get('/api/v1/households?limit=200')).json.items.length, before);
  } finally {
    await copy.stop();
  }
});

test('encrypted backup while serving: sealed with a key kept apart, checked whole, restored, served', async () => {
  const before = (await admin.get('/api/v1/households?limit=200')).json.items.length;
  const dataKey = srv.dbArgs[srv.dbArgs.indexOf('--secret-file') + 1];
  const dir = join(srv.dir, 'sealed');
  mkdirSync(dir);
  const backupKey = join(srv.dir, 'backup.key');
  caunoi(['backup', 'key', backupKey]);
  assert.equal(statSync(backupKey).mode & 0o777, 0o600);
  assert.throws(() => caunoi(['backup', 'key', backupKey]), /never replaced/);
  // A key kept in the backup folder protects nothing: refused.
  caunoi(['backup', 'key', join(dir, 'kept-here.key')]);
  assert.throws(() => caunoi(['backup', 'create', '--dir', dir, '--key-file', join(dir, 'kept-here.key'), ...srv.dbArgs]),
    /inside the backup folder/);
  const out = caunoi(['backup', 'create', '--dir', dir, '--key-file', backupKey, '--keep', '3', ...srv.dbArgs]);
  const file = out.match(/backup written to (\S+)/)[1];
  assert.match(file, /caunoi-\d{8}T\d{6}Z\.enc$/);
  const sealed = readFileSync(file);
  for (const plain of ['SQLite format', 'PGDMP', 'Mường Xén', 'thanhvien.muongxen'])
    assert.equal(sealed.includes(Buffer.from(plain)), false, `${plain} readable in the backup`);

  const target = ENGINE === 'sqlite' ? { db: join(srv.dir, 'sealed-restored.db'), drop: () => {} } : freshDatabase(srv.dir);
  dropAfter.push(target.drop);
  // The wrong key, then a damaged copy: refused, and nothing restored.
  const otherKey = join(srv.dir, 'other-backup.key');
  caunoi(['backup', 'key', otherKey]);
  assert.throws(() => caunoi(['backup', 'restore', file, '--key-file', otherKey, '--to', target.db]), /wrong key/);
  const damaged = join(srv.dir, 'damaged.enc');
  writeFileSync(damaged, sealed.subarray(0, sealed.length - 100));
  assert.throws(() => caunoi(['backup', 'restore', damaged, '--key-file', backupKey, '--to', target.db]), /truncated|damaged/);
  if (ENGINE === 'sqlite') assert.equal(existsSync(target.db), false);
  else assert.equal(psql(target.db, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'").trim(), '0');

  assert.match(caunoi(['backup', 'restore', file, '--key-file', backupKey, '--to', target.db]), /restored into/);
  assert.throws(() => caunoi(['backup', 'restore', file, '--key-file', backupKey, '--to', target.db]), /exists|not empty/);
  assert.match(caunoi(['migrate', '--db', target.db, '--secret-file', dataKey]), /schema at version/);
  const copy = await serve(['--db', target.db, '--secret-file', dataKey]);
  try {
    const again = await login(copy.base, 'admin');
    assert.equal((await again.get('/api/v1/households?limit=200')).json.items.length, before);
  } finally {
    await copy.stop();
  }
});

test('a database newer than the binary is refused', async () => {
  const target = freshDatabase(srv.dir);
  dropAfter.push(target.drop);
  const db = ENGINE === 'sqlite' ? join(srv.dir, 'future.db') : target.db;
  const args = ['--db', db, '--secret-file', join(srv.dir, 'future.key')];
  caunoi(['migrate', ...args]);
  caunoi(['user', 'list', ...args]);
  // Pretend a future version migrated this database.
  const future = "INSERT INTO schema_migrations VALUES (999, 'V999__future', 0)";
  runSql(db, future);
  assert.throws(() => caunoi(['migrate', ...args]), /newer than this caunoi supports/);
});

test('SIGTERM finishes in-flight work and exits cleanly', async () => {
  const { startServer: start } = await import('../lib/server.mjs');
  const s = await start({ households: 1 });
  const inflight = fetch(`${s.base}/healthz`);
  s.proc.kill('SIGTERM');
  const r = await inflight.catch(() => null);
  if (r) assert.equal(r.status, 200);
  const { code } = await s.exited;
  assert.equal(code, 0);
  await s.stop();
});

test('erasure on request: leaders delete, members cannot, search forgets, the log remembers', async () => {
  const leader = await login(srv.base, 'totruong.muongxen');
  const village = leader.user.scope[0].split('/').pop();
  const h = await leader.post('/api/v1/households', { village_id: village, name: 'Hộ Xóa Thử Nghiệm', consent: true, consent_purposes: 'registry' });
  assert.equal(h.status, 201);
  const r = await leader.post('/api/v1/residents', { household_id: h.json.id, full_name: 'Vừ Mí Xóa', consent: true, consent_purposes: 'registry' });
  assert.equal(r.status, 201);
  assert.equal((await member.del(`/api/v1/residents/${r.json.id}`)).status, 404, 'members cannot erase');
  assert.equal((await leader.del(`/api/v1/residents/${r.json.id}`)).status, 200);
  assert.equal((await leader.get(`/api/v1/residents/${r.json.id}`)).status, 404);
  assert.equal((await leader.get('/api/v1/households?q=vu%20mi%20xoa')).json.items.length, 0);
  assert.equal((await leader.del(`/api/v1/households/${h.json.id}`)).status, 200);
  assert.equal((await leader.get(`/api/v1/households/${h.json.id}`)).status, 404, 'not served from a cache');
  assert.equal((await leader.get('/api/v1/households?q=ho%20xoa%20thu%20nghiem')).json.items.length, 0);
  const log = (await officer.get('/api/v1/audit?limit=50')).json.items;
  assert.ok(log.some((e) => e.action === 'delete' && e.entity_id === r.json.id));
  assert.ok(log.some((e) => e.action === 'delete' && e.entity_id === h.json.id));
});

test('login by phone number works like a username', async () => {
  const teams = (await officer.get('/api/v1/teams')).json.items;
  const r = await officer.post('/api/v1/users', { phone: '0987654321', display_name: 'Lò Văn Điện', role: 'member', team_id: teams[0].id, password: 'Mây trắng trên đỉnh Pù Xai' });
  assert.equal(r.status, 201, r.text);
  const c = await login(srv.base, '0987654321', 'Mây trắng trên đỉnh Pù Xai');
  assert.equal(c.user.role, 'member');
  const dup = await officer.post('/api/v1/users', { phone: '0987654321', display_name: 'Trùng', role: 'member', team_id: teams[0].id, password: 'Mây trắng trên đỉnh Pù Xai' });
  assert.equal(dup.status, 409);
});

test('ethnicity is shown to and recorded by team leaders and officers only: never on a member\'s page, answer or phone', async () => {
  const leader = await login(srv.base, 'totruong.muongxen');
  const member = await login(srv.base, 'thanhvien.muongxen');
  const page = (await member.get('/api/v1/sync/pull?cursor=0&limit=500')).json;
  const target = page.residents[0];
  assert.ok(target, 'the member has residents to pull');
  const set = await leader.patch(`/api/v1/residents/${target.id}`, { ethnicity: 'Thái' });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.ethnicity, 'Thái', 'a leader records it and sees it');
  assert.equal((await leader.get(`/api/v1/residents/${target.id}`)).json.ethnicity, 'Thái');
  const seen = (await member.get(`/api/v1/residents/${target.id}`)).json;
  assert.equal(seen.ethnicity, null, 'a member reads the record without it');
  const listed = (await member.get(`/api/v1/households/${target.household_id}/residents`)).json.items.find((x) => x.id === target.id);
  assert.equal(listed.ethnicity, null, 'nor in the household list');
  const pulled = (await member.get('/api/v1/sync/pull?cursor=0&limit=500')).json.residents.find((x) => x.id === target.id);
  assert.equal(pulled.ethnicity, null, 'nor on the phone');
  const html = (await member.get(`/residents/${target.id}`, { accept: 'text/html' })).text;
  assert.match(html, /name="full_name"/, 'the resident page with its form');
  assert.ok(!html.includes('value="Thái"') && !html.includes('name="ethnicity"'), 'nor on the resident page, which has no such field for a member');
  assert.match((await leader.get(`/residents/${target.id}`, { accept: 'text/html' })).text, /name="ethnicity" value="Thái"/, 'a leader\'s page has it');
  // A member's own edit keeps it; a member's write of it is refused next to the field, nothing changed.
  assert.equal((await member.patch(`/api/v1/residents/${target.id}`, { birth_year: 1980 })).status, 200);
  const refused = await member.patch(`/api/v1/residents/${target.id}`, { ethnicity: 'Kinh', birth_year: 1981 });
  assert.equal(refused.status, 422);
  assert.equal(refused.json.field, 'ethnicity');
  const after = (await leader.get(`/api/v1/residents/${target.id}`)).json;
  assert.equal(after.ethnicity, 'Thái');
  assert.equal(after.birth_year, 1980);
});

test('a person\'s data: everything held about them as JSON for a team leader, audited; not for a member', async () => {
  const leader = await login(srv.base, 'totruong.muongxen');
  const member = await login(srv.base, 'thanhvien.muongxen');
  const h = await firstHousehold(leader);
  const person = (await leader.get(`/api/v1/households/${h.id}/residents`)).json.items[0];
  const visit = await leader.post('/api/v1/sessions', { household_id: h.id, channel: 'phone', minutes: 7, residents: person.id,
    service_1: 'vneid_account', outcome_1: 'done', tip: 'never_share_otp' });
  assert.equal(visit.status, 201, visit.text);
  const dossier = await leader.post('/api/v1/dossiers', { resident_id: person.id, procedure: 'marriage', portal_code: `EX-${Date.now() % 1e6}`,
    submitted_on: new Date().toISOString().slice(0, 10), channel: 'desk' });
  assert.equal(dossier.status, 201, dossier.text);
  const res = await leader.get(`/api/v1/residents/${person.id}/export`);
  assert.equal(res.status, 200, res.text);
  const { resident, sections, exported_at } = res.json;
  assert.equal(resident.id, person.id);
  assert.ok(exported_at > 0);
  assert.deepEqual(Object.keys(sections), ['household', 'consent', 'sessions', 'services', 'skills', 'tasks', 'dossiers', 'desk', 'training', 'sms', 'reads']);
  assert.equal(sections.household[0].household, h.name);
  const session = sections.sessions.find((x) => x.channel === 'phone' && x.minutes === 7);
  assert.ok(session, 'the visit is there');
  assert.match(session.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  assert.ok(sections.services.some((x) => x.service === 'vneid_account' && x.outcome === 'done'));
  assert.ok(sections.reads.some((x) => x.action === 'view'), 'the reads of the record');
  assert.equal(sections.dossiers.length, 1);
  assert.equal(sections.dossiers[0].procedure, 'marriage');
  assert.match(sections.dossiers[0].due_day, /^\d{4}-\d\d-\d\d$/);
  assert.ok(!JSON.stringify(res.json).includes('national_id_hash'), 'never the ID hash');
  // The export is itself a read of the record; a member may not make one; another commune's person is unknown.
  const again = (await leader.get(`/api/v1/residents/${person.id}/export`)).json;
  assert.ok(again.sections.reads.some((x) => x.how === 'data export'));
  assert.equal((await member.get(`/api/v1/residents/${person.id}/export`)).status, 404);
});

test('consent: given, changed and withdrawn, each kept with who and when; a change without the record\'s purpose is refused', async () => {
  const leader = await login(srv.base, 'totruong.muongxen');
  const h = await firstHousehold(leader);
  const made = await leader.post('/api/v1/residents', { household_id: h.id, full_name: 'Vi Văn Đồng Ý', consent: true, consent_purposes: ['registry', 'support', 'notifications'] });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const history = async () => (await leader.get(`/api/v1/residents/${id}/export`)).json.sections.consent;
  assert.deepEqual((await history()).map((e) => [e.change, e.purposes]), [['given', 'registry,support,notifications']]);
  // No more messages: the person withdraws "notifications".
  const changed = await leader.patch(`/api/v1/residents/${id}`, { consent: true, consent_purposes: ['registry', 'support'] });
  assert.equal(changed.status, 200, changed.text);
  assert.deepEqual(changed.json.consent.purposes, ['registry', 'support']);
  const steps = await history();
  assert.deepEqual(steps.map((e) => [e.change, e.purposes]), [['given', 'registry,support,notifications'], ['changed', 'registry,support']]);
  assert.ok(steps.every((e) => e.recorded_by === 'Tổ trưởng Mường Xén (mẫu)' && e.at));
  // The same purposes again change nothing; without "registry" nothing may be kept: refused, nothing changed.
  assert.equal((await leader.patch(`/api/v1/residents/${id}`, { consent: true, consent_purposes: ['support', 'registry'] })).status, 200);
  assert.equal((await history()).length, 2);
  const refused = await leader.patch(`/api/v1/residents/${id}`, { consent: true, consent_purposes: ['support'] });
  assert.equal(refused.status, 422);
  assert.equal(refused.json.field, 'consent_purposes');
  // Withdrawing everything erases the record; the withdrawal stays on record, with nothing of the person but the id.
  assert.equal((await leader.del(`/api/v1/residents/${id}`)).status, 200);
  const kept = queryColumn(srv.db, `SELECT change || '|' || purposes FROM consent_events WHERE resident_id = '${id}' ORDER BY at, id`);
  assert.deepEqual(kept, ['given|registry,support,notifications', 'changed|registry,support', 'withdrawn|']);
});

test('retention: the daily run on a served database says what it removed, in the audit log; a wrong limit is refused', async () => {
  // A scam report from three years ago, through the database as the SMS channel stores them.
  const old = Math.floor(Date.now() / 1000) - 3 * 365 * 86400;
  const sql = `INSERT INTO scam_reports (commune_id, id, area_path, phone, body, at) SELECT id, 'RETENTION-TEST', path, '0912000111', 'goi gia danh', ${old} FROM areas WHERE name = 'Mường Xén'`;
  runSql(srv.db, sql);
  const out = caunoi(['retention', ...srv.dbArgs]);
  assert.match(out, /^scam reports blanked 1 \(older than 730 days\)/);
  assert.deepEqual(queryColumn(srv.db, "SELECT phone || '|' || body FROM scam_reports WHERE id = 'RETENTION-TEST'"), ['|']);
  assert.match(caunoi(['retention', ...srv.dbArgs]), /^scam reports blanked 0 /, 'nothing more the second time');
  assert.throws(() => caunoi(['retention', '--audit-days', '30', ...srv.dbArgs]), (e) => /--audit-days takes a whole number from 365/.test(e.stderr));
  assert.throws(() => caunoi(['retention', '--scam-day', '30', ...srv.dbArgs]), (e) => /unknown option --scam-day/.test(e.stderr));
  const audit = (await admin.get('/api/v1/audit?limit=50')).json.items;
  assert.ok(audit.some((e) => e.entity === 'retention' && /scam reports blanked 1 /.test(e.detail)));
});

test('breach report: whose records one account read, from the audit log, itself audited', async () => {
  // A team leader's account, used for a few reads (as a thief with the phone would).
  const leader = await login(srv.base, 'totruong.muongxen');
  const h = await firstHousehold(leader);
  const residents = (await leader.get(`/api/v1/households/${h.id}/residents`)).json.items;
  const read = residents[0];
  assert.equal((await leader.get(`/api/v1/residents/${read.id}`)).status, 200);
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const run = (...args) => caunoi(['audit', 'exposed', ...args, ...srv.dbArgs]);
  const lines = run('--user', 'totruong.muongxen', '--from', today).trim().split('\n');
  assert.deepEqual(lines[0].split('\t'), ['resident_id', 'name', 'phone', 'village', 'commune', 'first', 'last', 'reads', 'changes', 'accounts', 'by']);
  const rows = lines.slice(1).map((l) => l.split('\t'));
  const row = rows.find((r) => r[0] === read.id);
  assert.ok(row, 'the person read is listed');
  assert.equal(row[1], read.full_name);
  assert.equal(row[4], 'Mường Xén');
  assert.ok(Number(row[7]) >= 1);
  assert.equal(row[9], 'totruong.muongxen');
  // Every resident the household list showed was exposed too; nobody of another commune.
  for (const r of residents) assert.ok(rows.some((x) => x[0] === r.id), `${r.full_name} listed`);
  assert.deepEqual(rows.filter((x) => x[1] !== '(erased)' && x[4] !== 'Mường Xén'), []);
  // Before the reads: nobody. A bad date: said in words, nothing printed.
  assert.equal(run('--user', 'totruong.muongxen', '--from', '2020-01-01', '--to', '2020-01-02').trim().split('\n').length, 1);
  assert.throws(() => run('--from', '2026-13-01'), (e) => /--from takes YYYY-MM-DD/.test(e.stderr) && e.stdout === '');
  assert.throws(() => run('--user', 'nobody.here'), (e) => /no account nobody\.here/.test(e.stderr));
  // The report read those records: it is in the log.
  const audit = (await admin.get('/api/v1/audit?limit=50')).json.items;
  assert.ok(audit.some((e) => e.entity === 'breach_report' && e.action === 'view' && /user=totruong\.muongxen/.test(e.detail)));
});
