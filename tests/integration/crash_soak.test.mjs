// kill -9 the server again and again under mixed load (sync batches, visits, desk tickets, SMS sends,
// CAP warnings), through a real Kannel with fakesmsc playing the operator. After each restart:
// every write the server acknowledged is there exactly once, what was re-sent is never doubled,
// and at the end every message queued by an acknowledged request reached its phone — twice only
// within the window docs/sms.md names (a message in flight between Kannel's 202 and the database
// write). CAUNOI_SOAK_ROUNDS sets the number of kills (default 4).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, serve, login, caunoi } from '../lib/server.mjs';
import { serverWithKannel, caunoiFlags } from '../lib/kannel.mjs';
import { ulid } from '../lib/ulid.mjs';

const ROUNDS = Number(process.env.CAUNOI_SOAK_ROUNDS || 4);
const CONCURRENCY = 4;  // --sms-concurrency: at most this many messages in flight when killed
const SENDER = 'kttv.soak@example.vn';
const MY_PHONE = `0916${String(process.pid % 1e6).padStart(6, '0')}`;
let first, server, kannel, phone, k;
after(async () => {
  await phone?.stop();
  kannel?.stop();
  await server?.stop();
});

function capAlert(identifier, round) {
  const t = (m) => `${new Date(Date.now() + m * 60e3 + 7 * 3600e3).toISOString().slice(0, 19)}+07:00`;
  return `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>${identifier}</identifier><sender>${SENDER}</sender>
<sent>${t(-1)}</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><language>vi-VN</language>
<category>Met</category><event>Lũ quét</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty>
<expires>${t(360)}</expires><senderName>Đài KTTV tỉnh Nghệ An</senderName><instruction>Đợt ${round}: lên chỗ cao.</instruction>
<area><areaDesc>xã Mường Xén</areaDesc><geocode><valueName>commune</valueName><value>16813</value></geocode></area></info></alert>`;
}

