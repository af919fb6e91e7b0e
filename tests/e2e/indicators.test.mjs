// Browser tests at 360 x 740 of the indicator dashboards (docs/indicators.md), as a province
// officer new to them would go: More -> Indicators and reports -> the province against the
// national targets -> the commune whose figure is lowest -> one of its villages -> the residents no
// channel reaches; then a month and a figure to compare by, and a download refused for a reversed
// period with the months kept and the reason beside them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, phoneLogin, shooter, tall } from '../lib/browser.mjs';
import { startServer, caunoi } from '../lib/server.mjs';

const shot = shooter();
let srv, browser;

before(async () => {
  srv = await startServer({ households: 4 });
  caunoi(['indicators', 'refresh', ...srv.dbArgs]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('province -> commune -> village -> residents not reached, in Vietnamese, on a phone', async () => {
  const { context, page } = await phoneLogin(browser, srv.base, 'admin');
  await page.click('nav.tabs a[href="/more"]');
  await tall(page.locator('#indicators-link'), 'the menu entry');
  await page.click('#indicators-link');
  await page.waitForURL(`${srv.base}/indicators/40`);
  await shot(page, 'indicators-province');
  assert.equal((await page.locator('h1').innerText()).trim(), 'Nghệ An');
  assert.equal(await page.locator('h2').first().innerText(), 'Mục tiêu quốc gia');
  const fibre = await page.locator('#ind-hh_fibre').innerText();
  assert.match(fibre, /Hộ có Internet cáp quang/);
  assert.match(fibre, /mục tiêu 80%/);
  // The communes compared, lowest first; Mường Xén is among those with figures.
  const rows = page.locator('#children tr');
  assert.ok(await rows.count() > 0);
  const muongXen = page.locator('#children a', { hasText: 'Mường Xén' });
  await muongXen.scrollIntoViewIfNeeded();
  await tall(muongXen, 'a commune in the list');
  await muongXen.click();
  await page.waitForURL(`${srv.base}/indicators/16813`);
  await shot(page, 'indicators-commune');
  assert.match(await page.locator('nav.crumbs').innerText(), /Nghệ An/);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Mường Xén');
  assert.match(await page.locator('#ind-adult_smartphone').innerText(), /\d+%\n?\s*\d+\/\d+/);
  const village = page.locator('#children a').first();
  const villageName = await village.innerText();
  await village.click();
  await page.waitForURL(/\/indicators\/[0-9A-Z]{26}$/);
  await shot(page, 'indicators-village');
  assert.equal((await page.locator('h1').innerText()).trim(), villageName.trim());
  assert.equal(await page.locator('#children').count(), 0, 'a village has no children to compare');
  // The crumbs lead back up.
  await page.locator('nav.crumbs a', { hasText: 'Mường Xén' }).click();
  await page.waitForURL(`${srv.base}/indicators/16813`);
  await context.close();
});

test('a team member sees who no channel reaches in their village, and the household behind each name', async () => {
  const { context, page } = await phoneLogin(browser, srv.base, 'thanhvien.muongxen');
  await page.goto(`${srv.base}/indicators`);
  await page.waitForURL(`${srv.base}/indicators/16813`);
  await page.locator('#children a').first().click();
  const link = page.locator('#unreached-link');
  await tall(link, 'the not-reached button');
  const count = Number((await link.innerText()).match(/(\d+)$/)[1]);
  await link.click();
  await shot(page, 'indicators-unreached');
  assert.match(await page.locator('h1').innerText(), new RegExp(`Người dân chưa được tiếp cận: ${count}`));
  assert.equal(await page.locator('#people li').count(), count);
  if (count > 0) {
    await page.locator('#people a').first().click();
    await page.waitForURL(/\/households\//);
  }
  await context.close();
});

test('choosing a month and a figure to compare by; a reversed download period refused beside its fields', async () => {
  const { context, page } = await phoneLogin(browser, srv.base, 'canbo.muongxen');
  await page.goto(`${srv.base}/indicators/16813`);
  // The figure to compare villages by is in sight under their heading, not folded away.
  assert.ok(await page.locator('#map').isVisible());
  await tall(page.locator('#compare-form button'), 'the compare button');
  await page.selectOption('#map', 'adult_smartphone');
  await page.click('#compare-form button');
  await page.waitForURL(/map=adult_smartphone/);
  assert.equal(await page.locator('#map').inputValue(), 'adult_smartphone', 'the choice is kept');
  // A month chosen keeps the figure, and both go with the reader into a village and back up.
  await page.click('#choose summary');
  await tall(page.locator('#choose summary'), 'the month chooser');
  await page.fill('#m', '2026-10');
  await page.click('#month-form button');
  await page.waitForURL(/m=2026-10&map=adult_smartphone/);
  await page.locator('#children a').first().click();
  await page.waitForURL(/\/indicators\/[0-9A-Z]{26}\?m=2026-10&map=adult_smartphone$/);
  assert.match(await page.locator('#choose summary').innerText(), /10\/2026/);
  await page.locator('nav.crumbs a', { hasText: 'Mường Xén' }).click();
  await page.waitForURL(/\/indicators\/16813\?m=2026-10&map=adult_smartphone$/);
  assert.equal(await page.locator('#map').inputValue(), 'adult_smartphone');
  // Switching the language keeps them too, and back.
  await page.click('header a[lang="en"]');
  await page.waitForURL(/\/indicators\/16813\?m=2026-10&map=adult_smartphone$/);
  assert.match(await page.locator('#choose summary').innerText(), /Month 10\/2026/);
  await page.click('header a[lang="vi"]');
  await page.waitForURL(/\/indicators\/16813\?m=2026-10&map=adult_smartphone$/);
  await page.click('#export summary');
  await page.fill('#from', '2026-10');
  await page.fill('#to', '2026-08');
  await page.click('#export-form button[value=csv]');
  await page.waitForSelector('#export-form .ferr');
  await shot(page, 'indicators-export-refused');
  assert.ok(await page.locator('#export-form .ferr').evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }),
    'the reason is on screen, not below the fold');
  assert.match(await page.locator('#export-form').innerText(), /Tháng đầu phải trước tháng cuối/);
  assert.equal(await page.inputValue('#from'), '2026-10');
  assert.equal(await page.inputValue('#to'), '2026-08');
  assert.ok(await page.locator('#export').evaluate((d) => d.open), 'the download form is open');
  const download = page.waitForEvent('download');
  await page.fill('#from', '2026-01');
  await page.click('#export-form button[value=xlsx]');
  assert.match((await download).suggestedFilename(), /^chi-so-16813-2026-01-2026-08\.xlsx$/);
  await context.close();
});
