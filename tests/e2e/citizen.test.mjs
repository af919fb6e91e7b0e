// Browser test in Debian's chromium, from a resident's steps on a cheap phone (360 x 740), no login:
// the site's root is a front page for residents (not the staff login); a procedure is found the
// way people type ("khai sinh cho con", "lam can cuoc", "khaisinh"), nonsense still offers the
// closest procedures and the whole list; the ID-card procedure marks its unverified facts quietly;
// the pocket card has a print button and a way back; a late dossier, its code typed with spaces
// and in lower case, says it is late and whom to ask.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium } from '../lib/browser.mjs';
import { startServer, login, wireSize as wireSizeOf } from '../lib/server.mjs';

const SHOTS = '/tmp/pub-shots';
const VIEW = { width: 360, height: 740 };
const CENTRE = 'Trung tâm Phục vụ hành chính công xã';
let srv, browser, context, page, external = [], late;

// Days in Asia/Ho_Chi_Minh, as the server counts them.
const day = (offset = 0) => new Date(Date.now() + 7 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer({ households: 4 });
  // A dossier filed 40 days ago for a procedure of a few working days: well past its due date.
  const member = await login(srv.base, 'thanhvien.muongxen');
  const household = (await member.get('/api/v1/households?limit=1')).json.items[0];
  const resident = await member.post('/api/v1/residents', { household_id: household.id, full_name: 'Lò Thị Xuân',
    phone: '0912000777', phone_kind: 'basic', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(resident.status, 201, resident.text);
  const yymmdd = day(-40).replaceAll('-', '').slice(2);
  const filed = await member.post('/api/v1/dossiers', { resident_id: resident.json.id, procedure: 'certified_copy',
    portal_code: `H42.16813-${yymmdd}-${String(process.pid % 10000).padStart(4, '0')}`, submitted_on: day(-40), channel: 'desk' });
  assert.equal(filed.status, 201, filed.text);
  assert.equal(filed.json.overdue, true);
  late = filed.json;

  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEW, locale: 'vi-VN' });
  page = await context.newPage();
  page.on('request', (req) => { if (!req.url().startsWith(srv.base) && !req.url().startsWith('data:')) external.push(req.url()); });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const wireSize = (path) => wireSizeOf(srv.base, path);

// Every link, button and field a thumb must hit, inside the page's own content.
async function smallTargets(scope = 'main') {
  return page.locator(`${scope} a, ${scope} button, ${scope} input:not([type=hidden]), ${scope} summary`).evaluateAll((els) => els
    .filter((el) => el.offsetParent !== null && !el.closest('details:not([open]) > :not(summary)'))
    .map((el) => ({ what: el.outerHTML.slice(0, 80), h: el.getBoundingClientRect().height }))
    .filter((x) => x.h < 44));
}

async function inFirstScreen(selector) {
  const box = await page.locator(selector).boundingBox();
  assert.ok(box, `${selector} shown`);
  assert.ok(box.y >= 0 && box.y + box.height <= VIEW.height, `${selector} visible without scrolling: ${JSON.stringify(box)}`);
}

async function searchFor(words) {
  await page.fill('#q', words);
  await page.click('form[role=search] button');
  await page.waitForURL(/\/procedures\?q=/);
}

test('the root is a front page for residents: find a procedure, follow a dossier, a small staff login', async () => {
  const res = await page.goto(`${srv.base}/`);
  assert.equal(new URL(page.url()).pathname, '/', 'not sent to the staff login');
  assert.equal(res.status(), 200);
  assert.match(await page.locator('h1').innerText(), /Bạn cần làm gì/, 'Vietnamese first');
  await inFirstScreen('#q');
  await inFirstScreen('form[role=search] button');
  await inFirstScreen('#status-link');
  assert.equal(await page.getAttribute('#status-link', 'href'), '/status');
  assert.equal(await page.getAttribute('#staff-login', 'href'), '/login');
  assert.equal(await page.locator('#board').count(), 0, 'the board is not built yet: the page does not promise it');
  // No link on the page leads nowhere.
  const hrefs = await page.locator('main a').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  for (const href of hrefs) assert.ok((await wireSize(href)).status < 400, `${href} exists`);
  assert.ok(hrefs.includes('/procedures/id_card'), 'the ID card is one tap away');
  assert.deepEqual(await smallTargets(), [], 'tap targets of 44 px or more');
  await page.screenshot({ path: `${SHOTS}/front.png`, fullPage: true });
  const { bytes } = await wireSize('/');
  assert.ok(bytes <= 14 * 1024, `front page ${bytes} bytes`);
});

test('searching the way people type finds the right procedure', async () => {
  await page.goto(`${srv.base}/`);
  for (const [typed, code] of [['khai sinh cho con', 'birth_linked'], ['lam can cuoc', 'id_card'], ['khaisinh', 'birth_linked']]) {
    await searchFor(typed);
    const first = page.locator('#procedures a').first();
    assert.equal(await first.getAttribute('href'), `/procedures/${code}`, `"${typed}" finds ${code} first`);
    assert.equal(await page.inputValue('#q'), typed, 'the search stays in the box');
    assert.equal(await page.getAttribute('#see-all', 'href'), '/procedures', 'the whole list is offered');
  }
  await page.screenshot({ path: `${SHOTS}/search-khaisinh.png`, fullPage: true });
});

test('nonsense finds nothing but offers the closest procedures and the whole list', async () => {
  const { items } = await (await fetch(`${srv.base}/api/v1/procedures`)).json();
  await searchFor('xyzzy qwrtp');
  assert.match(await page.locator('#none').innerText(), /Không tìm thấy/);
  assert.ok(await page.locator('#suggestions a').count() >= 1, 'suggestions');
  assert.equal(await page.locator('#all a').count(), items.length, 'the whole list');
  // A typo is close to something: then the page says "did you mean".
  await searchFor('khai sihn');
  assert.match(await page.locator('main h2').first().innerText(), /Có phải bạn muốn tìm/);
  assert.equal(await page.locator('#suggestions a').first().getAttribute('href'), '/procedures/birth_linked');
  assert.deepEqual(await smallTargets(), [], 'tap targets of 44 px or more');
  await page.screenshot({ path: `${SHOTS}/search-typo.png`, fullPage: true });
  const { bytes } = await wireSize('/procedures?q=xyzzy');
  assert.ok(bytes <= 14 * 1024, `no-match page ${bytes} bytes`);
});

test('the ID card procedure: the police, VNeID, and its unverified facts marked quietly where they are', async () => {
  await searchFor('lam can cuoc');
  await page.locator('#procedures a').first().click();
  await page.waitForURL(/\/procedures\/id_card$/);
  assert.match(await page.locator('h1').innerText(), /thẻ căn cước/);
  const body = await page.locator('main').innerText();
  assert.match(body, /Công an xã/);
  assert.match(body, /VNeID/);
  assert.equal(await page.locator('main .err').count(), 0, 'no red warning over the checklist');
  const marks = page.locator('.uv');
  assert.ok(await marks.count() >= 5, 'each unverified fact is marked');
  const style = await marks.first().evaluate((el) => {
    const s = getComputedStyle(el);
    return { size: parseFloat(s.fontSize), color: s.color, bg: s.backgroundColor };
  });
  assert.ok(style.size < 17, `a small mark: ${style.size}px`);
  assert.doesNotMatch(style.color, /rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)/, `not red: ${style.color}`);
  assert.match(await marks.first().innerText(), /chưa kiểm chứng/);
  const note = await page.locator('#uv-note').innerText();
  assert.ok(note.includes(CENTRE), note);
  // A verified procedure carries no mark at all.
  await page.goto(`${srv.base}/procedures/permanent_residence`);
  assert.equal(await page.locator('.checklist .uv, h2 .uv').count(), 0);
  await page.goBack();
  assert.deepEqual(await smallTargets(), [], 'tap targets of 44 px or more');
  await page.screenshot({ path: `${SHOTS}/id-card.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/id-card-first-screen.png` });
});

