// Browser tests at 360 x 740 of the SMS pages. A commune officer: scam reports that residents sent by
// SMS (through a real Kannel, fakesmsc playing their phones) are listed on the SMS page in
// Vietnamese, the reporters' numbers masked, and downloaded as a file for the police liaison. A
// report from a number nobody registered reaches the commune its text names. Numbers that
// subscribed with DK are listed with the place they named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium, phoneLogin, shooter } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';
import { serverWithKannel } from '../lib/kannel.mjs';

const shot = shooter();
let srv, browser, kannel, phone;

before(async () => {
  ({ srv, kannel, phone } = await serverWithKannel(startServer, { households: 4 }));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await phone?.stop();
  kannel?.stop();
  await srv?.stop();
});

test('an officer reads the scam reports residents sent by SMS and downloads them for the police', async () => {
  const member = await login(srv.base, 'thanhvien.muongxen');
  const h = (await member.get('/api/v1/households?limit=1')).json.items[0];
  const known = `09140${String(process.pid % 10000).padStart(4, '0')}1`;
  assert.equal((await member.post('/api/v1/residents', { household_id: h.id, full_name: 'Lô Văn Báo', phone: known,
    consent: true, consent_purposes: 'registry,notifications' })).status, 201);
  const stranger = `09140${String(process.pid % 10000).padStart(4, '0')}2`;
  phone.send(known, 'LD 0987654321 goi bao trung thuong xe may');
  phone.send(stranger, 'co nguoi goi bao toi chuyen tien de nhan qua, toi o xa Muong Xen');
  await phone.waitFor(known, 1);
  await phone.waitFor(stranger, 1);
  phone.send(known, 'DK Muong Xen');
  await phone.waitFor(known, 2);

  const { context, page } = await phoneLogin(browser, srv.base, 'canbo.muongxen');
  await page.click('nav.tabs a[href="/more"]');
  await page.click('#menu a[href="/sms"]');
  await page.locator('#scams-title').scrollIntoViewIfNeeded();
  await shot(page, 'officer-scam-reports');
  assert.equal(await page.locator('#scams-title').innerText(), 'Báo lừa đảo');
  const list = await page.locator('#scams').innerText();
  assert.match(list, /0987654321 goi bao trung thuong xe may/);
  assert.match(list, /nhan qua, toi o xa Muong Xen/, 'a stranger naming the commune reaches it');
  assert.ok(!list.includes(known) && !list.includes(stranger), 'the reporters\' numbers are masked');
  // Who subscribed with DK, and to which place, in words.
  assert.match(await page.locator('#subscriptions').innerText(), /xã Mường Xén/);
  assert.ok(!(await page.locator('#subscriptions').innerText()).includes(known));
  const link = page.locator('#scams-csv');
  const box = await link.boundingBox();
  assert.ok(box.height >= 44, `the download is ${box.height} px high`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '"Thời gian","Người báo","Nội dung"');
  assert.equal(lines.length, 3, csv);
  assert.ok(lines.some((l) => l.includes('goi bao trung thuong xe may')));
  // The export is in the audit log, as a read of the reports.
  const officer = await login(srv.base, 'canbo.muongxen');
  const audit = (await officer.get('/api/v1/audit?limit=20')).json.items;
  assert.ok(audit.some((e) => e.action === 'export' && e.entity === 'scam_reports'), JSON.stringify(audit.slice(0, 3)));
  await context.close();
});

test('a team leader answers by SMS a message nobody understood, from a number no team knows', async () => {
  const stranger = `09150${String(process.pid % 10000).padStart(4, '0')}3`;
  phone.send(stranger, 'toi o xa Muong Xen, ai do chi giup toi cach lam the bhyt cho me');
  await phone.waitFor(stranger, 1);  // the automatic "not understood"
  const { context, page } = await phoneLogin(browser, srv.base, 'totruong.muongxen');
  await page.click('nav.tabs a[href="/more"]');
  await page.click('#menu a[href="/sms"]');
  await page.click('#sms-queue');
  await shot(page, 'leader-sms-queue');
  const item = page.locator('#queue li', { hasText: 'the bhyt cho me' });
  assert.equal(await item.count(), 1, 'the message waits for a person');
  assert.match(await item.innerText(), /số chưa đăng ký/);
  assert.ok(!(await item.innerText()).includes(stranger), 'the number is masked');
  // Nothing is sent without words: the browser asks for them.
  await item.locator('button[type=submit]').click();
  assert.equal(await item.locator('textarea').evaluate((el) => el.validity.valueMissing), true);
  await item.locator('textarea').fill('Chào bác, mai tổ công nghệ số bản sẽ đến nhà giúp làm thẻ BHYT.');
  const button = await item.locator('button[type=submit]').boundingBox();
  assert.ok(button.height >= 44, `the send button is ${button.height} px high`);
  await item.locator('button[type=submit]').click();
  await page.waitForURL(/answered=/);
  await shot(page, 'leader-sms-answered');
  assert.match(await page.locator('#queue-answered').innerText(), /Đã xếp trả lời để gửi tới \*+\d{3}/);
  assert.equal(await page.locator('#queue li', { hasText: 'the bhyt cho me' }).count(), 0, 'answered: no longer waiting');
  const got = await phone.waitFor(stranger, 2);
  assert.equal(got[1].text, 'Cau Noi: Chao bac, mai to cong nghe so ban se den nha giup lam the BHYT.');
  await context.close();
});
