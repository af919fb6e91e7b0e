// A gateway that answers garbage, or hangs up, or says it is busy: caunoi keeps the message
// queued with the reason, retries it, and goes on serving. (The real Kannel is in sms.test.mjs;
// this is what a broken one looks like on the wire.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, login } from '../lib/server.mjs';

let srv, broken, officer, leader, household, answers = 0;
const mine = '0916000777';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// To our number: garbage, then a hang-up, then 503, then accepted. To any other: 400.
const replies = [
  'garbage that is not HTTP\r\n\r\n',
  '',
  'HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy',
  'HTTP/1.1 202 Accepted\r\nContent-Length: 24\r\nConnection: close\r\n\r\n0: Accepted for delivery',
];
// With half a UTF-8 character in it: stored reasons must stay valid text (PostgreSQL refuses others).
const refusedBody = Buffer.concat([Buffer.from([0xe1, 0xba]), Buffer.from(' bad request')]);
const refused = Buffer.concat([Buffer.from(`HTTP/1.1 400 Bad Request\r\nContent-Length: ${refusedBody.length}\r\nConnection: close\r\n\r\n`), refusedBody]);

before(async () => {
  broken = net.createServer((sock) => {
    sock.once('data', (d) => {
      const ours = String(d).includes(`to=84${mine.slice(1)}`);
      const reply = ours ? replies[Math.min(answers++, replies.length - 1)] : refused;
      if (reply) sock.write(reply);
      sock.end();
    });
    sock.on('error', () => {});
  });
  await new Promise((r) => broken.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${broken.address().port}`;
  srv = await startServer({ households: 2, extra: ['--kannel-url', url, '--kannel-password', 'x', '--sms-retry-seconds', '1'] });
  officer = await login(srv.base, 'canbo.muongxen');
  leader = await login(srv.base, 'totruong.muongxen');
  household = (await officer.get('/api/v1/households?limit=1')).json.items[0];
});
after(async () => {
  await srv?.stop();
  broken?.close();
});

test('garbage, a hang-up and 503 are retried with their reason; a 400 fails the message; the server keeps serving', async () => {
  const r = await officer.post('/api/v1/residents', { household_id: household.id, full_name: 'Vi Văn Khăm', phone: mine,
    phone_kind: 'basic', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(r.status, 201, r.text);
  const send = await officer.post('/api/v1/sms/send', { household_id: household.id, text: 'Tin thu', send: 'true' });
  assert.equal(send.status, 200, send.text);
  const reasons = new Set();
  let m;
  for (let i = 0; i < 200; i++) {
    m = (await leader.get('/api/v1/sms/outbox')).json.items.find((x) => x.phone === mine);
    if (m?.reason) reasons.add(m.reason);
    if (m?.status === 'sent') break;
    await sleep(50);
  }
  assert.equal((await officer.get('/healthz')).status, 200, 'still serving');
  assert.equal(m.status, 'sent');
  assert.equal(m.attempts, 4, 'three retries, then sent once');
  assert.equal(answers, 4, 'never sent again once accepted');
  // Garbage is a broken answer; the hang-up after reading the request, no answer (Kannel may have
  // taken it: retried after the delay, not sent again at once).
  assert.ok([...reasons].some((x) => x.startsWith('a broken answer from Kannel')), [...reasons].join(' | '));
  assert.ok([...reasons].some((x) => x.startsWith('no answer from Kannel (it may have taken the message)')), [...reasons].join(' | '));
  // The demo's own notifications got 400: failed with Kannel's words, not retried.
  const refusedOnes = (await leader.get('/api/v1/sms/outbox')).json.items.filter((x) => x.phone !== mine && x.status === 'failed');
  assert.ok(refusedOnes.length > 0);
  for (const x of refusedOnes) assert.equal(x.reason, 'Kannel 400: ?? bad request');
});
