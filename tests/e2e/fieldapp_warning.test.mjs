// The field app and warnings, in Debian's chromium at 360 x 740: a flash-flood warning for the
// member's commune arrives (a CAP alert taken on the command line), the next sync brings it
// first, it shows on the home screen, and it is still there offline after a browser restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPersistent, shooter } from '../lib/browser.mjs';
import { startServer, caunoi, DEMO_PASSWORD } from '../lib/server.mjs';

const shot = shooter();
let srv, phone;
const profile = mkdtempSync(join(tmpdir(), 'caunoi-phone-'));
before(async () => { srv = await startServer({ households: 4 }); });
after(async () => {
  await phone?.close().catch(() => {});
  await srv?.stop();
  rmSync(profile, { recursive: true, force: true });
});

function capTime(minutes) {
  return `${new Date(Date.now() + minutes * 60e3 + 7 * 3600e3).toISOString().slice(0, 19)}+07:00`;
}

test('a warning for the member\'s commune shows in the field app after the next sync, and offline after a restart', { timeout: 120000 }, async () => {
  phone = await launchPersistent(profile);
  let page = phone.pages()[0] || await phone.newPage();
  await page.goto(`${srv.base}/app`);
  await page.fill('#u', 'thanhvien.muongxen');
  await page.fill('#pw', DEMO_PASSWORD);
  await page.click('button.p');
  await page.waitForSelector('#hs li');
  assert.equal(await page.locator('.warn').count(), 0, 'no warning yet');

  const file = join(srv.dir, 'flood.xml');
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>APP-1</identifier><sender>kttv.nghean@example.vn</sender>
<sent>${capTime(-1)}</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
<info><language>vi-VN</language><category>Met</category><event>Lũ quét</event><urgency>Expected</urgency><severity>Severe</severity>
<certainty>Likely</certainty><expires>${capTime(300)}</expires><senderName>Đài KTTV tỉnh Nghệ An</senderName>
<instruction>Rời nhà ven suối, lên chỗ cao.</instruction><parameter><valueName>riskLevel</valueName><value>4</value></parameter>
<area><areaDesc>xã Mường Xén</areaDesc><geocode><valueName>commune</valueName><value>16813</value></geocode></area></info></alert>`);
  assert.match(caunoi(['alert', 'import', file, ...srv.dbArgs]), /^taken: warning 1 /);

  await page.click('#sync');
  const warn = page.locator('.warn');
  await warn.waitFor();
  await shot(page, 'fieldapp-warning');
  const text = await warn.innerText();
  assert.match(text, /Lũ quét · Cấp 4: rủi ro rất lớn/);
  assert.match(text, /Rời nhà ven suối, lên chỗ cao\./);
  // The sync goes on (changes, the villages' boards) and draws the screen again when it ends.
  await page.waitForFunction(() => !document.querySelector('#sync').disabled);
  const box = await warn.boundingBox();
  assert.ok(box.y < 200, 'the first thing on the home screen');

  await phone.setOffline(true);
  await phone.close();
  phone = await launchPersistent(profile, { offline: true });
  page = phone.pages()[0] || await phone.newPage();
  await page.goto(`${srv.base}/app`);
  await page.locator('.warn').waitFor();
  assert.match(await page.locator('.warn').innerText(), /Lũ quét/);
});
