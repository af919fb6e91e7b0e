// Browser test in Debian's chromium (playwright-core, no downloaded browser): a member logs in,
// finds a household by a name typed without diacritics, marks a skill as independent,
// reloads and sees it saved; no page makes a request outside the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, phoneLogin } from '../lib/browser.mjs';
import { startServer, login, fold, DEMO_PASSWORD } from '../lib/server.mjs';

let srv, browser;

before(async () => {
  srv = await startServer({ households: 12 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const browserLogin = (user, password) => phoneLogin(browser, srv.base, user, { password });

test('member finds a household without diacritics and saves a skill', async () => {
  // Pick a target through the API: a resident of the member's first village.
  const api = await login(srv.base, 'thanhvien.muongxen');
  const village = api.user.scope[0].split('/').pop();
  const hh = (await api.get(`/api/v1/households?village_id=${village}&limit=50`)).json.items;
  const target = hh.find((h) => fold(h.name) !== h.name) || hh[0];
  const typed = fold(target.name).toLowerCase();
  assert.notEqual(typed, target.name, 'the typed name differs from the stored one');

  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const external = [];
  page.on('request', (req) => { if (!req.url().startsWith(srv.base) && !req.url().startsWith('data:')) external.push(req.url()); });

  // The root is the residents' front page; staff go in through its small login link.
  await page.goto(`${srv.base}/`);
  await page.click('#staff-login');
  await page.waitForURL(/\/login/);
  assert.match(await page.locator('h1').innerText(), /Đăng nhập/, 'Vietnamese first');
  await page.fill('#login', 'thanhvien.muongxen');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${srv.base}/`);
  await page.click(`a[href="/areas/${village}"]`);
  await page.fill('#q', typed);
  await page.click('form[role=search] button');
  await page.waitForURL(/q=/);
  // The people who match are listed, each with their household: the head carries the name.
  const link = page.locator('#people a', { hasText: target.name }).filter({ hasText: target.name });
  assert.ok(await link.count() >= 1, `"${typed}" finds ${target.name}`);
  await link.first().click();
  await page.waitForURL(/\/residents\//);
  const radio = page.locator('input[name=skill_payment][value=independent]');
  await radio.check();
  await page.click('form.card button[type=submit]');
  await page.waitForURL(/saved=1/);
  assert.equal(await page.locator('.ok').count(), 1);
  await page.goto(page.url().split('?')[0]);
  assert.equal(await page.locator('input[name=skill_payment][value=independent]').isChecked(), true);
  // The team's village list (on "More"), a team page and the English switch also stay on our server.
  await page.click('nav.tabs a[href="/more"]');
  await page.click('a[href="/teams"]');
  await page.click('a[lang=en]');
  await page.waitForLoadState();
  assert.match(await page.locator('h1').first().innerText(), /Teams/);
  assert.deepEqual(external, [], 'no external requests');
  await context.close();
});

test('consent is required before a person is added in the browser', async () => {
  const { context, page } = await browserLogin('canbo.muongxen');
  const api = await login(srv.base, 'canbo.muongxen');
  const h = (await api.get('/api/v1/households?limit=1')).json.items[0];
  await page.goto(`${srv.base}/households/${h.id}`);
  const addPerson = page.locator('details', { has: page.locator('#fname') });
  await addPerson.locator('summary').click();
  await page.fill('#fname', 'Lò Thị Thử');
  await addPerson.locator('button[type=submit]').click();
  // The browser blocks the submit: the consent box is required.
  assert.match(page.url(), /\/households\//);
  const valid = await page.locator('input[name=consent]').evaluate((el) => el.checkValidity());
  assert.equal(valid, false);
  await page.check('input[name=consent]');
  await addPerson.locator('button[type=submit]').click();
  await page.waitForURL(/\/residents\//);
  assert.match(await page.locator('h1').innerText(), /Lò Thị Thử/);
  await context.close();
});

test('an officer resets a member password in the browser', async () => {
  const { context, page } = await browserLogin('canbo.ngamy');
  await page.click('nav.tabs a[href="/more"]');
  await page.click('a[href="/users"]');
  const row = page.locator('tr', { hasText: 'thanhvien.ngamy' });
  await row.locator('summary').click();
  await row.locator('input[name=password]').fill('Lúa nương chín vàng');
  await row.locator('details button[type=submit]').click();
  await page.waitForURL(`${srv.base}/users`);
  const member = await login(srv.base, 'thanhvien.ngamy', 'Lúa nương chín vàng');
  assert.equal(member.user.role, 'member');
  await context.close();
});

test('a rejected profile form comes back with the message and what was typed', async () => {
  const { context, page } = await browserLogin('thanhvien.muonglong');
  const api = await login(srv.base, 'thanhvien.muonglong');
  const h = (await api.get('/api/v1/households?limit=1')).json.items[0];
  const res = (await api.get(`/api/v1/households/${h.id}/residents`)).json.items[0];
  await page.goto(`${srv.base}/residents/${res.id}`);
  await page.fill('#fn', 'Tên Mới Đã Gõ');
  await page.check('input[name=skill_safety][value=independent]');
  // A phone number the server refuses (the browser's own check is taken off to reach it).
  await page.evaluate(() => document.getElementById('phone').removeAttribute('pattern'));
  await page.fill('#phone', '12345');
  await page.click('form.card button[type=submit]');
  await page.waitForLoadState();
  assert.match(await page.locator('.err').innerText(), /Số điện thoại không hợp lệ/);
  assert.equal(await page.inputValue('#fn'), 'Tên Mới Đã Gõ');
  assert.equal(await page.inputValue('#phone'), '12345');
  assert.equal(await page.locator('input[name=skill_safety][value=independent]').isChecked(), true);
  const stored = (await api.get(`/api/v1/residents/${res.id}`)).json;
  assert.equal(stored.full_name, res.full_name, 'nothing was saved');
  await context.close();
});

test('a member records a home visit, the safety tip is enforced, the follow-up is on Today', async () => {
  const { context, page } = await browserLogin('thanhvien.nangoi');
  const api = await login(srv.base, 'thanhvien.nangoi');
  let h, rs;
  for (const x of (await api.get('/api/v1/households?limit=50')).json.items) {
    rs = (await api.get(`/api/v1/households/${x.id}/residents`)).json.items;
    if (rs.length >= 1) { h = x; break; }
  }
  const before = rs[0].skills.public_services;
  const target = before === 'independent' ? 'assisted' : 'independent';
  await page.goto(`${srv.base}/households/${h.id}`);
  await page.click(`a[href="/households/${h.id}/visit"]`);
  await page.check(`input[name=residents][value="${rs[0].id}"]`);
  await page.selectOption('select[name=service_1]', 'vneid_level2');
  await page.selectOption('select[name=outcome_1]', 'partly');
  await page.click('#visit details.more > summary');
  await page.selectOption('select[name=service_2]', 'file_dossier');
  await page.selectOption('select[name=outcome_2]', 'done');
  await page.selectOption(`select[name="skill.${rs[0].id}.skill_public_services"]`, target);
  // The suggested tip comes chosen; with none ticked the form refuses to go.
  await page.evaluate(() => document.querySelectorAll('input[name=tip]').forEach((el) => { el.checked = false; }));
  await page.click('#visit button[type=submit]');
  assert.match(page.url(), /\/visit$/);
  assert.equal(await page.locator('input[name=tip]').first().evaluate((el) => el.validity.valueMissing), true);
  // Even with the browser check removed, the server refuses, says why next to the tips, and
  // keeps the rest of the form.
  await page.evaluate(() => document.querySelectorAll('input[name=tip]').forEach((el) => el.removeAttribute('required')));
  await page.click('#visit button[type=submit]');
  await page.waitForLoadState();
  assert.match(await page.locator('.ferr').first().innerText(), /lời khuyên an toàn/i);
  assert.equal(await page.inputValue('select[name=service_2]'), 'file_dossier');
  await page.locator('input[name=tip]').first().check();
  await page.click('#visit button[type=submit]');
  await page.waitForURL(/recorded=/);
  assert.match(await page.locator('.ok').innerText(), /Đã lưu buổi hỗ trợ/);
  await page.click('a[href="/today"]');
  const task = page.locator('.task', { hasText: 'Đi cùng người dân đến công an làm VNeID mức 2' }).filter({ hasText: h.name });
  assert.ok(await task.count() >= 1, 'the police-visit follow-up is on Today');
  assert.ok(await page.locator('.task', { hasText: 'Kiểm tra tình trạng hồ sơ' }).count() >= 1);
  const saved = (await api.get(`/api/v1/residents/${rs[0].id}`)).json;
  assert.equal(saved.skills.public_services, target);
  // The resident's page shows the advice heard and the progress.
  await page.goto(`${srv.base}/residents/${rs[0].id}`);
  assert.ok(await page.locator('li', { hasText: '→' }).count() >= 1);
  await page.goto(`${srv.base}/households/${h.id}/timeline`);
  assert.match(await page.locator('main').innerText(), /Đến nhà/);
  await page.goto(`${srv.base}/today`);
  await task.first().locator('button', { hasText: 'Xong' }).click();
  await page.waitForURL(/\/today\?done=/);
  await context.close();
});

test('an officer issues, calls and serves a desk ticket while the display updates itself', async () => {
  const { context, page } = await browserLogin('canbo.muongxen');
  const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' })).newPage();
  await screen.goto(`${srv.base}/desk/16813/display`);
  await page.click('nav.tabs a[href="/more"]');
  await page.click('a[href="/desk"]');
  await page.check('input[name=need][value=procedure]');
  await page.click('#issue button[type=submit]');
  await page.waitForURL(/issued=/);
  const number = new URL(page.url()).searchParams.get('issued');
  await page.fill('#desk', 'Quầy 2');
  await page.click('#call button[type=submit]');
  await page.waitForURL(/did=called/);
  const ticket = page.locator('.ticket', { hasText: 'Quầy 2' }).filter({ hasText: number });
  assert.equal(await ticket.count(), 1);
  // The screen reloads itself (meta refresh) and shows the called number at desk 2.
  await screen.waitForFunction((n) => [...document.querySelectorAll('.huge')].some((e) => e.textContent.trim() === n),
    number, { timeout: 15000 });
  assert.match(await screen.locator('body').innerText(), /Quầy 2/);
  await ticket.locator('button', { hasText: 'Phục vụ' }).click();
  await page.waitForURL(/did=serving/);
  // Serving: find the person and record the help, bound to the ticket.
  const api = await login(srv.base, 'canbo.muongxen');
  const h = (await api.get('/api/v1/households?limit=1')).json.items[0];
  await page.locator('.ticket', { hasText: number }).locator('a', { hasText: 'Ghi nội dung hỗ trợ' }).click();
  await page.fill('#q', fold(h.name));
  await page.click('form[role=search] button');
  await page.locator(`a[href^="/households/${h.id}/visit?ticket="]`).first().click();
  await page.waitForURL(/\/visit\?ticket=/);
  await page.locator('input[name=residents]').first().check();
  await page.selectOption('select[name=service_1]', 'follow_dossier');
  await page.selectOption('select[name=outcome_1]', 'done');
  await page.locator('input[name=tip]').first().check();
  await page.click('#visit button[type=submit]');
  await page.waitForURL(/recorded=/);
  const sessions = (await api.get(`/api/v1/households/${h.id}/sessions`)).json.items;
  assert.equal(sessions[0].channel, 'commune_desk', 'the help is recorded as given at the desk');
  const served = (await api.get('/api/v1/desk/queue')).json.items.find((t) => String(t.number) === number);
  assert.equal(served.session_id, sessions[0].id, 'the session is linked to the ticket');
  await page.goto(`${srv.base}/desk`);
  await page.locator('.ticket', { hasText: number }).locator('button', { hasText: 'Kết thúc' }).click();
  await page.waitForURL(/did=closed/);
  assert.equal(await page.locator('.ticket', { hasText: number }).count(), 0);
  await screen.context().close();
  await context.close();
});

test('the province admin adds a safety tip and retires a service in the browser', async () => {
  const { context, page } = await browserLogin('admin');
  await page.click('nav.tabs a[href="/more"]');
  await page.click('a[href="/catalog"]');
  await page.locator('#newtip').locator('xpath=ancestor::details').locator('summary').click();
  await page.fill('#newtip input[name=key]', 'qr_scam');
  await page.fill('#newtip input[name=text_vi]', 'Không quét mã QR lạ để "nhận tiền".');
  await page.fill('#newtip input[name=text_en]', 'Do not scan strange QR codes to "receive money".');
  await page.click('#newtip button[type=submit]');
  await page.waitForURL(/\/catalog$/);
  const shopping = page.locator('details', { has: page.locator('form[action="/catalog/services/online_shopping"]') });
  await shopping.locator('summary').click();
  await shopping.locator('input[name=active]').uncheck();
  await shopping.locator('button[type=submit]').click();
  await page.waitForURL(/\/catalog$/);
  const api = await login(srv.base, 'admin');
  assert.ok((await api.get('/api/v1/tips')).json.items.some((t) => t.key === 'qr_scam' && /QR/.test(t.text)));
  assert.equal((await api.get('/api/v1/services')).json.items.find((s) => s.key === 'online_shopping').active, false);
  await context.close();
});
