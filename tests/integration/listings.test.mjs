// Listings end to end (docs/listings.md): a member's form refused field by field with every value
// kept, the description helper, approval before anything is public, a public page within the
// first round trip with its QR code and counted contact links, the commune's GeoJSON, the CSV
// export per platform, a photo sent in pieces with a gap and a repeat (made once, within its byte
// budgets, without metadata), hostile files refused, and the figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, login, queryColumn, wireSize } from '../lib/server.mjs';
import { ulid } from '../lib/ulid.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TEA = readFileSync(join(here, '..', 'fixtures', 'photos', 'tea.jpg'));
let srv, member, leader, otherOfficer, village;
const column = (sql) => queryColumn(srv.db, sql).map(Number);

before(async () => {
  srv = await startServer({ households: 4 });
  member = await login(srv.base, 'thanhvien.muongxen');
  leader = await login(srv.base, 'totruong.muongxen');
  otherOfficer = await login(srv.base, 'canbo.nangoi');
  village = (await member.get('/api/v1/households?limit=1')).json.items[0].village_id;
});
after(async () => { await srv?.stop(); });

// A form as the browser sends it, with the member's cookie.
async function postForm(who, path, fields) {
  const res = await fetch(`${srv.base}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: `sid=${who.token}`, 'x-csrf-token': who.csrf, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get('location') || '', text: await res.text() };
}

const honey = () => ({ village_id: village, category: 'specialty', name: 'Mật ong rừng "Pù Huống" & hoa',
  description: 'Mật ong hoa rừng.', owner_name: 'Hộ ông Lò Văn Pảo', contact_phone: '0912 345 678', price: '450.000',
  unit: 'lít', month_4: '1', month_5: '1', consent: '1' });

async function putPiece(who, listing, upload, offset, total, bytes) {
  const res = await fetch(`${srv.base}/api/v1/listings/${listing}/photos/${upload}?offset=${offset}&total=${total}`, {
    method: 'PUT', headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/octet-stream' }, body: bytes,
  });
  return { status: res.status, json: await res.json() };
}

test('a refused form keeps every value and says what is wrong next to the field; nothing is stored', async () => {
  const before = column('SELECT COUNT(*) FROM listings')[0];
  for (const [change, field, words] of [[{ price: '4 trăm nghìn' }, 'price', 'chỉ dùng chữ số'],
    [{ contact_phone: '' }, 'contact_phone', 'bắt buộc'], [{ consent: '' }, 'consent', 'chủ đồng ý'],
    [{ description: 'Ngon <script>alert(1)</script>' }, 'description', 'không dùng dấu']]) {
    const r = await postForm(member, '/listings/new', { ...honey(), ...change });
    assert.equal(r.status, 422, JSON.stringify(change));
    assert.ok(r.text.includes(words), `${field}: the reason in Vietnamese`);
    assert.ok(r.text.includes('value="Hộ ông Lò Văn Pảo"'), 'the owner kept');
    assert.ok(r.text.includes('value="Mật ong rừng &quot;Pù Huống&quot; &amp; hoa"'), 'the name kept, escaped');
    assert.ok(!r.text.includes('<script>alert'), 'never markup');
    assert.ok(!/not whole dong|consent is required|>markup|>required</.test(r.text), 'no developer detail on the page');
  }
  assert.equal(column('SELECT COUNT(*) FROM listings')[0], before);
});

test('the helper writes the description from the answers, for the owner to edit', async () => {
  const r = await postForm(member, '/listings/new', { ...honey(), action: 'compose', description: '',
    help_what: 'mật ong hoa rừng màu vàng sẫm', help_season: 'tháng 4 đến tháng 6', help_special: 'không pha đường' });
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.match(r.text, /<textarea id="description"[^>]*>Mật ong hoa rừng màu vàng sẫm\.\nMùa vụ: tháng 4 đến tháng 6\.\nĐiểm đặc biệt: không pha đường\.<\/textarea>/);
  assert.equal(column("SELECT COUNT(*) FROM listings WHERE name LIKE 'Mật ong%'")[0], 0, 'composing stores nothing');
  const en = await postForm(member, '/listings/new', { ...honey(), action: 'compose', help_what: 'mật ong rừng',
    help_what_en: 'wild forest honey', help_season_en: 'April to June' });
  assert.match(en.text, /<textarea id="description_en"[^>]*>Wild forest honey\.\nSeason: April to June\.<\/textarea>/);
});

test('public only after approval: page within budget, QR, counted contacts, GeoJSON, export, figures', async () => {
  const made = await postForm(member, '/listings/new', honey());
  assert.equal(made.status, 303, made.text.slice(0, 300));
  const id = made.location.match(/\/listings\/([0-9A-Z]{26})/)[1];
  assert.equal((await fetch(`${srv.base}/l/${id}`)).status, 404, 'not public before approval');
  const commune = (await member.get(`/api/v1/listings/${id}`)).json.commune_id;

  // Another commune's officer cannot see or approve it.
  assert.equal((await otherOfficer.get(`/api/v1/listings/${id}`)).status, 404);
  assert.equal((await postForm(otherOfficer, `/listings/${id}/decide`, { decision: 'approve' })).status, 404);
  // A member cannot approve (a route above the role is absent, as everywhere).
  assert.equal((await postForm(member, `/listings/${id}/decide`, { decision: 'approve' })).status, 404);
  const refused = await postForm(leader, `/listings/${id}/decide`, { decision: 'reject', reason: '' });
  assert.equal(refused.status, 422);
  assert.ok(refused.text.includes('Hãy ghi cần sửa gì'));
  const ok = await postForm(leader, `/listings/${id}/decide`, { decision: 'approve' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /done=approved/);

  const page = await fetch(`${srv.base}/l/${id}`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(html.includes('Mật ong rừng &quot;Pù Huống&quot; &amp; hoa'), 'the name as text');
  assert.ok(html.includes('450.000 đ / lít'));
  assert.ok(html.includes('tháng 4–5'));
  assert.ok(html.includes('loading="lazy"'));
  assert.match(html, new RegExp(`<div class="card" id="map"><svg[^>]*>.*<a href="/l/${id}">`, 's'), 'where it is, on a map');
  const wire = await wireSize(srv.base, `/l/${id}`);
  assert.ok(wire.bytes <= 14 * 1024, `listing page ${wire.bytes} bytes`);
  const catalog = await wireSize(srv.base, `/products/${commune}`);
  assert.equal(catalog.status, 200);
  assert.ok(catalog.bytes <= 14 * 1024, `catalog ${catalog.bytes} bytes`);

  const qr = await fetch(`${srv.base}/l/${id}/qr.svg`);
  assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
  assert.match(await qr.text(), /^<svg[^>]*>.*<path/s);

  for (const [how, to] of [['call', 'tel:0912345678'], ['sms', 'sms:0912345678'], ['zalo', 'https://zalo.me/0912345678']]) {
    const r = await fetch(`${srv.base}/l/${id}/contact/${how}`, { redirect: 'manual' });
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), to);
  }
  assert.equal((await fetch(`${srv.base}/l/${id}/contact/fax`, { redirect: 'manual' })).status, 404);

  const geo = await (await fetch(`${srv.base}/api/v1/communes/${commune}/listings.geojson`)).json();
  assert.equal(geo.type, 'FeatureCollection');
  const f = geo.features.find((x) => x.properties.id === id);
  assert.ok(f, 'the listing is on the map export');
  assert.equal(f.geometry.type, 'Point');
  assert.equal(f.properties.name, 'Mật ong rừng "Pù Huống" & hoa');

  assert.equal((await member.get('/api/v1/listings/export.csv?platform=generic')).status, 403);
  assert.equal((await leader.get('/api/v1/listings/export.csv?platform=nowhere')).status, 422);
  const csv = await leader.get('/api/v1/listings/export.csv?platform=generic');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const raw = Buffer.from(await (await fetch(`${srv.base}/api/v1/listings/export.csv?platform=generic`,
    { headers: { authorization: `Bearer ${leader.token}` } })).arrayBuffer());
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
  assert.ok(csv.text.startsWith('Mã,'));
  assert.ok(csv.text.includes(`${id},`) && csv.text.includes('450000'));
  assert.ok(!(await otherOfficer.get('/api/v1/listings/export.csv?platform=generic')).text.includes(id), 'another commune exports its own');

  const figures = await fetch(`${srv.base}/listings/figures`, { headers: { cookie: `sid=${leader.token}` } });
  const text = await figures.text();
  assert.match(text, /id="views">\d+</);
  assert.ok(Number(text.match(/id="views">(\d+)</)[1]) >= 1, 'the visit counted');
  assert.ok(Number(text.match(/id="contacts">(\d+)</)[1]) >= 3, 'the three taps counted');

  // Paused: gone from the public page at once; resumed without a new approval.
  assert.equal((await postForm(member, `/listings/${id}/status`, { action: 'pause' })).status, 303);
  assert.equal((await fetch(`${srv.base}/l/${id}`)).status, 404);
  assert.equal((await postForm(member, `/listings/${id}/status`, { action: 'resume' })).status, 303);
  assert.equal((await fetch(`${srv.base}/l/${id}`)).status, 200);
});

test('a photo sent in pieces, with a gap and a repeat, is made once, small and without metadata', async () => {
  const made = await member.post('/api/v1/listings', { ...honey(), name: 'Chè Tà Cạ' });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const up = ulid();
  const n = TEA.length, a = 60000, b = 120000;
  assert.equal((await member.get(`/api/v1/listings/${id}/photos/${up}`)).json.received, 0);
  let r = await putPiece(member, id, up, 0, n, TEA.subarray(0, a));
  assert.equal(r.status, 200);
  assert.equal(r.json.received, a);
  r = await putPiece(member, id, up, b, n, TEA.subarray(b));  // a gap: told where to resume
  assert.equal(r.status, 409);
  assert.equal(r.json.received, a);
  r = await putPiece(member, id, up, 0, n, TEA.subarray(0, a));  // a repeat: acknowledged, not added
  assert.equal(r.json.received, a);
  r = await putPiece(member, id, up, a, n, TEA.subarray(a, b));
  assert.equal(r.json.received, b);
  r = await putPiece(member, id, up, b, n, TEA.subarray(b));
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.done, true);
  r = await putPiece(member, id, up, b, n, TEA.subarray(b));  // the last piece again (its answer was lost)
  assert.equal(r.json.done, true);
  assert.equal(column(`SELECT COUNT(*) FROM listing_photos WHERE listing_id = '${id}'`)[0], 1);
  assert.equal(column(`SELECT COUNT(*) FROM listing_upload_parts WHERE upload_id = '${up}'`)[0], 0);
  assert.equal((await member.get(`/api/v1/listings/${id}`)).json.photo_id, up);

  // Not public yet: only the area's members see the photo.
  assert.equal((await fetch(`${srv.base}/listing-photos/${up}/large.webp`)).status, 404);
  const seen = await fetch(`${srv.base}/listing-photos/${up}/large.webp`, { headers: { cookie: `sid=${member.token}` } });
  assert.equal(seen.status, 200);
  assert.equal((await postForm(leader, `/listings/${id}/decide`, { decision: 'approve' })).status, 303);
  for (const [file, type, max] of [['large.webp', 'image/webp', 60 * 1024], ['large.jpg', 'image/jpeg', 60 * 1024],
    ['thumb.webp', 'image/webp', 8 * 1024], ['thumb.jpg', 'image/jpeg', 8 * 1024]]) {
    const res = await fetch(`${srv.base}/listing-photos/${up}/${file}`);
    assert.equal(res.status, 200, file);
    assert.equal(res.headers.get('content-type'), type);
    assert.match(res.headers.get('cache-control'), /immutable/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.ok(bytes.length > 500 && bytes.length <= max, `${file}: ${bytes.length} bytes`);
    assert.equal(bytes.indexOf('Exif'), -1, `${file}: no EXIF`);
    if (type === 'image/jpeg') assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    else assert.equal(bytes.subarray(8, 12).toString(), 'WEBP');
  }

  // The last piece sent twice at once (a retry while the photo is being made): one photo.
  const up2 = ulid();
  assert.equal((await putPiece(member, id, up2, 0, n, TEA.subarray(0, b))).json.received, b);
  const both = await Promise.all([putPiece(member, id, up2, b, n, TEA.subarray(b)), putPiece(member, id, up2, b, n, TEA.subarray(b))]);
  for (const x of both) assert.equal(x.json.done, true, JSON.stringify(x.json));
  // Asked again after the photo is made, with nothing left to send: done.
  assert.equal((await putPiece(member, id, up2, n, n, Buffer.alloc(0))).json.done, true);
  assert.equal(column(`SELECT COUNT(*) FROM listing_photos WHERE id = '${up2}'`)[0], 1);
  assert.equal((await member.get(`/api/v1/listings/${id}`)).json.photo_id, up2);
});

test('what is not a photo is refused with a reason, and nothing of it is kept', async () => {
  const id = (await member.post('/api/v1/listings', { ...honey(), name: 'Khăn thổ cẩm' })).json.id;
  const up = ulid();
  const html = Buffer.from('<html><script>alert(1)</script></html>');
  const r = await putPiece(member, id, up, 0, html.length, html);
  assert.equal(r.status, 415, JSON.stringify(r.json));
  assert.equal(r.json.field, 'photo');
  assert.match(r.json.title, /JPEG/);
  assert.equal(column(`SELECT COUNT(*) FROM listing_uploads WHERE id = '${up}'`)[0], 0);
  assert.equal(column(`SELECT COUNT(*) FROM listing_photos WHERE listing_id = '${id}'`)[0], 0);
  const big = await putPiece(member, id, ulid(), 0, 13 * 1048576, html);
  assert.equal(big.status, 413);
  assert.equal((await otherOfficer.get(`/api/v1/listings/${id}/photos/${up}`)).status, 404, 'another commune');
});

test("the owner's own link pauses and withdraws their listing without an account; a guessed one does nothing", async () => {
  const id = (await member.post('/api/v1/listings', { ...honey(), name: 'Gạo nếp nương' })).json.id;
  assert.equal((await postForm(leader, `/listings/${id}/decide`, { decision: 'approve' })).status, 303);
  const page = await (await fetch(`${srv.base}/listings/${id}`, { headers: { cookie: `sid=${member.token}` } })).text();
  const link = page.match(/\/l\/[0-9A-Z]{26}\/owner\/[0-9a-f]{32}/)[0];
  assert.ok(link.startsWith(`/l/${id}/owner/`));
  // Another listing's link, or a guess, opens nothing and changes nothing.
  const guess = link.replace(/[0-9a-f]{32}$/, '0'.repeat(32));
  assert.equal((await fetch(`${srv.base}${guess}`)).status, 404);
  const tried = await fetch(`${srv.base}${guess}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=withdraw' });
  assert.equal(tried.status, 404);
  assert.equal((await fetch(`${srv.base}/l/${id}`)).status, 200);

  const owner = await fetch(`${srv.base}${link}`);
  assert.equal(owner.status, 200);
  const ownerPage = await owner.text();
  assert.match(ownerPage, /Đang đăng/);
  // The page's own buttons post where the owner's link is (as the browser sends them).
  const actions = [...ownerPage.matchAll(/<form method="post" action="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(actions.length >= 2);
  for (const a of actions) assert.equal(a, link);
  const paused = await fetch(`${srv.base}${actions[0]}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pause' });
  assert.equal(paused.status, 303);
  assert.equal((await fetch(`${srv.base}/l/${id}`)).status, 404, 'paused by the owner: not public');
  assert.match(await (await fetch(`${srv.base}${link}?done=1`)).text(), /Tạm dừng/);
  const who = column(`SELECT COUNT(*) FROM audit_log WHERE entity = 'listing' AND entity_id = '${id}' AND action = 'pause' AND user_id = 'owner'`)[0];
  assert.equal(who, 1, "the owner's change is in the audit log");
  const qr = await fetch(`${srv.base}${link}/qr.svg`);
  assert.equal(qr.status, 200);
});

test('an owner offers their own product from the public page: checked like a member\'s, waiting for the leader, limited per day', async () => {
  const commune = (await member.get(`/api/v1/areas/${village}`)).json.path.split('/')[1];
  const anon = (fields) => fetch(`${srv.base}/products/${commune}/new`, { method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const form = await (await fetch(`${srv.base}/products/${commune}/new`)).text();
  assert.ok(form.includes('Tôi đồng ý đưa tin này lên mạng'), 'the owner consents for themselves');
  assert.ok(!form.includes('name="household_id"'), 'no household on the owner\'s form');
  const { household_id, ...fields } = { ...honey(), name: 'Rượu cần bản Hoa', household_id: 'x' };
  void household_id;
  const refused = await anon({ ...fields, price: 'rẻ lắm' });
  assert.equal(refused.status, 422);
  assert.ok((await refused.text()).includes('chỉ dùng chữ số'));
  // A household named by someone outside: ignored, never read.
  const made = await anon({ ...fields, household_id: (await member.get('/api/v1/households?limit=1')).json.items[0].id });
  assert.equal(made.status, 303);
  const to = made.headers.get('location');
  assert.match(to, /^\/l\/[0-9A-Z]{26}\/owner\/[0-9a-f]{32}\?created=1$/);
  const id = to.split('/')[2];
  const stored = (await leader.get(`/api/v1/listings/${id}`)).json;
  assert.equal(stored.status, 'pending');
  assert.equal(stored.household_id, null);
  assert.equal(stored.owner_name, 'Hộ ông Lò Văn Pảo');
  assert.equal((await fetch(`${srv.base}/l/${id}`)).status, 404, 'not public before the leader approves');
  assert.match(await (await fetch(`${srv.base}${to}`)).text(), /Đã gửi/);
  // Five a day from one address: the sixth is refused with a reason.
  let last;
  for (let i = 0; i < 5; i++) last = await anon({ ...fields, name: `Rượu cần ${i}` });
  assert.equal(last.status, 429);
  assert.match(await last.text(), /quá nhiều tin/);
});
