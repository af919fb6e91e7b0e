// Field work over real HTTP: support sessions, mandatory safety tip, skill changes, follow-up tasks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv, member, leader, other;

before(async () => {
  srv = await startServer({ households: 10 });
  member = await login(srv.base, 'thanhvien.muongxen');
  leader = await login(srv.base, 'totruong.muongxen');
  other = await login(srv.base, 'canbo.nangoi');
});
after(async () => { await srv.stop(); });

// A household with two or more people and no visit yet (the demo data records some visits),
// so each test starts from a known state.
async function householdWithResidents(c) {
  for (const h of (await c.get('/api/v1/households?limit=200')).json.items) {
    if ((await c.get(`/api/v1/households/${h.id}/sessions`)).json.items.length) continue;
    const rs = (await c.get(`/api/v1/households/${h.id}/residents`)).json.items;
    if (rs.length >= 2) return { h, rs };
  }
  throw new Error('no unvisited household with two residents');
}

test('catalogs come in the requested language', async () => {
  const vi = await member.get('/api/v1/services');
  assert.ok(vi.json.items.some((s) => s.key === 'vneid_level2' && /VNeID mức 2/.test(s.name)));
  const en = await member.get('/api/v1/tips', { 'accept-language': 'en' });
  assert.ok(en.json.items.some((t) => t.key === 'never_share_otp' && /OTP/.test(t.text)));
});

test('a session needs a resident, a service, a reason for not done, and a safety tip', async () => {
  const { h, rs } = await householdWithResidents(member);
  const base = { household_id: h.id, channel: 'home_visit', minutes: 20, residents: rs[0].id, service_1: 'vneid_account', outcome_1: 'done', tip: 'never_share_otp' };
  const cases = [
    [{ ...base, residents: '' }, 'residents'],
    [{ ...base, service_1: undefined, outcome_1: undefined }, 'service_1'],
    [{ ...base, outcome_1: 'not_done' }, 'reason_1'],
    [{ ...base, tip: undefined }, 'tip'],
    [{ ...base, tip: 'made_up' }, 'tip'],
    [{ ...base, residents: (await other.get('/api/v1/households?limit=1')).json.items[0].id }, 'residents'],
    [{ ...base, minutes: 0 }, 'minutes'],
    [{ ...base, 'skill.nobody.skill_payment': 'independent' }, 'skill.nobody.skill_payment'],
  ];
  const before = (await member.get(`/api/v1/households/${h.id}/sessions`)).json.items.length;
  for (const [body, field] of cases) {
    const r = await member.post('/api/v1/sessions', JSON.parse(JSON.stringify(body)));
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.equal(r.json.field, field);
  }
  const tipless = await member.post('/api/v1/sessions', { ...base, tip: undefined });
  assert.match(tipless.json.title, /an toàn/i, 'the title says a safety tip is needed, in Vietnamese');
  assert.equal((await member.get(`/api/v1/households/${h.id}/sessions`)).json.items.length, before, 'nothing half-written');
});

