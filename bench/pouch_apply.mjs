// Apply rate of the same pushed operations on caunoi (POST /api/v1/sync/push, docs/sync.md) and
// on the CHT stack's server (express-pouchdb on LevelDB, POST /{db}/_bulk_docs), one push at a
// time, 500 operations a push, as a phone sends them. Used by bench/pouch_apply.sh.
// Usage: node bench/pouch_apply.mjs CAUNOI_URL|- POUCH_URL|- DB_FILE [N] [ORDER]
//   '-' skips that server; DB_FILE: the caunoi demo database (the operations name its households
//   and residents); ORDER "caunoi,pouch" or "pouch,caunoi": which server's push goes first in
//   the first pair. Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { ulid } from '../tests/lib/ulid.mjs';

const [caunoi, pouch, db, n = '10000', order = 'caunoi,pouch'] = process.argv.slice(2);
const N = Number(n), BATCH = 500;
const login = { user: 'thanhvien.muongxen', password: 'caunoi-demo-2026' };
// The member's households with one resident each, as bench/sync_apply.mjs picks them.
const rows = execFileSync('sqlite3', ['-separator', '\t', db, `SELECT h.id, (SELECT r.id FROM residents r WHERE r.household_id = h.id LIMIT 1) FROM households h WHERE h.village_id IN (SELECT village_id FROM team_villages WHERE team_id = (SELECT team_id FROM users WHERE username = '${login.user}')) AND EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id)`], { encoding: 'utf8' })
  .trim().split('\n').map((l) => l.split('\t'));
const at = Date.now() - 1000;
// One list of operations for both servers: a support session each, the field app's shape.
const ops = Array.from({ length: N }, (_, i) => {
  const [hid, rid] = rows[i % rows.length];
  return { id: ulid(), kind: 'session', at, data: { household_id: hid, channel: 'home_visit', minutes: 5, residents: rid, service_1: 'vneid_account', outcome_1: 'done', tip: 'never_share_otp' } };
});

async function post(url, headers, body) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (r.status !== 200 && r.status !== 201) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return r.json();
}

// Each server's pushes: prepare() logs in or makes the database; push(i) sends operations i..i+499.
const servers = {
  caunoi: {
    h: null,
    async prepare() {
      const { token } = await post(`${caunoi}/api/v1/login`, {}, { login: login.user, password: login.password });
      this.h = { authorization: `Bearer ${token}` };
    },
    async push(i) {
      const body = await post(`${caunoi}/api/v1/sync/push`, this.h, { device: 'bench', ops: ops.slice(i, i + BATCH) });
      const bad = body.results.find((x) => x.status !== 'applied');
      if (bad) throw new Error(JSON.stringify(bad));
    },
  },
  pouch: {
    // A fresh database; each operation becomes a document with the operation's id and fields,
    // as a PouchDB phone would replicate it (new_edits: the server assigns the revisions).
    async prepare() {
      const r = await fetch(`${pouch}/bench`, { method: 'PUT' });
      if (r.status !== 201) throw new Error(`PUT ${pouch}/bench: ${r.status} ${await r.text()}`);
    },
    async push(i) {
      const docs = ops.slice(i, i + BATCH).map(({ id, ...rest }) => ({ _id: id, device: 'bench', ...rest }));
      const results = await post(`${pouch}/bench/_bulk_docs`, {}, { docs });
      const bad = results.find((x) => !x.ok);
      if (bad || results.length !== docs.length) throw new Error(JSON.stringify(bad));
    },
  },
};

// The two servers' pushes interleave (one of each, the first of the pair alternating), so that
// both see the same moments of this shared machine; each server's time is the sum of its own.
const names = order.split(',').filter((name) => (name === 'caunoi' ? caunoi : pouch) !== '-');
const ms = Object.fromEntries(names.map((name) => [name, 0]));
for (const name of names) await servers[name].prepare();
for (let i = 0, k = 0; i < N; i += BATCH, k++) {
  for (const name of k % 2 ? [...names].reverse() : names) {
    // A pause outside the timing lets the other server's work after its answer (node's garbage
    // collector threads, LevelDB's compaction, both on the same core) end before this push.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const t0 = performance.now();
    await servers[name].push(i);
    ms[name] += performance.now() - t0;
  }
}
const out = { ops: N, batch: BATCH };
for (const name of names) {
  out[`${name}_ms`] = Math.round(ms[name]);
  out[`${name}_ops_per_s`] = Math.round(N / ms[name] * 1000);
}
if (out.caunoi_ms && out.pouch_ms) out.ratio = Number((ms.pouch / ms.caunoi).toFixed(2));
console.log(JSON.stringify(out));
