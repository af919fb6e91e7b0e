// Trust probes from outside (docs/security.md lists each with the test that shows it): response
// splitting and open redirects through `next`, sessions after a password change, login floods,
// connection floods, cursors and codes that could reveal another commune's data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServer, login, client, caunoi, BIN, DEMO_PASSWORD } from '../lib/server.mjs';

// The server believes X-Forwarded-For from 127.0.0.1 (as from a reverse proxy), so each test
// below can come from a client address of its own.
let srv;
before(async () => { srv = await startServer({ households: 6, extra: ['--trusted-proxy', '127.0.0.1'] }); });
after(async () => { await srv.stop(); });

const from = (addr) => ({ 'x-forwarded-for': addr });
async function apiLogin(user, password, headers = {}) {
  const res = await fetch(`${srv.base}/api/v1/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ login: user, password }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), json: await res.json().catch(() => undefined) };
}

// The raw response head for a request written byte for byte (fetch would refuse to send some of
// these, and would hide how the response was framed).
function rawHead(base, request) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname, () => sock.write(request));
    let got = '';
    sock.on('data', (d) => {
      got += d.toString('latin1');
      const end = got.indexOf('\r\n\r\n');
      if (end >= 0) { sock.destroy(); resolve(got.slice(0, end)); }
    });
    sock.on('error', reject);
    sock.on('close', () => resolve(got));
  });
}

// Header lines of a raw head, as [name, value] pairs (lower-case names).
function headerLines(head) {
  return head.split('\r\n').slice(1).map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).toLowerCase(), l.slice(i + 1).trim()];
  });
}

const GET = (path, extra = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${extra}\r\n`;

test('a next with CR/LF or a tab never reaches a header: no injected cookie, redirect stays home', async () => {
  const attacks = [
    '/x%0d%0aSet-Cookie:%20sid=fixed', '/x%0aSet-Cookie:%20sid=fixed', '/x%0dSet-Cookie:%20sid=fixed',
    '/%09/evil.example', '/%0a/evil.example', '/%0d/evil.example', '//evil.example', '/%5Cevil.example',
    '/\\evil.example', 'https://evil.example', '/%20/evil.example', '/%00/x',
  ];
  for (const next of attacks) {
    const head = await rawHead(srv.base, GET(`/lang/en?next=${next}`));
    const lines = headerLines(head);
    assert.match(head, /^HTTP\/1\.1 303/, `${next}: ${head}`);
    const cookies = lines.filter(([k]) => k === 'set-cookie').map(([, v]) => v);
    assert.deepEqual(cookies.map((c) => c.split('=')[0]), ['lang'], `${next}: ${head}`);
    assert.deepEqual(lines.filter(([k]) => k === 'location').map(([, v]) => v), ['/'], `${next}: ${head}`);
    assert.ok(!/[\t]/.test(head), `${next}: a tab in the head`);
  }
  // A genuine path is kept.
  const ok = headerLines(await rawHead(srv.base, GET('/lang/en?next=/procedures%3Fq%3Dkhai')));
  assert.deepEqual(ok.filter(([k]) => k === 'location').map(([, v]) => v), ['/procedures?q=khai']);
});

test('right after a genuine login, next cannot leave the site or add a header', async () => {
  for (const next of ['/%09/evil.example', '/x%0d%0aSet-Cookie:%20sid=fixed', '//evil.example', '/households']) {
    const page = await fetch(`${srv.base}/login`);
    const csrf = page.headers.get('set-cookie').match(/lcsrf=([^;]+)/)[1];
    const body = `_lcsrf=${csrf}&login=thanhvien.muongxen&password=${DEMO_PASSWORD}&next=${next}`;
    const head = await rawHead(srv.base, `POST /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
      `Cookie: lcsrf=${csrf}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    const lines = headerLines(head);
    assert.match(head, /^HTTP\/1\.1 303/, head);
    const want = next === '/households' ? '/households' : '/';
    assert.deepEqual(lines.filter(([k]) => k === 'location').map(([, v]) => v), [want], head);
    assert.ok(!lines.some(([k, v]) => k === 'set-cookie' && v.startsWith('sid=fixed')), head);
  }
});

test('logging in always starts a new session: a cookie planted or held before is never the one carried on', async () => {
  const formLogin = async (cookie) => {
    const page = await fetch(`${srv.base}/login`);
    const csrf = page.headers.get('set-cookie').match(/lcsrf=([^;]+)/)[1];
    const res = await fetch(`${srv.base}/login`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: `lcsrf=${csrf}; ${cookie}`, 'content-type': 'application/x-www-form-urlencoded', ...from('10.9.0.1') },
      body: new URLSearchParams({ _lcsrf: csrf, login: 'totruong.muongxen', password: DEMO_PASSWORD }),
    });
    assert.equal(res.status, 303);
    return (res.headers.get('set-cookie') || '').match(/sid=([^;]+)/)[1];
  };
  const today = (sid) => fetch(`${srv.base}/today`, { redirect: 'manual', headers: { cookie: `sid=${sid}` } }).then((r) => r.status);
  // Fixation: an attacker's chosen value is not adopted; it opens nothing before or after.
  const planted = 'A'.repeat(43);
  const first = await formLogin(`sid=${planted}`);
  assert.notEqual(first, planted);
  assert.equal(await today(planted), 303);
  assert.equal(await today(first), 200);
  // Logging in again while signed in gives a new token and ends the one held.
  const second = await formLogin(`sid=${first}`);
  assert.notEqual(second, first);
  assert.equal(await today(second), 200);
  assert.equal(await today(first), 303, 'the session held before the new login has ended');
});

test('changing one\'s password ends every other session; the changing one goes on with a fresh token', async () => {
  const phone = await login(srv.base, 'thanhvien.nangoi');   // a stolen token, say
  const laptop = await login(srv.base, 'thanhvien.nangoi');
  assert.equal((await phone.get('/api/v1/me')).status, 200);
  const r = await laptop.post('/api/v1/me/password', { current_password: DEMO_PASSWORD, new_password: 'Lúa nương bản Khe 9' });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.token && r.json.token !== laptop.token, 'a fresh token');
  assert.equal((await phone.get('/api/v1/me')).status, 401, 'the other session ended');
  assert.equal((await laptop.get('/api/v1/me')).status, 401, 'the old token of the changing session ended too');
  const fresh = client(srv.base, r.json.token, r.json.csrf);
  assert.equal((await fresh.get('/api/v1/me')).status, 200, 'the fresh token works');

  // The web form: the browser gets a new cookie, the page works with it, the old cookie is out.
  const other = await login(srv.base, 'thanhvien.nangoi', 'Lúa nương bản Khe 9');
  const body = new URLSearchParams({ _csrf: r.json.csrf, current_password: 'Lúa nương bản Khe 9', new_password: DEMO_PASSWORD });
  const page = await fetch(`${srv.base}/password`, {
    method: 'POST', redirect: 'manual', body,
    headers: { cookie: `sid=${r.json.token}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(page.status, 200, await page.text());
  const sid = (page.headers.get('set-cookie') || '').match(/sid=([^;]+)/);
  assert.ok(sid && sid[1] !== r.json.token, 'a new session cookie');
  assert.equal((await fetch(`${srv.base}/today`, { redirect: 'manual', headers: { cookie: `sid=${sid[1]}` } })).status, 200);
  assert.equal((await fetch(`${srv.base}/today`, { redirect: 'manual', headers: { cookie: `sid=${r.json.token}` } })).status, 303);
  assert.equal((await other.get('/api/v1/me')).status, 401);
});

test('failed and unknown logins from one address are refused before hashing, whatever login they name', async () => {
  const addr = from('10.20.30.40');
  let refused;
  for (let i = 0; i < 40 && !refused; i++) {
    const r = await apiLogin(`nobody-${i}`, 'guess-guess', addr);
    if (r.status === 429) refused = { at: i, r };
    else assert.equal(r.status, 401);
  }
  assert.ok(refused, 'the flood was never limited');
  assert.equal(refused.at, 30, 'thirty failures are allowed, not more');
  assert.ok(Number(refused.r.retryAfter) > 0, 'Retry-After says how long');
  // Even the right password waits now from that address; another address logs in at once.
  assert.equal((await apiLogin('thanhvien.muongxen', DEMO_PASSWORD, addr)).status, 429);
  assert.equal((await apiLogin('thanhvien.muongxen', DEMO_PASSWORD, from('10.20.30.41'))).status, 200);
  // A successful login does not count against its address.
  for (let i = 0; i < 35; i++) assert.equal((await apiLogin('totruong.muongxen', DEMO_PASSWORD, from('10.20.30.42'))).status, 200);
});

test('password hashing runs beside the other requests: a login flood does not hold up a page', async () => {
  // Forty logins from forty addresses (none limited), each an argon2id; the health check sent
  // while they are being hashed is answered before most of them.
  const done = [];
  const logins = Array.from({ length: 40 }, (_, i) =>
    apiLogin(`flood-${i}`, 'guess-guess', from(`10.99.0.${i + 1}`)).then((r) => { done.push(r.status); return r; }));
  await new Promise((resolve) => setTimeout(resolve, 30));
  const health = await fetch(`${srv.base}/healthz`);
  const before = done.length;
  assert.equal(health.status, 200);
  const all = await Promise.all(logins);
  assert.ok(before < all.length / 2, `the health check waited for ${before} of ${all.length} logins`);
  for (const r of all) assert.ok(r.status === 401 || (r.status === 503 && Number(r.retryAfter) > 0), String(r.status));
});

test('a household list cursor holding another commune\'s household says no more than an unknown one', async () => {
  const mine = await login(srv.base, 'canbo.muongxen');
  const theirs = await login(srv.base, 'canbo.nangoi');
  const theirHousehold = (await theirs.get('/api/v1/households?limit=1')).json.items[0].id;
  const unknown = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
  const a = await mine.get(`/api/v1/households?limit=5&cursor=${theirHousehold}`);
  const b = await mine.get(`/api/v1/households?limit=5&cursor=${unknown}`);
  assert.equal(a.status, b.status);
  assert.equal(a.text.replaceAll(theirHousehold, 'X'), b.text.replaceAll(unknown, 'X'));
  assert.ok(!a.json.items, 'no page for an id as cursor');
  // The village page is the same.
  const village = (await mine.get('/api/v1/households?limit=1')).json.items[0].village_id;
  const headers = { cookie: `sid=${mine.token}` };
  const pa = await fetch(`${srv.base}/areas/${village}?cursor=${theirHousehold}`, { headers });
  const pb = await fetch(`${srv.base}/areas/${village}?cursor=${unknown}`, { headers });
  assert.equal(pa.status, pb.status);
  assert.equal((await pa.text()).replaceAll(theirHousehold, 'X'), (await pb.text()).replaceAll(unknown, 'X'));
  // The cursors the list hands out still walk it.
  const first = await mine.get('/api/v1/households?limit=2');
  const second = await mine.get(`/api/v1/households?limit=2&cursor=${encodeURIComponent(first.json.next_cursor)}`);
  assert.equal(second.status, 200, second.text);
  assert.ok(second.json.items.length > 0 && second.json.items[0].id !== first.json.items[1].id);
});

test('a dossier code followed by another commune answers as an invalid code, and refusals are limited', async () => {
  const mine = await login(srv.base, 'canbo.muongxen');
  const theirs = await login(srv.base, 'canbo.nangoi');
  const residentOf = async (c) => {
    const h = (await c.get('/api/v1/households?limit=1')).json.items[0];
    return (await c.get(`/api/v1/households/${h.id}/residents`)).json.items[0].id;
  };
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const filing = (resident, code) => ({ resident_id: resident, procedure: 'permanent_residence', portal_code: code,
    submitted_on: today, channel: 'assisted_online' });
  const code = `H42.16813-${process.pid}-0001`;
  const theirResident = await residentOf(theirs);
  const myResident = await residentOf(mine);
  assert.equal((await theirs.post('/api/v1/dossiers', filing(theirResident, code))).status, 201);
  // Followed in one's own area: said so (409). Elsewhere: the answer of a code that is no code.
  assert.equal((await theirs.post('/api/v1/dossiers', filing(theirResident, code))).status, 409);
  const held = await mine.post('/api/v1/dossiers', filing(myResident, code), { 'accept-language': 'vi' });
  const malformed = await mine.post('/api/v1/dossiers', filing(myResident, '12'), { 'accept-language': 'vi' });
  assert.equal(held.status, 422, held.text);
  assert.equal(held.json.field, 'portal_code');
  assert.equal(held.json.title, malformed.json.title);
  // Testing codes here is limited like the public look-up (20 an hour).
  let limited = 0;
  for (let i = 0; i < 25; i++) {
    const r = await mine.post('/api/v1/dossiers', filing(myResident, code));
    if (r.status === 429) limited++;
    else assert.equal(r.status, 422);
  }
  assert.ok(limited >= 5, `limited ${limited} of 25`);
});

test('an unknown command is an error, with --help too', () => {
  for (const args of [['alerts', '--help'], ['alerts']]) {
    assert.throws(() => caunoi(args), (e) => e.status !== 0 && /unknown command alert/.test(e.stderr), args.join(' '));
  }
  assert.match(caunoi(['serve', '--help']), /--max-per-address/);
});

// A connected socket that has sent nothing (yet).
const connect = (port) => new Promise((resolve, reject) => {
  const s = net.connect(port, '127.0.0.1', () => resolve(s));
  s.on('error', reject);
});
const closed = (sock, ms) => new Promise((resolve) => {
  const t = setTimeout(() => resolve(false), ms);
  sock.on('close', () => { clearTimeout(t); resolve(true); });
});

test('connections are capped per address, and a client must send its headers within the deadline', async () => {
  const s = await startServer({ households: 2, extra: ['--max-per-address', '3', '--header-seconds', '2'] });
  try {
    const port = Number(new URL(s.base).port);
    const idle = [await connect(port), await connect(port), await connect(port)];
    idle.forEach((c) => c.on('error', () => {}));
    assert.match(await rawHead(s.base, GET('/healthz')), /^HTTP\/1\.1 503/, 'a fourth connection from the address');
    // One of the three leaves: a new one is served.
    idle[0].destroy();
    let head = '';
    for (let i = 0; i < 20 && !head.startsWith('HTTP/1.1 200'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      head = await rawHead(s.base, GET('/healthz'));
    }
    assert.match(head, /^HTTP\/1\.1 200/);
    // Half a request line, then nothing: cut at the header deadline (2 s), not after a minute.
    const slow = await connect(port);
    slow.on('error', () => {});
    slow.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    assert.ok(await closed(slow, 15000), 'a client sending headers slowly kept its connection');
    idle.forEach((c) => c.destroy());
  } finally {
    await s.stop();
  }
});

test('out of file descriptors, the server waits between accepts instead of spinning, and recovers', async () => {
  // The same database served again under a small descriptor limit.
  const s = await startServer({ households: 2 });
  const proc = spawn('prlimit', ['--nofile=40:40', BIN, 'serve', ...s.dbArgs, '--listen', '127.0.0.1:0', '--header-seconds', '60', '--quiet'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  try {
    const port = await new Promise((resolve, reject) => {
      proc.stdout.on('data', (d) => { const m = String(d).match(/listening on [\d.]+:(\d+)/); if (m) resolve(Number(m[1])); });
      proc.on('exit', (c) => reject(new Error(`exited ${c}: ${log}`)));
    });
    assert.match(log, /open files allowed/, 'the too-low limit is reported at start');
    const socks = [];
    for (let i = 0; i < 60; i++) {
      const c = net.connect(port, '127.0.0.1');
      c.on('error', () => {});
      socks.push(c);
    }
    await new Promise((r) => setTimeout(r, 500));
    const cpu = () => readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).reduce((a, b) => a + Number(b), 0);
    const t0 = cpu();
    await new Promise((r) => setTimeout(r, 2000));
    const ticks = cpu() - t0;  // clock ticks, 100 a second: a spinning accept loop burns ~200
    assert.ok(ticks < 60, `the accept loop used ${ticks} ticks of CPU in 2 s while out of descriptors`);
    assert.match(log, /accept failed/);
    socks.forEach((c) => c.destroy());
    let ok = false;
    for (let i = 0; i < 40 && !ok; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ok = (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => ({ status: 0 }))).status === 200;
    }
    assert.ok(ok, 'the server serves again once descriptors are free');
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.exitCode !== null ? r() : proc.on('exit', r));
    await s.stop();
  }
});

test('with several workers, a session ended on one is refused by the others at once', async () => {
  const s = await startServer({ households: 2, extra: ['--workers', '2'] });
  try {
    const c = await login(s.base, 'thanhvien.muongxen');
    // Each raw request is a new connection, and connections go to the workers in turn: both
    // workers have the session in their cache after these.
    const me = () => rawHead(s.base, GET('/api/v1/me', `Authorization: Bearer ${c.token}\r\n`));
    for (let i = 0; i < 4; i++) assert.match(await me(), /^HTTP\/1\.1 200/);
    const r = await c.post('/api/v1/me/password', { current_password: DEMO_PASSWORD, new_password: 'Nương ngô bên suối 7' });
    assert.equal(r.status, 200, r.text);
    for (let i = 0; i < 4; i++) assert.match(await me(), /^HTTP\/1\.1 401/, `request ${i} after the change`);
  } finally {
    await s.stop();
  }
});
