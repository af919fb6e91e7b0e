// Voice in Debian's chromium at 360 x 740, as the people do it (docs/translations.md "Voice"): a
// member visiting a Mông household with no signal hears the day's safety tip (kept on the phone
// at the last sync) and records it in Mông (the phone's microphone plays a voice-like file);
// back online the recording goes by itself; a second member, a Mông translator, listens to it and
// approves it on the phone; the resident page and the village board then offer it in Mông.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldAppLogin, launchChromium, launchPersistent, phoneLogin, shooter, tall } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';
import { voiceWav } from '../lib/audio.mjs';

const shot = shooter();
let srv, phone, browser;
const profile = mkdtempSync(join(tmpdir(), 'caunoi-phone-'));
const mic = join(profile, '..', `caunoi-mic-${process.pid}.wav`);

before(async () => {
  srv = await startServer({ households: 3 });
  browser = await launchChromium();
  writeFileSync(mic, voiceWav(20, 48000));
});
after(async () => {
  await phone?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await srv?.stop();
  rmSync(profile, { recursive: true, force: true });
  rmSync(mic, { force: true });
});

async function form(who, path, fields) {
  const r = await fetch(`${srv.base}${path}`, { method: 'POST', redirect: 'manual',
    headers: { cookie: `sid=${who.token}`, 'x-csrf-token': who.csrf, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString() });
  assert.ok(r.status < 400, `${path}: ${r.status}`);
}

test('a tip recorded in Mông without signal is sent, approved by a second member, and offered to residents', { timeout: 180000 }, async () => {
  const admin = await login(srv.base, 'admin');
  const member = await login(srv.base, 'thanhvien.muongxen');
  await form(admin, '/translations/translators', { login: 'totruong.muongxen', lang: 'hmn' });
  // A Mông-speaking resident whose next tip is the board's tip of the day: the others heard already.
  const household = (await member.get('/api/v1/households?limit=1')).json.items[0];
  const village = household.village_id;
  const board = await fetch(`${srv.base}/board/16813/${village}`).then((r) => r.text());
  const tip = decodeURIComponent(board.slice(board.indexOf('id="tip"')).match(/key=tip\.([a-z_]+)/)[1]);
  const res = await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Thào Thị Dợ', language: 'hmn',
    phone_kind: 'none', consent: true, consent_purposes: 'registry' });
  assert.equal(res.status, 201, res.text);
  for (const t of (await member.get('/api/v1/tips')).json.items.filter((x) => x.active && x.key !== tip)) {
    const s = await member.post('/api/v1/sessions', { household_id: household.id, channel: 'home_visit', minutes: 5, residents: res.json.id,
      service_1: 'other', outcome_1: 'done', tip: t.key });
    assert.equal(s.status, 201, s.text);
  }

  phone = await launchPersistent(profile, { permissions: ['microphone'] },
    ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${mic}`]);
  const page = phone.pages()[0] || await phone.newPage();
  await fieldAppLogin(page, srv.base, 'thanhvien.muongxen');
  // The sync keeps the tips in Mông on the phone (this household reads Mông).
  const kept = `/listen/hmn?key=tip.${tip}`;
  for (let i = 0; !(await page.evaluate((u) => caches.match(u).then(Boolean), kept)); i++) {
    assert.ok(i < 600, `${kept} never kept on the phone`);
    await page.waitForTimeout(100);
  }

  await phone.setOffline(true);
  await page.goto(`${srv.base}/app#/h/${household.id}`);
  await page.waitForSelector('#f');
  await page.check(`input[name=res][value="${res.json.id}"]`);
  // The suggested tip is the day's; its voice is the one kept on the phone, played without signal.
  assert.equal(await page.locator(`input[name=tip][value="${tip}"]`).isChecked(), true);
  assert.equal(await page.getAttribute('#ta', 'src'), kept);
  const played = await page.evaluate(async () => {
    const a = document.getElementById('ta');
    await a.play();
    await new Promise((ok) => setTimeout(ok, 500));
    a.pause();
    return { time: a.currentTime, error: a.error && a.error.code };
  });
  assert.equal(played.error, null, 'the kept audio plays offline');
  assert.ok(played.time > 0, `played ${played.time} s`);
  await page.locator('#rc').scrollIntoViewIfNeeded();
  assert.match(await page.locator('#rc').innerText(), /Ghi âm bằng: Tiếng Mông/);
  await tall(page.locator('#rc'), 'the record button');
  await page.click('#rc');
  await page.waitForFunction(() => /Đang ghi âm/.test(document.getElementById('rst').textContent));
  assert.equal(await page.locator('#rc').innerText(), 'Dừng ghi âm', 'the same button stops it');
  await shot(page, 'voice-1-recording-offline');
  await page.waitForTimeout(3000);
  await page.click('#rc');
  await page.waitForFunction(() => /Đã lưu bản ghi âm/.test(document.getElementById('rst').textContent));
  assert.equal(await page.locator('#badge').innerText(), '1');
  await shot(page, 'voice-2-kept-on-phone');

  // Back online: it goes by itself, once.
  await phone.setOffline(false);
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await page.waitForFunction(() => document.getElementById('badge').textContent === '0', null, { timeout: 60000 });

  // The Mông translator hears it and approves it on the phone.
  const { context, page: lp } = await phoneLogin(browser, srv.base, 'totruong.muongxen');
  await lp.goto(`${srv.base}/translations/hmn?group=tips`);
  const clip = lp.locator('.proposal', { has: lp.locator('button[value=approve]') }).filter({ has: lp.locator('audio') });
  assert.equal(await clip.count(), 1, 'one recording waiting');
  assert.match(await clip.innerText(), /Thành viên Mường Xén.*chờ duyệt/s);
  const seconds = Number((await clip.innerText()).match(/(\d+) s/)[1]);
  assert.ok(seconds >= 2 && seconds <= 5, `${seconds} s recorded`);
  const approve = clip.locator('button[value=approve]');
  await approve.scrollIntoViewIfNeeded();
  await tall(approve, 'the approve button');
  await shot(lp, 'voice-3-review');
  await approve.click();
  await lp.waitForSelector('#done');
  assert.match(await lp.locator('#done').innerText(), /Đã duyệt/);
  await shot(lp, 'voice-4-approved');

  // The resident page offers the tip in Mông; so does the village board.
  await lp.goto(`${srv.base}/residents/${res.json.id}`);
  await lp.locator('#next-tip').scrollIntoViewIfNeeded();
  assert.equal(await lp.locator('#next-tip-label').innerText(), 'Nghe bằng tiếng Mông');
  await shot(lp, 'voice-5-resident');
  await context.close();
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const vp = await visitor.newPage();
  await vp.goto(`${srv.base}/board/16813/${village}`);
  await vp.locator('#tip').scrollIntoViewIfNeeded();
  assert.match(await vp.locator('#tip').innerText(), /Nghe bằng tiếng Mông/);
  const heard = await vp.evaluate(async () => {
    const a = [...document.querySelectorAll('#tip audio')].pop();
    await a.play();
    await new Promise((ok) => setTimeout(ok, 500));
    return a.currentSrc;
  });
  assert.match(heard, /\/listen\/hmn\?key=tip\./);
  await shot(vp, 'voice-6-board');
  await visitor.close();
});
