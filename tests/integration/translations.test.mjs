// Community translations end to end (docs/translations.md): the province admin names translators,
// one translates in a .po file and imports it, a second approves on the side-by-side page, the
// export carries it back; broken and hostile .po files are refused whole with their lines; and a
// resident who reads Mông gets the SMS reply in Mông, as GSM-7, through a real Kannel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, login, caunoi } from '../lib/server.mjs';
import { serverWithKannel } from '../lib/kannel.mjs';

let srv, kannel, phone, admin, mai, leader, household;
const NOT_UNDERSTOOD_VI = 'Cau Noi: chua hieu tin nhan. Can giup, soan HOTRO va viec can lam.';
const NOT_UNDERSTOOD_KEY = 'sms:Cau Noi: message not understood. For help, send HOTRO and what you need.';
const NOT_UNDERSTOOD_HMN = 'Cau Noi: tsis to taub koj cov lus. Yog xav tau kev pab, xa HOTRO thiab yam koj xav tau.';
const TIP_HMN = 'Tsis txhob qhia tus lej OTP rau leej twg, txawm yog tus hu tias yog tub ceev xwm los yog tsev txhab nyiaj.';

// A web form as the browser sends it (session cookie and CSRF token).
async function submit(who, path, fields) {
  const res = await fetch(`${srv.base}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: `sid=${who.token}`, 'x-csrf-token': who.csrf, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get('location') || '', text: await res.text() };
}
const page = async (who, path) => {
  const res = await fetch(`${srv.base}${path}`, { headers: { cookie: `sid=${who.token}` } });
  return { status: res.status, text: await res.text() };
};

// The entry of `key` in a .po text, with its msgstr set to `str`.
function translate(po, key, str) {
  const at = po.indexOf(`msgctxt ${JSON.stringify(key)}\n`);
  assert.ok(at >= 0, `no entry ${key}`);
  const s = po.indexOf('msgstr ""', at);
  return po.slice(0, s) + `msgstr ${JSON.stringify(str)}` + po.slice(s + 'msgstr ""'.length);
}

before(async () => {
  ({ srv, kannel, phone } = await serverWithKannel(startServer, { households: 4 }));
  admin = await login(srv.base, 'admin');
  mai = await login(srv.base, 'thanhvien.muongxen');
  leader = await login(srv.base, 'totruong.muongxen');
  household = (await mai.get('/api/v1/households?limit=1')).json.items[0];
});
after(async () => {
  await phone?.stop();
  kannel?.stop();
  await srv?.stop();
});

test('only named translators translate; the admin names them by login', async () => {
  // Another commune's member is no translator (the demo names Mường Xén's leader and member for Mông).
  const other = await login(srv.base, 'thanhvien.nangoi');
  const tips = await page(other, '/translations/hmn?group=tips');
  assert.equal(tips.status, 200);
  assert.match(tips.text, /id="not-translator"/);
  assert.doesNotMatch(tips.text, /name="body"/);
  const refused = await submit(other, '/translations/hmn/propose', { key: 'tip.never_share_otp', body: 'x', group: 'tips' });
  assert.equal(refused.status, 403);
  const nobody = await submit(admin, '/translations/translators', { login: 'nobody.here', lang: 'hmn' });
  assert.equal(nobody.status, 422);
  for (const login of ['thanhvien.muongxen', 'totruong.muongxen']) {
    const r = await submit(admin, '/translations/translators', { login, lang: 'hmn' });
    assert.equal(r.status, 303, r.text);
  }
  const list = await page(admin, '/translations');
  assert.match(list.text, /id="translator-list"[\s\S]*Tiếng Mông/);
  assert.match((await page(mai, '/translations/hmn?group=tips')).text, /name="body"/);
});

test('a .po file out, translated, in: proposals a second translator approves; the export carries them back', async () => {
  const out = await mai.get('/api/v1/translations/hmn/po');
  assert.equal(out.status, 200);
  assert.match(out.headers.get('content-type'), /text\/x-gettext-translation/);
  assert.match(out.text, /"Language: hmn\\n"/);
  let po = translate(out.text, 'tip.never_share_otp', TIP_HMN);
  po = translate(po, NOT_UNDERSTOOD_KEY, NOT_UNDERSTOOD_HMN);
  const imported = await mai.put('/api/v1/translations/hmn/po', po, { 'content-type': 'text/x-gettext-translation' });
  assert.equal(imported.status, 200, imported.text);
  assert.equal(imported.json.proposals, 2);
  assert.ok(imported.json.untranslated > 100, 'every other text is listed, untranslated');

  // The second translator sees both waiting on the side-by-side page and approves them.
  for (const [group, body] of [['tips', TIP_HMN], ['sms', NOT_UNDERSTOOD_HMN]]) {
    const p = await page(leader, `/translations/hmn?group=${group}`);
    const esc = body.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = p.text.match(new RegExp(`<p lang="hmn">${esc}</p>[\\s\\S]*?name="id" value="([0-9A-Z]{26})"`));
    assert.ok(m, `${group}: the proposal with its review form`);
    // Its author has no review form for it.
    assert.doesNotMatch((await page(mai, `/translations/hmn?group=${group}`)).text, new RegExp(`name="id" value="${m[1]}"`));
    const own = await submit(mai, '/translations/hmn/review', { id: m[1], decision: 'approve', group });
    assert.equal(own.status, 403, 'its author cannot approve it');
    const ok = await submit(leader, '/translations/hmn/review', { id: m[1], decision: 'approve', group });
    assert.equal(ok.status, 303, ok.text);
    assert.match(ok.location, /done=approved/);
  }
  const back = (await mai.get('/api/v1/translations/hmn/po')).text;
  assert.ok(back.includes(`msgctxt "tip.never_share_otp"\nmsgid "Không bao giờ`), 'the Vietnamese as msgid');
  assert.ok(back.includes(`msgstr ${JSON.stringify(TIP_HMN)}`), 'the approved translation exported');
  // The same file imported again proposes nothing new.
  const again = await mai.put('/api/v1/translations/hmn/po', back);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.proposals, 0);
  const coverage = await page(admin, '/translations?group=tips');
  assert.match(coverage.text, /id="coverage"/);
  assert.match(coverage.text, /Lời khuyên an toàn<\/a><\/td><td>0\/\d+ · [^<]*<svg[^]*?<\/svg> 0<\/td><td>1\/\d+ · /, 'Thái none, Mông one tip approved, no recording');
});