test('recording a visit saves skills, the tip heard, and creates follow-up tasks once', async () => {
  const { h, rs } = await householdWithResidents(member);
  const tip = (await member.get(`/api/v1/residents/${rs[0].id}/next-tip`)).json;
  assert.ok(tip.key);
  const target = rs[0].skills.payment === 'assisted' ? 'independent' : 'assisted';
  const body = {
    household_id: h.id, channel: 'home_visit', minutes: 25, notes: 'Đã hướng dẫn tại nhà',
    residents: [rs[0].id, rs[1].id],
    service_1: 'vneid_level2', outcome_1: 'partly',
    service_2: 'payment_account', outcome_2: 'not_done', reason_2: 'no_signal',
    [`skill.${rs[0].id}.skill_payment`]: target,
    tip: tip.key,
  };
  const r = await member.post('/api/v1/sessions', body);
  assert.equal(r.status, 201, r.text);
  const fromServices = r.json.tasks.filter((t) => t.rule !== 'device_options');
  // Each follow-up of a service is for each of the two people helped, named.
  assert.deepEqual(fromServices.map((t) => `${t.rule} ${t.resident_id}`).sort(),
    ['retry_with_signal', 'vneid2_police_visit'].flatMap((k) => [rs[0].id, rs[1].id].map((id) => `${k} ${id}`)).sort());
  for (const t of r.json.tasks.filter((x) => x.rule === 'device_options')) {
    const who = rs.find((x) => x.id === t.resident_id);
    assert.equal(who.phone_kind, 'basic', 'device talk only for basic phones');
  }
  const police = r.json.tasks.find((t) => t.rule === 'vneid2_police_visit');
  assert.equal(police.due_at, r.json.session.at + 7 * 86400);
  const res = (await member.get(`/api/v1/residents/${rs[0].id}`)).json;
  assert.equal(res.skills.payment, target);
  const next = (await member.get(`/api/v1/residents/${rs[0].id}/next-tip`)).json;
  assert.notEqual(next.key, tip.key, 'the next visit proposes a tip not yet heard');
  // The same visit again: the follow-ups are already open, so none are added.
  const again = await member.post('/api/v1/sessions', { ...body, tip: next.key });
  assert.equal(again.status, 201);
  assert.equal(again.json.tasks.length, 0);
  const history = (await member.get(`/api/v1/residents/${rs[0].id}/history`)).json;
  assert.ok(history.tips_heard.some((t) => t.tip === tip.key));
  assert.deepEqual(history.skill_events.at(-1), { skill: 'payment', from: rs[0].skills.payment, to: target, at: r.json.session.at, session_id: r.json.session.id, training_id: null });
  const timeline = (await member.get(`/api/v1/households/${h.id}/timeline`)).json.items;
  assert.ok(timeline.some((e) => e.kind === 'session' && e.session.id === r.json.session.id));
  assert.ok(timeline.some((e) => e.kind === 'task_created' && e.task.rule === 'vneid2_police_visit'));
  for (let i = 1; i < timeline.length; i++) assert.ok(timeline[i - 1].at >= timeline[i].at, 'newest first');
  const sessions = (await member.get(`/api/v1/households/${h.id}/sessions`)).json.items;
  assert.equal(sessions[0].services.length, 2);
  assert.equal(sessions[1].skill_changes[0].to, target);
});

test('a correction is a new session naming the old one', async () => {
  const { h, rs } = await householdWithResidents(member);
  const first = await member.post('/api/v1/sessions', { household_id: h.id, channel: 'phone', minutes: 5, residents: rs[0].id, service_1: 'other', outcome_1: 'done', tip: 'no_strange_links' });
  assert.equal(first.status, 201);
  const fix = await member.post('/api/v1/sessions', { household_id: h.id, channel: 'phone', minutes: 15, residents: rs[0].id, service_1: 'other', outcome_1: 'done', tip: 'no_strange_links', corrects: first.json.session.id });
  assert.equal(fix.status, 201);
  const all = (await member.get(`/api/v1/households/${h.id}/sessions`)).json.items;
  assert.ok(all.some((s) => s.id === first.json.session.id), 'the original stays');
  assert.equal(all.find((s) => s.id === fix.json.session.id).corrects, first.json.session.id);
});

test('tasks: today list in scope, done, skip with a reason, manual tasks by leaders', async () => {
  const { h } = await householdWithResidents(member);
  const made = await leader.post('/api/v1/tasks', { household_id: h.id, title: 'Mang sổ hộ khẩu lên xã', due_date: '2026-12-01' });
  assert.equal(made.status, 201, made.text);
  assert.equal((await member.post('/api/v1/tasks', { household_id: h.id, title: 'x', due_date: '2026-12-01' })).status, 403);
  assert.equal((await leader.post('/api/v1/tasks', { household_id: h.id, title: 'x', due_date: '01/12/2026' })).status, 422);
  const foreign = (await other.get('/api/v1/households?limit=1')).json.items[0];
  assert.equal((await leader.post('/api/v1/tasks', { household_id: foreign.id, title: 'x', due_date: '2026-12-01' })).status, 404);
  const today = (await member.get('/api/v1/tasks')).json.items;
  assert.ok(today.some((t) => t.id === made.json.id));
  assert.equal((await other.post(`/api/v1/tasks/${made.json.id}/done`)).status, 404, 'out of scope');
  let r = await member.post(`/api/v1/tasks/${made.json.id}/skip`, {});
  assert.equal(r.status, 422);
  assert.equal(r.json.field, 'reason');
  r = await member.post(`/api/v1/tasks/${made.json.id}/skip`, { reason: 'Gia đình đi làm nương' });
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'skipped');
  assert.equal((await member.post(`/api/v1/tasks/${made.json.id}/done`)).status, 409);
  assert.ok(!(await member.get('/api/v1/tasks')).json.items.some((t) => t.id === made.json.id));
});

