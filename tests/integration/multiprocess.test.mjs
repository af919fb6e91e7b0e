// Two caunoi processes on one database (PostgreSQL in production; the same on a SQLite file),
// the second with three worker threads sharing a pool of two connections: under concurrent
// load no desk ticket number, no called ticket and no SMS is handed out twice, sessions work on
// either process, and the look-up rate limits are shared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer, serve, login, BIN, runSql } from '../lib/server.mjs';
import { ulid } from '../lib/ulid.mjs';

const run = promisify(execFile);
let a, b;

before(async () => {
  a = await startServer({ households: 12 });
  b = await serve([...a.dbArgs, '--workers', '3', '--db-connections', '2']);
});
after(async () => {
  await b?.stop();
  await a?.stop();
});

function sql(query) {
  return runSql(a.db, query);
}

test('a session made on one process works on the other', async () => {
  const onA = await login(a.base, 'canbo.muongxen');
  const res = await fetch(`${b.base}/api/v1/me`, { headers: { authorization: `Bearer ${onA.token}` } });
  assert.equal(res.status, 200);
  const me = await res.json();
  assert.equal(me.id, onA.user.id);
  assert.equal(me.role, 'commune_officer');
});

test('desk tickets issued and called on both processes at once are never duplicated', async () => {
  const onA = await login(a.base, 'canbo.muongxen');
  const onB = await login(b.base, 'canbo.muongxen');
  const N = 40;
  const issued = await Promise.all(Array.from({ length: 2 * N }, (_, i) => (i % 2 ? onA : onB).post('/api/v1/desk/tickets', { need: 'question' })));
  for (const r of issued) assert.equal(r.status, 201, r.text);
  const numbers = issued.map((r) => r.json.number).sort((x, y) => x - y);
  assert.equal(new Set(numbers).size, 2 * N, 'no number given twice');
  assert.equal(numbers[2 * N - 1] - numbers[0], 2 * N - 1, 'numbers are consecutive');
  const calls = await Promise.all(Array.from({ length: 2 * N + 6 }, (_, i) => (i % 2 ? onA : onB).post('/api/v1/desk/call', { desk: `Quầy ${i % 2 + 1}` })));
  const called = calls.filter((r) => r.status === 200).map((r) => r.json.id);
  for (const r of calls) assert.ok([200, 404].includes(r.status), `${r.status} ${r.text}`);
  assert.equal(new Set(called).size, called.length, 'no ticket called twice');
  assert.equal(called.length, 2 * N, 'every waiting ticket called once');
});

test('SMS senders on both sides never claim the same message', async () => {
  const queued = Number(sql("SELECT COUNT(*) FROM sms_outbox WHERE status = 'queued'"));
  assert.ok(queued >= 5, `the demo queues messages (${queued})`);
  const claims = async (worker) => {
    const ids = [];
    for (;;) {
      const { stdout } = await run(BIN, ['outbox', 'claim', '--worker', worker, '--limit', '3', ...a.dbArgs]);
      const got = stdout.trim() ? stdout.trim().split('\n').map((l) => JSON.parse(l).id) : [];
      if (!got.length) return ids;
      ids.push(...got);
    }
  };
  const all = (await Promise.all(['w1', 'w2', 'w3', 'w4'].map(claims))).flat();
  assert.equal(new Set(all).size, all.length, 'a message claimed twice');
  assert.equal(all.length, queued);
});

test('one sync batch sent to both processes at once, three times each, lands once', async () => {
  const onA = await login(a.base, 'thanhvien.muongxen');
  const onB = await login(b.base, 'thanhvien.muongxen');
  const page = (await onA.get('/api/v1/sync/pull?cursor=0&limit=500')).json;
  const pairs = page.households.map((h) => [h.id, page.residents.find((r) => r.household_id === h.id)?.id]).filter((p) => p[1]);
  const before = Number(sql("SELECT COUNT(*) FROM support_sessions").trim());
  const ops = Array.from({ length: 30 }, (_, i) => ({ id: ulid(), kind: 'session', at: Date.now() - 1000,
    data: { household_id: pairs[i % pairs.length][0], channel: 'home_visit', minutes: 5, residents: pairs[i % pairs.length][1], service_1: 'vneid_account', outcome_1: 'done', tip: 'never_share_otp' } }));
  const sends = await Promise.all([onA, onB, onA, onB, onA, onB].map((c) => c.post('/api/v1/sync/push', { device: 'twice', ops })));
  for (const r of sends) {
    assert.equal(r.status, 200, r.text);
    for (const x of r.json.results) assert.ok(x.status === 'applied' || (x.status === 'duplicate' && x.first === 'applied'), JSON.stringify(x));
  }
  for (let i = 0; i < ops.length; i++) assert.equal(sends.filter((r) => r.json.results[i].status === 'applied').length, 1, 'applied by one send only');
  assert.equal(Number(sql("SELECT COUNT(*) FROM support_sessions").trim()), before + ops.length);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM sync_ops WHERE device = 'twice'`).trim()), ops.length);
});

test('the look-up limit per address counts requests to both processes', async () => {
  const lookup = (base, i) => fetch(`${base}/api/v1/status-lookup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `H42.77-000000-${1000 + i}`, phone_last4: '1234' }),
  });
  const statuses = [];
  for (let i = 0; i < 20; i++) statuses.push((await lookup(i % 2 ? a.base : b.base, i)).status);
  assert.ok(statuses.every((s) => s === 404), statuses.join(','));
  assert.equal((await lookup(a.base, 98)).status, 429);
  assert.equal((await lookup(b.base, 99)).status, 429);
});

test('a procedure edited through one process shows on the other within seconds', async () => {
  const admin = await login(a.base, 'admin');
  const before = await (await fetch(`${b.base}/api/v1/procedures/marriage`)).json();  // B has it cached
  const edited = before.source.replace(/title\.vi = .*/, 'title.vi = Đăng ký kết hôn (sửa ở máy A)');
  assert.equal((await admin.put('/api/v1/procedures/marriage', { source: edited })).status, 200);
  let title = '';
  for (let i = 0; i < 30 && title !== 'Đăng ký kết hôn (sửa ở máy A)'; i++) {
    title = (await (await fetch(`${b.base}/api/v1/procedures/marriage`)).json()).title.vi;
    if (title !== 'Đăng ký kết hôn (sửa ở máy A)') await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(title, 'Đăng ký kết hôn (sửa ở máy A)');
});
