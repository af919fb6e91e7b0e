// Browser test at 360 x 740, from a team member's steps: the compact menu, finding people by
// name, phone and ID-card number, a visit form refused by the server that comes back with
// everything kept and the message next to the field, "not done: no signal" creating a follow-up
// named for each person helped, Today showing what is due first, and "Done" with an undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, phoneLogin, shooter } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const shot = shooter();
let srv, browser, api;

before(async () => {
  srv = await startServer({ households: 12 });
  browser = await launchChromium();
  api = await login(srv.base, 'thanhvien.muongxen');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// A phone set to English: Vietnamese is still what a new member sees.
const phone = (user) => phoneLogin(browser, srv.base, user, { locale: 'en-US' });

async function householdWithPeople(n) {
  for (const h of (await api.get('/api/v1/households?limit=50')).json.items) {
    const rs = (await api.get(`/api/v1/households/${h.id}/residents`)).json.items;
    if (rs.length >= n) return { h, rs };
  }
  throw new Error(`no household with ${n} people`);
}

test('the menu is a bottom bar, the header one line, and Vietnamese is the default', async () => {
  const { context, page } = await phone('thanhvien.muongxen');
  await page.goto(`${srv.base}/today`);
  await shot(page, 'member-today');
  const header = await page.locator('header').boundingBox();
  assert.ok(header.height <= 60, `header ${header.height} px`);
  const tabs = page.locator('nav.tabs a');
  assert.deepEqual(await tabs.allInnerTexts(), ['Hôm nay', 'Tìm', 'Thủ tục', 'Xem thêm']);
  for (const box of await tabs.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON()))) {
    assert.ok(box.height >= 44 && box.bottom <= 740, `tab ${JSON.stringify(box)}`);
  }
  // Everything else, and logging out, is one tap away on "More".
  await tabs.last().click();
  await page.waitForURL(/\/more$/);
  assert.equal(await page.locator('a[href="/teams"]').count(), 1);
  assert.equal(await page.locator('#officer-tools').count(), 0, 'a member sees no officer tools');
  assert.equal(await page.locator('button', { hasText: 'Đăng xuất' }).count(), 1);
  await context.close();
});

test('a member finds people by any name, by phone in any format and by ID-card number', async () => {
  const { rs } = await householdWithPeople(2);
  const second = rs[1];
  assert.equal((await api.patch(`/api/v1/residents/${second.id}`, { phone: '0912345678', national_id: '040190001234' })).status, 200);
  const { context, page } = await phone('thanhvien.muongxen');
  await page.click('nav.tabs a[href="/search"]');
  // A member of the household (not its head), typed without accents.
  const words = second.full_name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').split(' ');
  await page.fill('#q', `${words[0]} ${words[words.length - 1]}`.toLowerCase());
  await page.click('form[role=search] button');
  await page.waitForURL(/q=/);
  assert.ok(await page.locator(`#people a[href="/residents/${second.id}"]`).count() === 1, `${second.full_name} is listed by name`);
  for (const [typed, why] of [['+84 912.345.678', 'trùng số điện thoại'], ['040 190 001 234', 'trùng số thẻ căn cước']]) {
    await page.fill('#q', typed);
    await page.click('form[role=search] button');
    await page.waitForLoadState();
    const hit = page.locator(`#people a[href="/residents/${second.id}"]`);
    assert.equal(await hit.count(), 1, `"${typed}" finds ${second.full_name}`);
    assert.match(await hit.innerText(), new RegExp(why));
  }
  await shot(page, 'member-search-id');
  await page.fill('#q', 'khongcoaiten');
  await page.click('form[role=search] button');
  await page.waitForLoadState();
  assert.equal(await page.locator('#no-people').count(), 1);
  assert.equal(await page.locator('#too-many').count(), 0);
  // A name more households carry than a search reads (200): some are listed, and the page says
  // to type more.
  const village = (await api.get('/api/v1/households?limit=1')).json.items[0].village_id;
  for (let i = 0; i < 201; i++) {
    const r = await api.post('/api/v1/households', { village_id: village, name: `Hộ Thử Tòng ${i}`, consent: true, consent_purposes: 'registry' });
    assert.equal(r.status, 201);
  }
  await page.fill('#q', 'ho thu tong');
  await page.click('form[role=search] button');
  await page.waitForLoadState();
  assert.ok(await page.locator('#people a').count() > 0);
  assert.match(await page.locator('#too-many').innerText(), /Có rất nhiều hộ khớp.*gõ đủ họ tên/);
  await shot(page, 'member-search-too-many');
  // On the village's own page, only more of the name can narrow it.
  await page.goto(`${srv.base}/areas/${village}?q=ho%20thu%20tong`);
  const narrow = await page.locator('#too-many').innerText();
  assert.match(narrow, /Có rất nhiều hộ khớp.*gõ đủ họ tên/);
  assert.doesNotMatch(narrow, /trang của bản/);
  // Nothing of the ID number is kept in clear.
  const stored = (await api.get(`/api/v1/residents/${second.id}`)).json;
  assert.ok(!JSON.stringify(stored).includes('040190001234'));
  await context.close();
});

