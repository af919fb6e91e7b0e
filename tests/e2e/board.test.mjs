// The village board in Debian's chromium at 360 x 740 (docs/board.md), from the users' steps:
// a resident on a slow link (DevTools' "3G": 400 kbps, 400 ms) finds the commune's board, reads
// the weather, prices, this month on the fields and the announcements, and opens a village's
// board from its poster's short link; an officer enters the weather when the source is down (a
// mistake kept on the form), is offered a warning for the heavy rain and lands on the compose
// form with it chosen, and adjusts the crop calendar; a member reports a price (a unit the crop
// is not sold by, refused with every value kept); the field app keeps the village's board for
// reading with no signal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, launchPersistent, phoneLogin, shooter } from '../lib/browser.mjs';
import { startServer, wireSize, queryColumn, DEMO_PASSWORD } from '../lib/server.mjs';

const shot = shooter();
const VIEW = { width: 360, height: 740 };
let srv, browser;
const profile = mkdtempSync(join(tmpdir(), 'caunoi-phone-'));

before(async () => {
  srv = await startServer({ households: 4 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  rmSync(profile, { recursive: true, force: true });
});

// Every link, button and field a thumb must hit, inside the page's content.
async function smallTargets(page) {
  return page.locator('main a, main button, main input:not([type=hidden]), main select, main summary').evaluateAll((els) => els
    .filter((el) => el.offsetParent !== null && !el.closest('details:not([open]) > :not(summary)'))
    .map((el) => ({ what: el.outerHTML.slice(0, 80), h: el.getBoundingClientRect().height }))
    .filter((x) => x.h < 44));
}

test('a resident on a slow link reads the commune\'s board, then a village\'s from its poster', { timeout: 120000 }, async () => {
  const context = await browser.newContext({ viewport: VIEW, locale: 'vi-VN' });
  const page = await context.newPage();
  const external = [];
  page.on('request', (q) => { if (!q.url().startsWith(srv.base) && !q.url().startsWith('data:')) external.push(q.url()); });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50000, uploadThroughput: 50000 });

  await page.goto(`${srv.base}/board`);
  await page.getByRole('link', { name: /Mường Xén/ }).click();
  await page.waitForURL(/\/board\/16813$/);
  await shot(page, 'board-commune');
  // The weather first, in big numbers, the very wet day in the alarm colour.
  const days = page.locator('.day');
  assert.equal(await days.count(), 4);
  const first = await days.first().boundingBox();
  assert.ok(first.y + first.height <= VIEW.height, 'today\'s weather on the first screen');
  assert.match(await days.first().innerText(), /Hôm nay/);
  assert.match(await page.locator('.r-very_heavy').innerText(), /Mưa rất to · 115 mm/);
  assert.match(await page.locator('main').innerText(), /Cập nhật lúc .* người nhập Cán bộ xã Mường Xén/);
  // Prices with their trend, this month on the fields, the announcements with their audio.
  const ginger = page.locator('.pr', { hasText: 'Gừng' });
  assert.match(await ginger.innerText(), /\d[\d.]* đ\/kg/);
  assert.equal(await ginger.locator('svg.spark polyline').count(), 1);
  assert.ok((await page.locator('main ul li').count()) >= 3, 'this month on the fields');
  // The announcement plays on the page itself (a player, not a download).
  const listen = page.locator('audio').first();
  const audio = await page.request.get(`${srv.base}${await listen.getAttribute('src')}`);
  assert.equal(audio.status(), 200);
  assert.match(audio.headers()['content-type'], /audio\/mpeg/);
  assert.deepEqual(await smallTargets(page), [], 'every tap target at least 44 px');
  assert.doesNotMatch(await page.content(), /Cân nhắc phát cảnh báo/, 'no warning suggestion for a resident');
  const { bytes } = await wireSize(srv.base, '/board/16813');
  assert.ok(bytes <= 14 * 1024, `the board is ${bytes} bytes compressed`);

  // A village's poster: its short link and QR code; the link opens the village's board.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const [villageId] = queryColumn(srv.db, "SELECT id FROM areas WHERE parent_id = '16813' AND kind = 'village' ORDER BY name LIMIT 1");
  await page.goto(`${srv.base}/board/16813/${villageId}/poster`);
  await shot(page, 'board-poster');
  const link = await page.locator('.link').innerText();
  assert.match(link, /\/b\/[0-9A-Z]{6,}$/);
  assert.equal(await page.locator('.qr svg').count(), 1);
  const qr = await page.locator('.qr svg').boundingBox();
  assert.ok(qr.x >= 0 && qr.x + qr.width <= VIEW.width, 'the QR code fits the phone');
  await page.goto(link);  // as the phone's camera does
  await page.waitForURL(new RegExp(`/board/16813/${villageId}$`));
  assert.match(await page.locator('h1').innerText(), /^Bản .* · Mường Xén$/);
  assert.ok(await page.locator('.card strong').count() >= 1, 'the commune\'s announcements on the village\'s board');
  assert.deepEqual(external, [], 'no request leaves the server');
  await context.close();
});

