// Latency of the indicator pages and the name search on a province-scale database
// (bench/province.sh): one request at a time, keep-alive, each page after a warm-up, as the
// people who open them: the province admin (province page, a province-wide name search), a
// commune officer (the commune page, a search in the commune) and a team member (a search in
// their villages). The same count of requests for nginx serving the saved province page as a
// static file is the reference, in the same run. Prints markdown rows.
//   node bench/province_pages.mjs BASE NGINX_BASE OUTDIR NAMES_FILE COMMUNE
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, nginx, out, namesFile, commune] = process.argv.slice(2);
const PASSWORD = 'caunoi-demo-2026';
const N = Number(process.env.PAGE_REQUESTS || 200);

async function login(user) {
  const r = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login ${user}: ${r.status} ${await r.text()}`);
  return (await r.json()).token;
}

// Times `paths` (taken in turn) N times after 10 warm-up requests; fails on anything not 200.
async function timed(paths, headers = {}) {
  const ms = [];
  let bytes = 0;
  for (let i = -10; i < N; i++) {
    const t0 = performance.now();
    const r = await fetch(paths[(i + 10) % paths.length], { headers });
    const body = await r.arrayBuffer();
    const t = performance.now() - t0;
    if (r.status !== 200) throw new Error(`${paths[0]}: ${r.status}`);
    if (i >= 0) ms.push(t), bytes = Math.max(bytes, body.byteLength);
  }
  ms.sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(1);
  return { p50: q(0.5), p95: q(0.95), bytes };
}

const names = readFileSync(namesFile, 'utf8').split('\n').filter(Boolean);
const admin = { cookie: `sid=${await login('admin')}` };
const officer = { cookie: `sid=${await login(process.env.OFFICER || 'canbo.muongxen')}` };
const member = { cookie: `sid=${await login(process.env.MEMBER || 'thanhvien.muongxen')}` };
const page = await (await fetch(`${base}/indicators/40`, { headers: admin })).text();
writeFileSync(join(out, 'province.html'), page);

const rows = [
  ['province page (`/indicators/40`, admin)', await timed([`${base}/indicators/40`], admin)],
  [`commune page (\`/indicators/${commune}\`, officer)`, await timed([`${base}/indicators/${commune}`], officer)],
  ['nginx: the province page\'s bytes as a static file (reference)', await timed([`${nginx}/province.html`])],
];
const search = () => names.map((n) => `${base}/api/v1/households?limit=20&q=${encodeURIComponent(n)}`);
rows.push(['name search, whole province (admin)', await timed(search(), admin)]);
rows.push(['name search, one commune (officer)', await timed(search(), officer)]);
rows.push(['name search, the member\'s villages', await timed(search(), member)]);
for (const [what, r] of rows) console.log(`| ${what} | ${r.p50} | ${r.p95} | ${r.bytes} |`);
