// Warnings end to end: a CAP alert posted with a sender's key reaches, through a real Kannel and
// fakesmsc playing the operator, exactly one message per expected number of the two communes it
// names (residents who agreed, DK subscribers, team members, loudspeaker operators) and nobody
// else; the banner shows where it should; the operator's page and DA DOC; CAP out, valid by the
// OASIS schema; the Atom feed; a Cancel stopping what is still queued.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, login, caunoi, queryColumn } from '../lib/server.mjs';
import { serverWithKannel } from '../lib/kannel.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SENDER = 'kttv.nghean@example.vn';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let srv, kannel, phone, key, officer, admin, memberHere, memberElsewhere;

const column = (sql) => queryColumn(srv.db, sql);
const national = (p) => (p.startsWith('+84') ? `0${p.slice(3)}` : p);

// A CAP time in Vietnam's offset, `minutes` from now.
function capTime(minutes) {
  const d = new Date(Date.now() + minutes * 60e3 + 7 * 3600e3);
  return `${d.toISOString().slice(0, 19)}+07:00`;
}

function floodAlert(identifier, communes, { status = 'Actual' } = {}) {
  const geocodes = communes.map((c) => `<geocode><valueName>commune</valueName><value>${c}</value></geocode>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier><sender>${SENDER}</sender><sent>${capTime(-1)}</sent>
  <status>${status}</status><msgType>Alert</msgType><scope>Public</scope>
  <info><language>vi-VN</language><category>Met</category><event>Lũ quét</event><urgency>Expected</urgency>
    <severity>Severe</severity><certainty>Likely</certainty><expires>${capTime(360)}</expires>
    <senderName>Đài KTTV tỉnh Nghệ An</senderName><instruction>Rời nhà ven suối, lên chỗ cao.</instruction>
    <parameter><valueName>riskLevel</valueName><value>3</value></parameter>
    <area><areaDesc>xã Mường Xén, xã Na Ngoi</areaDesc>${geocodes}</area></info>
</alert>`;
}

function cancelOf(identifier, cancelId) {
  const sent = column(`SELECT sent FROM alerts WHERE identifier = '${identifier}'`)[0];
  const d = new Date(Number(sent) * 1000 + 7 * 3600e3);
  const was = `${d.toISOString().slice(0, 19)}+07:00`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${cancelId}</identifier><sender>${SENDER}</sender><sent>${capTime(0)}</sent>
  <status>Actual</status><msgType>Cancel</msgType><scope>Public</scope>
  <references>${SENDER},${identifier},${was}</references>
</alert>`;
}

const post = (xml, withKey = key) => fetch(`${srv.base}/api/v1/alerts`, {
  method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Key ${withKey}` }, body: xml,
});

// The numbers a warning for these communes must reach, read from the data itself.
function expectedNumbers(communes, extra) {
  const list = communes.map((c) => `'${c}'`).join(',');
  const numbers = new Set([
    ...column(`SELECT r.phone FROM residents r JOIN households h ON h.id = r.household_id JOIN areas v ON v.id = h.village_id
      WHERE v.parent_id IN (${list}) AND r.consent_purposes LIKE '%notifications%' AND r.phone <> ''`),
    ...column(`SELECT tm.phone FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE t.commune_id IN (${list}) AND tm.phone <> ''`),
    ...column(`SELECT operator_phone FROM village_loudspeakers WHERE commune_id IN (${list}) AND working = 1`),
    ...extra,
  ].map(national));
  return numbers;
}

// Messages fakesmsc received, by national number, since `since` (an index into received).
function receivedSince(since) {
  const by = new Map();
  for (const m of phone.received.slice(since)) {
    const n = `0${m.to.slice(2)}`;
    by.set(n, [...(by.get(n) || []), m.text]);
  }
  return by;
}

const ask = (from, text) => phone.ask(from, text);

before(async () => {
  ({ srv, kannel, phone } = await serverWithKannel(startServer, { households: 6 }));
  key = caunoi(['alert', 'key', SENDER, ...srv.dbArgs]).trim();
  officer = await login(srv.base, 'canbo.muongxen');
  admin = await login(srv.base, 'admin');
  memberHere = await login(srv.base, 'thanhvien.muongxen');
  memberElsewhere = await login(srv.base, 'thanhvien.ngamy');
});
after(async () => {
  await phone?.stop();
  kannel?.stop();
  await srv?.stop();
});