test('an officer enters the weather, is offered a warning for the heavy rain, and adjusts the crop calendar', { timeout: 120000 }, async () => {
  const { context, page } = await phoneLogin(browser, srv.base, 'canbo.muongxen');
  await page.goto(`${srv.base}/board/16813`);
  await page.getByRole('link', { name: 'Nhập thời tiết' }).click();
  await page.waitForURL(/\/weather\/16813$/);
  // A slip: the lowest above the highest. The form comes back with everything typed.
  await page.fill('#n0', '26');
  await page.fill('[name=day0_max]', '21');
  await page.fill('[name=day0_rain]', '140');
  await page.fill('#n1', '17');
  await page.fill('[name=day1_max]', '24');
  await page.fill('[name=day1_rain]', '20');
  await page.getByRole('button', { name: 'Lưu dự báo' }).click();
  await page.locator('.ferr').waitFor();
  await shot(page, 'board-weather-refused');
  assert.equal(await page.locator('.ferr').innerText(), 'Nhiệt độ thấp nhất đang cao hơn nhiệt độ cao nhất');
  assert.equal(await page.inputValue('#n0'), '26');
  assert.equal(await page.inputValue('[name=day1_rain]'), '20');
  assert.doesNotMatch(await page.locator('main').innerText(), /day0_min|Invalid|detail|min above max/, 'no developer words');
  const save = await page.getByRole('button', { name: 'Lưu dự báo' }).boundingBox();
  assert.ok(save.y + save.height <= VIEW.height - 56, 'the main action visible without scrolling, above the menu');
  await page.fill('#n0', '16');
  await page.getByRole('button', { name: 'Lưu dự báo' }).click();
  await page.waitForURL(/\/board\/16813\?saved=weather$/);
  await shot(page, 'board-weather-saved');
  assert.match(await page.locator('.ok').innerText(), /Đã lưu/);
  assert.match(await page.locator('.day').first().innerText(), /21°\s*16°/);
  // 140 mm today: the officer is offered a warning; following it opens the form with it chosen.
  const suggestion = page.locator('p.err', { hasText: 'Cân nhắc phát cảnh báo' });
  assert.match(await suggestion.innerText(), /Dự báo mưa 140 mm vào hôm nay/);
  await suggestion.getByRole('link', { name: 'Soạn cảnh báo' }).click();
  await page.waitForURL(/\/alerts\/new\?/);
  assert.equal(await page.locator('input[name=hazard][value=heavy_rain]').isChecked(), true);
  assert.equal(await page.locator('input[name=commune_16813]').isChecked(), true);
  assert.equal(await page.locator('input[name=level]:checked').count(), 0, 'the level is the officer\'s to choose');

  // The crop calendar: rice planted but never harvested is refused next to the month, kept open.
  await page.goto(`${srv.base}/calendar/16813`);
  await page.locator('summary', { hasText: 'Lúa' }).click();
  for (const m of [9, 10]) await page.selectOption(`#rice_${m}`, '');
  await page.getByRole('button', { name: 'Lưu lịch thời vụ' }).click();
  await page.locator('.ferr').waitFor();
  await shot(page, 'board-calendar-refused');
  assert.equal(await page.locator('.ferr').innerText(), 'Cây này có gieo trồng nhưng chưa có tháng thu hoạch');
  assert.equal(await page.locator('#rice_9').inputValue(), '', 'what was chosen is kept');
  await page.selectOption('#rice_10', 'harvest');
  await page.fill('[name=market_name_0]', 'Chợ phiên Mường Xén');
  await page.selectOption('[name=market_day_0]', '0');
  await page.getByRole('button', { name: 'Lưu lịch thời vụ' }).click();
  await page.waitForURL(/\/calendar\/16813\?saved=1$/);
  assert.match(await page.locator('main').innerText(), /Ngày chợ phiên: Chủ Nhật · Chợ phiên Mường Xén/);
  assert.equal(await page.locator('.muted', { hasText: 'Lịch chung vùng cao' }).count(), 0, 'the commune\'s own now');
  await context.close();
});