test('repeated kill -9 under mixed load: nothing acknowledged lost or doubled, every queued message sent', { timeout: 300000 }, async (t) => {
  ({ k, srv: first, kannel, phone } = await serverWithKannel(startServer, { households: 6, extra: ['--sms-concurrency', String(CONCURRENCY), '--sms-lease-seconds', '10'] }));
  server = first;
  const port = new URL(first.base).port;
  const key = caunoi(['alert', 'key', SENDER, ...first.dbArgs]).trim();
  let member = await login(first.base, 'thanhvien.muongxen');
  let officer = await login(first.base, 'canbo.muongxen');
  const page = (await member.get('/api/v1/sync/pull?cursor=0&limit=500')).json;
  const homes = page.households.map((h) => ({ h, r: page.residents.find((r) => r.household_id === h.id) })).filter((x) => x.r);
  assert.ok(homes.length >= 3, 'households with residents');
  // One household with a phone that agreed to messages: the SMS sends go to it.
  const mine = await officer.post('/api/v1/residents', { household_id: homes[0].h.id, full_name: 'Lò Thị Thử', phone: MY_PHONE,
    phone_kind: 'basic', consent: true, consent_purposes: 'registry,notifications' });
  assert.equal(mine.status, 201, mine.text);
  const visitsOf = async (c) => Object.fromEntries(await Promise.all(homes.map(async ({ h }) =>
    [h.id, (await c.get(`/api/v1/households/${h.id}/sessions`)).json.items.map((s) => s.id)])));
  const start = await visitsOf(member);

  // What was sent and what of it the server acknowledged.
  const batches = [];                 // every sync batch sent: { ops, acked }
  const visits = new Set();           // ids of visits (POST /api/v1/sessions) acknowledged
  let visitsCut = 0;                  // visits whose answer the kill cut off (landed or not)
  const tickets = new Map();          // desk ticket id -> number, acknowledged
  const texts = new Map();            // SMS text -> its number of recipients, for each send acknowledged
  const attempted = new Set();        // every SMS text sent, acknowledged or cut off
  const alerts = [];                  // { identifier, round, acked, messages }
  let seq = 0;

  const visitOp = (i) => {
    const { h, r } = homes[i % homes.length];
    return { id: ulid(), kind: 'session', at: Date.now() - 1000, data: { household_id: h.id, channel: 'home_visit', minutes: 5,
      residents: r.id, service_1: 'vneid_account', outcome_1: 'done', tip: 'never_share_otp' } };
  };
  const swallow = (p) => p.catch(() => null);  // a request cut by the kill: not acknowledged
  const loops = (stop) => [
    (async () => { while (!stop.now) {
      const b = { ops: Array.from({ length: 25 }, (_, i) => visitOp(seq + i)), acked: false };
      seq += 25;
      batches.push(b);
      const r = await swallow(member.post('/api/v1/sync/push', { device: 'soak-phone', ops: b.ops }));
      if (r?.status === 200 && r.json.results.every((x) => x.status === 'applied' || x.status === 'duplicate')) b.acked = true;
    } })(),
    (async () => { while (!stop.now) {
      const { h, r: res } = homes[++seq % homes.length];
      const r = await swallow(member.post('/api/v1/sessions', { household_id: h.id, channel: 'home_visit', minutes: 7, residents: res.id,
        service_1: 'payment_account', outcome_1: 'done', tip: 'never_share_otp' }));
      if (r?.status === 201) visits.add(r.json.session.id);
      else if (!r) visitsCut++;
    } })(),
    (async () => { while (!stop.now) {
      const r = await swallow(officer.post('/api/v1/desk/tickets', { need: 'question' }));
      if (r?.status === 201) tickets.set(r.json.id, r.json.number);
    } })(),
    (async () => { while (!stop.now) {
      const text = `Hop ban so ${++seq}`;
      attempted.add(text);
      const r = await swallow(officer.post('/api/v1/sms/send', { household_id: homes[0].h.id, text, send: 'true' }));
      if (r?.status === 200) texts.set(text, r.json.recipients);
      await sleep(30);
    } })(),
  ];
  // A synced visit keeps its operation's id: each pushed operation is there exactly once (every
  // batch has been re-sent by now), each acknowledged API visit once, and nothing else is new but
  // API visits whose answer a kill cut off.
  const checkVisits = (now, when) => {
    const fresh = homes.flatMap(({ h }) => now[h.id].filter((id) => !start[h.id].includes(id)));
    const count = new Map();
    for (const id of fresh) count.set(id, (count.get(id) || 0) + 1);
    const ops = batches.flatMap((b) => b.ops.map((o) => o.id));
    assert.deepEqual(ops.filter((id) => count.get(id) !== 1), [], `${when}: each synced operation once`);
    assert.deepEqual([...visits].filter((id) => count.get(id) !== 1), [], `${when}: each acknowledged visit once`);
    const opSet = new Set(ops);
    const others = fresh.filter((id) => !opSet.has(id) && !visits.has(id));
    assert.ok(others.length <= visitsCut, `${when}: ${others.length} visits nobody was told about, ${visitsCut} cut off`);
  };
  const postAlert = (base, a) => swallow(fetch(`${base}/api/v1/alerts`, { method: 'POST',
    headers: { 'content-type': 'application/xml', authorization: `Key ${key}` }, body: capAlert(a.identifier, a.round) })
    .then(async (r) => ({ status: r.status, json: await r.json() })));

  for (let round = 1; round <= ROUNDS; round++) {
    const stop = { now: false };
    const running = loops(stop);
    const alert = { identifier: `SOAK-${process.pid}-${round}`, round, acked: false };
    alerts.push(alert);
    const posted = postAlert(server.base, alert).then((r) => { alert.acked = r?.status === 201; });
    await sleep(200 + Math.floor(Math.random() * 500));
    server.proc.kill('SIGKILL');
    assert.equal((await server.exited).signal, 'SIGKILL');
    stop.now = true;
    await Promise.all([...running, posted]);

    server = await serve([...first.dbArgs, ...caunoiFlags(k), '--sms-concurrency', String(CONCURRENCY), '--sms-lease-seconds', '10'], { listen: `127.0.0.1:${port}` });
    member = await login(server.base, 'thanhvien.muongxen');
    officer = await login(server.base, 'canbo.muongxen');
    // Re-sending every batch (acknowledged or cut off) applies what was missing, doubles nothing.
    for (const b of batches) {
      const r = await member.post('/api/v1/sync/push', { device: 'soak-phone', ops: b.ops });
      assert.equal(r.status, 200, r.text);
      for (const x of r.json.results) {
        if (b.acked) assert.equal(x.status, 'duplicate', `round ${round}: an acknowledged operation is already there`);
        else assert.ok(['applied', 'duplicate'].includes(x.status), x.status);
      }
    }
    // The warning again: acknowledged, it is a duplicate; if it was cut off, it is taken now.
    const again = await postAlert(server.base, alert);
    assert.ok(again && [200, 201].includes(again.status), JSON.stringify(again));
    if (alert.acked) assert.equal(again.json.duplicate, true, `round ${round}: the acknowledged warning is there`);
    alert.id = again.json.id;

    checkVisits(await visitsOf(member), `round ${round}`);
    const queue = (await officer.get('/api/v1/desk/queue')).json.items;
    for (const [id, number] of tickets) {
      const found = queue.filter((x) => x.id === id);
      assert.equal(found.length, 1, `round ${round}: ticket ${number} listed once`);
    }
    const numbers = queue.map((x) => x.number);
    assert.equal(new Set(numbers).size, numbers.length, 'no two tickets share a number');
    t.diagnostic(`round ${round}: ${batches.filter((b) => b.acked).length}/${batches.length} batches, ${visits.size} visits, ` +
      `${tickets.size} tickets, ${texts.size} SMS sends acknowledged; warning ${alert.acked ? 'acknowledged' : 'cut off'}`);
  }

  // Messages: each acknowledged send and each warning reaches its phones; duplicates only within
  // the in-flight window of each kill. A warning's audience is what its reach counts as taken by
  // the gateway once nothing of it is queued (a number that sent HUY is recorded as failed); its
  // messages are told apart by text (residents get the instruction, loudspeaker operators a link).
  const reach = async (a) => (await officer.get(`/api/v1/alerts/${a.id}/reach`)).json.sms;
  const ours = () => phone.received.filter((m) => /Hop ban so|CANH BAO/.test(m.text));
  const distinct = (list) => new Set(list.map((m) => `${m.to}|${m.text}`)).size;
  const missing = async () => {
    const out = [...texts].filter(([x, n]) => new Set(phone.received.filter((m) => m.text.includes(x)).map((m) => m.to)).size < n)
      .map(([x]) => x);
    for (const a of alerts) {
      const r = await reach(a);
      a.messages = r.sent + r.delivered;
      if (r.queued > 0) out.push(`Dot ${a.round}: ${JSON.stringify(r)}`);
      if (!phone.received.some((m) => m.text.includes(`Dot ${a.round}:`))) out.push(`Dot ${a.round}: no resident got it`);
    }
    const warned = distinct(ours().filter((m) => /CANH BAO/.test(m.text)));
    const audience = alerts.reduce((n, a) => n + a.messages, 0);
    if (warned < audience) out.push(`warnings: ${warned} of ${audience} messages received`);
    return out;
  };
  const end = Date.now() + 90000;
  while (Date.now() < end && (await missing()).length) await sleep(500);
  assert.deepEqual(await missing(), [], 'every acknowledged message reached its phone');
  await sleep(1500);  // anything extra would have come by now
  const got = ours();
  const doubled = got.length - distinct(got);
  const sent = new Set(got.map((m) => m.text.match(/Hop ban so \d+/)?.[0]).filter(Boolean));
  t.diagnostic(`${got.length} messages received, ${doubled} of them twice; ${sent.size} sends reached phones, ` +
    `${texts.size} of them acknowledged, ${attempted.size} made`);
  assert.ok(alerts.every((a) => a.messages > 0), 'each warning reached someone');
  assert.ok(doubled <= CONCURRENCY * ROUNDS, `${doubled} messages sent twice, more than the in-flight window allows`);
  // Nothing sent that nobody asked for: a send cut off by a kill may have landed, never one not made.
  assert.deepEqual([...sent].filter((x) => !attempted.has(x)), []);
  assert.equal(distinct(got.filter((m) => /CANH BAO/.test(m.text))), alerts.reduce((n, a) => n + a.messages, 0), 'each warning once per number');
});