test('a CAP flash-flood alert for two communes reaches each expected number exactly once, and nobody else', async () => {
  // Numbers that asked by SMS: one for Na Ngoi, one for Nga My (not warned), one that stopped.
  const subscriber = '0915000101', elsewhere = '0915000102', stopped = '0915000103';
  assert.match(await ask(subscriber, 'DK Na Ngoi'), /nhan canh bao cho xa Na Ngoi/);
  assert.match(await ask(elsewhere, 'DK Nga My'), /Nga My/);
  await ask(stopped, 'DK Muong Xen');
  await ask(stopped, 'HUY');

  // Refused before anything: no key, a key for another sender, an alert naming an unknown commune.
  assert.equal((await post(floodAlert('NA-1', ['16813', '16870']), 'wrong-key')).status, 403);
  const otherKey = caunoi(['alert', 'key', 'someone.else@example.vn', ...srv.dbArgs]).trim();
  const wrongSender = await post(floodAlert('NA-1', ['16813', '16870']), otherKey);
  assert.equal(wrongSender.status, 422);
  assert.match((await wrongSender.json()).field, /alert\/sender/);
  const unknown = await post(floodAlert('NA-X', ['16813', '99999']));
  assert.equal(unknown.status, 422);
  assert.equal((await unknown.json()).field, 'alert/info[1]/area[1]/geocode');

  const since = phone.received.length;
  const res = await post(floodAlert('NA-1', ['16813', '16870']));
  assert.equal(res.status, 201, await res.clone().text());
  const taken = await res.json();
  const expected = expectedNumbers(['16813', '16870'], [subscriber]);
  assert.ok(expected.size >= 10, `a real audience: ${expected.size}`);
  assert.equal(taken.messages, expected.size);
  // Taken once: the same alert again changes nothing.
  const again = await post(floodAlert('NA-1', ['16813', '16870']));
  assert.equal(again.status, 200);
  assert.equal((await again.json()).duplicate, true);

  const end = Date.now() + 60000;
  while (Date.now() < end && receivedSince(since).size < expected.size) await sleep(200);
  await sleep(1500);  // anything extra would have come by now
  const got = receivedSince(since);
  assert.deepEqual([...got.keys()].sort(), [...expected].sort(), 'exactly the expected numbers');
  for (const [n, texts] of got) assert.equal(texts.length, 1, `one message to ${n}: ${JSON.stringify(texts)}`);
  const resident = [...got.entries()].find(([n]) => n.startsWith('09') && n !== subscriber);
  assert.match(resident[1][0], /^Dai KTTV tinh Nghe An: CANH BAO lu quet, rui ro cap 3, xa Muong Xen, xa Na Ngoi, den \d\d:\d\d \d\d\/\d\d\. Roi nha ven suoi, len cho cao\.$/);

  // What officers see of it: every village of the two communes, reach counts moving.
  const reach = (await officer.get(`/api/v1/alerts/${taken.id}/reach`)).json;
  assert.ok(reach.villages.length > 0 && reach.villages.every((v) => v.commune === 'Mường Xén'), 'the officer sees their commune');
  const whole = (await admin.get(`/api/v1/alerts/${taken.id}/reach`)).json;
  assert.equal(new Set(whole.villages.map((v) => v.commune)).size, 2);
  assert.equal(whole.sms.queued + whole.sms.sent + whole.sms.delivered, expected.size);
});

test('the banner shows on pages for members of the warned communes and on public pages, not for others', async () => {
  const page = async (who, path) => (await who.get(path, { accept: 'text/html' })).text;
  assert.match(await page(memberHere, '/today'), /class="banner"[^>]*>⚠ Lũ quét · Cấp 3/);
  assert.doesNotMatch(await page(memberElsewhere, '/today'), /class="banner"/);
  const pub = await (await fetch(`${srv.base}/procedures`)).text();
  assert.match(pub, /class="banner"/);
  const list = await (await fetch(`${srv.base}/alerts`)).text();
  assert.match(list, /Rời nhà ven suối, lên chỗ cao\./);
  assert.ok(Buffer.byteLength(list) <= 14 * 1024, `the public page is small: ${Buffer.byteLength(list)} bytes`);
});

test('CAP out is valid by the OASIS schema, the Atom feed links it, and a page shows the loudspeaker script', async () => {
  const id = column("SELECT id FROM alerts WHERE identifier = 'NA-1'")[0];
  const cap = await fetch(`${srv.base}/api/v1/alerts/${id}.cap`);
  assert.equal(cap.status, 200);
  assert.match(cap.headers.get('content-type'), /application\/cap\+xml/);
  const file = join(srv.dir, 'out.cap.xml');
  writeFileSync(file, await cap.text());
  execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(root, 'tests/fixtures/cap/cap12.xsd'), file], { stdio: 'pipe' });
  const atom = await (await fetch(`${srv.base}/alerts.atom`)).text();
  assert.match(atom, new RegExp(`<link rel="alternate" type="application/cap\\+xml" href="[^"]*/api/v1/alerts/${id}\\.cap"`));
  assert.equal((await fetch(`${srv.base}/api/v1/alerts/nope.cap`)).status, 404);
});

