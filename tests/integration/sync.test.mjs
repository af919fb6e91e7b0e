// The offline sync protocol over HTTP (docs/sync.md): preflight, paged and resumable pulls,
// pushes applied exactly once however often they are re-sent, profile conflicts kept for a
// team leader, and every bad operation answered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { ulid } from '../lib/ulid.mjs';

let srv, member, leader, other;

before(async () => {
  srv = await startServer({ households: 10 });
  member = await login(srv.base, 'thanhvien.muongxen');
  leader = await login(srv.base, 'totruong.muongxen');
  other = await login(srv.base, 'canbo.nangoi');
});
after(async () => { await srv.stop(); });

// Every page from `cursor` on.
async function pullAll(c, cursor = '0', limit = 8) {
  const all = { households: [], residents: [], tasks: [], deleted: [], pages: 0, cursor };
  for (;;) {
    const r = await c.get(`/api/v1/sync/pull?cursor=${all.cursor}&limit=${limit}`);
    assert.equal(r.status, 200, r.text);
    for (const k of ['households', 'residents', 'tasks', 'deleted']) all[k].push(...r.json[k]);
    all.cursor = r.json.cursor;
    all.pages++;
    if (!r.json.more) return all;
  }
}

function session(household, resident, extra = {}) {
  return {
    id: ulid(), kind: 'session', at: Date.now() - 3600_000,
    data: { household_id: household, channel: 'home_visit', minutes: 15, residents: resident, service_1: 'vneid_account', outcome_1: 'done', tip: 'never_share_otp', ...extra },
  };
}

test('a first sync is announced by the preflight and pulled in pages, once each, in scope', async () => {
  const pre = await member.get('/api/v1/sync/preflight');
  assert.equal(pre.status, 200);
  assert.ok(pre.json.households > 0 && pre.json.residents > pre.json.households);
  assert.ok(pre.json.estimated_bytes > 0 && pre.json.warn_above_bytes > 0);
  const all = await pullAll(member);
  assert.ok(all.pages > 1, 'several pages');
  const ids = new Set(all.households.map((h) => h.id));
  assert.equal(ids.size, all.households.length, 'no household twice');
  assert.equal(all.households.length, pre.json.households);
  assert.equal(new Set(all.residents.map((r) => r.id)).size, pre.json.residents);
  for (const r of all.residents) assert.ok(ids.has(r.household_id), 'residents of pulled households only');
  assert.ok(all.residents.every((r) => r.profile && typeof r.profile.phone_kind === 'string'));
  // Nothing of another commune.
  const foreign = (await other.get('/api/v1/households?limit=1')).json.items[0].id;
  assert.ok(!ids.has(foreign));
});

test('a broken pull resumes from the last page it got, without starting over', async () => {
  const first = await member.get('/api/v1/sync/pull?cursor=0&limit=25');
  assert.equal(first.json.more, true);
  const second = await member.get(`/api/v1/sync/pull?cursor=${first.json.cursor}&limit=25`);
  // The connection broke before the phone stored page two: it asks again from the same cursor.
  const again = await member.get(`/api/v1/sync/pull?cursor=${first.json.cursor}&limit=25`);
  assert.deepEqual(again.json.households.map((h) => h.id), second.json.households.map((h) => h.id));
  assert.equal(again.json.cursor, second.json.cursor);
  for (const bad of ['999999999', '-1', 'abc']) {
    const r = await member.get(`/api/v1/sync/pull?cursor=${bad}`);
    assert.equal(r.status, 422, `${bad}: ${r.text}`);
    assert.equal(r.json.field, 'cursor');
  }
});