test('broken and hostile .po files are refused whole, each problem with its line', async () => {
  const out = (await mai.get('/api/v1/translations/hmn/po')).text;
  let po = translate(out, 'tip.no_strange_links', 'Txhob nias <a href="http://x">qhov txuas</a>');
  po = translate(po, 'tip.vneid_official_store', 'Nruab VNeID los ntawm CH Play xwb.');  // fine on its own
  po += '\nmsgctxt "tip.invented"\nmsgid "Không có"\nmsgstr "Tsis muaj"\n';
  po += '\nmsgctxt "tip.police_no_phone_fix"\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "d"\n';
  const r = await mai.put('/api/v1/translations/hmn/po', po);
  assert.equal(r.status, 422, r.text);
  const titles = r.json.problems.map((p) => p.title);
  assert.deepEqual(titles, ['Chỉ viết chữ, không dùng thẻ HTML', 'Không có câu này trong danh mục (mã không đúng)',
    'Các câu này không dùng dạng số nhiều: hãy bỏ msgid_plural']);
  assert.ok(r.json.problems.every((p) => p.line > 0));
  const now = (await mai.get('/api/v1/translations/hmn/po')).text;
  assert.ok(!now.includes('Nruab VNeID los ntawm CH Play xwb.'), 'the good entry of a refused file is not stored either');
  const broken = await mai.put('/api/v1/translations/hmn/po', 'msgid "a"\nmsgstr "b\n');
  assert.equal(broken.status, 422);
  assert.match(broken.json.title, /Không đọc được tệp \.po/);
  // On the page: the text kept, the problems listed in Vietnamese.
  const form = await submit(mai, '/translations/hmn/import', { po });
  assert.equal(form.status, 422);
  assert.match(form.text, /id="problems"[\s\S]*dòng \d+ \(tip\.invented\)/);
  assert.ok(form.text.includes('Nruab VNeID los ntawm CH Play xwb.'), 'the pasted file is kept in the form');
});

test('a proposal with HTML, lost placeholders or accents in an SMS text comes back with the value and the reason', async () => {
  const r = await submit(mai, '/translations/hmn/propose', { key: NOT_UNDERSTOOD_KEY, body: 'Cầu Nối: tsis to taub.', group: 'sms' });
  assert.equal(r.status, 422);
  assert.match(r.text, /class="ferr" id="err-\d+">Câu này gửi bằng tin nhắn SMS[^<]*: ầ ố</);
  assert.match(r.text, />Cầu Nối: tsis to taub\.<\/textarea>/);
  const html = await submit(mai, '/translations/hmn/propose', { key: 'tip.never_share_otp', body: '<b>OTP</b>', group: 'tips' });
  assert.equal(html.status, 422);
  assert.match(html.text, /Chỉ viết chữ, không dùng thẻ HTML/);
  assert.match(html.text, />&lt;b&gt;OTP&lt;\/b&gt;<\/textarea>/, 'kept, escaped');
});

