// Polling a CAP feed (docs/warnings.md): a hub served by this test lists fresh CAP alerts in an
// Atom feed; `caunoi serve --alert-feed` imports each once (an Update after the alert it updates,
// past an expired alert and a missing one). Feeds that time out, answer an HTML page or redirect
// forever leave the server serving, say why in the log, back off, and store nothing.
// Ports: any free one, unless CAUNOI_TEST_PORT_BASE names the start of a range to stay in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, serve, runSql } from '../lib/server.mjs';

const portBase = Number(process.env.CAUNOI_TEST_PORT_BASE || 0);
const port = (i) => (portBase ? portBase + i : 0);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const schema = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cap', 'cap12.xsd');

// CAP times carry Vietnam's offset (CAP 1.2 does not allow "Z").
const capTime = (ms) => new Date(ms + 7 * 3600e3).toISOString().slice(0, 19) + '+07:00';
const now = Date.now();
const sender = 'kttv.nghean@example.vn';
const tag = `FEED-${process.pid}-${now}`;

function cap({ id, sent, expires, msgType = 'Alert', references = '' }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${id}</identifier>
  <sender>${sender}</sender>
  <sent>${capTime(sent)}</sent>
  <status>Actual</status>
  <msgType>${msgType}</msgType>
  <scope>Public</scope>${references ? `\n  <references>${references}</references>` : ''}
  <info>
    <language>vi-VN</language>
    <category>Met</category>
    <event>Lũ quét</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <expires>${capTime(expires)}</expires>
    <headline>Cảnh báo lũ quét cấp 3 tại Mường Xén</headline>
    <area>
      <areaDesc>Mường Xén</areaDesc>
      <geocode><valueName>commune</valueName><value>16813</value></geocode>
    </area>
  </info>
</alert>
`;
}

const hour = 3600e3;
const alerts = {
  '/cap/1.xml': cap({ id: `${tag}-1`, sent: now - 60e3, expires: now + 6 * hour }),
  '/cap/2.xml': cap({ id: `${tag}-2`, sent: now - 30e3, expires: now + 6 * hour, msgType: 'Update',
    references: `${sender},${tag}-1,${capTime(now - 60e3)}` }),
  '/cap/old.xml': cap({ id: `${tag}-old`, sent: now - 3 * hour, expires: now - hour }),
};

let hub, hubUrl, srv;
const others = [];
const hits = new Map();
const sockets = new Set();

function feed() {
  // Newest first, as hubs list them; one link relative to the feed, one to nothing.
  const entry = (id, href) => `  <entry><id>urn:test:${id}</id><title>${id}</title><updated>${capTime(now)}</updated>
    <link rel="alternate" type="application/cap+xml" href="${href}"/></entry>\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:test:hub</id><title>Test hub</title><updated>${capTime(now)}</updated>
${entry('2', 'cap/2.xml')}${entry('missing', '/cap/missing.xml')}${entry('old', `${hubUrl}/cap/old.xml`)}${entry('1', `${hubUrl}/cap/1.xml`)}</feed>
`;
}

function sql(query) {
  return runSql(srv.db, query);
}
const stored = () => sql(`SELECT identifier, msg_type, COALESCE(superseded_by, '-') FROM alerts WHERE identifier LIKE '${tag}%' ORDER BY identifier`);

// Waits for `ok()`; `detail()` says what there was instead.
async function until(what, ok, detail = () => '', ms = 15000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (ok()) return;
  assert.fail(`timed out waiting for ${what}: ${detail()}`);
}

before(async () => {
  // The generated alerts are valid CAP 1.2 by the OASIS schema.
  const dir = mkdtempSync(join(tmpdir(), 'caunoi-feed-'));
  const files = Object.entries(alerts).map(([path, xml]) => {
    const f = join(dir, path.replaceAll('/', '_'));
    writeFileSync(f, xml);
    return f;
  });
  execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, ...files], { stdio: 'pipe' });
  rmSync(dir, { recursive: true });

  hub = http.createServer((req, res) => {
    hits.set(req.url, (hits.get(req.url) || 0) + 1);
    if (req.url === '/feed.atom') {
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      res.end(feed());
    } else if (alerts[req.url]) {
      res.writeHead(200, { 'content-type': 'application/cap+xml' });
      res.end(alerts[req.url]);
    } else if (req.url === '/slow.atom') {
      // Never answers.
    } else if (req.url === '/maintenance') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><h1>Bảo trì hệ thống</h1></body></html>');
    } else if (req.url.startsWith('/loop/')) {
      res.writeHead(302, { location: req.url === '/loop/a' ? '/loop/b' : `${hubUrl}/loop/a` });
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  hub.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((r) => hub.listen(port(0), '127.0.0.1', r));
  hubUrl = `http://127.0.0.1:${hub.address().port}`;
  srv = await startServer({ households: 2, listen: `127.0.0.1:${port(1)}`,
    extra: ['--alert-feed', `${hubUrl}/feed.atom`, '--alert-feed-seconds', '1'] });
});

