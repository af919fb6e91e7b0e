// The SMS channel end to end: caunoi, a real Kannel (bearerbox + smsbox) and fakesmsc playing
// the operator. Phones' messages go in through fakesmsc; the replies asserted are exactly what
// fakesmsc received. Also: dossier notifications with delivery reports, opt-out, floods, bad
// input, a Kannel that goes down, and a caunoi restart with messages queued.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serve, login, runSql } from '../lib/server.mjs';
import { serverWithKannel, caunoiFlags } from '../lib/kannel.mjs';

let srv, kannel, phone, officer, member, leader, resident, residentPhone, household, k;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const HELP = 'Cau Noi: HS ma: xem ho so. GIAYTO ten thu tuc: giay to can mang. HOTRO viec can: to giup. DK ten xa: nhan canh bao. HUY: ngung.';
const NOT_UNDERSTOOD = 'Cau Noi: chua hieu tin nhan. Can giup, soan HOTRO va viec can lam.';
const day = (offset = 0) => new Date(Date.now() + 7 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
let seq = 0;
const portal = () => `H42.16813-${day().replaceAll('-', '').slice(2)}-${String(++seq).padStart(4, '0')}${process.pid % 100}`;
// A new number for each test, so replies and limits never mix.
let numbers = 0;
const newPhone = () => `09130${String(process.pid % 1000).padStart(3, '0')}${String(++numbers).padStart(2, '0')}`;

const ask = (from, text, type) => phone.ask(from, text, type);

before(async () => {
  ({ k, srv, kannel, phone } = await serverWithKannel(startServer, { households: 6 }));
  officer = await login(srv.base, 'canbo.muongxen');
  member = await login(srv.base, 'thanhvien.muongxen');
  leader = await login(srv.base, 'totruong.muongxen');
  household = (await member.get('/api/v1/households?limit=1')).json.items[0];
});
after(async () => {
  await phone?.stop();
  kannel?.stop();
  await srv?.stop();
});

test('HD gets the commands in plain words; what is not understood gets one plain sentence; thanks and empty messages are kept unanswered', async () => {
  const from = newPhone();
  assert.equal(await ask(from, 'HD'), HELP);
  assert.equal(await ask(from, 'xin chao, toi hoi viec nay'), NOT_UNDERSTOOD);
  phone.send(from, 'cam on');
  phone.send(from, ' ');
  assert.equal(await ask(from, 'Huy day'), 'Cau Noi: chua hieu tin nhan. Muon ngung nhan tin, soan HUY (chi mot chu).');
  assert.equal(phone.to(from).length, 3, 'no reply to the thanks nor to the empty message');
  const admin = await login(srv.base, 'admin');
  const inbox = (await admin.get('/api/v1/sms/inbox')).json.items;
  // The inbox masks numbers but the last three digits: these are this test's messages.
  const kept = inbox.filter((e) => e.phone.endsWith(from.slice(-3))).slice(0, 5).map((e) => e.command);
  assert.ok(kept.includes('thanks') && kept.includes('empty'), JSON.stringify(inbox.slice(0, 8)));
});

test('plain words reach what people mean: a procedure by its common name, VNeID, prices, weather, a scam call, a call-back', async () => {
  const checklist = async (code) => (await officer.get(`/api/v1/procedures/${code}`)).json.sms.text;
  assert.equal(await ask(newPhone(), 'toi muon lam giay khai sinh cho con'), await checklist('birth_linked'));
  assert.equal(await ask(newPhone(), 'GIAYTO thuong tru'), await checklist('permanent_residence'));
  assert.equal(await ask(newPhone(), encodeURIComponent('giấy tờ đăng ký thường trú'), 'data'), await checklist('permanent_residence'));
  assert.equal(await ask(newPhone(), 'GIAYTO so do'), await checklist('land_first_certificate'));
  const idCard = await ask(newPhone(), 'giay to can cuoc');
  assert.equal(idCard, await checklist('id_card'));
  assert.match(idCard, /Cong an xa/, 'an ID-card question says where to go');
  assert.equal(await ask(newPhone(), 'cach cai vneid'), await checklist('vneid_level2'));
  // The weather, from a number the platform cannot place: it asks for the commune (the board's
  // answers themselves: board_sms.test.mjs).
  assert.equal(await ask(newPhone(), 'mai co mua khong'), 'Cau Noi: nhan THOITIET va ten xa cua ban, vi du THOITIET Muong Xen.');
  assert.equal(await ask(newPhone(), 'gia dinh toi khoe'), NOT_UNDERSTOOD, 'family is not a price');
  assert.equal(await ask(newPhone(), 'lua dat nha toi bi chay'), NOT_UNDERSTOOD, 'a fire is not a scam report');
  assert.match(await ask(newPhone(), 'co nguoi goi bao toi chuyen tien de nhan qua'), /^Cau Noi: co the la lua dao\. Khong chuyen tien/);
  assert.match(await ask(newPhone(), 'goi lai cho toi voi'), /^Cau Noi: da luu tin\. So nay chua dang ky/);
});

test('GIAYTO answers the checklist, whatever the accents, spaces and one typo', async () => {
  const from = newPhone();
  const proc = (await officer.get('/api/v1/procedures/birth_linked')).json;
  const checklist = proc.sms.text;
  assert.equal(await ask(from, 'GIAYTO khai sinh'), checklist);
  // "Giấy tờ khai sinh" typed with accents (UTF-8 bytes), and with a typo and no space.
  assert.equal(await ask(from, encodeURIComponent('Giấy tờ khai sinh'), 'data'), checklist);
  assert.equal(await ask(from, 'GIAYTP khai sinh'), checklist);
  assert.equal(await ask(from, 'GIAYTOkhai sinh'), checklist);
  assert.match(await ask(from, 'GIAYTO xyz'), /^Cau Noi: khong tim thay thu tuc/);
  // Named in the title beats mentioned in the documents: marriage, not birth (which lists a marriage certificate).
  const marriage = (await officer.get('/api/v1/procedures?full=1')).json.items.find((p) => /ket hon/i.test(p.sms?.text ?? '') && /^Dang ky ket hon|^Ket hon/i.test(p.sms.text));
  if (marriage) assert.equal(await ask(newPhone(), 'GIAYTO ket hon'), marriage.sms.text);
  else assert.doesNotMatch(await ask(newPhone(), 'GIAYTO ket hon'), /^Khai sinh/);
});

test('HS answers a dossier\'s status only to the phone registered on it; its notifications arrive and are reported delivered', async () => {
  const mine = newPhone();
  residentPhone = mine;
  const r = await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Lò Thị Xuân', phone: mine,
    phone_kind: 'basic', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(r.status, 201, r.text);
  resident = r.json;
  const code = portal();
  const d = await member.post('/api/v1/dossiers', { resident_id: resident.id, procedure: 'permanent_residence', portal_code: code,
    submitted_on: day(), channel: 'assisted_online' });
  assert.equal(d.status, 201, d.text);
  // The filing's notification reaches the phone once, then its delivery report marks it delivered.
  const [note] = await phone.waitFor(mine, 1);
  assert.ok(note.text.includes(code), note.text);
  assert.doesNotMatch(note.text, /[^\x20-\x7e]/, 'GSM-7, no diacritics');
  let out;
  for (let i = 0; i < 50; i++) {
    out = (await leader.get('/api/v1/sms/outbox')).json.items.find((m) => m.body === note.text);
    if (out?.status === 'delivered') break;
    await sleep(100);
  }
  assert.equal(out.status, 'delivered');
  const answer = await ask(mine, `hs ${code.toLowerCase()}`);
  // The state and the date first: a reply cut to one SMS keeps what was asked.
  assert.match(answer, new RegExp(`^Cau Noi: ho so ${code.replaceAll('.', '\\.')}: [^,]+, hen tra \\d\\d/\\d\\d/\\d{4}\\. `));
  assert.ok(answer.length <= 160, 'one SMS');
  // Another phone, or an unknown code: the same answer, which says nothing about the dossier.
  const notFound = await ask(newPhone(), `HS ${code}`);
  assert.equal(notFound, 'Cau Noi: khong co ho so ma nay cho so dien thoai nay. Xem lai ma tren giay bien nhan.');
  assert.equal(await ask(mine, 'HS H42.99999-000000-0000'), notFound);
  assert.equal(phone.to(mine).length, 3, 'nothing sent twice');
});

test('HS says a dossier past its due date is late and whom to ask, whole, in one SMS', async () => {
  const theirs = newPhone();
  const r = await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Lò Văn Muộn', phone: theirs,
    consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(r.status, 201, r.text);
  const code = portal();
  assert.equal((await member.post('/api/v1/dossiers', { resident_id: r.json.id, procedure: 'permanent_residence',
    portal_code: code, submitted_on: day(-40), channel: 'desk' })).status, 201);
  await phone.waitFor(theirs, 1);
  const late = await ask(theirs, `HS ${code}`);
  assert.match(late, /da qua hen tra \d\d\/\d\d\/\d{4}\. Hoi Trung tam phuc vu hanh chinh cong xa\.$/, late);
  assert.ok(late.length <= 160, `one SMS: ${late}`);
  // Codes as people type them: alone, joined to HS, after "ho so", with spaces for the dots.
  for (const typed of [code, `HS${code}`, `ho so ${code}`, `HS ${code.replaceAll('.', ' ').replaceAll('-', ' ')}`])
    assert.equal(await ask(theirs, typed), late, typed);
});

test('HUY alone stops news and warnings, not the dossier news asked for; HUY HS stops those too, until DK', async () => {
  const mine = residentPhone;
  const stopped = await ask(mine, 'HUY');
  assert.equal(stopped, 'Cau Noi: da ngung tin thong bao va canh bao toi so nay. Tin ve ho so ban da nop van gui (ngung ca: HUY HS). Nhan lai: DK <xa>.');
  assert.ok(stopped.length <= 160, stopped);
  const d = (await officer.get(`/api/v1/dossiers?resident_id=${resident.id}`)).json.items[0];
  let count = phone.to(mine).length;
  assert.equal((await member.post(`/api/v1/dossiers/${d.id}/status`, { status: 'received' })).status, 200);
  await phone.waitFor(mine, count + 1);  // the dossier's news still comes
  assert.equal(await ask(mine, 'HUY HS'), 'Cau Noi: da ngung moi tin toi so nay, ca tin ve ho so. Nhan lai: DK <xa>.');
  const moved = await member.post(`/api/v1/dossiers/${d.id}/status`, { status: 'processing' });
  assert.equal(moved.status, 200, moved.text);
  let failed;
  for (let i = 0; i < 50 && !failed; i++) {
    failed = (await leader.get('/api/v1/sms/outbox')).json.items.find((m) => m.status === 'failed' && m.reason.includes('HUY'));
    await sleep(100);
  }
  assert.ok(failed, 'after HUY HS the notification is not sent');
  count = phone.to(mine).length;
  const dk = await ask(mine, 'DK Muong Xen');
  assert.equal(dk, 'Cau Noi: so nay se nhan canh bao cho xa Muong Xen. Ngung: HUY.');
  assert.equal((await member.post(`/api/v1/dossiers/${d.id}/status`, { status: 'supplement_requested' })).status, 200);
  await phone.waitFor(mine, count + 2);
  assert.equal(await ask(newPhone(), 'DK Sao Hoa'), 'Cau Noi: khong tim thay ban hay xa nay. Soan DK va ten ban, vi du DK Huoi Co Muong Xen.');
  // A village, as people think of where they live (its name as the demo spells it, without "Bản").
  const village = (await officer.get(`/api/v1/areas/${household.village_id}`)).json;
  const name = village.name.replace(/\s*\(.*\)$/, '').replace(/^(Bản|Khối|Thôn|Xóm)\s+/, '');
  const byVillage = await ask(newPhone(), encodeURIComponent(`DK ${name}`), 'data');
  assert.match(byVillage, /^Cau Noi: (so nay se nhan canh bao cho .+, xa Muong Xen\.|co nhieu ban ten )/, byVillage);
});

test('HOTRO becomes a task for the sender\'s village team; LUADAO is stored with the reporting line', async () => {
  const helpPhone = newPhone();  // a resident of its own: the other tests' replies count against their number
  assert.equal((await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Vi Văn Hỏi', phone: helpPhone,
    consent: true, consent_purposes: 'registry,notifications' })).status, 201);
  const reply = await ask(helpPhone, 'HOTRO khong cai duoc VNeID');
  assert.match(reply, /^Cau Noi: da ghi nhan yeu cau\. /);
  const tasks = (await member.get(`/api/v1/households/${household.id}/tasks`)).json.items;
  assert.ok(tasks.some((t) => t.title === 'HOTRO (SMS): khong cai duoc VNeID' && t.status === 'open'), JSON.stringify(tasks));
  assert.equal(await ask(newPhone(), 'HOTRO giup toi'), 'Cau Noi: so nay chua dang ky voi to cong nghe so. Hoi truong ban hoac den UBND xa.');
  const scam = 'Cau Noi: cam on, da ghi nhan. Khong chuyen tien, khong doc ma OTP cho ai. Bao lua dao: LD <so> <noi dung> gui 156 hoac 5656.';
  assert.equal(await ask(newPhone(), encodeURIComponent('Lừa đảo: có người gọi bảo nâng cấp VNeID'), 'data'), scam);
  assert.equal(await ask(newPhone(), 'LUADAO 0987654321 gia danh cong an'), scam);
  assert.equal(await ask(newPhone(), 'GIA san'), 'Cau Noi: 90 ngay qua chua co ai bao gia San.');
  assert.equal(await ask(newPhone(), 'THOITIET'), 'Cau Noi: nhan THOITIET va ten xa cua ban, vi du THOITIET Muong Xen.');
  const inbox = (await officer.get('/api/v1/sms/inbox')).json.items;
  assert.ok(inbox.some((e) => e.command === 'help_request' && e.body === 'HOTRO khong cai duoc VNeID'));
});