test('a member reports a price; a unit the crop is not sold by comes back with every value kept', { timeout: 120000 }, async () => {
  const { context, page } = await phoneLogin(browser, srv.base, 'thanhvien.muongxen');
  await page.goto(`${srv.base}/board/16813`);
  await page.getByRole('link', { name: 'Báo giá' }).click();
  await page.waitForURL(/\/prices\/16813$/);
  await page.selectOption('#crop', 'ginger');
  await page.fill('#price', '13.000');
  await page.selectOption('#unit', 'head');
  await page.fill('#market', 'Chợ Mường Xén');
  await page.getByRole('button', { name: 'Lưu giá' }).click();
  await page.locator('.ferr').waitFor();
  await shot(page, 'board-price-refused');
  assert.equal(await page.locator('.ferr').innerText(), 'Nông sản này không tính theo đơn vị đó: chọn đơn vị khác');
  assert.equal(await page.inputValue('#price'), '13.000');
  assert.equal(await page.inputValue('#market'), 'Chợ Mường Xén');
  assert.equal(await page.locator('#crop').inputValue(), 'ginger');
  await page.selectOption('#unit', 'kg');
  await page.getByRole('button', { name: 'Lưu giá' }).click();
  await page.locator('.ok').waitFor();
  await shot(page, 'board-price-saved');
  assert.match(await page.locator('.ok').innerText(), /^Đã lưu: Gừng 13\.000 đ\/kg\. /);
  assert.deepEqual(await smallTargets(page), []);
  await context.close();
});

test('the field app keeps the board of the member\'s village for reading with no signal', { timeout: 120000 }, async () => {
  let phone = await launchPersistent(profile);
  let page = phone.pages()[0] || await phone.newPage();
  await page.goto(`${srv.base}/app`);
  await page.fill('#u', 'thanhvien.muongxen');
  await page.fill('#pw', DEMO_PASSWORD);
  await page.click('button.p');
  await page.waitForSelector('#hs li');
  const link = page.getByRole('link', { name: /^Bảng tin / }).first();
  const href = await link.getAttribute('href');
  assert.match(href, /^\/app\/board\/16813\/[0-9A-Z]{26}$/);
  await phone.setOffline(true);
  await phone.close();
  phone = await launchPersistent(profile, { offline: true });
  page = phone.pages()[0] || await phone.newPage();
  await page.goto(`${srv.base}/app`);
  await page.waitForSelector('#hs li');
  await page.getByRole('link', { name: /^Bảng tin / }).first().click();
  await page.waitForURL(new RegExp(`${href}$`));
  await shot(page, 'board-offline');
  assert.match(await page.locator('h1').innerText(), /· Mường Xén$/);
  assert.equal(await page.locator('.day').count(), 4, 'the forecast as of the last sync');
  await phone.close();
});
