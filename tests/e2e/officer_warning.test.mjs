// Browser test at 360 x 740: a commune officer warns of a flash flood. They paste the bulletin's
// sentence (typed without diacritics), the communes it names are proposed (theirs to tick, the
// others shown as not theirs), a refused preview keeps everything typed, the preview shows who
// will be reached and the SMS before "Send", and the reach page follows the warning. A village's
// loudspeaker is recorded on its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, phoneLogin, shooter, tall } from '../lib/browser.mjs';
import { startServer, login, queryColumn } from '../lib/server.mjs';

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

test('an officer composes a warning from a pasted bulletin, previews it, sends it and follows who was reached', async () => {
  const { context, page } = await phoneLogin(browser, srv.base, 'canbo.muongxen');
  await page.click('nav.tabs a[href="/more"]');
  await page.click('#menu a[href="/alerts"]');
  await shot(page, 'warning-1-list');
  await tall(page.locator('#compose'), 'the compose button');
  await page.click('#compose');

  // The browser checks what it can: no danger chosen, no send.
  assert.equal(await page.locator('#compose-form').evaluate((f) => f.checkValidity()), false);

  await page.fill('#pasted', 'Canh bao lu quet, sat lo dat trong 3-6 gio toi tai cac xa Muong Xen, Na Ngoi, Muong Long va xa Lo Xo.');
  await page.click('button[value=find]');
  await page.locator('#found').waitFor();
  await shot(page, 'warning-2-found');
  assert.match(await page.locator('#found').innerText(), /Số xã tìm thấy: 1/);
  assert.match(await page.locator('main').innerText(), /không thuộc quyền của bạn: Na Ngoi, Mường Lống/);
  assert.match(await page.locator('main').innerText(), /Không nhận ra \(kiểm tra chính tả\): lo xo/);
  const proposed = page.locator('input[name="commune_16813"]');
  assert.equal(await proposed.isChecked(), false, 'proposed, not ticked: the officer confirms');

  // A preview without any place is refused on the same form, everything typed kept.
  await page.check('input[name=hazard][value=flash_flood]');
  await page.check('input[name=level][value="3"]');
  await page.fill('#what', 'Rời nhà ven suối, lên chỗ cao. Không qua ngầm, tràn.');
  await page.click('button[value=preview]');
  assert.match(await page.locator('.ferr').first().innerText(), /Chọn nơi cảnh báo/);
  assert.equal(await page.inputValue('#what'), 'Rời nhà ven suối, lên chỗ cao. Không qua ngầm, tràn.');
  assert.equal(await page.locator('input[name=hazard][value=flash_flood]').isChecked(), true);
  assert.match(await page.inputValue('#pasted'), /Muong Long/);
  await shot(page, 'warning-3-refused');

  await page.check('input[name="commune_16813"]');
  await tall(page.locator('label:has(input[name="commune_16813"])'), 'a commune to tick');
  await page.click('button[value=preview]');
  await shot(page, 'warning-4-preview');
  const reach = await page.locator('#reach').innerText();
  const numbers = Number(reach.match(/(\d+) số điện thoại/)[1]);
  assert.ok(numbers > 0, reach);
  assert.match(await page.locator('#sms').innerText(), /^UBND xa Muong Xen: CANH BAO lu quet, rui ro cap 3, xa Muong Xen, den \d\d:\d\d \d\d\/\d\d\. Roi nha ven suoi/);
  // Send is on the first screen, under the SMS it sends.
  const send = page.locator('#send');
  const box = await send.boundingBox();
  assert.ok(box.y + box.height <= 740, `send at ${box.y}`);
  await tall(send, 'send');

  await send.click();
  await page.waitForURL(/\/alerts\/[0-9A-Z]{26}\?sent=/);
  await shot(page, 'warning-5-reach');
  assert.match(await page.locator('[role=status]').innerText(), /Đã gửi/);
  assert.match(await page.locator('#sms-reach').innerText(), new RegExp(`chờ gửi\\s+${numbers}`));
  assert.match(await page.locator('header + .banner').innerText(), /Lũ quét · Cấp 3/);

  // The loudspeaker's operator opens the link of their SMS on their own phone (no login), sees
  // the script and what to tap first, and says it was read.
  const sms = column("SELECT body FROM sms_outbox WHERE body LIKE '%/loa/%'")[0];
  const link = sms.match(/\/loa\/[A-Za-z0-9_-]+/)[0];
  const operator = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const op = await operator.newPage();
  await op.goto(`${srv.base}${link}`);
  await shot(op, 'warning-5b-operator');
  assert.match(await op.locator('#script').innerText(), /^Thông báo khẩn của UBND xã Mường Xén\./);
  const ack = op.locator('#ack');
  assert.ok((await ack.boundingBox()).y + 48 <= 740, 'the button is on the first screen');
  await ack.click();
  await op.waitForURL(new RegExp(`${link}$`));
  assert.match(await op.locator('[role=status]').innerText(), /Đã ghi nhận: đọc lúc \d\d:\d\d/);
  await operator.close();
  await page.reload();
  assert.match(await page.locator('#villages').innerText(), /đã đọc lúc \d\d:\d\d/);

  // Cancelling asks first, then says what it did.
  await page.check('input[name=confirm]');
  await page.click('form[action$="/cancel"] button');
  await page.waitForURL(/cancelled=1/);
  assert.match(await page.locator('[role=status]').innerText(), /Đã hủy/);
  assert.match(await page.locator('#sms-reach').innerText(), new RegExp(`đã dừng \\(hủy hoặc thay thế\\)\\s+${numbers}`));
  await context.close();
});

test('an officer records a village loudspeaker and who reads it; a wrong phone is refused next to the field, the name kept', async () => {
  const officer = await login(srv.base, 'canbo.muongxen');
  const children = (await officer.get('/api/v1/areas/16813/children')).json;
  const village = (Array.isArray(children) ? children : children.items)[0];
  assert.ok(village, 'a village of Mường Xén');
  const { context, page } = await phoneLogin(browser, srv.base, 'canbo.muongxen');
  await page.goto(`${srv.base}/areas/${village.id}`);
  await page.click('#loudspeaker');
  await page.fill('#oname', 'Vi Văn Loa');
  await page.fill('#ophone', '12345');
  assert.equal(await page.locator('#ophone').evaluate((i) => i.checkValidity()), false, 'the browser checks it first');
  await page.fill('#ophone', '0123 456 789');  // looks like a number, is no mobile: the server says so
  await page.click('button[type=submit].primary');
  assert.match(await page.locator('.ferr').innerText(), /Số điện thoại không hợp lệ/);
  assert.equal(await page.inputValue('#oname'), 'Vi Văn Loa');
  await page.fill('#ophone', '0912 777 888');
  await page.check('input[name=working]');
  await page.click('button[type=submit].primary');
  await page.waitForURL(/saved=1/);
  await shot(page, 'warning-6-loudspeaker');
  assert.equal(await page.inputValue('#ophone'), '0912777888');
  await context.close();
});
