// Browser test at 360 x 740: a commune officer posts an announcement as a new officer would. The
// form they open from "More"; a title forgotten comes back from the server with everything typed
// kept and the reason next to the field; SMS is not ticked until they tick it, and the form says
// how many numbers it reaches; the confirmation says what was done; then the public page with its
// "listen" link, the A4 notice with its QR code, and the audio, decoded by a real MP3 decoder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, phoneLogin, shooter, tall } from '../lib/browser.mjs';
import { startServer, queryColumn } from '../lib/server.mjs';

const shot = shooter();
let srv, browser;

before(async () => {
  srv = await startServer({ households: 6 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const column = (sql) => queryColumn(srv.db, sql);
const day = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

test('an officer posts a vaccination day with SMS, then opens its public page, its A4 notice and its audio', async () => {
  // Two numbers subscribed to the commune by SMS (DK Muong Xen), one that then sent HUY.
  for (const p of ['0915000301', '0915000302', '0915000303'])
    column(`INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES ('${p}', '16813', '40/16813', 0)`);
  column("INSERT INTO sms_optouts (phone, at) VALUES ('0915000303', 0)");

  const { context, page } = await phoneLogin(browser, srv.base, 'canbo.muongxen');
  await page.click('nav.tabs a[href="/more"]');
  await page.click('#officer-tools a[href="/announcements"]');
  await shot(page, 'announcement-1-list');
  await tall(page.locator('#compose'), 'the post button');
  await page.click('#compose');

  // Nothing sends an SMS unless ticked; the browser checks the required fields first.
  assert.equal(await page.isChecked('#sms'), false, 'the SMS box is never ticked in advance');
  assert.equal(await page.locator('#compose-form').evaluate((f) => f.checkValidity()), false);
  const text = 'Trạm y tế xã tiêm chủng cho trẻ dưới 5 tuổi sáng thứ Bảy, từ 7:30 đến 11:00.\nMang sổ tiêm chủng và thẻ bảo hiểm y tế.';
  await page.fill('#text', text);
  await page.fill('#until', day(5));
  // A browser that does not check (an old phone's): the server refuses, on the same form.
  await page.locator('#compose-form').evaluate((f) => { f.noValidate = true; });
  await page.click('#post');
  await page.locator('.ferr').first().waitFor();
  await shot(page, 'announcement-2-refused');
  assert.match(await page.locator('label[for=title] + .ferr').innerText(), /Viết tiêu đề ngắn/);
  assert.equal(await page.inputValue('#text'), text, 'the text is kept');
  assert.equal(await page.inputValue('#until'), day(5), 'the date is kept');

  await page.fill('#title', 'Ngày tiêm chủng cho trẻ dưới 5 tuổi');
  await page.check('#sms');
  await tall(page.locator('label:has(#sms)'), 'the SMS box');
  const reach = await page.locator('#sms-reach').innerText();
  assert.match(reach, /đăng ký nhận tin của xã và các thôn, bản:\s*2\b/, reach);
  await page.locator('#sms').scrollIntoViewIfNeeded();
  await shot(page, 'announcement-3-sms');
  await tall(page.locator('#post'), 'the post button');
  await page.click('#post');
  await page.waitForURL(/\/announcements\?commune=16813&posted=[0-9A-Z]{26}$/);
  await shot(page, 'announcement-4-posted');
  const status = await page.locator('#posted').innerText();
  assert.match(status, /Đã đăng: Ngày tiêm chủng cho trẻ dưới 5 tuổi\./);
  assert.match(status, /Đã xếp hàng gửi SMS đến số máy:\s*2\./);
  assert.match(status, /UBND xa Muong Xen: Ngay tiem chung cho tre duoi 5 tuoi\. Tram y te xa/);
  await tall(page.locator('#withdraw-posted'), 'withdraw');
  const id = page.url().match(/posted=([0-9A-Z]{26})/)[1];
  assert.deepEqual(column(`SELECT phone FROM sms_outbox WHERE announcement_id = '${id}' ORDER BY phone`), ['0915000301', '0915000302']);

  // The public page, as a resident opens it (no login).
  const resident = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const pub = await resident.newPage();
  await pub.goto(`${srv.base}/announcements/${id}`);
  await shot(pub, 'announcement-5-public');
  assert.equal(await pub.locator('h1').innerText(), 'Ngày tiêm chủng cho trẻ dưới 5 tuổi');
  const listen = pub.locator('#listen');
  await tall(listen, 'listen');
  assert.ok((await listen.boundingBox()).y + 44 <= 740, 'listen is on the first screen');
  await pub.click('#print');
  await pub.waitForURL(`${srv.base}/announcements/${id}/print`);
  await shot(pub, 'announcement-6-print');
  assert.equal(await pub.locator('h1').innerText(), 'Ngày tiêm chủng cho trẻ dưới 5 tuổi');
  assert.equal(await pub.locator('.foot svg path').count(), 1, 'the QR code');
  assert.match(await pub.locator('.foot').innerText(), new RegExp(`/announcements/${id}$`));
  const pdf = await pub.pdf({ format: 'A4', printBackground: false });
  assert.ok(pdf.length > 1000, 'it prints');
  await resident.close();

  // The audio: an MP3 a real decoder reads, and a WAV whose header matches its length.
  const mp3 = await page.request.get(`${srv.base}/announcements/${id}/audio.mp3`);
  assert.equal(mp3.status(), 200);
  assert.equal(mp3.headers()['content-type'], 'audio/mpeg');
  const mp3File = join(srv.dir, 'thong-bao.mp3'), decoded = join(srv.dir, 'thong-bao.wav');
  writeFileSync(mp3File, await mp3.body());
  execFileSync('mpg123', ['-q', '-w', decoded, mp3File]);
  const back = readFileSync(decoded);
  const seconds = (back.length - 44) / (back.readUInt32LE(24) * 2 * back.readUInt16LE(22));
  assert.ok(seconds > 5 && seconds <= 60, `${seconds} s spoken`);
  const wav = Buffer.from(await (await page.request.get(`${srv.base}/announcements/${id}/audio.wav`)).body());
  assert.equal(wav.toString('latin1', 0, 4), 'RIFF');
  assert.equal(wav.readUInt32LE(4), wav.length - 8);

  // Withdrawn from the confirmation: the SMS not sent yet are stopped (this server has no Kannel).
  await page.click('#withdraw-posted');
  await page.waitForURL(/withdrawn=/);
  await shot(page, 'announcement-7-withdrawn');
  assert.match(await page.locator('#withdrawn').innerText(), /Số SMS đã dừng trước khi gửi: 2\./);
  await context.close();
});
