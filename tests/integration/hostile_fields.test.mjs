// Hostile text in every free-text field people type: script and HTML (stored XSS) and SQL
// fragments (injection) are stored as the text they are, given back unchanged, and shown escaped
// on every page of a crawl of the staff site, under a Content-Security-Policy that allows no
// inline script. docs/security.md (ASVS V1.2, V1.3, V3.4) names this test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv, admin, member;
// Each field gets its own tag, so a page showing it proves that field is rendered, and where.
const payload = (tag) => `Z${tag}<script>alert(1)</script><img src=x onerror=alert(1)>' OR '1'='1"; DROP TABLE households;--`;
// For fields that refuse < and > outright (names shown in listings): the rest of the attack, and
// an ampersand that must be escaped too.
const plain = (tag) => `Z${tag}&amp; ' OR '1'='1"; DROP TABLE households;--`;
const RAW = ['<script>alert(1)', '<img src=x onerror'];
const planted = new Map();  // tag -> what it was typed into
const refusedMarkup = [];
const ids = [];  // what was planted, and where it lives: pages naming these are always read
// The tag as it must look on a page (escaped), and as it would if it were not.
const escaped = (tag) => [`Z${tag}&lt;script&gt;`, `Z${tag}&amp;amp; `];
const unescaped = (tag) => `Z${tag}&amp; '`;

before(async () => { srv = await startServer({ households: 6 }); });
after(async () => { await srv?.stop(); });

const day = (n) => new Date(Date.now() + 7 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

// Creates through the API with `fields` (name -> tag) set to the payload; checks the stored
// value comes back byte for byte where the reply shows it. Returns the reply's JSON.
async function plant(what, path, body, fields) {
  const sent = { ...body };
  for (const [name, tag] of Object.entries(fields)) { sent[name] = payload(tag); planted.set(tag, `${what}.${name}`); }
  let r = await admin.post(path, sent);
  // A field refusing markup says so, in words, next to the field; the rest of the attack goes in.
  // A short field (a unit: 20 characters) gets what fits of it.
  for (let tries = 0; r.status === 422 && fields[r.json?.field] && tries < 12; tries++) {
    const tag = fields[r.json.field];
    if (r.json.detail === 'markup') { refusedMarkup.push(`${what}.${r.json.field}`); sent[r.json.field] = plain(tag); }
    else if (r.json.detail.startsWith('longer than')) sent[r.json.field] = `Z${tag}&amp; '"`;
    else break;
    r = await admin.post(path, sent);
  }
  assert.equal(r.status, 201, `${what}: ${r.text}`);
  if (r.json.id) ids.push(r.json.id);
  for (const name of Object.keys(fields)) if (name in r.json) assert.equal(r.json[name], sent[name], `${what}.${name} stored as typed`);
  return r.json;
}

// Every same-site page reachable by links from `/` for one session (GET only, HTML only): of the
// pages of one shape (the same path but for ids and query), three, but every page naming
// something planted (`ids`).
const shape = (path) => path.replace(/\?.*$/, '').replace(/\/[0-9A-Z]{26}|\/\d+/g, '/:id');
async function crawl(token, limit, ids) {
  const seen = new Set(['/']), queue = ['/'], pages = [], shapes = new Map();
  while (queue.length && pages.length < limit) {
    const path = queue.shift();
    const res = await fetch(`${srv.base}${path}`, { headers: { cookie: `sid=${token}` }, redirect: 'manual' });
    const type = res.headers.get('content-type') || '';
    const body = await res.text();
    if (!type.startsWith('text/html')) continue;
    pages.push({ path, status: res.status, csp: res.headers.get('content-security-policy') || '', body });
    for (const [, href] of body.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)) {
      const next = href.replaceAll('&amp;', '&');
      // Leaving, switching language and files (exports, speech, photos) are not pages to read.
      if (seen.has(next) || /^\/(logout|lang\/|api\/|app\b|metrics)/.test(next) || /\.(xlsx|csv|po|mp3|wav|ogg|opus|jpg|webp|png|json|xml|zip)(\?|$)|\/audio(\/|$)/.test(next)) continue;
      seen.add(next);
      const n = shapes.get(shape(next)) || 0;
      if (n >= 3 && !ids.some((id) => next.includes(id))) continue;
      shapes.set(shape(next), n + 1);
      queue.push(next);
    }
  }
  return pages;
}

