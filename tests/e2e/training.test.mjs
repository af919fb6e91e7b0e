// Training, as a team leader does it, in Debian's chromium at 360 x 740 (issue 19): plan a session
// from the Training page, get the harvest warning, pick one of the better dates offered, invite the
// households; on the session's day (the server restarted on that day through faketime, the phone's
// clock set to it), take attendance and a practical check in the field app with no signal, sync
// when the signal is back, and see the village's progress figures change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launchChromium, phoneLogin, shooter, tall } from '../lib/browser.mjs';
import { startServer, serve, login } from '../lib/server.mjs';

const shot = shooter();
let srv, onTheDay, browser, sessionId;
before(async () => {
  srv = await startServer({ households: 6 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await onTheDay?.stop();
  await srv?.stop({ keep: true }).catch(() => {});
  rmSync(srv.dir, { recursive: true, force: true });
  srv.dropDatabase();
});

test('a leader plans around the harvest, takes attendance offline on the day, and the village figures move', { timeout: 180000 }, async () => {
  const { page, context } = await phoneLogin(browser, srv.base, 'totruong.muongxen');
  await page.goto(`${srv.base}/training`);
  await shot(page, 'training-1-list');
  await tall(page.locator('#plan'), 'the plan button');
  await page.click('#plan');
  await page.waitForURL(/\/training\/new$/);
  // The first village of the leader's, a lesson, a place, and 10 September next year (rice harvest).
  await page.selectOption('#where', { index: 1 });
  const village = await page.locator('#where').inputValue();
  await page.check('input[name=module_scam_safety]');
  await page.fill('#place', 'Nhà văn hoá bản');
  const year = new Date().getUTCFullYear() + 1;
  await page.fill('#date', `${year}-09-10`);
  await page.fill('#time', '08:00');
  await page.click('#plan-submit');
  // Nothing stored yet: the concerns, and better dates to pick from; what was typed is kept.
  const concerns = page.locator('#concerns');
  await concerns.waitFor();
  assert.match(await concerns.innerText(), /thu hoạch/i);
  assert.equal(await page.locator('#place').inputValue(), 'Nhà văn hoá bản');
  assert.ok(await page.locator('input[name=module_scam_safety]').isChecked());
  await shot(page, 'training-2-harvest');
  const pick = page.locator('button[name=pick]').first();
  await tall(pick, 'a suggested date');
  const picked = await pick.getAttribute('value');
  assert.notEqual(picked.slice(5, 7), '09', 'a date out of the harvest month');
  await pick.click();
  await page.waitForURL(/planned=1/);
  assert.match(await page.locator('#planned').innerText(), /Chưa mời ai/);
  const id = sessionId = new URL(page.url()).pathname.split('/').pop();
  // Invite the households without the skill: nothing was sent before this tap.
  const api = await login(srv.base, 'totruong.muongxen');
  assert.equal(Number(await page.locator('#invited-count').innerText()), 0);
  await page.click('#invite-without');
  await page.locator('#invited').waitFor();
  await shot(page, 'training-3-invited');
  const invited = Number(await page.locator('#invited-count').innerText());
  assert.ok(invited > 0, 'households invited');
  const before = (await api.get(`/api/v1/training/progress?area=${village}`)).json;
  await context.close();

  // The session's day, ten minutes after it began: the server and the phone both live then.
  const session = (await api.get(`/api/v1/training/sessions/${id}`)).json;
  const at = new Date((session.starts_at + 600) * 1000);
  await srv.stop({ keep: true });
  onTheDay = await serve(srv.dbArgs, { at });
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  await phone.clock.install({ time: at });
  const app = await phone.newPage();
  await app.goto(`${onTheDay.base}/app`);
  await app.fill('#u', 'totruong.muongxen');
  await app.fill('#pw', 'caunoi-demo-2026');
  await app.click('button.p');
  await app.locator('#trl').waitFor({ timeout: 30000 });
  await app.click('#trl');
  await app.click(`a[href="#/tr/${id}"]`);
  await shot(app, 'training-4-list-offline');
  // No signal in the cultural house.
  await phone.setOffline(true);
  const first = app.locator('[data-r]').first();
  const resident = await first.getAttribute('data-r');
  await first.check();
  await app.locator(`a[href^="#/tc/${id}.${resident}."]`).first().click();
  // Saving with nothing ticked says what is missing, next to each task.
  await app.click('#f button.p');
  assert.ok(await app.locator('.fe').count() >= 3);
  for (const fs of await app.locator('#f fieldset').all()) await fs.locator('input[value="2"]').check();
  await app.click('#f button.p');
  await app.locator('#ok').waitFor();
  await shot(app, 'training-5-check-saved');
  assert.equal(await app.locator('#badge').innerText(), '2', 'two records wait on the phone');
  // The signal is back.
  await phone.setOffline(false);
  await app.click('#sync');
  await app.waitForFunction(() => document.querySelector('#badge').textContent === '0', null, { timeout: 30000 });
  await phone.close();

  // The village's progress, as the leader reads it.
  const leader = await phoneLogin(browser, onTheDay.base, 'totruong.muongxen');
  await leader.page.goto(`${onTheDay.base}/training/progress?area=${village}`);
  await shot(leader.page, 'training-6-progress');
  assert.equal(Number(await leader.page.locator('#attendance').innerText()), before.attendance + 1);
  assert.equal(Number(await leader.page.locator('#sessions-held').innerText()), before.sessions_held + 1);
  const after = (await (await login(onTheDay.base, 'totruong.muongxen')).get(`/api/v1/training/progress?area=${village}`)).json;
  assert.equal(after.checks, before.checks + 1);
  assert.ok(after.skills[3].independent >= before.skills[3].independent, 'staying safe online never goes down');
  await leader.context.close();
});

test('on the day, the leader ticks someone present on the web and records a check, told what it did', { timeout: 60000 }, async () => {
  const { page, context } = await phoneLogin(browser, onTheDay.base, 'totruong.muongxen');
  await page.goto(`${onTheDay.base}/training/${sessionId}`);
  // Someone invited and not yet ticked (the phone ticked the first one).
  const absent = page.locator('#people ~ ul li', { has: page.locator('input[name=present][value="1"]') }).first();
  const who = await absent.locator('strong').innerText();
  await tall(absent.locator('button'), 'the present button');
  await absent.locator('button').click();
  await page.waitForURL(/#people$/);
  const row = page.locator('li', { hasText: who });
  await row.locator('a[href*="/check?"]').first().click();
  // Nothing pre-selected; saving without answers is refused by the browser first.
  assert.equal(await page.locator('#check-form input:checked').count(), 0);
  await page.click('#check-submit');
  assert.ok(await page.locator('#check-form input:invalid').count() > 0);
  await shot(page, 'training-7-check-web');
  for (const fs of await page.locator('#check-form fieldset').all()) await fs.locator('input[value="1"]').check();
  await tall(page.locator('#check-submit'), 'the save button');
  await page.click('#check-submit');
  await page.locator('#checked').waitFor();
  assert.match(await page.locator('#checked').innerText(), /Đã lưu kết quả kiểm tra/);
  const box = await page.locator('#checked').boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 740, `the confirmation is on the screen (${box.y})`);
  await shot(page, 'training-8-checked');
  await context.close();
});
