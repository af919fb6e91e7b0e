// Voice end to end (docs/translations.md "Voice", "Read aloud"): a member's recording uploaded in
// pieces (a piece sent twice, a gap told where to resume) and made once; bad recordings refused
// with reasons in Vietnamese and nothing kept; an unapproved recording never reaches a resident;
// approved by a second member, it is what /listen, the resident page and the board offer, as Opus
// and as an MP3 mpg123 decodes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, caunoi, queryColumn } from '../lib/server.mjs';
import { ulid } from '../lib/ulid.mjs';
import { voiceWav, silentWav, sendClip } from '../lib/audio.mjs';

let srv, admin, member, leader, auth, household;
const TIP = 'tip.never_share_otp';

async function submit(who, path, fields) {
  const res = await fetch(`${srv.base}${path}`, { method: 'POST', redirect: 'manual',
    headers: { cookie: `sid=${who.token}`, 'x-csrf-token': who.csrf, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString() });
  return { status: res.status, location: res.headers.get('location') || '', text: await res.text() };
}
const get = (path, headers = {}) => fetch(`${srv.base}${path}`, { headers });

before(async () => {
  srv = await startServer({ households: 3 });
  admin = await login(srv.base, 'admin');
  member = await login(srv.base, 'thanhvien.muongxen');
  leader = await login(srv.base, 'totruong.muongxen');
  auth = { authorization: `Bearer ${member.token}` };
  household = (await member.get('/api/v1/households?limit=1')).json.items[0];
  const r = await submit(admin, '/translations/translators', { login: 'totruong.muongxen', lang: 'hmn' });
  assert.equal(r.status, 303);
});
after(async () => { await srv?.stop(); });

test('a recording goes in pieces, resumes after a gap, and is made once', async () => {
  const id = ulid(), wav = voiceWav(2.5), n = wav.length;
  const put = async (at, bytes) => {
    const r = await fetch(`${srv.base}/api/v1/clips/${id}?key=${TIP}&lang=hmn&offset=${at}&total=${n}`, { method: 'PUT', headers: auth, body: bytes });
    return { status: r.status, json: await r.json() };
  };
  const third = Math.floor(n / 3);
  assert.equal((await put(0, wav.subarray(0, third))).json.received, third);
  assert.equal((await put(0, wav.subarray(0, third))).json.received, third, 'a piece sent again changes nothing');
  const gap = await put(2 * third, wav.subarray(2 * third));
  assert.equal(gap.status, 409);
  assert.equal(gap.json.received, third, 'told where to resume');
  assert.equal((await put(third, wav.subarray(third, 2 * third))).json.received, 2 * third);
  const done = await put(2 * third, wav.subarray(2 * third));
  assert.equal(done.status, 201, JSON.stringify(done.json));
  assert.equal(done.json.clip_id, id);
  assert.ok(Math.abs(done.json.seconds - 2.5) < 0.1, `${done.json.seconds} s`);
  // The last piece again (its answer lost): the same clip, not a second one.
  const again = await put(2 * third, wav.subarray(2 * third));
  assert.equal(again.status, 200);
  assert.equal(again.json.clip_id, id);
  assert.equal((await member.get(`/api/v1/clips/${id}`)).json.done, true);
});

test('bad recordings are refused with the reason, and nothing is kept', async () => {
  const vi = { ...auth, 'accept-language': 'vi' };
  const silent = await sendClip(srv.base, vi, ulid(), TIP, 'hmn', silentWav(2));
  assert.equal(silent.status, 422);
  assert.match(silent.json.title, /im lặng|không có tiếng|quá nhỏ/i, silent.json.title);
  const text = await sendClip(srv.base, vi, ulid(), TIP, 'hmn', Buffer.from('<html><body>not audio at all, a page</body></html>'));
  assert.equal(text.status, 415, JSON.stringify(text.json));
  const short = await sendClip(srv.base, vi, ulid(), TIP, 'hmn', voiceWav(0.4));
  assert.equal(short.status, 422);
  // A header claiming two hours: refused from the header.
  const long = voiceWav(1);
  long.writeUInt32LE(2 * 3600 * 16000 * 2, 40);
  const lied = await sendClip(srv.base, vi, ulid(), TIP, 'hmn', long);
  assert.equal(lied.status, 422, JSON.stringify(lied.json));
  // More than 12 MB announced: refused before any byte is kept.
  const big = await fetch(`${srv.base}/api/v1/clips/${ulid()}?key=${TIP}&lang=hmn&offset=0&total=${13 * 1048576}`, { method: 'PUT', headers: vi, body: 'x' });
  assert.equal(big.status, 413);
  const wrongText = await sendClip(srv.base, vi, ulid(), 'tip.invented', 'hmn', voiceWav(2));
  assert.equal(wrongText.status, 404);
  const english = await sendClip(srv.base, vi, ulid(), TIP, 'en', voiceWav(2));
  assert.equal(english.status, 422);
  const kept = (await fetch(`${srv.base}/translations/hmn?group=tips`, { headers: { cookie: `sid=${leader.token}` } }).then((r) => r.text()));
  assert.equal((kept.match(/\/voice\/[0-9A-Z]{26}\/clip\.opus/g) || []).length, 1, 'only the good recording of the first test is waiting');
});

test('an unapproved recording never reaches a resident; approved, it is what /listen, the resident page and the board offer', async () => {
  const waiting = (await fetch(`${srv.base}/translations/hmn?group=tips`, { headers: { cookie: `sid=${leader.token}` } }).then((r) => r.text()));
  const id = waiting.match(/\/voice\/([0-9A-Z]{26})\/clip\.opus/)[1];
  assert.equal((await get(`/voice/${id}/clip.opus`)).status, 404, 'not to the public before approval');
  const forReview = await get(`/voice/${id}/clip.opus`, { cookie: `sid=${leader.token}` });
  assert.equal(forReview.status, 200);
  const before = await get(`/listen/hmn?key=${TIP}`);
  assert.equal(before.status, 200);
  assert.equal(before.headers.get('content-language'), 'vi', 'the Vietnamese read by the computer meanwhile');
  const synth = Buffer.from(await before.arrayBuffer());
  assert.equal(synth.subarray(0, 4).toString(), 'OggS');

  // Its recorder cannot approve it; the Mông translator can.
  const own = await submit(member, '/translations/hmn/clips/review', { id, decision: 'approve', group: 'tips' });
  assert.equal(own.status, 403);
  const ok = await submit(leader, '/translations/hmn/clips/review', { id, decision: 'approve', group: 'tips' });
  assert.equal(ok.status, 303, ok.text);
  assert.match(ok.location, /done=clip_approved/);

  const heard = await get(`/listen/hmn?key=${TIP}`);
  assert.equal(heard.headers.get('content-language'), 'hmn');
  assert.match(heard.headers.get('content-type'), /audio\/ogg/);
  const opus = Buffer.from(await heard.arrayBuffer());
  assert.deepEqual(opus, Buffer.from(await (await get(`/voice/${id}/clip.opus`)).arrayBuffer()));
  assert.ok(opus.includes('OpusHead'), 'an Ogg Opus file');
  const mp3 = await get(`/listen/hmn?key=${TIP}&format=mp3`);
  assert.match(mp3.headers.get('content-type'), /audio\/mpeg/);
  const dir = mkdtempSync(join(tmpdir(), 'caunoi-voice-'));
  try {
    writeFileSync(join(dir, 'a.mp3'), Buffer.from(await mp3.arrayBuffer()));
    execFileSync('mpg123', ['-q', '-w', join(dir, 'a.wav'), join(dir, 'a.mp3')]);
  } finally { rmSync(dir, { recursive: true, force: true }); }

  // The resident page of someone who reads Mông: their next tip, to hear in Mông.
  const r = await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Giàng Thị Mỷ', language: 'hmn',
    consent: true, consent_purposes: 'registry' });
  assert.equal(r.status, 201, r.text);
  const page = await fetch(`${srv.base}/residents/${r.json.id}`, { headers: { cookie: `sid=${member.token}` } }).then((x) => x.text());
  assert.match(page, /id="next-tip-label">Nghe bằng tiếng Mông</);
  assert.ok(page.includes(`src="/listen/hmn?key=${encodeURIComponent(TIP)}"`), 'audio fetched only when played, from /listen');
  // The household page says what the Mông reader lacks: no tip written in Mông yet, one recorded.
  const hh = await fetch(`${srv.base}/households/${household.id}`, { headers: { cookie: `sid=${member.token}` } }).then((x) => x.text());
  assert.match(hh, /Giàng Thị Mỷ[\s\S]*?Tiếng Mông: lời khuyên an toàn đã dịch 0\/6, đã ghi âm 1\/6\./);
});

