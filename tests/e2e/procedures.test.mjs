// Browser test in Debian's chromium: a resident (no login) finds a procedure by typing
// "khai sinh" without diacritics, opens its checklist, and every pocket card prints on one A6 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

let srv, browser;

before(async () => {
  srv = await startServer({ households: 2 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Pages of a PDF and the size of the first (points), read from its page objects.
function pdfPages(buf) {
  const text = buf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?!s)/g) || [];
  const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  return { count: pages.length, width: box && Number(box[1]), height: box && Number(box[2]) };
}

test('find "khai sinh" without diacritics, open the checklist, print one A6 card', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const external = [];
  page.on('request', (req) => { if (!req.url().startsWith(srv.base) && !req.url().startsWith('data:')) external.push(req.url()); });

  await page.goto(`${srv.base}/procedures`);
  assert.match(await page.locator('h1').innerText(), /Thủ tục/, 'Vietnamese first, no login');
  await page.fill('#q', 'khai sinh');
  await page.click('form[role=search] button');
  await page.waitForURL(/q=khai\+sinh/);
  const hits = page.locator('#procedures a');
  assert.equal(await hits.count(), 1);
  await hits.first().click();
  await page.waitForURL(/\/procedures\/birth_linked$/);
  assert.match(await page.locator('h1').innerText(), /khai sinh/i);
  const items = await page.locator('.checklist li').allInnerTexts();
  assert.ok(items.some((t) => /Giấy chứng sinh/.test(t) && /bản chính/.test(t)), items.join(' | '));
  const fontSize = await page.locator('.checklist li').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(fontSize >= 19, `big type: ${fontSize}px`);
  assert.ok(await page.locator('img[src$="/qr.svg"]').evaluate((img) => img.complete && img.naturalWidth > 0), 'QR shown');

  await page.click('a[href$="/print"]');
  await page.waitForURL(/\/print$/);
  const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  assert.equal(pdf.count, 1, 'one page');
  // A6 is 105 x 148 mm = 297.6 x 419.5 pt.
  assert.ok(Math.abs(pdf.width - 297.6) < 2 && Math.abs(pdf.height - 419.5) < 2, `A6: ${pdf.width} x ${pdf.height}`);
  assert.deepEqual(external, [], 'no request leaves the server');
  await context.close();
});

test('every procedure\'s pocket card fits one A6 page, in Vietnamese and in English', async () => {
  const { items } = await (await fetch(`${srv.base}/api/v1/procedures`)).json();
  assert.ok(items.length >= 15);
  for (const lang of ['vi', 'en']) {
    const context = await browser.newContext({ locale: lang === 'vi' ? 'vi-VN' : 'en-US' });
    await context.addCookies([{ name: 'lang', value: lang, url: srv.base }]);
    const page = await context.newPage();
    for (const { code } of items) {
      await page.goto(`${srv.base}/procedures/${code}/print`);
      const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true }));
      assert.equal(pdf.count, 1, `${code} (${lang}) prints on ${pdf.count} pages`);
    }
    await context.close();
  }
});
