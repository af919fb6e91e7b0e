// The field app in Debian's chromium, offline: log in once, go offline, find a household by a
// name typed without diacritics, record three visits and a skill change, restart the browser
// still offline (everything still there, marked "only on this phone"), come back online, and
// the server has every record exactly once. No request leaves the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPersistent } from '../lib/browser.mjs';
import { startServer, login, fold, DEMO_PASSWORD } from '../lib/server.mjs';

let srv, phone;
const profile = mkdtempSync(join(tmpdir(), 'caunoi-phone-'));
before(async () => { srv = await startServer({ households: 8 }); });
after(async () => {
  // A failed step leaves the browser open: close it, or the test process never ends.
  await phone?.close().catch(() => {});
  await srv?.stop();
  rmSync(profile, { recursive: true, force: true });
});

const badge = (page) => page.locator('#badge').innerText();

test('offline visits and a skill change survive a browser restart and reach the server once', { timeout: 120000 }, async () => {
  const api = await login(srv.base, 'thanhvien.muongxen');
  const village = api.user.scope[0].split('/').pop();
  const households = (await api.get(`/api/v1/households?village_id=${village}&limit=50`)).json.items;
  let target, residents;
  for (const h of households) {
    residents = (await api.get(`/api/v1/households/${h.id}/residents`)).json.items;
    if (residents.length && fold(h.name) !== h.name) { target = h; break; }
  }
  assert.ok(target, 'a household whose name has diacritics');
  const before = (await api.get(`/api/v1/households/${target.id}/sessions`)).json.items.length;
  const resident = residents[0];
  const level = resident.skills.payment === 'independent' ? 'assisted' : 'independent';

  phone = await launchPersistent(profile);
  const external = [];
  const watch = (p) => p.on('request', (q) => { if (!q.url().startsWith(srv.base)) external.push(q.url()); });
  let page = phone.pages()[0] || await phone.newPage();
  watch(page);
  await page.goto(`${srv.base}/app`);
  await page.fill('#u', 'thanhvien.muongxen');
  await page.fill('#pw', DEMO_PASSWORD);
  await page.click('button.p');
  await page.waitForSelector('#hs li');
  await page.evaluate(() => navigator.serviceWorker.ready);

  await phone.setOffline(true);
  await page.fill('#q', fold(target.name).toLowerCase());
  await page.click(`a[href="#/h/${target.id}"]`);
  for (let i = 0; i < 3; i++) {
    await page.check(`input[name=res][value="${resident.id}"]`);
    await page.locator('input[name=tip]').first().check();
    await page.selectOption('#sv1', 'vneid_account');
    await page.selectOption('#oc1', 'done');
    await page.click('#f button.p');
    await page.waitForFunction((n) => document.querySelectorAll('.st.local').length === n, i + 1);
  }
  await page.goto(`${srv.base}/app#/r/${resident.id}`);
  await page.selectOption('#skill_payment', level);
  await page.click('#f button.p');
  await page.waitForURL(/#\/h\//);
  assert.equal(await badge(page), '4');

  // The browser is closed (as when Android kills it) and opened again, still without network.
  await phone.close();
  phone = await launchPersistent(profile, { offline: true });
  page = phone.pages()[0] || await phone.newPage();
  watch(page);
  await page.goto(`${srv.base}/app#/h/${target.id}`);
  // The three visits are still on the phone (a send tried meanwhile, without network, leaves them so).
  await page.waitForFunction(() => document.querySelectorAll('.st.local').length === 3, null, { timeout: 10000 });
  assert.equal(await badge(page), '4');

  await page.goto(`${srv.base}/app#/p`);
  await page.locator('summary').first().click();
  assert.ok(await page.locator('details[open] li').count() > 0, 'a procedure\'s papers, offline');
  await page.goto(`${srv.base}/app#/h/${target.id}`);
  await page.waitForSelector('.st.local');

  await phone.setOffline(false);
  await page.click('#sync');
  await page.waitForFunction(() => document.querySelector('#badge').textContent === '0', null, { timeout: 20000 });
  await page.waitForSelector('.st.synced');
  assert.equal(await page.locator('.st.synced').count(), 3);
  await page.click('#sync');  // again: nothing doubles
  await page.waitForFunction(() => !document.querySelector('#sync').disabled);
  // A cursor the server never gave (a restored backup): the app starts its copy again.
  const idb = (fn) => page.evaluate(fn);
  await idb(() => new Promise((ok) => { const q = indexedDB.open('caunoi'); q.onsuccess = () => { const t = q.result.transaction('kv', 'readwrite'); t.objectStore('kv').put('999999999', 'cursor'); t.oncomplete = () => { q.result.close(); ok(); }; }; }));
  await page.reload();
  await page.waitForFunction(() => new Promise((ok) => { const q = indexedDB.open('caunoi'); q.onsuccess = () => { const r = q.result.transaction('kv').objectStore('kv').get('cursor'); r.onsuccess = () => { q.result.close(); ok(r.result !== '999999999'); }; }; }), null, { timeout: 20000 });
  await page.goto(`${srv.base}/app#/`);
  await page.waitForSelector('#hs li');

  // Logging out takes the villages off the phone.
  await page.goto(`${srv.base}/app#/s`);
  await page.click('#out', { timeout: 10000 });
  await page.waitForSelector('#u', { timeout: 10000 });
  assert.deepEqual(await page.evaluate(() => new Promise((ok) => {
    const q = indexedDB.open('caunoi');
    q.onsuccess = () => {
      const t = q.result.transaction(['h', 'r', 'ops']);
      const n = [];
      for (const s of ['h', 'r', 'ops']) t.objectStore(s).count().onsuccess = (e) => { n.push(e.target.result); if (n.length === 3) ok(n); };
    };
  })), [0, 0, 0], 'no data left on the phone');
  await phone.close();

  const sessions = (await api.get(`/api/v1/households/${target.id}/sessions`)).json.items;
  assert.equal(sessions.length, before + 3, 'each visit exactly once');
  assert.equal((await api.get(`/api/v1/residents/${resident.id}`)).json.skills.payment, level);
  assert.deepEqual(external, [], 'no request outside the server');
});

test('the field app stays under its size budget', async () => {
  let total = 0;
  for (const f of ['/app/app.js', '/app/sw.js', '/app/upload.js']) {
    const r = await fetch(`${srv.base}${f}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(r.status, 200);
    total += Number(r.headers.get('content-length') || (await r.arrayBuffer()).byteLength);
  }
  assert.ok(total <= 10240, `${total} bytes of JavaScript compressed (budget 10240)`);
});
