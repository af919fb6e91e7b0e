// Training sessions end to end through the API (issue 19): a leader plans a session (a harvest
// date gets the crop calendar's concerns and three better dates; double booking and the past are
// refused); invitations reach each household's phone exactly once through a real Kannel and
// fakesmsc, the reminder waits for the evening before, a household without a phone is listed for
// a visit; attendance and a practical check taken offline reach the server through sync, replayed
// three times, applied once; the check is in the resident's skill history; an operation for a
// cancelled session is refused, with the same answer when re-sent; progress counts it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, queryColumn } from '../lib/server.mjs';
import { serverWithKannel } from '../lib/kannel.mjs';
import { ulid } from '../lib/ulid.mjs';

let srv, kannel, phone, leader, member, village, leaderId, memberId;
const column = (sql) => queryColumn(srv.db, sql);
// A local date and time in Vietnam, `minutes` from now.
const local = (minutes) => new Date(Date.now() + 7 * 3600e3 + minutes * 60e3).toISOString();
// The training messages Kannel sent to a number (national form), once at least `n` are there.
async function sentBy(number, n, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const lines = kannel.file('access.log').split('\n').filter((l) => l.includes('Sent SMS') && l.includes(`[to:84${number.slice(1)}]`) && l.includes('ky nang'));
    if (lines.length >= n || Date.now() > end) return lines;
    await new Promise((r) => setTimeout(r, 200));
  }
}
const plan = (extra) => leader.post('/api/v1/training/sessions', { village_id: village, modules: 'vneid_account', trainers: leaderId, place: 'Nhà văn hoá', capacity: '20', ...extra });

before(async () => {
  ({ srv, kannel, phone } = await serverWithKannel(startServer, { households: 8 }));
  leader = await login(srv.base, 'totruong.muongxen');
  member = await login(srv.base, 'thanhvien.muongxen');
  leaderId = leader.user.id;
  memberId = member.user.id;
  village = (await leader.get('/api/v1/households?limit=1')).json.items[0].village_id;
  // The operator's phone is connected before anything is sent to it (a round trip).
  assert.match(await phone.ask('0915000999', 'GIA ngo'), /Cau Noi/);

});
after(async () => {
  await phone?.stop();
  kannel?.stop();
  await srv?.stop();
});

test('a harvest date gets its concerns and three better dates; the leader plans one of them', async () => {
  // 10 September next year: rice is harvested and maize planted in the highland calendar.
  const year = new Date().getUTCFullYear() + 1;
  const stored = column('SELECT COUNT(*) FROM training_sessions')[0];  // the demo's
  const advised = await plan({ date: `${year}-09-10`, time: '17:00' });
  assert.equal(advised.status, 200, advised.text);
  assert.equal(advised.json.planned, false);
  assert.deepEqual(advised.json.concerns.map((c) => c.kind), ['peak', 'evening']);
  assert.match(advised.json.concerns[0].text, /Lúa/);
  assert.equal(advised.json.suggestions.length, 3);
  for (const s of advised.json.suggestions) assert.equal(s.time, '19:30', 'out of the evening rush');
  assert.equal(column('SELECT COUNT(*) FROM training_sessions')[0], stored, 'nothing stored before a choice');
  const pick = advised.json.suggestions[0];
  const planned = await plan({ date: pick.date, time: pick.time });
  assert.equal(planned.status, 201, planned.text);
  assert.equal(planned.json.accepted_concerns, '');
  // The same trainer at the same time: refused, naming the field; the past too.
  const twice = await plan({ date: pick.date, time: pick.time, place: 'Nơi khác' });
  assert.equal(twice.status, 409, twice.text);
  assert.equal(twice.json.field, 'trainers');
  const past = await plan({ date: local(-24 * 60).slice(0, 10), time: '08:00', accept: '1' });
  assert.equal(past.status, 422);
  assert.equal(past.json.field, 'date');
  // A member cannot plan.
  assert.equal((await member.post('/api/v1/training/sessions', { village_id: village })).status, 403);
});

test('invitations reach each household phone once; the reminder waits; no phone means a visit', async () => {
  const when = local(5 * 24 * 60);  // not the demo's session, three days ahead
  const s = await plan({ date: when.slice(0, 10), time: '08:00', modules: 'scam_safety', accept: '1' });
  assert.equal(s.status, 201, s.text);
  const id = s.json.id;
  // A household whose only person has no phone: someone must go.
  const h = await leader.post('/api/v1/households', { village_id: village, name: 'Hộ không điện thoại', consent: true, consent_purposes: 'registry' });
  assert.equal(h.status, 201, h.text);
  assert.equal((await leader.post('/api/v1/residents', { household_id: h.json.id, full_name: 'Giàng Thị Mỷ', consent: true, consent_purposes: 'registry' })).status, 201);
  const candidates = (await leader.get(`/api/v1/training/sessions/${id}/candidates`)).json.items;
  const chosen = candidates.map((c) => c.household_id);
  const texted = candidates.filter((c) => c.reachable_by_sms).length;
  assert.ok(texted >= 1 && texted < candidates.length, JSON.stringify(candidates));
  const first = await leader.post(`/api/v1/training/sessions/${id}/invite`, { households: chosen.join(',') });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.sms, texted);
  assert.equal(first.json.visit, candidates.length - texted);
  assert.ok(first.json.to_visit.some((x) => x.household_id === h.json.id), first.text);
  const again = await leader.post(`/api/v1/training/sessions/${id}/invite`, { households: chosen.join(',') });
  assert.equal(again.json.sms, 0);
  assert.equal(again.json.already, candidates.length);
  const numbers = column(`SELECT phone FROM sms_outbox WHERE training_id = '${id}' AND id LIKE '%-i-%'`);
  assert.equal(numbers.length, texted, 'one invitation per household phone');
  // What the real Kannel handed to the operator (its access log): each number once.
  for (const n of numbers) {
    const sent = await sentBy(n, 1);
    assert.equal(sent.length, 1);
    assert.match(sent[0], /\[msg:\d+:Cau Noi: lop ky nang so ngay \d\d\/\d\d luc 08h00 tai Nha van hoa\. .*To CNS xa Muong Xen\]/);
  }
  // The reminder is due the evening before, not now.
  const due = column(`SELECT next_attempt_at FROM sms_outbox WHERE training_id = '${id}' AND id LIKE '%-r-%'`);
  assert.equal(due.length, texted);
  for (const d of due) assert.ok(Number(d) > Date.now() / 1000 + 24 * 3600, 'the evening before the session');
  await new Promise((r) => setTimeout(r, 1500));
  for (const n of numbers) assert.equal((await sentBy(n, 1)).length, 1, 'nothing more sent');
});

