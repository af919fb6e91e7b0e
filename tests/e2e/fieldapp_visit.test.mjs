// The field app's visit, as a member does it on a 360 px phone in Debian's chromium: logged in
// on the web already, she opens /app (no second login), loses the network, finds a household
// by a resident's name typed without accents and by a phone number written another way, records
// a visit whose service could not be done for want of signal (a skill change and a note with
// it), sees "saved" at the top of the screen, and when the network is back the visit reaches the
// server, which opens the follow-up task its rule says (data/task_rules.tsv: retry_with_signal).
// Screenshots of each step go to /tmp/fa-shots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPersistent, shooter } from '../lib/browser.mjs';
import { startServer, login, fold, DEMO_PASSWORD } from '../lib/server.mjs';

const snap = shooter();  // screenshots in $CAUNOI_SHOTS, to look at
const USER = 'thanhvien.muongxen';
let srv, phone;
const profile = mkdtempSync(join(tmpdir(), 'caunoi-phone-'));
before(async () => {
  srv = await startServer({ households: 8 });
});
after(async () => {
  // A failed step leaves the browser open: close it, or the test process never ends.
  await phone?.close().catch(() => {});
  await srv?.stop();
  rmSync(profile, { recursive: true, force: true });
});

// A household of the member's villages with a resident whose name has diacritics and who has a phone.
async function pickResident(api) {
  const villages = api.user.scope.map((p) => p.split('/').pop());
  for (const village of villages) {
    for (const h of (await api.get(`/api/v1/households?village_id=${village}&limit=50`)).json.items) {
      const rs = (await api.get(`/api/v1/households/${h.id}/residents`)).json.items;
      const r = rs.find((x) => x.phone && fold(x.full_name) !== x.full_name);
      if (r) return { household: h, resident: r };
    }
  }
  throw new Error('no resident with a phone and a name with diacritics');
}