test('a refused visit comes back with everything kept; "no signal" makes a named follow-up; done can be undone', async () => {
  const { h, rs } = await householdWithPeople(2);
  const { context, page } = await phone('thanhvien.muongxen');
  await page.goto(`${srv.base}/households/${h.id}`);
  await page.click(`a[href="/households/${h.id}/visit"]`);
  // The suggested safety tip is already chosen; skills show only for the people ticked.
  assert.equal(await page.locator('input[name=tip]:checked').count(), 1);
  const skill = `select[name="skill.${rs[0].id}.skill_payment"]`;
  assert.equal(await page.locator(skill).isVisible(), false);
  await page.check(`input[name=residents][value="${rs[0].id}"]`);
  await page.check(`input[name=residents][value="${rs[1].id}"]`);
  assert.equal(await page.locator(skill).isVisible(), true);
  assert.equal(await page.locator(`label[for="skill.${rs[0].id}.skill_payment"]`).count(), 1, 'each skill select has a label');
  await page.selectOption(skill, 'assisted');
  await page.selectOption('#s1', 'vneid_account');
  await page.selectOption('#o1', 'not_done:no_signal');
  // A second service, without its outcome: the browser's check is bypassed (an old browser),
  // so the server is the one refusing.
  await page.click('#visit details.more > summary');
  await page.selectOption('#s2', 'payment_account');
  await page.fill('#notes', 'Sóng yếu, hẹn ra đầu bản');
  await page.evaluate(() => { document.getElementById('visit').noValidate = true; });
  await page.click('#visit button[type=submit]');
  await page.waitForLoadState();
  await shot(page, 'member-visit-refused');
  const error = page.locator('#line-2 .ferr');
  assert.equal(await error.count(), 1, 'the message is next to the outcome of service 2');
  assert.match(await error.innerText(), /bắt buộc/);
  const body = await page.locator('main').innerText();
  assert.ok(!/required|outcome_2/.test(body), 'no developer detail on the page');
  assert.equal(await page.isChecked(`input[name=residents][value="${rs[0].id}"]`), true);
  assert.equal(await page.isChecked(`input[name=residents][value="${rs[1].id}"]`), true);
  assert.equal(await page.inputValue(skill), 'assisted');
  assert.equal(await page.inputValue('#s1'), 'vneid_account');
  assert.equal(await page.inputValue('#o1'), 'not_done:no_signal');
  assert.equal(await page.inputValue('#s2'), 'payment_account');
  assert.equal(await page.inputValue('#notes'), 'Sóng yếu, hẹn ra đầu bản');
  assert.equal(await page.locator('input[name=tip]:checked').count(), 1);
  await page.selectOption('#o2', 'done');
  await page.click('#visit button[type=submit]');
  await page.waitForURL(/recorded=/);
  const saved = page.locator('#visit-saved');
  assert.ok((await saved.boundingBox()).y < 300, 'the saved message is at the top');
  // One follow-up per person helped, each named.
  const tasks = (await api.get(`/api/v1/households/${h.id}/tasks`)).json.items.filter((t) => t.rule === 'retry_with_signal' && t.status === 'open');
  assert.deepEqual(tasks.map((t) => t.resident_id).sort(), [rs[0].id, rs[1].id].sort());
  const sessions = (await api.get(`/api/v1/households/${h.id}/sessions`)).json.items;
  assert.deepEqual(sessions[0].services.map((l) => [l.service, l.outcome, l.reason || '']),
    [['vneid_account', 'not_done', 'no_signal'], ['payment_account', 'done', '']]);
  // Today: what is due first; marking one done says so and can be undone.
  await page.click('nav.tabs a[href="/today"]');
  const card = page.locator('.task', { hasText: rs[1].full_name }).filter({ hasText: 'sóng' }).first();
  assert.equal(await card.count(), 1, 'the follow-up names the person');
  const done = card.locator('button', { hasText: 'Xong' });
  assert.ok((await done.boundingBox()).height >= 44, 'the Done button is a real tap target');
  await done.click();
  await page.waitForURL(/done=/);
  assert.match(await page.locator('#task-done').innerText(), /Đã đánh dấu xong/);
  await shot(page, 'member-task-done');
  await page.click('#task-done button');
  await page.waitForURL(/reopened=/);
  const open = (await api.get(`/api/v1/households/${h.id}/tasks`)).json.items.filter((t) => t.rule === 'retry_with_signal' && t.status === 'open');
  assert.equal(open.length, 2, 'the undo opened the task again');
  await context.close();
});

