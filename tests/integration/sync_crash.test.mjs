// kill -9 while a pushed batch is being applied, restart, re-send: every operation is there
// exactly once (the batch is one transaction; re-sent operations already there are duplicates).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, serve, login } from '../lib/server.mjs';
import { ulid } from '../lib/ulid.mjs';

let srv, again;
after(async () => {
  await again?.stop();
  await srv?.stop();
});

test('a server killed mid-batch loses nothing and doubles nothing once the batch is re-sent', async (t) => {
  srv = await startServer({ households: 10 });
  const member = await login(srv.base, 'thanhvien.muongxen');
  const page = (await member.get('/api/v1/sync/pull?cursor=0&limit=500')).json;
  const households = page.households.map((h) => ({ h, r: page.residents.find((r) => r.household_id === h.id) })).filter((x) => x.r);
  assert.ok(households.length >= 2);
  const ops = Array.from({ length: 500 }, (_, i) => {
    const { h, r } = households[i % households.length];
    return { id: ulid(), kind: 'session', at: Date.now() - 1000, data: { household_id: h.id, channel: 'home_visit', minutes: 5, residents: r.id, service_1: 'vneid_account', outcome_1: 'done', tip: 'never_share_otp' } };
  });
  const batch = { device: 'crash-phone', ops };
  const counts = async (c) => {
    const n = {};
    for (const { h } of households) n[h.id] = (await c.get(`/api/v1/households/${h.id}/sessions`)).json.items.length;
    return n;
  };
  const before = await counts(member);
  const sending = member.post('/api/v1/sync/push', batch).catch((e) => e);
  await sleep(20);
  srv.proc.kill('SIGKILL');
  assert.equal((await srv.exited).signal, 'SIGKILL');
  await sending;
  again = await serve(srv.dbArgs);
  const member2 = await login(again.base, 'thanhvien.muongxen');
  const res = await member2.post('/api/v1/sync/push', batch);
  assert.equal(res.status, 200, res.text);
  const statuses = res.json.results.map((r) => r.status);
  assert.ok(statuses.every((s) => s === 'applied') || statuses.every((s) => s === 'duplicate'),
    `all or nothing of the killed batch had landed: ${[...new Set(statuses)]}`);
  t.diagnostic(statuses[0] === 'applied' ? 'killed before the batch committed' : 'killed after the batch committed');
  const third = await member2.post('/api/v1/sync/push', batch);
  assert.ok(third.json.results.every((r) => r.status === 'duplicate' && r.first === 'applied'));
  const now = await counts(member2);
  for (const { h } of households) {
    const expected = ops.filter((o) => o.data.household_id === h.id).length;
    assert.equal(now[h.id] - before[h.id], expected, `household ${h.id}: each session once`);
  }
});
