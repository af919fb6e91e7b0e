// Listings in Debian's chromium at 360 x 740, as the people do it (docs/listings.md): a member with
// no signal writes a listing in the field app with the description helper and a photo; back online
// it syncs with its photo; the leader approves it on the phone; a visitor opens the public page
// (photo, price, call button, QR code) within the page budget. Then a member on the web: a price
// typed in words is refused next to the field with every value kept, and a photo sent from the
// listing page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldAppLogin, launchChromium, launchPersistent, phoneLogin, shooter } from '../lib/browser.mjs';
import { startServer, login, wireSize } from '../lib/server.mjs';

const PHOTO = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'photos', 'tea.jpg');
const shot = shooter();
// Whether the listing's photo loads with pixels: it loads after the page, so wait for it (up to
// 15 s on a busy machine) rather than look at once.
const photoShows = (page) => page.waitForFunction(() => {
  const i = document.querySelector('#photo-img');
  return i && i.complete && i.naturalWidth > 0;
}, null, { timeout: 15000 }).then(() => true, () => false);
let srv, phone, browser;
const profile = mkdtempSync(join(tmpdir(), 'caunoi-phone-'));
before(async () => { srv = await startServer({ households: 4 }); browser = await launchChromium(); });
after(async () => {
  await phone?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await srv?.stop();
  rmSync(profile, { recursive: true, force: true });
});

test('a listing written offline with a photo is approved by the leader and opens for a visitor', { timeout: 120000 }, async () => {
  phone = await launchPersistent(profile);
  const page = phone.pages()[0] || await phone.newPage();
  await fieldAppLogin(page, srv.base, 'thanhvien.muongxen');

  await phone.setOffline(true);
  await page.click('#lsl');
  await page.waitForSelector('#f #village_id');
  await shot(page, 'listing-1-offline-form');
  await page.selectOption('#category', 'specialty');
  await page.fill('#name', 'Mật ong rừng Pù Huống');
  await page.fill('#help_what', 'mật ong hoa rừng màu vàng sẫm');
  await page.fill('#help_season', 'tháng 4 đến tháng 6');
  await page.click('#compose');
  assert.equal(await page.inputValue('#description'), 'Mật ong hoa rừng màu vàng sẫm.\nMùa vụ: tháng 4 đến tháng 6.');
  for (const m of ['4', '5', '6']) await page.check(`input[name=month_${m}]`);
  await page.fill('#price', '450.000');
  await page.fill('#unit', 'lít');
  await page.fill('#owner_name', 'Hộ ông Lò Văn Pảo');
  await page.fill('#contact_phone', '0912 345 678');
  await page.setInputFiles('#photo', PHOTO);
  // Saving without the owner's consent: the browser stops it at the box, nothing is kept.
  await page.click('#f button.p');
  assert.equal(await page.locator('#consent:invalid').count(), 1);
  assert.equal(await page.locator('#badge').innerText(), '0');
  await page.check('#consent');
  await page.click('#f button.p');
  await page.waitForSelector('#ok');
  await shot(page, 'listing-2-saved-offline');
  assert.match(await page.innerText('#ok'), /Đã lưu tin trên điện thoại này/);
  assert.equal(await page.locator('#badge').innerText(), '1');

  await phone.setOffline(false);
  await page.click('#sync');
  await page.waitForFunction(() => document.querySelector('#badge').textContent === '0', null, { timeout: 30000 });
  const api = await login(srv.base, 'totruong.muongxen');
  const mine = (await api.get('/api/v1/listings?status=pending')).json.items.filter((l) => l.name === 'Mật ong rừng Pù Huống');
  assert.equal(mine.length, 1, 'the listing reached the server once');
  const listing = mine[0];
  assert.ok(listing.photo_id, 'with its photo');
  assert.equal(listing.price, 450000);

  // The leader, on a phone, approves it from the list of listings waiting.
  const leader = await phoneLogin(browser, srv.base, 'totruong.muongxen');
  await leader.page.goto(`${srv.base}/today`);
  assert.match(await leader.page.innerText('#listings-waiting'), /Tin chờ bạn duyệt: \d+/);
  await leader.page.click('#listings-waiting');
  await leader.page.click(`#waiting + ul a[href="/listings/${listing.id}"]`);
  assert.ok(await photoShows(leader.page), 'the photo shows');
  await shot(leader.page, 'listing-3-leader');
  assert.ok(await leader.page.locator('#approve').isVisible());
  await leader.page.click('#approve');
  await leader.page.waitForSelector('#done');
  assert.match(await leader.page.innerText('#done'), /Đã duyệt/);
  assert.equal(await leader.page.evaluate(() => document.documentElement.scrollWidth), 360, 'the public address wraps');
  await leader.context.close();

  // A visitor, no login: the public page with its photo, price, call button and QR code.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const v = await visitor.newPage();
  await v.goto(`${srv.base}/l/${listing.id}`);
  assert.equal(await v.innerText('h1'), 'Mật ong rừng Pù Huống');
  assert.match(await v.innerText('#price'), /450\.000 đ \/ lít/);
  assert.match(await v.innerText('body'), /Mùa vụ: tháng 4–6/);
  assert.equal(await v.getAttribute('#call', 'href'), `/l/${listing.id}/contact/call`);
  assert.ok(await v.locator('#call').isVisible(), 'the call button on the first screen');
  const box = await v.locator('#call').boundingBox();
  assert.ok(box.height >= 44 && box.y + box.height <= 740, 'a tap target on the first screen');
  for (const sel of ['#photo', '#qr']) {
    await v.locator(sel).scrollIntoViewIfNeeded();
    await v.waitForFunction((s) => { const i = document.querySelector(s); return i.complete && i.naturalWidth > 0; }, sel);
  }
  await shot(v, 'listing-4-public');
  assert.equal(await v.evaluate(() => document.documentElement.scrollWidth), 360, 'nothing wider than the phone');
  await visitor.close();
  const wire = await wireSize(srv.base, `/l/${listing.id}`);
  assert.ok(wire.bytes <= 14 * 1024, `${wire.bytes} bytes`);
});

