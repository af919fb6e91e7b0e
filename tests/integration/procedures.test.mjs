// Procedure guides: public catalog and pages (no login), search without diacritics, the page
// budget, SMS checklists, the QR short link, and the province admin's editor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, wireSize as wireSizeOf } from '../lib/server.mjs';

let srv, admin, member;
before(async () => {
  srv = await startServer({ households: 4 });
  admin = await login(srv.base, 'admin');
  member = await login(srv.base, 'thanhvien.muongxen');
});
after(async () => { await srv.stop(); });

const wireSize = (path) => wireSizeOf(srv.base, path);

const GSM7 = /^[A-Za-z0-9 @$_!"#%&'()*+,\-./:;<=>?\n\r]*$/;

test('the catalog is public and finds "khai sinh" typed without diacritics', async () => {
  const page = await fetch(`${srv.base}/procedures?q=khai+sinh`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /href="\/procedures\/birth_linked"/);
  assert.doesNotMatch(html, /href="\/procedures\/marriage"/, 'only matching procedures are listed');
  const api = await (await fetch(`${srv.base}/api/v1/procedures?q=KHAI%20SINH`)).json();
  assert.deepEqual(api.items.map((p) => p.code), ['birth_linked']);
  const all = await (await fetch(`${srv.base}/api/v1/procedures`)).json();
  assert.ok(all.items.length >= 15, `${all.items.length} procedures`);
});

test('every procedure: complete, its SMS checklist is GSM-7 and counted, its pages fit 14 KB', async () => {
  const all = await (await fetch(`${srv.base}/api/v1/procedures`)).json();
  for (const { code } of all.items) {
    const p = await (await fetch(`${srv.base}/api/v1/procedures/${code}`)).json();
    assert.ok(p.documents.length > 0 && p.steps.length > 0, code);
    assert.ok(p.fee.vi && p.fee.en && p.where.vi && p.where.en, code);
    assert.ok(['full_online', 'partly_online', 'not_online'].includes(p.level), code);
    assert.match(p.sms.text, GSM7, `${code}: ${p.sms.text}`);
    const expected = p.sms.text.length <= 160 ? 1 : Math.ceil(p.sms.text.length / 153);
    assert.equal(p.sms.parts, expected, `${code}: ${p.sms.text.length} chars`);
    for (const path of [`/procedures/${code}`, `/procedures/${code}/print`, `/procedures/${code}/qr.svg`]) {
      const { status, bytes, encoding } = await wireSize(path);
      assert.equal(status, 200, path);
      assert.ok(bytes <= 14 * 1024, `${path}: ${bytes} bytes`);
      if (!path.endsWith('.svg')) assert.equal(encoding, 'gzip', path);
    }
  }
  const catalog = await wireSize('/procedures');
  assert.ok(catalog.bytes <= 14 * 1024, `catalog ${catalog.bytes} bytes`);
});

test('the page shows the checklist, unverified marks and a short link that leads back to it', async () => {
  const html = await (await fetch(`${srv.base}/procedures/permanent_residence`)).text();
  assert.match(html, /Tờ khai thay đổi thông tin cư trú/);
  assert.match(html, /20\.000 đồng/);
  // Unverified facts carry a quiet mark where they are, not a red warning over the checklist.
  assert.match(html, /Thời gian giải quyết:<\/strong> [^<]+ <span class="uv">chưa kiểm chứng<\/span>/, 'days are marked unverified in the data');
  assert.doesNotMatch(html, /class="err"/);
  assert.equal(html.match(/class="uv"/g).length, 2, 'the days and the footnote explaining the mark');
  const link = html.match(/href="(http:\/\/[^"]+\/p\/permanent_residence)"/);
  assert.ok(link, 'short link on the page');
  const short = await fetch(link[1], { redirect: 'manual' });
  assert.equal(short.status, 303);
  assert.equal(short.headers.get('location'), '/procedures/permanent_residence');
  const qr = await fetch(`${srv.base}/procedures/permanent_residence/qr.svg`);
  assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
  assert.match(await qr.text(), /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
  const en = await (await fetch(`${srv.base}/procedures/permanent_residence`, { headers: { cookie: 'lang=en' } })).text();
  assert.match(en, /Residence change form/);
  assert.equal((await fetch(`${srv.base}/procedures/no_such_thing`)).status, 404);
  assert.equal((await fetch(`${srv.base}/p/..%2f..%2fetc`)).status, 404);
});

test('the province admin edits a procedure; a broken text is refused with its line and nothing changes', async () => {
  const before = await (await fetch(`${srv.base}/api/v1/procedures/marriage`)).json();
  const broken = before.source.replace('days = 0', 'days = soon');
  const bad = await admin.put('/api/v1/procedures/marriage', { source: broken });
  assert.equal(bad.status, 422, bad.text);
  assert.match(bad.json.detail, /line \d+: days/);
  assert.equal((await (await fetch(`${srv.base}/api/v1/procedures/marriage`)).json()).source, before.source);
  // The web editor keeps what was typed next to the error.
  const web = await fetch(`${srv.base}/procedures`, {
    method: 'POST',
    headers: { cookie: `sid=${admin.token}`, 'x-csrf-token': admin.csrf, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ source: broken }).toString(),
  });
  assert.equal(web.status, 422);
  const page = await web.text();
  assert.match(page, /days = soon/);
  assert.match(page, /line \d+: days/);
  // Another code in the text than in the address is refused too.
  assert.equal((await admin.put('/api/v1/procedures/marriage', { source: before.source.replace("[marriage]", "[other]") })).status, 422);
  const edited = before.source.replace(/title\.vi = .*/, 'title.vi = Đăng ký kết hôn (đã sửa)');
  const ok = await admin.put('/api/v1/procedures/marriage', { source: edited });
  assert.equal(ok.status, 200, ok.text);
  assert.match(await (await fetch(`${srv.base}/procedures/marriage`)).text(), /Đăng ký kết hôn \(đã sửa\)/);
  // Only the province admin.
  assert.equal((await member.put('/api/v1/procedures/marriage', { source: before.source })).status, 404);
});
