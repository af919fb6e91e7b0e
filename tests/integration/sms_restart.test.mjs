// Kannel and a caunoi restart: a message a phone sends while caunoi is down is retried by
// Kannel's smsbox (http-request-retry) and answered once when caunoi is back on its port. And
// the secrets: the inbound token reaches caunoi only as Kannel's proxy credential, never in a
// URL, so none of Kannel's files (logs, stdout) ever holds it, nor the sendsms password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, serve, login } from '../lib/server.mjs';
import { Kannel, FakeSmsc, kannelPorts, caunoiFlags } from '../lib/kannel.mjs';

let srv, again, kannel, phone, k;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const HELP = 'Cau Noi: HS ma: xem ho so. GIAYTO ten thu tuc: giay to can mang. HOTRO viec can: to giup. DK ten xa: nhan canh bao. HUY: ngung.';
let numbers = 0;
const newPhone = () => `09140${String(process.pid % 1000).padStart(3, '0')}${String(++numbers).padStart(2, '0')}`;
// Where caunoi is now (the same port before and after the restart).
const base = () => (again ?? srv).base;

async function until(what, fn, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function ask(from, text) {
  const n = phone.to(from).length;
  phone.send(from, text);
  return (await phone.waitFor(from, n + 1))[n].text;
}

// A GET with headers of our choosing, straight to caunoi (fetch cannot send an absolute target).
function get(path, headers = {}, target = path) {
  const u = new URL(base());
  return new Promise((resolve, reject) => {
    http.get({ host: u.hostname, port: u.port, path: target, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
}
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

before(async () => {
  k = await kannelPorts();
  srv = await startServer({ households: 2, extra: caunoiFlags(k) });
  // Kannel's retries as configured for production (30 times, 10 s apart).
  kannel = new Kannel(k, srv.base);
  kannel.start();
  phone = new FakeSmsc(k.fakePort);
});
after(async () => {
  await phone?.stop();
  kannel?.stop();
  await again?.stop();
  await srv?.stop();
});

test('the generated configuration: three secrets, retries, no token in any URL', () => {
  const conf = kannel.file('kannel.conf');
  assert.match(conf, new RegExp(`^admin-password = ${k.admin}$`, 'm'));
  assert.match(conf, new RegExp(`^password = "${k.password}"$`, 'm'));
  assert.match(conf, new RegExp(`^http-proxy-password = "${k.token}"$`, 'm'));
  assert.equal(new Set([k.admin, k.password, k.token]).size, 3);
  assert.match(conf, /^http-request-retry = 30$/m);
  assert.match(conf, /^http-queue-delay = 10$/m);
  assert.match(conf, /^get-url = "[^"]*\/api\/v1\/sms\/inbound\?from=%p&to=%P&coding=%c&udh=%u&text=%b"$/m);
  assert.equal((conf.match(new RegExp(k.token, 'g')) || []).length, 1, 'the token only as the proxy password');
});

test('caunoi takes the token from a Basic credential only, whatever the target form', async () => {
  const q = '/api/v1/sms/inbound?from=0900000001&to=8079&coding=0&udh=&text=x';
  assert.equal(await get(q), 404, 'no token');
  assert.equal(await get(`${q}&t=${k.token}`), 404, 'a token in the URL is not taken (two secrets given)');
  assert.equal(await get(q, { 'proxy-authorization': basic('caunoi', `${k.token}x`) }), 404);
  assert.equal(await get(q, { 'proxy-authorization': basic('caunoi', k.password) }), 404, 'the sendsms password is not the token');
  assert.equal(await get(q, { 'proxy-authorization': `Bearer ${k.token}` }), 404);
  assert.equal(await get(q, { 'proxy-authorization': basic('caunoi', k.token) }, `${base()}${q}`), 200, 'as Kannel sends it');
  assert.equal(await get(q, { authorization: basic('anyone', k.token) }), 200);
  assert.equal(await get('/api/v1/sms/dlr?id=nothing&status=1', { 'proxy-authorization': basic('caunoi', k.token) }), 200);
  assert.equal(await get('/api/v1/sms/dlr?id=nothing&status=1'), 404);
});

test('a message sent while caunoi restarts is retried by Kannel and answered once', async () => {
  const from = newPhone();
  assert.equal(await ask(from, 'HD'), HELP);
  const port = new URL(srv.base).port;
  await srv.stop({ keep: true });
  const text = `HD restart${process.pid}`;
  phone.send(from, text);
  // Kannel tried, failed, and keeps it for its next try.
  await until('smsbox to fail once', () => kannel.file('smsbox.log').includes(`Couldn't fetch <${srv.base}/api/v1/sms/inbound?from=${from}&`));
  assert.equal(phone.to(from).length, 1);
  again = await serve([...srv.dbArgs, ...caunoiFlags(k)], { listen: `127.0.0.1:${port}` });
  assert.equal(again.base, srv.base);
  const got = await phone.waitFor(from, 2, 40000);
  assert.equal(got[1].text, HELP);
  // One more retry period: nothing comes twice.
  await sleep(11000);
  assert.equal(phone.to(from).length, 2, 'answered once');
  const admin = await login(again.base, 'admin');
  const rows = (await admin.get('/api/v1/sms/inbox')).json.items.filter((e) => e.body === text);
  assert.equal(rows.length, 1, 'stored once');
  assert.equal(rows[0].reply, HELP);
});

test('Kannel\'s logs never hold the token or the sendsms password, after messages and delivery reports', async () => {
  const officer = await login(base(), 'canbo.muongxen');
  const household = (await officer.get('/api/v1/households?limit=1')).json.items[0];
  const mine = newPhone();
  const r = await officer.post('/api/v1/residents', { household_id: household.id, full_name: 'Lò Văn Bản', phone: mine,
    phone_kind: 'basic', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(r.status, 201, r.text);
  for (const text of ['HD', 'GIAYTO khai sinh', 'xin chao, hoi chut']) await ask(newPhone(), text);
  const send = await officer.post('/api/v1/sms/send', { household_id: household.id, text: 'Họp thôn tối nay', send: 'true' });
  assert.equal(send.status, 200, send.text);
  await phone.waitFor(mine, 1);
  // The delivery report came back with the token (as the proxy credential), or it would stay "sent".
  await until('the delivery report', async () =>
    (await officer.get('/api/v1/sms/outbox')).json.items.find((m) => m.phone === mine)?.status === 'delivered');
  assert.ok(kannel.file('access.log').includes('Receive DLR'), 'a delivery report was logged');
  assert.ok(kannel.file('smsbox.log').includes("Couldn't fetch"), 'the failed requests of the restart were logged');
  for (const file of ['access.log', 'smsbox.log', 'bearerbox.log', 'bearerbox.out', 'smsbox.out']) {
    const lines = kannel.file(file).split('\n');
    for (const [name, secret] of [['token', k.token], ['sendsms password', k.password], ['admin password', k.admin],
      ['proxy credential', Buffer.from(`caunoi:${k.token}`).toString('base64')]])
      assert.deepEqual(lines.filter((l) => l.includes(secret)), [], `the ${name} in ${file}`);
    // Debug output dumps the configuration and every request's headers (in hex).
    assert.deepEqual(lines.filter((l) => l.includes('DEBUG:')), [], `debug output in ${file}`);
  }
});
