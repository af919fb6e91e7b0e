// Browser test at 360 x 740, members' own training (docs/training.md): a member opens "My
// training" from More and records the national online course they finished; forgetting its
// certificate number, the server answers on the same form with everything kept and the reason next
// to the field; then the course is listed with its number. Their team leader opens the team's
// training from More, sees the gaps, opens the member, allows them to teach a module (the page says
// what was done) and, back on the team's page, sees the gap gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, phoneLogin, shooter, tall } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

const shot = shooter();
let srv, browser;

before(async () => {
  srv = await startServer({ households: 4 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const day = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
const vnDay = (iso) => iso.split('-').reverse().join('/');
const fitsWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('a member records a national online course, the leader lets them teach a module and the gap closes', async () => {
  // The member.
  const m = await phoneLogin(browser, srv.base, 'thanhvien.muongxen');
  await m.page.click('nav.tabs a[href="/more"]');
  await tall(m.page.locator('#training-tools a[href="/training/me"]'), 'the My training link');
  await m.page.click('#training-tools a[href="/training/me"]');
  await m.page.waitForURL(`${srv.base}/training/me`);
  assert.match(await m.page.locator('h1').innerText(), /Tập huấn của tôi/);
  assert.ok(await m.page.locator('#add').evaluate((d) => d.open), 'the form is open while nothing is recorded');
  assert.equal(await m.page.isChecked('#national'), false, 'nothing ticked in advance');
  const title = 'Kỹ năng số cơ bản cho cán bộ cơ sở';
  const completed = day(-12);
  await m.page.fill('#title', title);
  await m.page.check('#national');
  await m.page.fill('#completed_on', completed);
  await m.page.fill('#provider', 'Nền tảng Bình dân học vụ số');
  await tall(m.page.locator('#save-course'), 'the save button');
  await tall(m.page.locator('label:has(#national)'), 'the national course box');
  await shot(m.page, 'member-training-1-form');
  await m.page.click('#save-course');

  // Refused on the same form: the number is missing, everything else kept.
  await m.page.locator('.ferr').first().waitFor();
  await shot(m.page, 'member-training-2-refused');
  assert.match(await m.page.locator('label[for=certificate] + .ferr').innerText(), /số chứng chỉ/);
  assert.equal(await m.page.inputValue('#title'), title);
  assert.equal(await m.page.inputValue('#completed_on'), completed);
  assert.equal(await m.page.isChecked('#national'), true);
  assert.ok(await fitsWidth(m.page), 'no sideways scrolling');

  await m.page.fill('#certificate', 'BDHVS-2026-004521');
  await m.page.click('#save-course');
  await m.page.locator('#done').waitFor();
  assert.match(await m.page.locator('#done').innerText(), new RegExp(`Đã ghi khóa học: ${title}`));
  const card = m.page.locator('.course', { hasText: title });
  assert.match(await card.innerText(), /Khóa học trực tuyến quốc gia/);
  assert.match(await card.innerText(), new RegExp(vnDay(completed)));
  assert.equal(await card.locator('.cert').innerText(), 'BDHVS-2026-004521');
  assert.equal(await m.page.locator('#grants').count(), 0, 'a member grants nothing');
  await shot(m.page, 'member-training-3-saved');

  // The leader.
  const l = await phoneLogin(browser, srv.base, 'totruong.muongxen');
  await l.page.click('nav.tabs a[href="/more"]');
  await tall(l.page.locator('#training-tools a[href="/training/teams"]'), 'the team training link');
  await l.page.click('#training-tools a[href="/training/teams"]');
  await l.page.locator('#gaps').waitFor();
  await shot(l.page, 'member-training-4-team');
  const gapsBefore = await l.page.locator('#uncovered li').count();
  assert.ok(gapsBefore >= 1);
  assert.equal(await l.page.locator('#uncovered li[data-key=vneid_account]').count(), 1);
  const untrained = await l.page.locator('#without-course').innerText();
  assert.match(untrained, /Tổ trưởng/, 'the leader has recorded no course');
  assert.doesNotMatch(untrained, /Thành viên/, 'the member has');
  assert.ok(await fitsWidth(l.page));

  const memberCard = l.page.locator('.card', { hasText: 'Thành viên Mường Xén' });
  assert.match(await memberCard.innerText(), /BDHVS-2026-004521/);
  await tall(memberCard.locator('a.back'), 'the link to the member');
  await memberCard.locator('a.back').click();
  await l.page.locator('#grants').waitFor();
  const row = l.page.locator('#grants li[data-key=vneid_account]');
  await tall(row.locator('button'), 'the allow button');
  await row.locator('button').click();
  await l.page.locator('#done').waitFor();
  assert.match(await l.page.locator('#done').innerText(), /Đã cho phép dạy: Tài khoản định danh điện tử VNeID/);
  assert.match(await row.innerText(), /được dạy/);
  assert.match(await row.locator('button').innerText(), /Thôi cho dạy/);
  await shot(l.page, 'member-training-5-granted');

  // Back on the team's page: one gap fewer, and who may teach it.
  await l.page.click('a.back[href^="/training/teams/"]');
  await l.page.locator('#gaps').waitFor();
  assert.equal(await l.page.locator('#uncovered li').count(), gapsBefore - 1);
  assert.equal(await l.page.locator('#uncovered li[data-key=vneid_account]').count(), 0);
  assert.match(await l.page.locator('#coverage li[data-key=vneid_account]').innerText(), /Thành viên Mường Xén/);
  await shot(l.page, 'member-training-6-gap-closed');

  // The member sees it on their own page.
  await m.page.goto(`${srv.base}/training/me`);
  assert.match(await m.page.locator('#teaches').innerText(), /Tài khoản định danh điện tử VNeID/);
  await m.context.close();
  await l.context.close();
});