test('no-signal reports: members mark dead zones, the commune sees villages ranked', async () => {
  const villages = member.user.scope.map((p) => p.split('/').pop());
  for (let i = 0; i < 3; i++) assert.equal((await member.post('/api/v1/no-signal', { village_id: villages[0], operator: 'viettel', lat: 19.25, lon: 104.2 })).status, 201);
  assert.equal((await member.post('/api/v1/no-signal', { village_id: villages[1] })).status, 201);
  let r = await member.post('/api/v1/no-signal', { village_id: villages[0], lat: 19.25 });
  assert.equal(r.status, 422);
  assert.equal(r.json.field, 'lon');
  r = await member.post('/api/v1/no-signal', { village_id: villages[0], operator: 'telstra' });
  assert.equal(r.status, 422);
  const foreign = (await other.get('/api/v1/households?limit=1')).json.items[0].village_id;
  assert.equal((await member.post('/api/v1/no-signal', { village_id: foreign })).status, 404);
  const zones = (await leader.get('/api/v1/areas/16813/dead-zones')).json.items;
  assert.equal(zones[0].village_id, villages[0]);
  assert.equal(zones[0].reports, 3);
  assert.equal(zones[1].reports, 1);
  assert.equal((await member.get('/api/v1/areas/16870/dead-zones')).status, 404);
});

test('the province admin edits the catalogs; a retired tip can no longer be recorded', async () => {
  const admin = await login(srv.base, 'admin');
  let r = await admin.put('/api/v1/tips/check_sender', { text_vi: 'Gọi lại số chính thức trước khi làm theo tin nhắn.', text_en: 'Call the official number back before acting on a message.' });
  assert.equal(r.status, 200, r.text);
  assert.ok((await member.get('/api/v1/tips')).json.items.some((t) => t.key === 'check_sender'));
  assert.equal((await leader.put('/api/v1/tips/check_sender', { text_vi: 'x', text_en: 'x' })).status, 404);
  assert.equal((await admin.put('/api/v1/tips/Bad-Key', { text_vi: 'x', text_en: 'x' })).status, 422);
  r = await admin.put('/api/v1/tips/check_sender', { text_vi: 'x', text_en: 'x', active: false });
  assert.equal(r.status, 200);
  const { h, rs } = await householdWithResidents(member);
  r = await member.post('/api/v1/sessions', { household_id: h.id, channel: 'phone', minutes: 5, residents: rs[0].id, service_1: 'other', outcome_1: 'done', tip: 'check_sender' });
  assert.equal(r.status, 422);
  assert.equal(r.json.field, 'tip');
  r = await admin.put('/api/v1/services/other', { name_vi: 'Việc khác', name_en: 'Something else' });
  assert.equal(r.status, 200);
  assert.ok((await member.get('/api/v1/services', { 'accept-language': 'en' })).json.items.some((s) => s.name === 'Something else'));
});

test("a member's Today shows tasks for them or for no one, not a colleague's", async () => {
  const { h } = await householdWithResidents(member);
  const mine = await leader.post('/api/v1/tasks', { household_id: h.id, title: 'Cho thành viên', due_date: '2026-12-02', assignee: member.user.id });
  const theirs = await leader.post('/api/v1/tasks', { household_id: h.id, title: 'Cho tổ trưởng', due_date: '2026-12-02', assignee: leader.user.id });
  assert.equal(mine.status, 201, mine.text);
  assert.equal(theirs.status, 201, theirs.text);
  const today = (await member.get('/api/v1/tasks')).json.items.map((t) => t.id);
  assert.ok(today.includes(mine.json.id));
  assert.ok(!today.includes(theirs.json.id));
  assert.ok((await leader.get('/api/v1/tasks')).json.items.some((t) => t.id === theirs.json.id));
  assert.equal((await leader.post('/api/v1/tasks', { household_id: h.id, title: 'x', due_date: '2026-12-02', assignee: 'nobody' })).status, 422);
});

test('colleagues who helped are recorded; strangers are refused', async () => {
  const { h, rs } = await householdWithResidents(member);
  const base = { household_id: h.id, channel: 'village_meeting', minutes: 30, residents: rs[0].id, service_1: 'safe_app', outcome_1: 'done', tip: 'report_scam' };
  const ok = await member.post('/api/v1/sessions', { ...base, helpers: [leader.user.id] });
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.json.session.helpers, [member.user.id, leader.user.id]);
  const stranger = (await other.get('/api/v1/me')).json.id;
  const bad = await member.post('/api/v1/sessions', { ...base, helpers: [stranger] });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.field, 'helpers');
});
