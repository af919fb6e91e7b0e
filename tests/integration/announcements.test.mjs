// Commune announcements end to end through the API: an officer posts one with SMS and, through a
// real Kannel and fakesmsc, exactly one message reaches each number subscribed (DK) to the commune
// or its villages, none to a number that sent HUY nor to another commune's; what was typed as HTML
// stays text on the pages; the public list by commune and village; another commune's officer
// cannot withdraw it; withdrawing takes it out of the list; the public pages fit 14 KB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, queryColumn, wireSize } from '../lib/server.mjs';
import { serverWithKannel } from '../lib/kannel.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let srv, kannel, phone, officer, otherOfficer, member;

// The last day it holds, `days` from today in Vietnam.
const day = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
const column = (sql) => queryColumn(srv.db, sql);

before(async () => {
  ({ srv, kannel, phone } = await serverWithKannel(startServer, { households: 6 }));
  officer = await login(srv.base, 'canbo.muongxen');
  otherOfficer = await login(srv.base, 'canbo.nangoi');
  member = await login(srv.base, 'thanhvien.muongxen');
});
after(async () => {
  await phone?.stop();
  kannel?.stop();
  await srv?.stop();
});

test('an announcement with SMS reaches each subscribed number of the commune once, and nobody else', async () => {
  const commune = '0915000201', village = '0915000202', both = '0915000203', stopped = '0915000204', elsewhere = '0915000205';
  assert.match(await phone.ask(commune, 'DK Muong Xen'), /Muong Xen/);
  assert.match(await phone.ask(both, 'DK Muong Xen'), /Muong Xen/);
  assert.match(await phone.ask(stopped, 'DK Muong Xen'), /Muong Xen/);
  await phone.ask(stopped, 'HUY');
  assert.match(await phone.ask(elsewhere, 'DK Na Ngoi'), /Na Ngoi/);
  // Subscriptions to a village (as DK <village> keeps them).
  const v = column("SELECT id || '|' || path FROM areas WHERE parent_id = '16813' AND kind = 'village' ORDER BY name_folded LIMIT 1")[0].split('|');
  for (const p of [village, both]) column(`INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES ('${p}', '${v[0]}', '${v[1]}', 0)`);

  // Refused, naming the field, nothing kept; a member may not post.
  const refused = await officer.post('/api/v1/announcements', { title: 'Họp', text: 'x', valid_until: day(120) });
  assert.equal(refused.status, 422);
  assert.equal(refused.json.field, 'valid_until');
  assert.match(refused.json.title, /90 ngày/);
  assert.equal((await member.post('/api/v1/announcements', { title: 'Họp', text: 'x', valid_until: day(1) })).status, 403);
  assert.equal((await otherOfficer.post('/api/v1/announcements', { commune_id: '16813', title: 'Họp', text: 'x', valid_until: day(1) })).status, 404);

  const since = phone.received.length;
  const posted = await officer.post('/api/v1/announcements', {
    title: 'Chi trả trợ cấp <b>tháng 6</b>',
    text: 'Bưu điện xã chi trả trợ cấp ngày 20/6 tại nhà văn hóa xã, từ 8:00. Mang căn cước.',
    valid_until: day(7), sms: true,
  });
  assert.equal(posted.status, 201, posted.text);
  const a = posted.json;
  assert.equal(a.sms_queued, 3, 'commune, village, both: one each');
  assert.match(a.sms_text, /^UBND xa Muong Xen: Chi tra tro cap <b>thang 6<\/b>\. Buu dien xa/);
  const expected = new Set([commune, village, both]);
  const end = Date.now() + 30000;
  // This announcement's messages (the demo's own may still be draining from the outbox to others).
  const got = () => phone.received.slice(since).filter((m) => m.text === a.sms_text).map((m) => `0${m.to.slice(2)}`);
  while (Date.now() < end && new Set(got()).size < expected.size) await sleep(200);
  await sleep(1500);  // anything extra would have come by now
  const numbers = got();
  assert.deepEqual([...numbers].sort(), [...expected].sort(), 'each subscribed number once, nobody else');
  assert.deepEqual(column(`SELECT DISTINCT kind || ' ' || priority FROM sms_outbox WHERE announcement_id = '${a.id}'`), ['announcement 1']);

  // Public: by commune, by village (the whole commune's are there too), one by id.
  const list = await fetch(`${srv.base}/api/v1/announcements?commune=16813`).then((r) => r.json());
  assert.ok(list.items.some((x) => x.id === a.id));
  assert.equal(list.items[0].sms_text, undefined, 'no SMS details in public');
  const forVillage = await fetch(`${srv.base}/api/v1/announcements?commune=16813&village=${v[0]}`).then((r) => r.json());
  assert.ok(forVillage.items.some((x) => x.id === a.id));
  assert.ok(forVillage.items.length >= 2, 'the demo announcements for the commune too');
  const one = await fetch(`${srv.base}/api/v1/announcements/${a.id}`).then((r) => r.json());
  assert.equal(one.title, 'Chi trả trợ cấp <b>tháng 6</b>');

  // HTML typed in stays text on the pages, which fit the first round trip.
  for (const path of [a.links.page, a.links.print]) {
    const html = await fetch(`${srv.base}${path}`).then((r) => r.text());
    assert.ok(!html.includes('<b>tháng 6</b>'), path);
    assert.ok(html.includes('&lt;b&gt;tháng 6&lt;/b&gt;'), path);
    const { status, bytes } = await wireSize(srv.base, path);
    assert.equal(status, 200);
    assert.ok(bytes <= 14 * 1024, `${path}: ${bytes} bytes`);
  }

  // Withdrawing: not another commune's officer; then out of the public list, said on its page.
  assert.equal((await otherOfficer.post(`/api/v1/announcements/${a.id}/withdraw`, {})).status, 404);
  const withdrawn = await officer.post(`/api/v1/announcements/${a.id}/withdraw`, {});
  assert.equal(withdrawn.status, 200, withdrawn.text);
  assert.equal(withdrawn.json.in_force, false);
  const after = await fetch(`${srv.base}/api/v1/announcements?commune=16813`).then((r) => r.json());
  assert.ok(!after.items.some((x) => x.id === a.id));
  assert.match(await fetch(`${srv.base}${a.links.page}`).then((r) => r.text()), /đã được rút lại/);
  assert.equal((await fetch(`${srv.base}${a.links.audio_mp3}`)).status, 404);
});

test('the demo has announcements in force for its communes', async () => {
  for (const commune of ['16813', '16870', '16831', '16903']) {
    const list = await fetch(`${srv.base}/api/v1/announcements?commune=${commune}`).then((r) => r.json());
    assert.ok(list.items.length >= 3, `${commune}: ${list.items.length}`);
    assert.ok(list.items.some((x) => /Tiêm chủng/.test(x.title)));
  }
});