test('attendance and a check taken offline are applied once however often sent, into the skill history', async () => {
  // A session starting in 30 minutes (attendance opens an hour before).
  const start = local(30);
  const s = await plan({ date: start.slice(0, 10), time: start.slice(11, 16), modules: 'scam_safety', trainers: `${leaderId},${memberId}`, place: `Sân bản ${ulid()}`, accept: '1' });
  assert.equal(s.status, 201, s.text);
  const id = s.json.id;
  const people = (await leader.get(`/api/v1/training/sessions/${id}/candidates`)).json.items;
  assert.equal((await leader.post(`/api/v1/training/sessions/${id}/invite`, { households: people[0].household_id })).status, 200);
  const list = (await member.get('/api/v1/training/sessions')).json.items.find((x) => x.id === id);
  assert.ok(list.attendance.length > 0, 'the trainer takes the list out');
  const who = list.attendance[0];
  const skill = who.skills[3];  // scam_safety moves skill_safety
  const progressBefore = (await leader.get(`/api/v1/training/progress?area=${village}`)).json;
  const ops = [
    { id: ulid(), kind: 'training_attendance', at: Date.now(), data: { session_id: id, resident_id: who.resident_id, present: '1' } },
    { id: ulid(), kind: 'training_check', at: Date.now() + 1, data: { session_id: id, resident_id: who.resident_id, module: 'scam_safety', item_1: '2', item_2: '2', item_3: '2' } },
  ];
  for (let i = 0; i < 3; i++) {
    const r = await member.post('/api/v1/sync/push', { device: 'test-phone', ops });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.results.map((x) => x.status), i === 0 ? ['applied', 'applied'] : ['duplicate', 'duplicate'], r.text);
  }
  assert.equal(column(`SELECT COUNT(*) FROM training_attendance WHERE session_id = '${id}'`)[0], '1');
  assert.equal(column(`SELECT COUNT(*) FROM training_checks WHERE session_id = '${id}'`)[0], '1');
  const history = (await member.get(`/api/v1/residents/${who.resident_id}/history`)).json;
  const moved = history.skill_events.filter((e) => e.skill === 'safety' && e.to === 'independent' && e.training_id === id);
  assert.equal(moved.length, skill === 2 ? 0 : 1, JSON.stringify(history.skill_events));
  assert.equal((await member.get(`/api/v1/residents/${who.resident_id}`)).json.skills.safety, 'independent');
  const progress = (await leader.get(`/api/v1/training/progress?area=${village}`)).json;
  assert.equal(progress.sessions_held, progressBefore.sessions_held);  // it has not started yet
  assert.equal(progress.skills[3].independent, progressBefore.skills[3].independent + (skill === 2 ? 0 : 1));
  // A resident of another commune is refused; so is a module the session does not teach.
  const bad = [
    { id: ulid(), kind: 'training_check', at: Date.now(), data: { session_id: id, resident_id: who.resident_id, module: 'portal_filing', item_1: '2', item_2: '2', item_3: '2', item_4: '2' } },
  ];
  const refused = (await member.post('/api/v1/sync/push', { device: 'test-phone', ops: bad })).json.results[0];
  assert.equal(refused.status, 'rejected');
  assert.equal(refused.field, 'module');
});

test('an offline tick for a session cancelled meanwhile is refused, and the same answer comes back', async () => {
  const start = local(240);
  const s = await plan({ date: start.slice(0, 10), time: start.slice(11, 16), modules: 'scam_safety', place: `Trường ${ulid()}`, accept: '1' });
  assert.equal(s.status, 201, s.text);
  const who = (await leader.get(`/api/v1/households?village_id=${village}&limit=1`)).json.items[0];
  const resident = (await leader.get(`/api/v1/households/${who.id}/residents`)).json.items[0].id;
  assert.equal((await leader.post(`/api/v1/training/sessions/${s.json.id}/cancel`, {})).status, 200);
  const op = { id: ulid(), kind: 'training_attendance', at: Date.now(), data: { session_id: s.json.id, resident_id: resident, present: '1' } };
  const first = (await leader.post('/api/v1/sync/push', { device: 'p2', ops: [op] })).json.results[0];
  assert.equal(first.status, 'rejected');
  assert.match(first.reason, /huỷ/);
  const again = (await leader.post('/api/v1/sync/push', { device: 'p2', ops: [op] })).json.results[0];
  assert.equal(again.status, 'duplicate');
  assert.equal(again.first, 'rejected');
  assert.equal(column(`SELECT COUNT(*) FROM training_attendance WHERE session_id = '${s.json.id}'`)[0], '0');
});