test('the pocket card prints with a button, hidden on paper, and leads back to the procedure', async () => {
  await page.goto(`${srv.base}/procedures/id_card`);
  await page.click('a[href$="/print"]');
  await page.waitForURL(/\/procedures\/id_card\/print$/);
  await page.locator('#print').waitFor({ state: 'visible' });
  await inFirstScreen('#print');
  await inFirstScreen('#back');
  assert.equal(await page.getAttribute('#back', 'href'), '/procedures/id_card');
  assert.deepEqual(await smallTargets('nav'), [], 'tap targets of 44 px or more');
  await page.screenshot({ path: `${SHOTS}/print-card.png`, fullPage: true });
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed++; }; });
  await page.click('#print');
  assert.equal(await page.evaluate(() => window.printed), 1, 'the button prints');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#print').isVisible(), false, 'not on paper');
  assert.equal(await page.locator('#back').isVisible(), false, 'not on paper');
  await page.emulateMedia({ media: 'screen' });
  await page.click('#back');
  await page.waitForURL(/\/procedures\/id_card$/);
});

test('a late dossier, its code typed with spaces in lower case, says it is late and whom to ask', async () => {
  await page.goto(`${srv.base}/status`);
  await inFirstScreen('form[action="/status"] button');
  // A refused code comes back as typed, the message next to the field.
  await page.fill('#code', "H42'; DROP");
  await page.fill('#l4', '0777');
  await page.click('form[action="/status"] button');
  await page.waitForLoadState();
  assert.equal(await page.inputValue('#code'), "H42'; DROP");
  assert.match(await page.locator('#code + .ferr').innerText(), /Mã hồ sơ không hợp lệ/);
  assert.equal(await page.inputValue('#l4'), '0777');
  const typed = late.portal_code.toLowerCase().replace('.', ' ').replaceAll('-', ' ');
  assert.match(typed, /^h42 16813 \d{6} \d+$/);
  await page.fill('#code', `  ${typed} `);
  await page.fill('#l4', '0777');
  await page.click('form[action="/status"] button');
  await page.waitForLoadState();
  const answer = await page.locator('#answer').innerText();
  assert.ok(answer.includes(late.portal_code), answer);
  assert.match(answer, /Quá hạn/);
  assert.ok(answer.includes(CENTRE), `whom to ask: ${answer}`);
  assert.doesNotMatch(answer, /Chờ kết quả trước ngày hẹn/, 'no longer told to wait');
  await page.screenshot({ path: `${SHOTS}/status-late.png`, fullPage: true });
  // The same in English.
  await context.addCookies([{ name: 'lang', value: 'en', url: srv.base }]);
  await page.goto(`${srv.base}/status`);
  await page.fill('#code', typed.toUpperCase());
  await page.fill('#l4', '0777');
  await page.click('form[action="/status"] button');
  await page.waitForLoadState();
  const en = await page.locator('#answer').innerText();
  assert.match(en, /Late/);
  assert.match(en, /commune public administrative service centre/);
  await context.clearCookies();
  assert.deepEqual(external, [], 'no request leaves the server');
});