test('the operator opens the page from the SMS and acknowledges by SMS from the registered phone', async () => {
  const [operator] = column("SELECT operator_phone FROM village_loudspeakers WHERE commune_id = '16813' ORDER BY operator_phone LIMIT 1");
  const sms = phone.to(operator).map((m) => m.text).find((t) => t.includes('/loa/'));
  assert.ok(sms, JSON.stringify(phone.to(operator)));
  const number = sms.match(/DA DOC (\d+)/)[1];
  const path = sms.match(/(\/loa\/[A-Za-z0-9_-]+)/)[1];
  const page = await (await fetch(`${srv.base}${path}`)).text();
  assert.match(page, /Xin nhắc lại\./);
  // The script spoken, for the station's USB player: a WAV whose header matches its length, and
  // an MP3 a real decoder (mpg123) reads back to the same length.
  const wav = Buffer.from(await (await fetch(`${srv.base}${path}/audio.wav`)).arrayBuffer());
  assert.equal(wav.toString('latin1', 0, 4), 'RIFF');
  assert.equal(wav.toString('latin1', 8, 12), 'WAVE');
  assert.equal(wav.readUInt32LE(4), wav.length - 8);
  assert.equal(wav.readUInt16LE(20), 1, 'PCM');
  assert.equal(wav.readUInt16LE(22), 1, 'mono');
  const rate = wav.readUInt32LE(24);
  const seconds = (wav.length - 44) / (rate * 2);
  assert.ok(seconds > 10 && seconds <= 60, `${seconds} s spoken`);
  const mp3 = await fetch(`${srv.base}${path}/audio.mp3`);
  assert.equal(mp3.headers.get('content-type'), 'audio/mpeg');
  const mp3File = join(srv.dir, 'loa.mp3'), decoded = join(srv.dir, 'loa-decoded.wav');
  writeFileSync(mp3File, Buffer.from(await mp3.arrayBuffer()));
  execFileSync('mpg123', ['-q', '-w', decoded, mp3File]);
  const back = readFileSync(decoded);
  const backSeconds = (back.length - 44) / (back.readUInt32LE(24) * 2 * back.readUInt16LE(22));
  assert.ok(Math.abs(backSeconds - seconds) < 0.5, `decoded ${backSeconds} s vs ${seconds} s`);
  assert.match(await ask('0915000109', `DA DOC ${number}`), /khong phai nguoi doc loa/);
  assert.match(await ask(operator, `DA DOC ${number}`), /^Cau Noi: da ghi nhan canh bao so \d+ duoc doc tren loa luc \d\d:\d\d/);
  const id = column("SELECT id FROM alerts WHERE identifier = 'NA-1'")[0];
  const reach = (await officer.get(`/api/v1/alerts/${id}/reach`)).json;
  assert.equal(reach.villages.filter((v) => v.acknowledged_at).length, 1);
  const html = await officer.get(`/alerts/${id}`, { accept: 'text/html' });
  assert.match(html.text, /đã đọc lúc \d\d:\d\d/);
});

test('a Cancel stops what is still queued and tells only those who got the warning', async () => {
  kannel.stop();  // the operator's network is down: messages wait in the outbox
  const res = await post(floodAlert('NA-2', ['16870']));
  assert.equal(res.status, 201);
  const second = await res.json();
  assert.ok(second.messages > 0);
  const since = phone.received.length;
  const cancel = await post(cancelOf('NA-2', 'NA-2-CANCEL'));
  assert.equal(cancel.status, 201, await cancel.clone().text());
  const reach = (await admin.get(`/api/v1/alerts/${second.id}/reach`)).json;
  assert.equal(reach.sms.stopped, second.messages);
  assert.equal(reach.sms.queued, 0);
  assert.equal((await cancel.json()).messages, 0, 'nobody got it, so nobody needs a correction');
  kannel.start();
  await sleep(4000);
  const during = [...receivedSince(since).values()].flat();
  assert.deepEqual(during.filter((t) => /CANH BAO/.test(t)), [], 'nothing of the cancelled warning went out');
});
