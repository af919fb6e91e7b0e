// Browser test at 360 x 740 from a team leader's and a commune officer's steps: the leader's
// tools on "More", a dossier status change that starts on nothing (one careless "Save" must not
// text a citizen), an SMS to a village picked from the village page (no ids typed) with its
// preview, cost and a confirmation of what was queued, and the audit log readable at 360 px in
// Vietnamese, without raw codes.
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

const phone = (user) => phoneLogin(browser, srv.base, user);

test('a team leader checks changes and moves a dossier without a pre-selected status', async () => {
  const api = await login(srv.base, 'totruong.muongxen');
  const h = (await api.get('/api/v1/households?limit=1')).json.items[0];
  const r = (await api.get(`/api/v1/households/${h.id}/residents`)).json.items[0];
  const d = await api.post('/api/v1/dossiers', { resident_id: r.id, procedure: 'marriage', portal_code: `MX-${Date.now() % 1e6}`, submitted_on: new Date().toISOString().slice(0, 10), channel: 'desk' });
  assert.equal(d.status, 201, d.text);
  const { context, page } = await phone('totruong.muongxen');
  await page.click('nav.tabs a[href="/more"]');
  assert.equal(await page.locator('#menu a[href="/sync/conflicts"]').count(), 1, 'changes to check are one tap away');
  assert.equal(await page.locator('#menu a[href="/sms"]').count(), 1);
  await page.goto(`${srv.base}/dossiers/${d.json.id}`);
  assert.equal(await page.inputValue('#st'), '', 'no status is chosen for the leader');
  const before = (await api.get('/api/v1/sms/outbox')).json.items.length;
  await page.click('form[action$="/status"] button[type=submit]');
  assert.equal(await page.locator('#st').evaluate((el) => el.validity.valueMissing), true, 'the browser asks for a status');
  assert.match(page.url(), new RegExp(`/dossiers/${d.json.id}$`));
  assert.equal((await api.get('/api/v1/sms/outbox')).json.items.length, before, 'nothing was sent');
  await context.close();
});

test('an officer texts a village picked on its page, sees the cost first, and reads the audit log', async () => {
  const api = await login(srv.base, 'canbo.muongxen');
  const h = (await api.get('/api/v1/households?limit=1')).json.items[0];
  const { context, page } = await phone('canbo.muongxen');
  // The SMS page alone explains where to start; it asks for no ids.
  await page.goto(`${srv.base}/sms`);
  assert.equal(await page.locator('#sms-how').count(), 1);
  assert.equal(await page.locator('input[name=household_id], input[name=village_id]').count(), 0);
  await page.goto(`${srv.base}/areas/${h.village_id}`);
  await page.click('a[href^="/sms?village_id="]');
  const to = await page.locator('#sms-send').innerText();
  assert.match(to, /Gửi đến/);
  assert.ok(!to.includes(h.village_id), 'the village is named, not shown as a code');
  await page.fill('#sms-text', 'Họp thôn tối nay lúc 19 giờ tại nhà văn hóa.');
  await page.click('button[name=preview]');
  await page.waitForLoadState();
  await shot(page, 'officer-sms-preview');
  assert.match(await page.locator('#sms-preview').innerText(), /Hop thon toi nay/);
  const recipients = Number(await page.locator('#sms-preview b').first().innerText());
  await page.click('button[name=send]');
  await page.waitForURL(/sent=/);
  assert.equal(Number(await page.locator('#sms-sent b').innerText()), recipients, 'the page says how many were queued');
  // The audit log: no sideways scrolling, every code in words.
  await page.goto(`${srv.base}/audit`);
  await shot(page, 'officer-audit');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the audit page is ${width} px wide`);
  const text = await page.locator('#audit').innerText();
  assert.match(text, /đã đăng nhập/);
  for (const code of [/\bview\b/, /\blogin\b/, /\bresident\b/, /[0-9A-HJKMNP-TV-Z]{26}/]) assert.doesNotMatch(text, code);
  await context.close();
});