test('a member logged in on the web records a "not done: no signal" visit offline; it syncs and the retry task follows', { timeout: 180000 }, async () => {
  const api = await login(srv.base, USER);
  const { household, resident } = await pickResident(api);
  const nextTip = (await api.get(`/api/v1/residents/${resident.id}/next-tip`)).json.key;
  const level = resident.skills.payment === 'independent' ? 'assisted' : 'independent';
  const note = `Ghi chú thử ${Date.now()}`;

  phone = await launchPersistent(profile);
  const external = [];
  const page = phone.pages()[0] || await phone.newPage();
  page.on('request', (q) => { if (!q.url().startsWith(srv.base)) external.push(q.url()); });
  const shot = (name) => snap(page, name);

  // 1. Logged in on the web; the app opens without asking for the password again.
  await page.goto(`${srv.base}/login`);
  await page.fill('#login', USER);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(`${srv.base}/app`);
  await page.waitForSelector('#hs li', { timeout: 20000 });
  assert.equal(await page.locator('#u').count(), 0, 'no second login form');
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.ok(await page.locator('#hs h2').count() >= 1, 'households grouped by village');
  assert.ok(await page.locator('#vf option').count() >= 2, 'a village filter');
  const links = await page.locator('#hs li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(new Set(links).size, links.length, 'each household once');
  await page.waitForFunction(() => document.querySelector('#net').className === 'on');
  await shot('1-list-online');

  // 2. No network: the header says so.
  await phone.setOffline(true);
  await page.waitForFunction(() => document.querySelector('#net').className === 'off');

  // 3. Found by a resident's name without accents, then by the phone number written +84 with spaces.
  await page.fill('#q', fold(resident.full_name).toLowerCase());
  await page.waitForSelector(`#hs a[href="#/h/${household.id}"]`);
  assert.match(await page.locator(`#hs li:has(a[href="#/h/${household.id}"]) .hit`).first().innerText(), new RegExp(resident.full_name));
  await shot('2-search-name');
  const digits = resident.phone.replace(/\D/g, '');
  await page.fill('#q', `+84 ${digits.slice(1, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`);
  await page.waitForSelector(`#hs a[href="#/h/${household.id}"]`);
  assert.match(await page.locator('#hs .hit').first().innerText(), new RegExp(resident.full_name));
  assert.equal(await page.locator('#hs li').count(), 1, 'only the household with that phone');
  await shot('3-search-phone');
  await page.click(`a[href="#/h/${household.id}"]`);

  // 4. The visit: who, a service "not done" (the reason is asked for next to it, nothing typed is lost).
  await page.check(`input[name=res][value="${resident.id}"]`);
  assert.equal(await page.locator('input[name=tip]:checked').inputValue(), nextTip, 'the suggested tip is ticked');
  assert.equal(await page.locator('input[name=ch]:checked').inputValue(), 'home_visit');
  await shot('4-form-top');
  await page.locator('#tp').scrollIntoViewIfNeeded();
  await shot('4-tip-suggested');
  await page.selectOption('#sv1', 'vneid_account');
  await page.selectOption('#oc1', 'not_done');
  await page.selectOption(`select[name="skill.${resident.id}.skill_payment"]`, level);
  await page.fill('#nt', note);
  await page.click('#f button.p');
  await page.waitForSelector('#rs1 + .fe');
  assert.equal(await page.locator('#sv1').inputValue(), 'vneid_account', 'values kept');
  assert.equal(await page.locator('#nt').inputValue(), note);
  await page.locator('#rs1').scrollIntoViewIfNeeded();
  await shot('5-reason-required');
  await page.selectOption('#rs1', 'no_signal');
  await page.click('#add');
  assert.equal(await page.locator('.sv').count(), 2, 'a second service block');
  await page.locator('#sk').scrollIntoViewIfNeeded();
  await shot('6-skills');
  await page.click('#f button.p');

  // 5. Saved: the message is at the top of the screen.
  await page.waitForSelector('#ok');
  assert.ok(await page.locator('#ok').isVisible());
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ok');
  assert.equal(await page.locator('#badge').innerText(), '1');
  assert.equal(await page.locator('.st.local').count(), 1);
  await shot('7-saved');

  // 6. Network back: sent by itself.
  await phone.setOffline(false);
  await page.waitForFunction(() => document.querySelector('#badge').textContent === '0', null, { timeout: 20000 });
  await page.waitForFunction(() => document.querySelector('#net').className === 'on');
  await page.goto(`${srv.base}/app#/h/${household.id}`);
  await page.waitForSelector('.st.synced');
  await page.locator('.st.synced').scrollIntoViewIfNeeded();
  await shot('8-synced');
  await phone.close();

  const session = (await api.get(`/api/v1/households/${household.id}/sessions`)).json.items.find((s) => s.notes === note);
  assert.ok(session, 'the visit is on the server');
  assert.deepEqual(session.services, [{ service: 'vneid_account', outcome: 'not_done', reason: 'no_signal' }]);
  assert.equal(session.channel, 'home_visit');
  assert.equal(session.tip, nextTip);
  assert.deepEqual(session.residents, [resident.id]);
  assert.deepEqual(session.skill_changes.map((c) => [c.resident_id, c.skill, c.to]), [[resident.id, 'payment', level]]);
  const tasks = (await api.get(`/api/v1/households/${household.id}/tasks`)).json.items;
  assert.ok(tasks.some((t) => t.rule === 'retry_with_signal' && t.session_id === session.id && t.status === 'open'), 'the retry task');
  assert.deepEqual(external, [], 'no request outside the server');
});

test('the app token comes only from a web session with its CSRF token, by POST', async () => {
  const web = await login(srv.base, USER);
  const post = (headers) => fetch(`${srv.base}/app/token`, { method: 'POST', headers, redirect: 'manual' });
  const cookie = `sid=${web.token}`;
  assert.equal((await post({ cookie })).status, 403, 'no CSRF token');
  assert.equal((await post({ cookie, 'x-csrf-token': 'forged' })).status, 403, 'a wrong CSRF token');
  assert.equal((await post({ authorization: `Bearer ${web.token}` })).status, 403, 'a bearer token is not traded');
  assert.equal((await post({})).status, 303, 'no session: to the login page');
  const byGet = await fetch(`${srv.base}/app/token`, { headers: { cookie } });
  assert.equal(byGet.status, 405, 'never by GET (method not allowed)');
  assert.equal(byGet.headers.get('allow'), 'POST');
  const r = await post({ cookie, 'x-csrf-token': web.csrf });
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.notEqual(body.token, web.token, 'a token of its own');
  const me = await fetch(`${srv.base}/api/v1/me`, { headers: { authorization: `Bearer ${body.token}` } });
  assert.equal((await me.json()).id, web.user.id, 'the same user');
});