test('a batch sent three times is applied once', async () => {
  const all = await pullAll(member);
  const h = all.households.find((x) => all.residents.filter((r) => r.household_id === x.id).length >= 2);
  const rs = all.residents.filter((r) => r.household_id === h.id);
  const before = (await member.get(`/api/v1/households/${h.id}/sessions`)).json.items.length;
  const ops = [session(h.id, rs[0].id), session(h.id, rs[1].id), session(h.id, `${rs[0].id},${rs[1].id}`, { [`skill.${rs[0].id}.skill_payment`]: 'assisted' })];
  const batch = { device: 'test-phone-1', ops };
  const first = await member.post('/api/v1/sync/push', batch);
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(first.json.results.map((r) => r.status), ['applied', 'applied', 'applied']);
  for (let i = 0; i < 2; i++) {
    const again = await member.post('/api/v1/sync/push', batch);
    assert.deepEqual(again.json.results.map((r) => [r.status, r.first]), ops.map(() => ['duplicate', 'applied']));
  }
  const sessions = (await member.get(`/api/v1/households/${h.id}/sessions`)).json.items;
  assert.equal(sessions.length, before + 3);
  for (const op of ops) assert.equal(sessions.filter((s) => s.id === op.id).length, 1, 'the phone\'s id is the session\'s');
  // The phone's log reached the audit log: one entry per operation, with when it was done.
  const officer = await login(srv.base, 'canbo.muongxen');
  const entries = (await officer.get('/api/v1/audit?limit=200')).json.items;
  for (const op of ops) {
    const mine = entries.filter((e) => e.entity_id === op.id);
    assert.deepEqual(mine.map((e) => e.action), ['sync'], 'one entry per operation, not a second "create"');
  }
  assert.match(entries.find((e) => e.entity_id === ops[0].id).detail, /test-phone-1, done \d{4}-\d\d-\d\d.*: 1 services, \d+ tasks/);
  // The skill change reaches the other phones through a pull.
  const after = await member.get(`/api/v1/sync/pull?cursor=${all.cursor}`);
  assert.equal(after.json.residents.find((r) => r.id === rs[0].id)?.profile.skill_payment, 'assisted');
});

test('an operation twice in one batch is applied once, around a rejected one', async () => {
  const all = await pullAll(member);
  const h = all.households[1];
  const r = all.residents.find((x) => x.household_id === h.id);
  const before = (await member.get(`/api/v1/households/${h.id}/sessions`)).json.items.length;
  const op = session(h.id, r.id);
  const bad = { ...session(h.id, r.id), data: { ...op.data, minutes: '0' } };
  const later = session(h.id, r.id);
  // The rejected operation makes the batch run again one savepoint per operation: still once each.
  const res = await member.post('/api/v1/sync/push', { device: 'test-phone-5', ops: [op, op, bad, op, later] });
  assert.deepEqual(res.json.results.map((x) => [x.status, x.first ?? '']),
    [['applied', ''], ['duplicate', 'applied'], ['rejected', ''], ['duplicate', 'applied'], ['applied', '']]);
  assert.equal(res.json.results[2].field, 'minutes');
  const sessions = (await member.get(`/api/v1/households/${h.id}/sessions`)).json.items;
  assert.equal(sessions.length, before + 2);
  assert.ok(!sessions.some((x) => x.id === bad.id), 'nothing of the rejected one');
});

