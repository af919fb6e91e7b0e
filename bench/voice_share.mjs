// The share of the catalogue's texts residents can read and hear in each language, on the demo
// data (docs/benchmarks.md "Voice: the catalogue's coverage"): a demo database made by
// `caunoi demo`, served, and its coverage page read (/translations, as the province admin).
// Written: approved translations made from the current Vietnamese. Recorded: approved recordings.
// Heard: what /listen gives for every text (recorded, or the Vietnamese read by espeak-ng).
// Usage: node bench/voice_share.mjs  (needs build/caunoi; tests/node_modules not needed)
import { startServer, login } from '../tests/lib/server.mjs';

const srv = await startServer({ households: 40 });
try {
  const admin = await login(srv.base, 'admin');
  const page = await fetch(`${srv.base}/translations`, { headers: { cookie: `sid=${admin.token}` } }).then((r) => r.text());
  const langs = [...page.slice(page.indexOf('id="coverage"')).matchAll(/<th>([^<]+)<\/th>/g)].map((m) => m[1]);
  const rows = [...page.matchAll(/<tr><td><a href="\/translations\?group=(\w+)#texts">[^<]*<\/a><\/td>(.*?)<\/tr>/g)];
  const total = {};
  for (const [, group, cells] of rows) {
    const counts = [...cells.matchAll(/<td>(\d+)\/(\d+)[^<]*(?:<svg[^]*?<\/svg>)? (\d+)<\/td>/g)];
    counts.forEach(([, written, texts, recorded], i) => {
      const t = (total[langs[i]] ||= { texts: 0, written: 0, recorded: 0, groups: {} });
      t.texts += +texts; t.written += +written; t.recorded += +recorded;
      t.groups[group] = `${written}/${texts} written, ${recorded} recorded`;
    });
  }
  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '0.0') + ' %';
  console.log('| language | texts | written | recorded | heard (recorded or Vietnamese by espeak-ng) |');
  console.log('|---|---|---|---|---|');
  for (const [lang, t] of Object.entries(total))
    console.log(`| ${lang} | ${t.texts} | ${t.written} (${pct(t.written, t.texts)}) | ${t.recorded} (${pct(t.recorded, t.texts)}) | ${t.texts} (100 %, ${pct(t.texts - t.recorded, t.texts)} as Vietnamese) |`);
  console.log(JSON.stringify(total, null, 1));
} finally {
  await srv.stop();
}