test('script, HTML and SQL typed into every free-text field are stored as typed and never reach a page unescaped', { timeout: 240000 }, async (t) => {
  admin = await login(srv.base, 'admin');
  member = await login(srv.base, 'thanhvien.muongxen');
  const households = (await member.get('/api/v1/households?limit=1')).json.items;
  const village = households[0].village_id;
  const before = (await admin.get('/api/v1/households?limit=200')).json.items.length;

  const h = await plant('household', '/api/v1/households', { village_id: village, consent: true, consent_purposes: 'registry' }, { name: 'hn', address: 'ha' });
  const r = await plant('resident', '/api/v1/residents', { household_id: h.id, consent: true, consent_purposes: 'registry' }, { full_name: 'rn' });
  await plant('task', '/api/v1/tasks', { household_id: h.id, due_date: day(20) }, { title: 'tt' });
  const team = await plant('team', '/api/v1/teams', { commune_id: '16813', village_ids: [village] }, { name: 'tn' });
  await plant('team member', `/api/v1/teams/${team.id}/members`, { kind: 'other' }, { name: 'mn' });
  await plant('user', '/api/v1/users', { username: 'hostile.user', role: 'member', team_id: member.user.team_id, password: 'Suối Nậm Nơn 2026' }, { display_name: 'ud' });
  await plant('announcement', '/api/v1/announcements', { commune_id: '16813', valid_until: day(3) }, { title: 'at', text: 'ax' });
  await plant('listing', '/api/v1/listings', { village_id: village, category: 'specialty', contact_phone: '0912345678', price: '100000', consent: '1' },
    { name: 'ln', description: 'ld', owner_name: 'lo', unit: 'lu' });
  await plant('course', `/api/v1/training/members/${member.user.id}/courses`, { completed_on: day(0), national_online: '1', certificate: 'CC-1' }, { title: 'ct', provider: 'cp' });
  await plant('price', '/api/v1/communes/16813/prices', { crop: 'maize', unit: 'kg', price: '7000' }, { market: 'pm' });
  const dossier = await admin.post('/api/v1/dossiers', { resident_id: r.id, procedure: 'marriage', portal_code: `HX-${Date.now() % 1e6}`, submitted_on: day(0), channel: 'desk' });
  assert.equal(dossier.status, 201, dossier.text);
  ids.push(dossier.json.id, village, member.user.id);
  planted.set('dn', 'dossier status note');
  assert.equal((await admin.post(`/api/v1/dossiers/${dossier.json.id}/status`, { status: 'received', note: payload('dn') })).status, 200);

  // Injection did nothing: every household is still there, the new one once, its name as typed.
  const after = (await admin.get('/api/v1/households?limit=200')).json.items;
  assert.equal(after.length, before + 1);
  assert.equal((await admin.get(`/api/v1/households/${h.id}`)).json.name, payload('hn'));

  const seenTags = new Set();
  let pages = 0;
  for (const who of [admin, await login(srv.base, 'canbo.muongxen'), member]) {
    for (const p of await crawl(who.token, 250, ids)) {
      pages++;
      assert.ok(p.status < 500, `${p.path}: ${p.status}`);
      for (const raw of RAW) assert.ok(!p.body.includes(raw), `${p.path} shows ${raw} unescaped`);
      // Strict CSP: scripts only from the site, no inline script or handler anywhere.
      for (const d of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) assert.ok(p.csp.includes(d), `${p.path}: ${p.csp}`);
      assert.doesNotMatch(p.csp, /script-src|unsafe-eval/, `${p.path}: ${p.csp}`);
      assert.doesNotMatch(p.body, /<script(?![^>]*\bsrc=)[^>]*>/, `${p.path} has an inline script`);
      // Attribute names of every tag (quoted values taken out: typed text lives there, escaped).
      const handlers = [...p.body.matchAll(/<[a-z][^>]*>/gi)].map(([tag]) => tag.replace(/"[^"]*"|'[^']*'/g, '""'))
        .filter((tag) => /\son[a-z]+\s*=/i.test(tag));
      assert.deepEqual(handlers, [], `${p.path} has an inline event handler`);
      for (const tag of planted.keys()) {
        assert.ok(!p.body.includes(unescaped(tag)), `${p.path} shows ${planted.get(tag)} unescaped`);
        if (escaped(tag).some((e) => p.body.includes(e))) seenTags.add(tag);
      }
    }
  }
  assert.ok(pages > 100, `crawled ${pages} pages`);
  t.diagnostic(`${pages} pages, ${planted.size} fields; refusing < and >: ${refusedMarkup.join(', ') || 'none'}`);
  // Every planted field was shown somewhere (escaped): the crawl did reach what it tests.
  const unseen = [...planted].filter(([tag]) => !seenTags.has(tag)).map(([, what]) => what);
  assert.deepEqual(unseen, [], `fields never seen on a page: ${unseen.join(', ')}`);
});
