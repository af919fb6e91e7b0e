// /metrics for Prometheus: protected by a token, in the text format, counting what happened
// (requests by route and status, latency, sync operations) and reading the queues from the
// database; and the sample Grafana dashboard in docs/ asks only for metrics the server exposes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, login, runSql } from '../lib/server.mjs';
import { ulid } from '../lib/ulid.mjs';

const TOKEN = 'scraper-7f3a9c1e5b2d8f4a6c0e9b1d';
let srv, dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caunoi-metrics-'));
  writeFileSync(join(dir, 'metrics.token'), `${TOKEN}\n`, { mode: 0o600 });
  srv = await startServer({ households: 6, extra: ['--metrics-token-file', join(dir, 'metrics.token')] });
});
after(async () => {
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

function sql(query) {
  return runSql(srv.db, query);
}

// The scrape, checked line by line against the text format; returns the samples and the types.
async function scrape() {
  const res = await fetch(`${srv.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const types = new Map();
  const samples = [];
  for (const line of (await res.text()).split('\n')) {
    if (line === '') continue;
    let m = line.match(/^# TYPE ([a-z_]+) (counter|gauge|histogram)$/);
    if (m) { types.set(m[1], m[2]); continue; }
    if (/^# HELP [a-z_]+ \S/.test(line)) continue;
    m = line.match(/^([a-z_]+)(\{(?:[a-z_]+="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.]+(?:e[+-]?[0-9]+)?|\+Inf)$/);
    assert.ok(m, `not a sample line: ${line}`);
    const family = m[1].replace(/_(bucket|sum|count)$/, (s) => (types.get(m[1].slice(0, -s.length)) === 'histogram' ? '' : s));
    assert.ok(types.has(family), `${m[1]} has no TYPE line`);
    const labels = Object.fromEntries([...(m[2] || '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    samples.push({ name: m[1], labels, value: Number(m[3] === '+Inf' ? Infinity : m[3]) });
  }
  return { types, samples };
}

function value({ samples }, name, labels = {}) {
  const s = samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  return s ? s.value : 0;
}

test('without the token, or with another, /metrics does not exist', async () => {
  assert.equal((await fetch(`${srv.base}/metrics`)).status, 404);
  for (const t of ['wrong', TOKEN.slice(0, -1), `${TOKEN}x`])
    assert.equal((await fetch(`${srv.base}/metrics`, { headers: { authorization: `Bearer ${t}` } })).status, 404);
  // Nor does a logged-in admin's session open it.
  const admin = await login(srv.base, 'admin');
  assert.equal((await admin.get('/metrics')).status, 404);
});

test('requests are counted by route pattern and status, with their latency', async () => {
  const before = await scrape();
  for (let i = 0; i < 3; i++) assert.equal((await fetch(`${srv.base}/healthz`)).status, 200);
  assert.equal((await fetch(`${srv.base}/no/such/page/${ulid()}`)).status, 404);
  const member = await login(srv.base, 'thanhvien.muongxen');
  const h = (await member.get('/api/v1/households?limit=1')).json.items[0];
  assert.equal((await member.get(`/api/v1/households/${h.id}`)).status, 200);
  const after = await scrape();
  const healthz = { route: '/healthz', method: 'GET', status: '200' };
  assert.equal(value(after, 'caunoi_http_requests_total', healthz) - value(before, 'caunoi_http_requests_total', healthz), 3);
  // The pattern, not the id: one series for every household.
  assert.equal(value(after, 'caunoi_http_requests_total', { route: '/api/v1/households/{id}', status: '200' }), 1);
  assert.ok(!after.samples.some((s) => (s.labels.route || '').includes(h.id)), 'no id in a label');
  const unmatched = { route: 'unmatched', method: 'GET', status: '404' };
  assert.equal(value(after, 'caunoi_http_requests_total', unmatched) - value(before, 'caunoi_http_requests_total', unmatched), 1);
  // The histogram: cumulative buckets, +Inf = count.
  const buckets = after.samples.filter((s) => s.name === 'caunoi_http_request_duration_seconds_bucket' && s.labels.route === '/healthz');
  assert.ok(buckets.length > 5);
  for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value);
  assert.equal(buckets.at(-1).labels.le, '+Inf');
  assert.equal(buckets.at(-1).value, value(after, 'caunoi_http_request_duration_seconds_count', { route: '/healthz' }));
  assert.ok(value(after, 'caunoi_http_request_duration_seconds_sum', { route: '/healthz' }) > 0);
});

test('sync operations are counted by result', async () => {
  const member = await login(srv.base, 'thanhvien.muongxen');
  const pulled = (await member.get('/api/v1/sync/pull?cursor=0&limit=200')).json;
  const h = pulled.households[0];
  const r = pulled.residents.find((x) => x.household_id === h.id);
  const session = { id: ulid(), kind: 'session', at: Date.now() - 60_000, data: { household_id: h.id, channel: 'home_visit', minutes: 10, residents: r.id, service_1: 'vneid_account', outcome_1: 'done', tip: 'never_share_otp' } };
  const before = await scrape();
  const push = await member.post('/api/v1/sync/push', { device: 'metrics-test', ops: [session, { ...session, id: ulid(), kind: 'teleport' }] });
  assert.equal(push.status, 200, push.text);
  assert.equal((await member.post('/api/v1/sync/push', { device: 'metrics-test', ops: [session] })).status, 200);
  const after = await scrape();
  for (const [result, n] of [['applied', 1], ['rejected', 1], ['duplicate', 1]])
    assert.equal(value(after, 'caunoi_sync_operations_total', { result }) - value(before, 'caunoi_sync_operations_total', { result }), n, result);
  // The rejected operation undid the first attempt; the repeat went through in its first.
  for (const [attempt, n] of [['first', 1], ['isolated', 1]])
    assert.equal(value(after, 'caunoi_sync_pushes_total', { attempt }) - value(before, 'caunoi_sync_pushes_total', { attempt }), n, attempt);
});

test('a push whose later operations read what its earlier ones wrote goes through in its first attempt', async () => {
  // The first attempt gathers the rows it writes (docs/sync.md): a correction of a session sent
  // just before it in the same push, and the retry task of "no signal" (which names its session),
  // must find those rows written, not fail and fall back to one operation at a time.
  const member = await login(srv.base, 'thanhvien.muongxen');
  const pulled = (await member.get('/api/v1/sync/pull?cursor=0&limit=200')).json;
  const h = pulled.households[1];
  const r = pulled.residents.find((x) => x.household_id === h.id);
  const at = Date.now() - 60_000;
  const visit = (extra) => ({ id: ulid(), kind: 'session', at, data: { household_id: h.id, channel: 'home_visit', minutes: 10, residents: r.id, service_1: 'vneid_account', tip: 'never_share_otp', ...extra } });
  const done = visit({ outcome_1: 'done' });
  const fix = visit({ outcome_1: 'partly', corrects: done.id });
  const noSignal = visit({ outcome_1: 'not_done', reason_1: 'no_signal' });
  const before = await scrape();
  const push = await member.post('/api/v1/sync/push', { device: 'metrics-test', ops: [done, fix, noSignal] });
  assert.equal(push.status, 200, push.text);
  assert.deepEqual(push.json.results.map((x) => x.status), ['applied', 'applied', 'applied'], push.text);
  const after = await scrape();
  for (const [attempt, n] of [['first', 1], ['isolated', 0]])
    assert.equal(value(after, 'caunoi_sync_pushes_total', { attempt }) - value(before, 'caunoi_sync_pushes_total', { attempt }), n, attempt);
});

test('queues and warnings are read from the database at each scrape', async () => {
  const m = await scrape();
  for (const status of ['queued', 'sent', 'delivered', 'failed'])
    assert.equal(value(m, 'caunoi_sms_outbox_messages', { status }), Number(sql(`SELECT COUNT(*) FROM sms_outbox WHERE status = '${status}'`)), status);
  const now = Math.floor(Date.now() / 1000);
  assert.equal(value(m, 'caunoi_warnings_in_force'),
    Number(sql(`SELECT COUNT(*) FROM alerts WHERE superseded_by IS NULL AND expires > ${now} AND status = 'Actual'`)));
  assert.equal(m.types.get('caunoi_warning_villages'), 'gauge');
  assert.equal(m.types.get('caunoi_db_pool_waits_total'), 'counter');
  assert.ok(value(m, 'caunoi_sms_oldest_queued_age_seconds') >= 0);
});

test('the sample Grafana dashboard asks only for metrics the server exposes', async () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dash = JSON.parse(readFileSync(join(root, 'docs', 'grafana-dashboard.json'), 'utf8'));
  const { types } = await scrape();
  const exprs = dash.panels.flatMap((p) => (p.targets || []).map((t) => t.expr));
  assert.ok(exprs.length >= 6, 'a panel per thing to watch');
  for (const expr of exprs) {
    const names = expr.match(/caunoi_[a-z_]+/g) || [];
    assert.ok(names.length, `no caunoi metric in ${expr}`);
    for (const n of names) {
      const family = n.replace(/_(bucket|sum|count)$/, '');
      assert.ok(types.has(n) || (types.get(family) === 'histogram' && family !== n), `${n} (in ${expr}) is not exposed`);
    }
  }
});