test('two sessions of one person in one push chain their skill changes (from the first one\'s level)', async () => {
  const all = await pullAll(member);
  const levels = ['none', 'assisted', 'independent'];
  // Households with residents, each used once by this test.
  const hs = all.households.filter((x) => all.residents.some((r) => r.household_id === x.id)).slice(2, 5);
  assert.equal(hs.length, 3);
  const history = async (id) => (await member.get(`/api/v1/residents/${id}/history`)).json.skill_events.filter((e) => e.skill === 'shopping');
  for (const [h, rejectBetween, resident_update] of [[hs[0], false, false], [hs[1], true, false], [hs[2], false, true]]) {
    const r = all.residents.find((x) => x.household_id === h.id);
    const l0 = r.profile.skill_shopping;
    const l1 = levels.find((l) => l !== l0);
    const l2 = levels.find((l) => l !== l0 && l !== l1);
    const first = session(h.id, r.id, { [`skill.${r.id}.skill_shopping`]: l1 });
    const second = session(h.id, r.id, { [`skill.${r.id}.skill_shopping`]: l2 });
    const third = session(h.id, r.id, { [`skill.${r.id}.skill_shopping`]: l0 });
    const ops = [first, session(all.households[0].id, all.residents.find((x) => x.household_id === all.households[0].id).id), second];
    // A rejected operation between them makes the push run again, one savepoint per operation.
    if (rejectBetween) ops.splice(2, 0, { ...session(h.id, r.id), data: { ...first.data, minutes: '0' } });
    // A profile edit of the same person between them (the skill back to where it started).
    if (resident_update) ops.splice(2, 0, { id: ulid(), kind: 'resident_update', at: Date.now() - 60_000, base_rev: Number(all.cursor),
      data: { resident_id: r.id, skill_shopping: l0 }, from: { skill_shopping: l1 } });
    ops.push(third);
    const before = (await history(r.id)).length;
    const res = await member.post('/api/v1/sync/push', { device: 'test-phone-7', ops });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.results.map((x) => x.status), ops.map((o) => (o.data.minutes === '0' ? 'rejected' : 'applied')));
    const ours = new Set(ops.map((o) => o.id));
    const events = (await history(r.id)).slice(before).filter((e) => ours.has(e.session_id)).map((e) => [e.from, e.to, e.session_id]);
    const expected = resident_update
      ? [[l0, l1, first.id], [l0, l2, second.id], [l2, l0, third.id]]  // the edit put it back to l0 in between
      : [[l0, l1, first.id], [l1, l2, second.id], [l2, l0, third.id]];
    assert.deepEqual(events, expected);
    const after = (await member.get(`/api/v1/residents/${r.id}`)).json;
    assert.equal(after.skills.shopping, l0);
  }
});

test('a push\'s later operations see what its earlier ones wrote: a correction, a follow-up task, a profile edit', async () => {
  // The first attempt gathers a push's rows and writes them at its end (docs/sync.md): whatever
  // reads them before then must find them written.
  const all = await pullAll(member);
  const h = all.households.filter((x) => all.residents.some((r) => r.household_id === x.id))[5];
  const r = all.residents.find((x) => x.household_id === h.id);
  const before = (await member.get(`/api/v1/households/${h.id}/sessions`)).json.items.length;
  const tasksBefore = (await member.get(`/api/v1/households/${h.id}/tasks`)).json.items.length;
  const done = session(h.id, r.id);
  const fix = session(h.id, r.id, { corrects: done.id, outcome_1: 'partly' });
  const noSignal = session(h.id, r.id, { outcome_1: 'not_done', reason_1: 'no_signal' });
  const edit = { id: ulid(), kind: 'resident_update', at: Date.now() - 60_000, base_rev: Number(all.cursor),
    data: { resident_id: r.id, phone: '0912345678' }, from: { phone: r.profile.phone } };
  const ops = [done, fix, noSignal, edit];
  const res = await member.post('/api/v1/sync/push', { device: 'test-phone-8', ops });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.results.map((x) => x.status), ops.map(() => 'applied'), res.text);
  const sessions = (await member.get(`/api/v1/households/${h.id}/sessions`)).json.items;
  assert.equal(sessions.length, before + 3);
  assert.equal(sessions.find((s) => s.id === fix.id).corrects, done.id, 'the correction found the session sent just before it');
  const tasks = (await member.get(`/api/v1/households/${h.id}/tasks`)).json.items;
  assert.equal(tasks.length, tasksBefore + 1, 'the retry task of "no signal", naming its session');
  assert.equal((await member.get(`/api/v1/residents/${r.id}`)).json.phone, '0912345678');
  // One audit entry per operation, in the order the phone did them.
  const officer = await login(srv.base, 'canbo.muongxen');
  const entries = (await officer.get('/api/v1/audit?limit=200')).json.items;
  const order = entries.filter((e) => e.action === 'sync' && ops.some((o) => o.id === e.entity_id)).map((e) => e.entity_id).reverse();
  assert.deepEqual(order, ops.map((o) => o.id));
});