test('on the web, a price in words is refused next to the field, and a photo goes from the listing page', { timeout: 90000 }, async () => {
  const { context, page } = await phoneLogin(browser, srv.base, 'thanhvien.muongxen');
  await page.goto(`${srv.base}/listings`);
  await page.click('#new-listing');
  await page.selectOption('#village_id', { index: 1 });
  await page.selectOption('#category', 'handicraft');
  await page.fill('#name', 'Khăn thổ cẩm');
  await page.fill('#help_what', 'khăn dệt tay trên khung gỗ');
  await page.click('#compose');
  await page.waitForSelector('#composed');
  assert.equal(await page.inputValue('#description'), 'Khăn dệt tay trên khung gỗ.');
  await page.fill('#price', 'một trăm nghìn');
  await page.fill('#unit', 'chiếc');
  await page.fill('#owner_name', 'Bà Vi Thị Hoa');
  await page.fill('#contact_phone', '0987654321');
  await page.check('#consent');
  await page.click('#save');
  await page.waitForSelector('.ferr');
  await shot(page, 'listing-5-refused');
  assert.match(await page.locator('#price').evaluate((i) => i.previousElementSibling.textContent), /chỉ dùng chữ số/);
  assert.equal(await page.inputValue('#name'), 'Khăn thổ cẩm');
  assert.equal(await page.inputValue('#owner_name'), 'Bà Vi Thị Hoa');
  assert.ok(await page.isChecked('#consent'), 'the consent ticked kept');
  await page.fill('#price', '180.000');
  await page.click('#save');
  await page.waitForSelector('#done');
  assert.match(await page.innerText('#done'), /tổ trưởng sẽ xem/i);
  await page.setInputFiles('#photo', PHOTO);
  await page.click('#photo-send');
  await page.waitForURL(/done=photo/);
  await page.waitForSelector('#photo-img');
  assert.ok(await photoShows(page), 'the photo shows');
  await shot(page, 'listing-6-photo');
  const id = page.url().match(/\/listings\/([0-9A-Z]{26})/)[1];
  await context.close();

  // The leader types what to change and presses Enter (the phone keyboard's Go): sent back, not published.
  const leader = await phoneLogin(browser, srv.base, 'totruong.muongxen');
  await leader.page.goto(`${srv.base}/listings/${id}`);
  await leader.page.fill('#reason', 'Ảnh mờ, chụp lại giúp');
  await leader.page.press('#reason', 'Enter');
  await leader.page.waitForSelector('#done');
  assert.match(await leader.page.innerText('#status'), /Chưa được duyệt/);
  assert.equal((await fetch(`${srv.base}/l/${id}`)).status, 404, 'not public');
  await leader.context.close();
  const again = await phoneLogin(browser, srv.base, 'thanhvien.muongxen');
  await again.page.goto(`${srv.base}/listings`);
  assert.match(await again.page.innerText('#sent-back + ul'), /Ảnh mờ, chụp lại giúp/);
  await again.context.close();
});
