// Dossier tracking over real HTTP: record, status history, due dates and overdue flags, the SMS
// outbox, bad input, and the public status look-up with its rate limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv, member, leader, officer, other, resident, seq = 0;

// Days in Asia/Ho_Chi_Minh, as the server counts them.
const day = (offset = 0) => new Date(Date.now() + 7 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const code = () => `H42.16813-${day().replaceAll('-', '').slice(2)}-${String(++seq).padStart(4, '0')}${process.pid % 100}`;
const filing = (over = {}) => ({ resident_id: resident.id, procedure: 'permanent_residence', portal_code: code(), submitted_on: day(), channel: 'assisted_online', ...over });
const cookieHeaders = (c) => ({ cookie: `sid=${c.token}`, 'x-csrf-token': c.csrf });

before(async () => {
  srv = await startServer({ households: 6 });
  member = await login(srv.base, 'thanhvien.muongxen');
  leader = await login(srv.base, 'totruong.muongxen');
  officer = await login(srv.base, 'canbo.muongxen');
  other = await login(srv.base, 'canbo.nangoi');
  const household = (await member.get('/api/v1/households?limit=1')).json.items[0];
  const r = await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Vi Thị Hoa', phone: '0912000111',
    phone_kind: 'basic', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(r.status, 201, r.text);
  resident = r.json;
});
after(async () => { await srv.stop(); });

test('a dossier is recorded, moves through its statuses with history, and each change queues an SMS', async () => {
  const created = await member.post('/api/v1/dossiers', filing());
  assert.equal(created.status, 201, created.text);
  const d = created.json;
  assert.equal(d.status, 'submitted');
  assert.equal(d.channel, 'assisted_online');
  assert.equal(d.assisted_by, member.user.id);
  assert.ok(d.due_on > d.submitted_on, 'due after filing');
  assert.ok(![0, 6].includes(new Date(`${d.due_on}T00:00:00Z`).getUTCDay()), `due on a weekday: ${d.due_on}`);
  assert.deepEqual(d.next_statuses.sort(), ['processing', 'received', 'rejected', 'supplement_requested', 'withdrawn']);
  for (const to of ['received', 'processing', 'result_ready', 'result_received']) {
    const m = await member.post(`/api/v1/dossiers/${d.id}/status`, { status: to, note: `-> ${to}` });
    assert.equal(m.status, 200, m.text);
    assert.equal(m.json.status, to);
  }
  // Closed: no further move, nothing changes.
  const late = await member.post(`/api/v1/dossiers/${d.id}/status`, { status: 'processing' });
  assert.equal(late.status, 422);
  const got = (await member.get(`/api/v1/dossiers/${d.id}`)).json;
  assert.equal(got.status, 'result_received');
  assert.deepEqual(got.history.map((e) => e.status), ['submitted', 'received', 'processing', 'result_ready', 'result_received']);
  assert.ok(got.history.every((e) => e.by === member.user.id && e.at > 0));
  const sms = (await leader.get('/api/v1/sms/outbox')).json.items.filter((m) => m.dossier_id === d.id);
  assert.equal(sms.length, 5);
  for (const m of sms) {
    assert.equal(m.phone, '0912000111');
    assert.equal(m.status, 'queued');
    assert.match(m.body, /^[\x20-\x7e]+$/, 'Vietnamese without diacritics');
    assert.ok(m.body.includes(d.portal_code), m.body);
  }
  assert.ok(sms.some((m) => /da co ket qua/.test(m.body)), 'result-ready message');
  // The dossier page shows it all.
  const page = await (await fetch(`${srv.base}/dossiers/${d.id}`, { headers: cookieHeaders(member) })).text();
  assert.match(page, /Đã nhận kết quả/);
  assert.ok(page.includes(d.portal_code));
  assert.match(page, /\*{6}0111/, 'phone masked in the SMS list');
  // Every read of the dossier is audited.
  const audit = (await officer.get('/api/v1/audit?limit=200')).json.items;
  assert.ok(audit.some((e) => e.entity === 'dossier' && e.entity_id === d.id && e.action === 'view'));
});

test('bad input gets a clear error and changes nothing', async () => {
  const count = async () => (await member.get(`/api/v1/dossiers?resident_id=${resident.id}`)).json.items.length;
  const n = await count();
  const cases = [
    [{ procedure: 'passport' }, 422, 'procedure'],
    [{ portal_code: 'abc' }, 422, 'portal_code'],
    [{ portal_code: "H42'; DROP TABLE dossiers;--" }, 422, 'portal_code'],
    [{ submitted_on: day(3) }, 422, 'submitted_on'],
    [{ submitted_on: '2026-02-30' }, 422, 'submitted_on'],
    [{ channel: 'carrier pigeon' }, 422, 'channel'],
    [{ phone: '12345' }, 422, 'phone'],
  ];
  for (const [over, status, field] of cases) {
    const r = await member.post('/api/v1/dossiers', filing(over), { 'accept-language': 'vi' });
    assert.equal(r.status, status, `${JSON.stringify(over)}: ${r.text}`);
    assert.equal(r.json.field, field);
    assert.ok(r.json.title && r.json.title !== 'Invalid input', `a Vietnamese title: ${r.json.title}`);
  }
  const future = await member.post('/api/v1/dossiers', filing({ submitted_on: day(1) }));
  assert.equal(future.json.title, 'Ngày không được ở tương lai');
  // Someone else's resident looks like no resident.
  const otherHousehold = (await other.get('/api/v1/households?limit=1')).json.items[0];
  const otherResident = (await other.get(`/api/v1/households/${otherHousehold.id}/residents`)).json.items[0];
  assert.equal((await member.post('/api/v1/dossiers', filing({ resident_id: otherResident.id }))).status, 404);
  // The same portal code twice.
  const once = filing();
  assert.equal((await member.post('/api/v1/dossiers', once)).status, 201);
  const twice = await member.post('/api/v1/dossiers', once);
  assert.equal(twice.status, 409);
  assert.equal(await count(), n + 1);
  // Moving someone else's dossier: not found, and it stays as it was.
  const theirs = await other.post('/api/v1/dossiers', { ...filing({ resident_id: otherResident.id }) });
  assert.equal(theirs.status, 201, theirs.text);
  assert.equal((await member.post(`/api/v1/dossiers/${theirs.json.id}/status`, { status: 'withdrawn' })).status, 404);
  assert.equal((await other.get(`/api/v1/dossiers/${theirs.json.id}`)).json.status, 'submitted');
  // Result received straight after filing is impossible.
  const fresh = await member.post('/api/v1/dossiers', filing());
  const skip = await member.post(`/api/v1/dossiers/${fresh.json.id}/status`, { status: 'result_received' });
  assert.equal(skip.status, 422);
  assert.equal((await member.get(`/api/v1/dossiers/${fresh.json.id}`)).json.history.length, 1);
});

test('an overdue dossier is flagged on Today and on the commune dashboard', async () => {
  const late = await member.post('/api/v1/dossiers', filing({ procedure: 'certified_copy', submitted_on: day(-40) }));
  assert.equal(late.status, 201, late.text);
  assert.equal(late.json.overdue, true);
  const listed = (await member.get('/api/v1/dossiers?overdue=1')).json.items;
  assert.ok(listed.some((x) => x.id === late.json.id));
  assert.ok(listed.every((x) => x.overdue));
  const today = await (await fetch(`${srv.base}/today`, { headers: cookieHeaders(member) })).text();
  assert.match(today, /Hồ sơ quá hạn/);
  assert.ok(today.includes(late.json.portal_code));
  const dash = await (await fetch(`${srv.base}/areas/16813`, { headers: cookieHeaders(officer) })).text();
  const m = dash.match(/Quá hạn: (\d+)/);
  assert.ok(m && Number(m[1]) >= 1, 'overdue count on the commune page');
  // Waiting for the resident's papers stops the office's clock: no longer overdue.
  await member.post(`/api/v1/dossiers/${late.json.id}/status`, { status: 'supplement_requested' });
  assert.equal((await member.get(`/api/v1/dossiers/${late.json.id}`)).json.overdue, false);
});

test('public look-up: code and last 4 phone digits, same answer for any miss, limited per code and per address', async () => {
  const d = (await member.post('/api/v1/dossiers', filing({ procedure: 'temporary_residence' }))).json;
  const lookup = (code, phone_last4) => fetch(`${srv.base}/api/v1/status-lookup`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, phone_last4 }),
  });
  const ok = await lookup(d.portal_code.toLowerCase(), '0111');
  assert.equal(ok.status, 200);
  const ans = await ok.json();
  assert.equal(ans.status, 'submitted');
  assert.equal(ans.due_on, d.due_on);
  assert.ok(ans.next_step.length > 0);
  assert.ok(!JSON.stringify(ans).includes('Vi Thị Hoa') && !JSON.stringify(ans).includes('0912'), 'no name or phone');
  // The HTML form, no login.
  const form = await fetch(`${srv.base}/status`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code: d.portal_code, phone_last4: '0111' }).toString() });
  assert.equal(form.status, 200);
  assert.match(await form.text(), /Đã nộp/);
  // A wrong number and an unknown code look the same.
  const wrong = await lookup(d.portal_code, '9999');
  const unknown = await lookup('H42.99-000000-9999', '0111');
  assert.equal(wrong.status, 404);
  assert.equal(unknown.status, 404);
  assert.deepEqual(await wrong.json(), await unknown.json());
  // Guessing one code: after 5 misses even the right digits wait.
  for (let i = 0; i < 4; i++) assert.equal((await lookup(d.portal_code, String(1000 + i))).status, 404);
  const locked = await lookup(d.portal_code, '0111');
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
  // One address trying many codes: stopped within the per-address limit (20 per hour).
  let n = 0, status = 0;
  while (status !== 429 && n < 25) { status = (await lookup(`H42.88-000000-${1000 + n}`, '1234')).status; n++; }
  assert.equal(status, 429, 'per-address limit');
  const page = await fetch(`${srv.base}/status`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code: d.portal_code, phone_last4: '0111' }).toString() });
  assert.equal(page.status, 429);
  assert.match(await page.text(), /Tra cứu quá nhiều lần/);
});

test('erasing a resident erases their dossiers, history and queued SMS', async () => {
  const household = (await member.get('/api/v1/households?limit=1')).json.items[0];
  const r = await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Lầu Bá Chư', phone: '0987000222',
    consent: true, consent_purposes: 'registry,notifications' });
  const d = (await member.post('/api/v1/dossiers', filing({ resident_id: r.json.id }))).json;
  assert.ok((await leader.get('/api/v1/sms/outbox')).json.items.some((m) => m.dossier_id === d.id));
  assert.equal((await leader.del(`/api/v1/residents/${r.json.id}`)).status, 200);
  assert.equal((await member.get(`/api/v1/dossiers/${d.id}`)).status, 404);
  assert.ok(!(await leader.get('/api/v1/sms/outbox')).json.items.some((m) => m.dossier_id === d.id || m.phone === '0987000222'));
});
