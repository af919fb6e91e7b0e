// Browser test at 360 x 740 from a team leader's steps when a person asks what is held about
// them (Decree 13/2023, art. 14): open the person, tap "Data held about this person", read it in
// Vietnamese (no raw codes), print it, go back. A member has no such link and no such page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, phoneLogin, shooter } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const shot = shooter();
let srv, browser;

before(async () => {
  srv = await startServer({ households: 8 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('a team leader hands a person everything held about them, printable, in Vietnamese', async () => {
  const api = await login(srv.base, 'totruong.muongxen');
  const h = (await api.get('/api/v1/households?limit=1')).json.items[0];
  const person = (await api.get(`/api/v1/households/${h.id}/residents`)).json.items[0];
  // A visit where nothing could be done for want of signal: it must be there, in words.
  const visit = await api.post('/api/v1/sessions', { household_id: h.id, channel: 'home_visit', minutes: 15, residents: person.id,
    service_1: 'vneid_account', outcome_1: 'not_done', reason_1: 'no_signal', tip: 'never_share_otp' });
  assert.equal(visit.status, 201, visit.text);
  const dossier = await api.post('/api/v1/dossiers', { resident_id: person.id, procedure: 'marriage', portal_code: `PD-${Date.now() % 1e6}`,
    submitted_on: new Date().toISOString().slice(0, 10), channel: 'desk' });
  assert.equal(dossier.status, 201, dossier.text);
  const { context, page } = await phoneLogin(browser, srv.base, 'totruong.muongxen');
  await page.goto(`${srv.base}/residents/${person.id}`);
  const link = page.locator('a#export');
  assert.ok((await link.boundingBox()).height >= 44, 'a tap target');
  await link.click();
  await page.waitForURL(`${srv.base}/residents/${person.id}/export`);
  await shot(page, 'personal-data-leader');
  const text = await page.locator('body').innerText();
  assert.match(text, /Dữ liệu của một người/);
  assert.ok(text.includes(person.full_name));
  assert.match(text, /Các lần được hỗ trợ/);
  assert.match(text, /Đến nhà/, 'the channel in words');
  assert.match(text, /không có sóng/i, 'the reason in words');
  assert.match(text, /Ai đã xem hồ sơ này/);
  assert.match(text, /Số lần/, 'repeated looks counted, not listed one by one');
  assert.match(text, /Hộ đồng ý cho/, 'the household\'s consent told apart from the person\'s');
  assert.match(text, /kết hôn/i, 'the dossier\'s procedure by its name');
  for (const code of ['home_visit', 'not_done', 'no_signal', 'vneid_account', 'never_share_otp', 'view', 'household list', 'Retry from', 'marriage', 'submitted'])
    assert.ok(!new RegExp(`\\b${code}\\b`).test(text), `no raw code "${code}" on the page`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), true, 'the page itself does not scroll sideways');
  const print = page.locator('#print');
  assert.equal(await print.isVisible(), true, 'a print button');
  assert.ok((await print.boundingBox()).height >= 44);
  await page.click('#back');
  await page.waitForURL(`${srv.base}/residents/${person.id}`);
  await context.close();

  // The export is recorded as a read of the person's record.
  const audit = (await (await login(srv.base, 'canbo.muongxen')).get('/api/v1/audit?limit=50')).json.items;
  assert.ok(audit.some((e) => e.entity_id === person.id && e.detail === 'data export'));

  // A member: no link, and the address is not there for them.
  const member = await phoneLogin(browser, srv.base, 'thanhvien.muongxen');
  await member.page.goto(`${srv.base}/residents/${person.id}`);
  assert.equal(await member.page.locator('a#export').count(), 0);
  const res = await member.page.goto(`${srv.base}/residents/${person.id}/export`);
  assert.equal(res.status(), 404);
  await member.context.close();
});

test('a member records that a person no longer wants messages: the browser asks for their agreement, the page confirms, the history shows it', async () => {
  const api = await login(srv.base, 'thanhvien.muongxen');
  const h = (await api.get('/api/v1/households?limit=1')).json.items[0];
  const made = await api.post('/api/v1/residents', { household_id: h.id, full_name: 'Lầu Thị Pàng', consent: true, consent_purposes: ['registry', 'support', 'notifications'] });
  assert.equal(made.status, 201, made.text);
  const { context, page } = await phoneLogin(browser, srv.base, 'thanhvien.muongxen');
  await page.goto(`${srv.base}/residents/${made.json.id}`);
  await page.click('#consent summary');
  const box = (value) => page.locator(`#consent input[name=consent_purposes][value=${value}]`);
  assert.equal(await box('notifications').isChecked(), true, 'what the person agreed to is shown ticked');
  assert.equal(await box('statistics').isChecked(), false);
  assert.equal(await page.locator('#consent input[name=consent]').isChecked(), false, 'the agreement itself is never pre-ticked');
  await box('notifications').uncheck();
  await page.click('#consent button[type=submit]');
  assert.equal(await page.locator('#consent input[name=consent]').evaluate((el) => el.validity.valueMissing), true, 'the browser asks for the agreement first');
  await page.check('#consent input[name=consent]');
  await page.click('#consent button[type=submit]');
  await page.waitForURL(/consent=1/);
  await shot(page, 'consent-changed');
  assert.match(await page.locator('p.ok[role=status]').first().innerText(), /Đã lưu sự đồng ý/);
  await page.click('#consent summary');
  const history = await page.locator('#consent ul.list').innerText();
  assert.match(history, /đồng ý lần đầu/);
  assert.match(history, /đã sửa: bỏ /, 'the change says what was taken away');
  assert.match(await page.locator('#consent').innerText(), /nhờ tổ trưởng xóa hồ sơ/, 'a member is told whom to ask to withdraw everything');
  assert.equal((await api.get(`/api/v1/residents/${made.json.id}`)).json.consent.purposes.includes('notifications'), false);
  await context.close();
});