test('a profile field changed meanwhile is kept for the team leader, not overwritten', async () => {
  const all = await pullAll(member);
  const r = all.residents.find((x) => x.profile.vneid_level !== 'level2');
  const seen = r.profile;
  // Online, the leader corrects the phone number while the member is offline.
  assert.equal((await leader.patch(`/api/v1/residents/${r.id}`, { phone: '0912000111' })).status, 200);
  // Offline, the member changed the phone number and the VNeID level from what they had seen.
  const op = { id: ulid(), kind: 'resident_update', at: Date.now() - 60_000, base_rev: Number(all.cursor),
    data: { resident_id: r.id, phone: '0987000222', vneid_level: 'level2' },
    from: { phone: seen.phone, vneid_level: seen.vneid_level } };
  const res = await member.post('/api/v1/sync/push', { device: 'test-phone-2', ops: [op] });
  const [result] = res.json.results;
  assert.equal(result.status, 'conflict');
  assert.deepEqual(result.conflicts, ['phone']);
  const now = (await leader.get(`/api/v1/residents/${r.id}`)).json;
  assert.equal(now.phone, '0912000111', 'the leader\'s change stays');
  assert.equal(now.vneid_level, 'level2', 'the field nobody else changed is applied');
  const conflicts = (await leader.get('/api/v1/sync/conflicts')).json.items.filter((c) => c.resident_id === r.id);
  assert.equal(conflicts.length, 1);
  assert.deepEqual([conflicts[0].field, conflicts[0].server_value, conflicts[0].phone_value], ['phone', '0912000111', '0987000222']);
  assert.equal((await member.get('/api/v1/sync/conflicts')).status, 403, 'members do not resolve');
  const html = (await leader.get('/sync/conflicts')).text;
  assert.match(html, /Thay đổi cần xem lại/);
  assert.ok(html.includes(`c-${conflicts[0].id}`) && html.includes('0912000111') && html.includes('0987000222'), 'shown to the leader with both values');
  const bad = await leader.post(`/api/v1/sync/conflicts/${conflicts[0].id}/resolve`, { keep: 'both' });
  assert.equal(bad.status, 422);
  const ok = await leader.post(`/api/v1/sync/conflicts/${conflicts[0].id}/resolve`, { keep: 'phone' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await leader.get(`/api/v1/residents/${r.id}`)).json.phone, '0987000222');
  assert.equal((await leader.post(`/api/v1/sync/conflicts/${conflicts[0].id}/resolve`, { keep: 'server' })).status, 409);
  assert.equal((await leader.get('/api/v1/sync/conflicts')).json.items.filter((c) => c.resident_id === r.id).length, 0);
});