test('a resident who reads Mông gets the SMS reply in Mông, as GSM-7; others still get Vietnamese', async () => {
  const mine = `09131${String(process.pid % 10000).padStart(4, '0')}1`;
  const r = await mai.post('/api/v1/residents', { household_id: household.id, full_name: 'Vừ A Sình', phone: mine, phone_kind: 'basic',
    language: 'hmn', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(r.status, 201, r.text);
  assert.equal(await phone.ask(mine, 'nyob zoo'), NOT_UNDERSTOOD_HMN);
  assert.equal(phone.to(mine).at(-1).type, 'text', 'sent as GSM-7 text, not UCS-2 data');
  assert.equal(await phone.ask(`09132${String(process.pid % 10000).padStart(4, '0')}2`, 'nyob zoo'), NOT_UNDERSTOOD_VI);
});

test('a procedure page in Mông: approved text where there is one, the Vietnamese marked elsewhere, each with a link to hear it', async () => {
  const TITLE = 'Sau npe yug menyuam, nyob ruaj thiab daim npav kho mob rau menyuam yaus hnub nyoog qis dua 6 xyoos';
  const r = await submit(mai, '/translations/hmn/propose', { key: 'proc.birth_linked.title', body: TITLE, group: 'procedures', item: 'birth_linked' });
  assert.equal(r.status, 303, r.text);
  const p = await page(leader, '/translations/hmn?group=procedures&item=birth_linked');
  const id = p.text.match(new RegExp(`<p lang="hmn">${TITLE}</p>[\\s\\S]*?name="id" value="([0-9A-Z]{26})"`))[1];
  assert.equal((await submit(leader, '/translations/hmn/review', { id, decision: 'approve', group: 'procedures', item: 'birth_linked' })).status, 303);
  const pub = await fetch(`${srv.base}/procedures/birth_linked?voice=hmn`).then((x) => x.text());
  const box = pub.slice(pub.indexOf('id="voice-content"'));
  assert.match(box, new RegExp(`<strong>${TITLE}</strong> <a class="tap" href="/listen/hmn\\?key=proc\\.birth_linked\\.title"`), 'the title in Mông, no mark');
  assert.match(box, /Giấy chứng sinh do cơ sở y tế cấp <span class="uv" lang="vi">tiếng Việt<\/span>/, 'an untranslated paper in Vietnamese, marked');
  assert.match(pub, /class="tap on" href="\/procedures\/birth_linked\?voice=hmn#voice" lang="hmn">Tiếng Mông/);
  const plain = await fetch(`${srv.base}/procedures/birth_linked`).then((x) => x.text());
  assert.doesNotMatch(plain, /id="voice-content"/, 'nothing extra until a language is chosen');
});

test('a warning SMS reaches a Mông reader in Mông once its head and the danger are translated; others get Vietnamese', async () => {
  const HEAD = '{from}: WARNING {hazard}, risk level {level}, {where}, until {until}.';
  const HEAD_HMN = '{from}: CEEB TOOM {hazard}, theem {level}, {where}, txog {until}.';
  for (const [key, body] of [[`warnings:${HEAD}`, HEAD_HMN], ['warnings:Flash flood', 'Dej nyab']]) {
    assert.equal((await submit(mai, '/translations/hmn/propose', { key, body, group: 'warnings' })).status, 303);
    const p = await page(leader, '/translations/hmn?group=warnings');
    const id = p.text.match(new RegExp(`<p lang="hmn">${body.replace(/[{}.]/g, '\\$&')}</p>[\\s\\S]*?name="id" value="([0-9A-Z]{26})"`))[1];
    assert.equal((await submit(leader, '/translations/hmn/review', { id, decision: 'approve', group: 'warnings' })).status, 303);
  }
  // A Mông reader and a Vietnamese reader with phones, both agreeing to notifications.
  const numbers = { hmn: `09133${String(process.pid % 10000).padStart(4, '0')}3`, vi: `09134${String(process.pid % 10000).padStart(4, '0')}4` };
  for (const [language, phoneNo] of Object.entries(numbers)) {
    const r = await mai.post('/api/v1/residents', { household_id: household.id, full_name: `Người ${language}`, phone: phoneNo,
      phone_kind: 'basic', language, consent: true, consent_purposes: 'registry,notifications' });
    assert.equal(r.status, 201, r.text);
  }
  const t = (m) => `${new Date(Date.now() + m * 60e3 + 7 * 3600e3).toISOString().slice(0, 19)}+07:00`;
  const file = join(srv.dir, 'hmn-alert.xml');
  writeFileSync(file, `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>HMN-1</identifier>
<sender>lang@example.vn</sender><sent>${t(-1)}</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
<info><category>Met</category><event>Lũ quét</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty>
<instruction>Roi nha ven suoi.</instruction><expires>${t(120)}</expires><area><areaDesc>x</areaDesc><geocode><valueName>commune</valueName><value>16813</value></geocode></area></info></alert>`);
  caunoi(['alert', 'import', file, ...srv.dbArgs]);
  const [mong] = await phone.waitFor(numbers.hmn, 1, 60000);
  assert.match(mong.text, /: CEEB TOOM dej nyab, theem \d, .*, txog \d\d:\d\d \d\d\/\d\d\. Roi nha ven suoi\./, mong.text);
  assert.equal(mong.type, 'text', 'GSM-7');
  const [viet] = await phone.waitFor(numbers.vi, 1, 60000);
  assert.match(viet.text, /: CANH BAO lu quet, rui ro cap \d, /, viet.text);
});

test("a dossier's notification reaches a Mông reader in Mông once its template is approved", async () => {
  const FILED = 'Cau Noi: dossier {code} ({procedure}) filed {date}. Result due {due}.';
  const FILED_HMN = 'Cau Noi: ntaub ntawv {code} ({procedure}) xa {date}. Tau txais {due}.';
  assert.equal((await submit(mai, '/translations/hmn/propose', { key: `sms:${FILED}`, body: FILED_HMN, group: 'sms' })).status, 303);
  const p = await page(leader, '/translations/hmn?group=sms');
  const id = p.text.match(new RegExp(`<p lang="hmn">${FILED_HMN.replace(/[{}.()]/g, '\\$&')}</p>[\\s\\S]*?name="id" value="([0-9A-Z]{26})"`))[1];
  assert.equal((await submit(leader, '/translations/hmn/review', { id, decision: 'approve', group: 'sms' })).status, 303);
  const number = `09135${String(process.pid % 10000).padStart(4, '0')}5`;
  const r = await mai.post('/api/v1/residents', { household_id: household.id, full_name: 'Sùng Thị Chứ', phone: number, phone_kind: 'basic',
    language: 'hmn', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(r.status, 201, r.text);
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const code = `H42.16813-${today.replaceAll('-', '').slice(2)}-${String(process.pid % 10000).padStart(4, '0')}`;
  const d = await mai.post('/api/v1/dossiers', { resident_id: r.json.id, procedure: 'permanent_residence', portal_code: code,
    submitted_on: today, channel: 'assisted_online' });
  assert.equal(d.status, 201, d.text);
  const [note] = await phone.waitFor(number, 1, 60000);
  assert.ok(note.text.startsWith(`Cau Noi: ntaub ntawv ${code} (`), note.text);
  assert.match(note.text, /\) xa \d\d\/\d\d\. Tau txais \d\d\/\d\d\/\d{4}\.$/);
  assert.equal(note.type, 'text', 'GSM-7');
});

test('a second tap on Approve, or a reviewer reviewing their own, is told so at the top of the page', async () => {
  assert.equal((await submit(mai, '/translations/hmn/propose', { key: 'tip.no_transfer_strangers', body: 'Txhob xa nyiaj rau neeg txawv.', group: 'tips' })).status, 303);
  const p = await page(leader, '/translations/hmn?group=tips');
  const id = p.text.match(/<p lang="hmn">Txhob xa nyiaj rau neeg txawv\.<\/p>[\s\S]*?name="id" value="([0-9A-Z]{26})"/)[1];
  const own = await submit(mai, '/translations/hmn/review', { id, decision: 'approve', group: 'tips' });
  assert.equal(own.status, 403);
  assert.match(own.text, /<p class="err" role="alert">Người dịch thứ hai duyệt, không phải người đã viết<\/p>/);
  assert.equal((await submit(leader, '/translations/hmn/review', { id, decision: 'approve', group: 'tips' })).status, 303);
  const again = await submit(leader, '/translations/hmn/review', { id, decision: 'approve', group: 'tips' });
  assert.equal(again.status, 409);
  assert.match(again.text, /<p class="err" role="alert">Đã có người duyệt bản dịch này<\/p>/);
});
