// Browser test at 360 x 740, from a commune officer's steps at the one-stop desk: "call next"
// with nobody waiting says so next to the button; a ticket is called and served with the page
// saying what happened; a walk-in who is not registered is registered there (consent first)
// and helped; the help is recorded as given at the desk and the page comes back to the desk
// with that ticket ready to close; the waiting-room screen shows no staff menu or name.
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

test('an officer serves a walk-in at the desk from the first ticket to closing it', async () => {
  const { context, page } = await phoneLogin(browser, srv.base, 'canbo.muongxen');
  // The desk is among the commune tools on "More".
  await page.click('nav.tabs a[href="/more"]');
  await page.click('#officer-tools a[href="/desk"]');
  await page.waitForURL(/\/desk$/);

  // Nobody waiting: the page says so next to the button, nothing else is lost.
  await page.fill('#desk', 'Quầy 3');
  await page.click('#call button[type=submit]');
  await page.waitForLoadState();
  assert.match(await page.locator('#call-error').innerText(), /Không có ai đang chờ/);
  assert.equal(await page.inputValue('#desk'), 'Quầy 3', 'the desk name is kept');
  assert.ok(!/no waiting ticket/.test(await page.locator('main').innerText()), 'no developer detail');

  await page.check('input[name=need][value=digital_help]');
  await page.click('#issue button[type=submit]');
  await page.waitForURL(/issued=/);
  const number = new URL(page.url()).searchParams.get('issued');
  await page.fill('#desk', 'Quầy 3');
  await page.click('#call button[type=submit]');
  await page.waitForURL(/did=called/);
  assert.match(await page.locator('#done').innerText(), new RegExp(`Đã gọi số ${number}`));
  const ticket = page.locator('.ticket', { hasText: 'Quầy 3' });
  await ticket.locator('button', { hasText: 'Phục vụ' }).click();
  await page.waitForURL(/did=serving/);
  assert.match(await page.locator('#done').innerText(), new RegExp(`Đang phục vụ số ${number}`));

  // The TV screen in an officer's browser: the number, no menu, no name.
  const screen = await context.newPage();
  await screen.goto(`${srv.base}/desk/16813/display`);
  assert.equal(await screen.locator('header, nav.tabs, footer').count(), 0);
  assert.ok(!(await screen.locator('body').innerText()).includes('Cán bộ'), 'no staff name');
  const size = await screen.locator('.huge').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 120, `the number is readable across a room (${size} px)`);
  await screen.close();

  // The person is not in the registry: by phone, nobody; register them, consent first.
  await page.locator('.ticket', { hasText: number }).locator('a', { hasText: 'Ghi nội dung hỗ trợ' }).click();
  await page.fill('#q', '0987 654 321');
  await page.click('form[role=search] button');
  await page.waitForLoadState();
  assert.equal(await page.locator('#no-people').count(), 1);
  await page.click('#walk-in summary');
  await page.fill('#wname', 'Vừ Thị Mỷ');
  const villages = await page.locator('#wvillage option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  await page.selectOption('#wvillage', villages[0]);
  await page.fill('#wborn', '1990');
  await page.fill('#wphone', '0987 654 32');  // one digit short
  await page.check('#walk-in input[name=consent]');
  await page.click('#walk-in button[type=submit]');
  await page.waitForLoadState();
  await shot(page, 'desk-walkin-refused');
  assert.match(await page.locator('#walk-in .ferr').innerText(), /Số điện thoại không hợp lệ/);
  assert.equal(await page.inputValue('#wname'), 'Vừ Thị Mỷ', 'the name is kept');
  assert.equal(await page.inputValue('#wvillage'), villages[0]);
  await page.fill('#wphone', '0987 654 321');
  await page.check('#walk-in input[name=consent]');
  await page.click('#walk-in button[type=submit]');
  await page.waitForURL(/\/visit\?ticket=/);

  // At the desk, the help is given at the desk.
  assert.equal(await page.isChecked('input[name=channel][value=commune_desk]'), true);
  await page.locator('input[name=residents]').first().check();
  await page.selectOption('#s1', 'vneid_account');
  await page.selectOption('#o1', 'done');
  await page.click('#visit button[type=submit]');
  await page.waitForURL(/\/desk\?recorded=/);
  await shot(page, 'desk-recorded');
  const close = page.locator('#recorded button', { hasText: 'Kết thúc' });
  assert.equal(await close.count(), 1, 'the ticket is ready to close');
  await close.click();
  await page.waitForURL(/did=closed/);
  assert.match(await page.locator('#done').innerText(), new RegExp(`Đã xong số ${number}`));

  // Registered with consent, found by the phone they gave, the session linked to the ticket.
  const api = await login(srv.base, 'canbo.muongxen');
  const people = (await api.get('/api/v1/households?village_id=' + villages[0] + '&q=vu thi my')).json.items;
  assert.equal(people.length, 1);
  const rs = (await api.get(`/api/v1/households/${people[0].id}/residents`)).json.items;
  assert.equal(rs[0].full_name, 'Vừ Thị Mỷ');
  assert.equal(rs[0].phone, '0987654321');
  const sessions = (await api.get(`/api/v1/households/${people[0].id}/sessions`)).json.items;
  assert.equal(sessions[0].channel, 'commune_desk');
  await context.close();
});