test('every bad operation is answered, alone, and answered the same when re-sent', async () => {
  const all = await pullAll(member);
  const h = all.households[0];
  const r = all.residents.find((x) => x.household_id === h.id);
  const foreign = (await other.get('/api/v1/households?limit=1')).json.items[0];
  const task = all.tasks.find((t) => t.status === 'open');
  const good = session(h.id, r.id);
  const ops = [
    { kind: 'session', at: Date.now(), data: good.data },                                   // no id
    { ...session(h.id, r.id), kind: 'teleport' },                                            // unknown kind
    session(foreign.id, 'x'),                                                                // outside scope
    { ...session(h.id, r.id), at: Date.now() + 86400_000 },                                 // from the future
    { ...session(h.id, r.id), data: { ...good.data, tip: undefined } },                     // no safety tip
    { id: ulid(), kind: 'resident_update', at: Date.now(), base_rev: 10 ** 12, data: { resident_id: r.id, phone: '0912345670' }, from: { phone: '' } },
    { id: ulid(), kind: 'resident_update', at: Date.now(), base_rev: 0, data: { resident_id: r.id, national_id: '001234567890' }, from: { national_id: '' } },
    good,
    ...(task ? [{ id: ulid(), kind: 'task_done', at: Date.now(), data: { task_id: task.id } }] : []),
    'not an object',
  ];
  const res = await member.post('/api/v1/sync/push', { device: 'test-phone-3', ops: JSON.parse(JSON.stringify(ops)) });
  assert.equal(res.status, 200, res.text);
  const got = res.json.results.map((x) => [x.status, x.field ?? '']);
  assert.deepEqual(got.slice(0, 8), [
    ['rejected', 'id'], ['rejected', 'kind'], ['rejected', ''], ['rejected', 'at'], ['rejected', 'tip'],
    ['rejected', 'base_rev'], ['rejected', 'national_id'], ['applied', ''],
  ]);
  if (task) assert.equal(res.json.results[8].status, 'applied');
  assert.equal(res.json.results.at(-1).status, 'rejected');
  assert.ok(res.json.results.filter((x) => x.status === 'rejected').every((x) => x.reason), 'a reason for each');
  assert.match(res.json.results[4].reason, /an toàn/i, 'in Vietnamese');
  // Re-sent: the rejections come back as they were, the good one as a duplicate, nothing doubles.
  const again = await member.post('/api/v1/sync/push', { device: 'test-phone-3', ops: JSON.parse(JSON.stringify(ops)) });
  assert.deepEqual(again.json.results.slice(1, 8).map((x) => [x.status, x.first]), [
    ['duplicate', 'rejected'], ['duplicate', 'rejected'], ['duplicate', 'rejected'], ['duplicate', 'rejected'],
    ['duplicate', 'rejected'], ['duplicate', 'rejected'], ['duplicate', 'applied']]);
  // A task closed twice (two phones) stays closed once, without a conflict.
  if (task) {
    const twice = await member.post('/api/v1/sync/push', { device: 'test-phone-4', ops: [{ id: ulid(), kind: 'task_done', at: Date.now(), data: { task_id: task.id } }] });
    assert.equal(twice.json.results[0].status, 'applied');
  }
  // Malformed batches are refused whole.
  assert.equal((await member.post('/api/v1/sync/push', { ops: [] })).status, 422);
  assert.equal((await member.post('/api/v1/sync/push', '{"device":"x","ops":[')).status, 422);
  const tooMany = { device: 'x', ops: Array.from({ length: 501 }, () => good) };
  assert.equal((await member.post('/api/v1/sync/push', tooMany)).status, 422);
});

test('an operation id is its sender\'s: another commune reusing it gets its own answer, not the first one\'s', async () => {
  const id = ulid();
  const bad = { id, kind: 'resident_update', at: Date.now(), base_rev: 10 ** 12, data: { resident_id: 'x', phone: '0912345670' }, from: { phone: '' } };
  const mine = await member.post('/api/v1/sync/push', { device: 'phone-a', ops: [bad] });
  assert.equal(mine.json.results[0].status, 'rejected', mine.text);
  const all = await pullAll(other);
  const r = all.residents[0];
  const theirs = await other.post('/api/v1/sync/push', { device: 'phone-b', ops: [{ id, kind: 'resident_update', at: Date.now(),
    base_rev: Number(all.cursor), data: { resident_id: r.id, phone: '0912345671' }, from: { phone: r.phone ?? '' } }] });
  assert.deepEqual([theirs.json.results[0].status, theirs.json.results[0].first], ['applied', undefined], theirs.text);
  // Each sender re-sending gets its own first answer back.
  const again = await member.post('/api/v1/sync/push', { device: 'phone-a', ops: [bad] });
  assert.deepEqual([again.json.results[0].status, again.json.results[0].first], ['duplicate', 'rejected']);
});