test('the board offers the tip of the day to hear in Vietnamese, and in Mông once recorded', async () => {
  const board = () => get('/board/16813').then((r) => r.text());
  const page = await board();
  const key = decodeURIComponent(page.slice(page.indexOf('id="tip"')).match(/src="\/listen\/vi\?key=([^"&]+)"/)[1]);
  const tip = (await member.get('/api/v1/tips')).json.items.find((t) => 'tip.' + t.key === key);
  assert.ok(page.includes(tip.text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')), 'the tip of the day written');
  assert.match(page, /Nghe \(tiếng Việt, máy đọc\)/);
  if (key !== TIP) {
    assert.doesNotMatch(page.slice(page.indexOf('id="tip"')), /Nghe bằng tiếng Mông/);
    const c = await sendClip(srv.base, auth, ulid(), key, 'hmn', voiceWav(2));
    assert.equal(c.status, 201);
    assert.equal((await submit(leader, '/translations/hmn/clips/review', { id: c.json.clip_id, decision: 'approve', group: 'tips' })).status, 303);
  }
  const now = await board();
  assert.match(now.slice(now.indexOf('id="tip"')), /lang="hmn">Nghe bằng tiếng Mông<\/p><audio controls preload="none"/);
});

// A flash-flood warning for the commune, imported as a feed's CAP would be; its id.
let alerts = 0;
function importAlert(status) {
  const t = (m) => `${new Date(Date.now() + m * 60e3 + 7 * 3600e3).toISOString().slice(0, 19)}+07:00`;
  const file = join(srv.dir, `voice-alert-${++alerts}.xml`);
  writeFileSync(file, `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>V-${alerts}</identifier>
<sender>voice@example.vn</sender><sent>${t(-1)}</sent><status>${status}</status><msgType>Alert</msgType><scope>Public</scope>
<info><category>Met</category><event>Lũ quét</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty>
<instruction>Rời khỏi nhà ven suối.</instruction><expires>${t(120)}</expires><area><areaDesc>x</areaDesc><geocode><valueName>commune</valueName><value>16813</value></geocode></area></info></alert>`);
  return caunoi(['alert', 'import', file, ...srv.dbArgs]).match(/\(([0-9A-Z]{26})\)/)[1];
}

test('a warning in force is read aloud on the public warnings page; an exercise is not offered', async () => {
  const ids = [importAlert('Actual'), importAlert('Exercise')];
  const page = await get('/alerts').then((r) => r.text());
  assert.ok(page.includes(`src="/alerts/${ids[0]}/audio.mp3"`), 'the warning to hear');
  const mp3 = await get(`/alerts/${ids[0]}/audio.mp3`);
  assert.equal(mp3.status, 200);
  assert.match(mp3.headers.get('content-type'), /audio\/mpeg/);
  assert.equal((await get(`/alerts/${ids[1]}/audio.mp3`)).status, 404, 'an exercise is not read to the public');
});

test('a village that speaks Mông: its loudspeaker audio begins with the danger and level in Mông once both are recorded', async () => {
  const officer = await login(srv.base, 'canbo.muongxen');
  const village = household.village_id;
  assert.equal((await submit(member, `/areas/${village}/languages`, { lang_hmn: '1' })).status, 404, 'members do not set it');
  const set = await submit(officer, `/areas/${village}/languages`, { lang_hmn: '1', lang_tai: '1' });
  assert.equal(set.status, 303, set.text);
  const form = await fetch(`${srv.base}/areas/${village}/languages`, { headers: { cookie: `sid=${officer.token}` } }).then((r) => r.text());
  assert.match(form, /name="lang_hmn" value="1" checked/);
  assert.doesNotMatch(form, /name="lang_kjg" value="1" checked/, 'nothing ticked that was not chosen');
  assert.match(await get(`/board/16813/${village}`).then((r) => r.text()), /Tiếng Thái: chưa có bản ghi âm/, 'the board names what is missing');

  const id = importAlert('Actual');
  const [token] = queryColumn(srv.db, `SELECT token FROM alert_villages WHERE alert_id = '${id}' AND village_id = '${village}'`);
  assert.ok(token, 'the warning reached the village');
  const [level] = queryColumn(srv.db, `SELECT level FROM alerts WHERE id = '${id}'`);
  const LEVELS = ['', 'Level 1: low risk', 'Level 2: medium risk', 'Level 3: high risk', 'Level 4: very high risk', 'Level 5: disaster'];
  const op = () => get(`/loa/${token}`).then((r) => r.text());
  assert.match(await op(), /id="voice-hmn"><span class="muted">Tiếng Mông: chưa có bản ghi âm được duyệt/);
  assert.equal((await get(`/loa/${token}/audio-hmn.mp3`)).status, 404);
  for (const msgid of ['Flash flood', LEVELS[Number(level)]]) {
    const c = await sendClip(srv.base, auth, ulid(), `warnings:${msgid}`, 'hmn', voiceWav(1.5));
    assert.equal(c.status, 201, JSON.stringify(c.json));
    assert.equal((await submit(leader, '/translations/hmn/clips/review', { id: c.json.clip_id, decision: 'approve', group: 'warnings' })).status, 303);
  }
  assert.match(await op(), new RegExp(`href="/loa/${token}/audio-hmn\\.mp3" download>⬇ MP3 · Tiếng Mông`));
  const plain = Buffer.from(await (await get(`/loa/${token}/audio.mp3`)).arrayBuffer());
  const mong = await get(`/loa/${token}/audio-hmn.mp3`);
  assert.equal(mong.status, 200);
  assert.match(mong.headers.get('content-type'), /audio\/mpeg/);
  const bytes = Buffer.from(await mong.arrayBuffer());
  // About 4 s more than the Vietnamese alone (two 1.5 s recordings, two pauses), at 8 KB a second.
  assert.ok(bytes.length - plain.length > 3 * 8000 && bytes.length - plain.length < 6 * 8000, `${plain.length} -> ${bytes.length}`);
  const dir = mkdtempSync(join(tmpdir(), 'caunoi-loa-'));
  try {
    writeFileSync(join(dir, 'a.mp3'), bytes);
    execFileSync('mpg123', ['-q', '-w', join(dir, 'a.wav'), join(dir, 'a.mp3')]);
  } finally { rmSync(dir, { recursive: true, force: true }); }
  assert.equal((await get(`/loa/${token}/audio-kjg.mp3`)).status, 404, 'not a language of this village');
});

test('a lesson card in Mông: written where approved, the Vietnamese marked elsewhere, a step heard as recorded (issue 19)', async () => {
  const TITLE = 'Nruab VNeID';
  const key = 'card.vneid_account.1.title';
  const p = await submit(leader, '/translations/hmn/propose', { key, body: TITLE, group: 'training', item: 'vneid_account' });
  assert.equal(p.status, 303, p.text);
  await submit(admin, '/translations/translators', { login: 'thanhvien.muongxen', lang: 'hmn' });
  const list = await fetch(`${srv.base}/translations/hmn?group=training&item=vneid_account`, { headers: { cookie: `sid=${member.token}` } }).then((r) => r.text());
  const id = list.match(new RegExp(`<p lang="hmn">${TITLE}</p>[\\s\\S]*?name="id" value="([0-9A-Z]{26})"`))[1];
  assert.equal((await submit(member, '/translations/hmn/review', { id, decision: 'approve', group: 'training', item: 'vneid_account' })).status, 303);
  const step = 'card.vneid_account.1.step.1';
  const c = await sendClip(srv.base, auth, ulid(), step, 'hmn', voiceWav(2));
  assert.equal(c.status, 201);
  assert.equal((await submit(leader, '/translations/hmn/clips/review', { id: c.json.clip_id, decision: 'approve', group: 'training', item: 'vneid_account' })).status, 303);
  const page = await get('/training/modules/vneid_account?voice=hmn').then((r) => r.text());
  assert.match(page, new RegExp(`<p><strong>${TITLE}</strong> <a class="back" href="/listen/hmn\\?key=card\\.vneid_account\\.1\\.title"`));
  assert.match(page, /Mở CH Play \(Android\) hoặc App Store \(iPhone\)\. <span class="muted" lang="vi">\(tiếng Việt\)<\/span>/);
  const heard = await get(`/listen/hmn?key=${encodeURIComponent(step)}`);
  assert.equal(heard.headers.get('content-language'), 'hmn', 'the step as recorded in Mông');
});