test('floods, machines, long and binary messages: no reply loops, nothing lost', async () => {
  const flood = newPhone();
  for (let i = 0; i < 8; i++) phone.send(flood, `HD ${i}`);
  await sleep(6000);
  assert.equal(phone.to(flood).length, 6, 'at most 5 replies in 10 minutes, then one "send again later"');
  // Kannel hands the eight over at once: which one the notice answers depends on the order they land.
  assert.equal(phone.to(flood).filter((m) => m.text === 'Cau Noi: nhan qua nhieu tin. Gui lai sau 10 phut.').length, 1);
  // Over its limit, a number's HUY still stops its messages (without a confirmation).
  phone.send(flood, 'HUY');
  await sleep(1500);
  assert.equal(phone.to(flood).length, 6);
  const admin0 = await login(srv.base, 'admin');
  assert.ok((await admin0.get('/api/v1/sms/inbox')).json.items.some((e) => e.command === 'stop' && !e.reply), 'HUY stored, unanswered');
  const sql = `SELECT COUNT(*) FROM sms_optouts WHERE phone = '${flood}'`;
  assert.equal(runSql(srv.db, sql), '1');
  phone.send('5656', 'Tin nhan tu dong');
  phone.send('VNPT', 'Khuyen mai');
  const long = newPhone();
  assert.equal(await ask(long, 'x'.repeat(1000)), NOT_UNDERSTOOD);
  const binary = newPhone();
  phone.send(binary, '%06%05%04%0B%84%23%F0 %01%02%03', 'udh');
  await sleep(3000);
  assert.equal(phone.to('5656').length + phone.to(binary).length, 0);
  assert.equal(phone.received.filter((m) => m.to === '5656' || m.to === 'VNPT').length, 0);
  const inbox = (await officer.get('/api/v1/sms/inbox')).json.items;
  assert.equal(inbox.filter((e) => e.body.startsWith('HD ')).length, 0, 'the flood came from an unknown number: the province sees it, not the commune');
  const admin = await login(srv.base, 'admin');
  const all = (await admin.get('/api/v1/sms/inbox')).json.items;
  assert.equal(all.filter((e) => e.body.startsWith('HD ')).length, 8, 'every message kept');
  assert.ok(all.some((e) => e.command === 'binary'));
  assert.ok(all.some((e) => e.body.length === 1000));
});