test('adding a person without consent comes back with what was typed and says why', async () => {
  const { h } = await householdWithPeople(1);
  const { context, page } = await phone('thanhvien.muongxen');
  await page.goto(`${srv.base}/households/${h.id}`);
  await page.click('#add-person summary');
  await page.fill('#fname', 'Lầu Thị Dợ');
  await page.fill('#by', '1975');
  // The browser asks for the consent first; an old browser would not, so the server refuses.
  await page.click('#add-person button[type=submit]');
  assert.equal(await page.locator('#add-person input[name=consent]').evaluate((el) => el.validity.valueMissing), true);
  await page.evaluate(() => { document.querySelector('#add-person form').noValidate = true; });
  await page.click('#add-person button[type=submit]');
  await page.waitForLoadState();
  assert.equal(await page.locator('#add-person[open]').count(), 1, 'the form is open again');
  assert.match(await page.locator('#add-person .ferr').innerText(), /đồng ý/i);
  assert.equal(await page.inputValue('#fname'), 'Lầu Thị Dợ');
  assert.equal(await page.inputValue('#by'), '1975');
  const names = (await api.get(`/api/v1/households/${h.id}/residents`)).json.items.map((x) => x.full_name);
  assert.ok(!names.includes('Lầu Thị Dợ'), 'nothing was stored without consent');
  await context.close();
});

test('every control a thumb must hit on the member\'s pages is at least 44 px tall', async () => {
  const { h, rs } = await householdWithPeople(1);
  const { context, page } = await phone('thanhvien.muongxen');
  const small = [];
  for (const path of ['/today', '/more', '/search?q=thi', `/areas/${h.village_id}`, `/households/${h.id}`,
    `/households/${h.id}/visit`, `/households/${h.id}/timeline`, `/residents/${rs[0].id}`]) {
    await page.goto(srv.base + path);
    // Open every collapsed part, so what it holds is measured too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.evaluate(() => document.querySelectorAll('input[name=residents]').forEach((c) => { c.checked = true; }));
    const found = await page.evaluate(() => [...document.querySelectorAll(
      'main button, main select, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main summary, main a.back, main a.button, main ul.list a, main label.check, main .person > label, main .radios label, nav.tabs a')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ what: `${el.tagName} ${(el.textContent || el.name || '').trim().slice(0, 30)}`, h: el.getBoundingClientRect().height }))
      .filter((x) => x.h < 44));
    for (const f of found) small.push(`${path}: ${f.what} (${Math.round(f.h)} px)`);
  }
  assert.deepEqual(small, []);
  await context.close();
});
