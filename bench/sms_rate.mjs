// Outbox throughput through Kannel + fakesmsc, against Kannel's own sendsms driven directly the
// same way (CONCURRENCY requests in flight, each on a kept-alive connection, the same parameters
// and delivery-report URL), as caunoi's sender is with --sms-concurrency CONCURRENCY.
// Usage: node bench/sms_rate.mjs CAUNOI_BASE KANNEL_URL PASSWORD FAKE_PORT DB_FILE [N] [CONCURRENCY]
// Messages count when fakesmsc (the operator) has received them. Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { FakeSmsc } from '../tests/lib/kannel.mjs';

const [caunoi, kannel, password, fakePort, db, nArg, cArg] = process.argv.slice(2);
const N = Number(nArg || 2000);
const C = Number(cArg || 4);
const phone = new FakeSmsc(Number(fakePort));
await new Promise((r) => setTimeout(r, 1000));
const agent = new http.Agent({ keepAlive: true, maxSockets: C });
const get = (url) => new Promise((resolve, reject) => {
  http.get(url, { agent }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); }).on('error', reject);
});
async function received(prefix, n) {
  while (phone.received.filter((m) => m.text.startsWith(prefix)).length < n) await new Promise((r) => setTimeout(r, 5));
}
const number = (i) => `0915${String(i).padStart(6, '0')}`;

// 1. Kannel alone: sendsms, C requests in flight (each of C loops sends its next when answered).
let t0 = performance.now();
let next = 0;
async function loop() {
  for (let i = next++; i < N; i = next++) {
    const dlr = `${caunoi}/api/v1/sms/dlr?t=${password}&id=ref${i}&status=%d&reply=%A`;
    const q = new URLSearchParams({ username: 'caunoi', password, to: `84${number(i).slice(1)}`, text: `Ref ${i} Hop thon toi nay`, charset: 'UTF-8', 'dlr-mask': '31', 'dlr-url': dlr });
    const status = await get(`${kannel}/cgi-bin/sendsms?${q}`);
    if (status !== 202) throw new Error(`sendsms answered ${status}`);
  }
}
await Promise.all(Array.from({ length: C }, loop));
await received('Ref ', N);
const kannelMs = performance.now() - t0;

// 2. caunoi: N messages queued at once in the outbox (as a fan-out would), sent by its sender.
const now = Math.floor(Date.now() / 1000);
let sql = 'BEGIN;\n';
for (let i = 0; i < N; i++)
  sql += `INSERT INTO sms_outbox (commune_id, id, area_path, phone, body, parts, created_at, kind) VALUES ('16813', 'bench${String(i).padStart(6, '0')}', '40/16813', '${number(i)}', 'Tin ${i} Hop thon toi nay', 1, ${now}, 'manual');\n`;
sql += 'COMMIT;\n';
writeFileSync(`${db}.sms.sql`, sql);
t0 = performance.now();
execFileSync('sqlite3', [db, `.read ${db}.sms.sql`]);
await received('Tin ', N);
const caunoiMs = performance.now() - t0;
await phone.stop();
console.log(JSON.stringify({ messages: N, concurrency: C, kannel_ms: Math.round(kannelMs), kannel_per_s: Math.round(N / kannelMs * 1000),
  caunoi_ms: Math.round(caunoiMs), caunoi_per_s: Math.round(N / caunoiMs * 1000) }));