test('a Kannel that is down: messages wait, are retried, and go out once when it returns', async () => {
  const mine = newPhone();
  const r = await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Vi Văn Tôn', phone: mine,
    phone_kind: 'basic', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(r.status, 201, r.text);
  kannel.stop();
  await phone.stop();
  const send = await officer.post('/api/v1/sms/send', { household_id: household.id, text: 'Họp thôn tối nay lúc 19 giờ', send: 'true' });
  assert.equal(send.status, 200, send.text);
  assert.ok(send.json.recipients >= 1);
  let waiting;
  for (let i = 0; i < 60; i++) {
    waiting = (await leader.get('/api/v1/sms/outbox')).json.items.find((m) => m.phone === mine);
    if (waiting?.attempts >= 2) break;
    await sleep(250);
  }
  assert.equal(waiting.status, 'queued');
  assert.ok(waiting.attempts >= 2, 'retried');
  assert.match(waiting.reason, /Kannel unreachable/);
  kannel.start();
  phone.start();
  const [got] = await phone.waitFor(mine, 1, 30000);
  assert.equal(got.text, 'Hop thon toi nay luc 19 gio');
  await sleep(1500);
  assert.equal(phone.to(mine).length, 1, 'sent once');
});

test('a restart with messages queued delivers each once', async () => {
  const mine = newPhone();
  const r = await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Lương Thị Mai', phone: mine,
    phone_kind: 'basic', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(r.status, 201, r.text);
  // Kannel down, so the messages are queued when caunoi stops.
  kannel.stop();
  await phone.stop();
  for (let i = 0; i < 3; i++)
    assert.equal((await officer.post('/api/v1/sms/send', { household_id: household.id, text: `Tin so ${i}`, send: 'true' })).status, 200);
  await srv.stop({ keep: true });
  kannel.start();
  phone.start();
  const again = await serve([...srv.dbArgs, ...caunoiFlags(k)]);
  try {
    // Kannel's inbound calls go to the old address; only the outbox is under test here.
    const got = await phone.waitFor(mine, 3, 30000);
    assert.deepEqual(got.map((m) => m.text).sort(), ['Tin so 0', 'Tin so 1', 'Tin so 2']);
    await sleep(1500);
    assert.equal(phone.to(mine).length, 3, 'each once');
  } finally {
    await again.stop();
  }
});