after(async () => {
  for (const o of others) await o.stop();
  await srv?.stop();
  for (const s of sockets) s.destroy();
  hub?.close();
});

test('the feed\'s alerts are imported once, an Update after what it updates; an expired and a missing item stop nothing', async () => {
  await until('both alerts stored', () => stored().split('\n').length === 2 && stored().includes('Update'),
    () => `${stored()}\n${srv.log()}`);
  const id1 = sql(`SELECT id FROM alerts WHERE identifier = '${tag}-1'`);
  const id2 = sql(`SELECT id FROM alerts WHERE identifier = '${tag}-2'`);
  assert.equal(stored(), `${tag}-1|Alert|${id2}\n${tag}-2|Update|-`, 'the Update supersedes the alert');
  assert.equal(sql(`SELECT commune_id FROM alert_communes WHERE alert_id = '${id1}'`), '16813');
  // A few more polls: nothing is fetched again but what failed, three times at most.
  await until('four polls', () => (hits.get('/feed.atom') || 0) >= 4);
  assert.equal(hits.get('/cap/1.xml'), 1);
  assert.equal(hits.get('/cap/2.xml'), 1);
  assert.equal(hits.get('/cap/old.xml'), 3);
  assert.equal(hits.get('/cap/missing.xml'), 3);
  const log = srv.log();
  assert.match(log, new RegExp(`item ${hubUrl}/cap/old.xml refused: alert/info/expires: already expired`));
  assert.match(log, new RegExp(`item ${hubUrl}/cap/missing.xml not fetched: HTTP 404`));
  assert.match(log, /given up after 3 tries/);
  assert.match(log, new RegExp(`alert feed: imported ${sender} ${tag}-1`));
  assert.equal(sql(`SELECT COUNT(*) FROM alerts WHERE identifier = '${tag}-old'`), '0');
  assert.equal((await fetch(`${srv.base}/healthz`)).status, 200);
});

test('a feed that times out, answers an HTML page or redirects forever: the server keeps serving, says why, backs off', async () => {
  const before = sql('SELECT COUNT(*) FROM alerts');
  const cases = [
    ['/slow.atom', /alert feed .*\/slow.atom: timed out after 1 s; next try in 2 s/],
    ['/maintenance', /alert feed .*\/maintenance: an HTML page \(text\/html\), not a feed or a CAP document/],
    ['/loop/a', /alert feed .*\/loop\/a: a redirect loop: .*\/loop\/b -> .*\/loop\/a/],
  ];
  let i = 2;
  for (const [path] of cases) {
    others.push(await serve([...srv.dbArgs, '--alert-feed', `${hubUrl}${path}`, '--alert-feed-seconds', '1',
      '--alert-feed-timeout', '1'], { listen: `127.0.0.1:${port(i++)}` }));
  }
  await until('each reason, twice, the wait doubled', () => others.every((o) => /next try in 4 s/.test(o.log())),
    () => others.map((o) => o.log()).join('\n'));
  cases.forEach(([, reason], k) => assert.match(others[k].log(), reason));
  for (const o of others) {
    assert.equal((await fetch(`${o.base}/healthz`)).status, 200, 'still serving');
    assert.equal(o.proc.exitCode, null);
  }
  assert.equal(sql('SELECT COUNT(*) FROM alerts'), before, 'nothing stored');
});
