// Starts a real caunoi server on an ephemeral port over a fresh demo database, and speaks
// HTTP to it. Every test file gets its own server and database.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { tempDir } from './temp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.CAUNOI_BIN || join(root, 'build', 'caunoi');
export const DEMO_PASSWORD = 'caunoi-demo-2026';

export function caunoi(args, opts = {}) {
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
}

// The engine under test: PostgreSQL when scripts/test passes a cluster's admin address in
// CAUNOI_TEST_PG (each server then gets a database of its own), SQLite files otherwise.
export const PG_ADMIN = process.env.CAUNOI_TEST_PG || '';
export const ENGINE = PG_ADMIN ? 'postgresql' : 'sqlite';
let databases = 0;

export function psql(url, sql) {
  return execFileSync('psql', ['-qAtX', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], { encoding: 'utf8' });
}

// Runs `sql` on a server's database (`db`: a SQLite file or a PostgreSQL URL) and returns its
// output, trimmed. The sqlite3 shell waits up to 10 s for a lock the running server holds (a
// background write such as the weather pass), as the server itself does, instead of failing.
export function runSql(db, sql) {
  const out = PG_ADMIN ? psql(db, sql) : execFileSync('sqlite3', ['-cmd', '.timeout 10000', db, sql], { encoding: 'utf8' });
  return out.trim();
}

// One column of a query on a server's database, each row's value.
export function queryColumn(db, sql) {
  return runSql(db, sql).split('\n').filter((l) => l !== '');
}

// A fresh, empty database: a file in `dir`, or a new database in the test cluster.
export function freshDatabase(dir) {
  if (!PG_ADMIN) return { db: join(dir, 'test.db'), drop: () => {} };
  const name = `caunoi_${process.pid}_${++databases}`;
  psql(PG_ADMIN, `CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    db: url.toString(),
    drop: () => psql(PG_ADMIN, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

// `listen`: the address to serve on (default any free port).
export async function startServer({ households = 12, extra = [], listen = '127.0.0.1:0' } = {}) {
  const dir = tempDir('caunoi-test-');
  const fresh = freshDatabase(dir);
  const db = fresh.db;
  // The arguments every caunoi command needs to reach this server's data.
  const dbArgs = ['--db', db, '--secret-file', join(dir, 'test.key')];
  caunoi(['demo', ...dbArgs, '--households', String(households)]);
  // On PostgreSQL, prove the demo landed there (not in some file).
  if (PG_ADMIN && !(Number(psql(db, 'SELECT COUNT(*) FROM households')) > 0)) throw new Error(`no demo data in ${db}`);
  const srv = await serve([...dbArgs, ...extra], { listen });
  return {
    ...srv, db, dbArgs, dir,
    dropDatabase: fresh.drop,  // after stop({ keep: true })
    // Stops the server; keeps the database when asked (to serve it again).
    async stop({ keep = false } = {}) {
      const r = await srv.stop();
      // Every row the tests wrote carries its area's commune, the distribution column:
      // `caunoi citus-sql` checks every tenant table and refuses otherwise.
      const citus = caunoi(['citus-sql', ...dbArgs]);
      if (!citus.includes("create_distributed_table('households', 'commune_id')")) throw new Error(`citus-sql printed: ${citus}`);
      if (!keep) {
        rmSync(dir, { recursive: true, force: true });
        fresh.drop();
      }
      return r;
    },
  };
}

// Debian's libfaketime (package faketime), the multithreaded one.
const FAKETIME_LIB = (() => {
  for (const d of readdirSync('/usr/lib')) {
    const f = join('/usr/lib', d, 'faketime', 'libfaketimeMT.so.1');
    if (existsSync(f)) return f;
  }
  return '';
})();

// Runs `caunoi serve` with `args` on a free port (or on `listen`, e.g. the port it had before a
// restart); resolves once it listens. `at`: the server's clock starts at that moment (a Date) and
// ticks on, through Debian's faketime (for what only happens on a session's day); its timers keep
// the real monotonic clock.
export async function serve(args, { listen = '127.0.0.1:0', at = null } = {}) {
  // libfaketime preloaded into caunoi itself (the faketime command would run it as a child that a
  // signal to it does not reach).
  const env = !at ? process.env : {
    ...process.env, TZ: 'UTC', DONT_FAKE_MONOTONIC: '1', LD_PRELOAD: FAKETIME_LIB,
    FAKETIME: `@${at.toISOString().slice(0, 19).replace('T', ' ')}`,
  };
  const proc = spawn(BIN, ['serve', ...args, '--listen', listen], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on [\d.]+:(\d+)/);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
  });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    base: `http://127.0.0.1:${port}`, proc, exited,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

// A logged-in API client (bearer token).
export async function login(base, user, password = DEMO_PASSWORD) {
  const res = await fetch(`${base}/api/v1/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password }),
  });
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return client(base, body.token, body.csrf, body.user);
}

export function client(base, token, csrf, user) {
  const call = async (method, path, body, headers = {}) => {
    const h = { authorization: `Bearer ${token}`, ...headers };
    let payload;
    if (body !== undefined) {
      h['content-type'] = h['content-type'] || 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(`${base}${path}`, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    token, csrf, user,
    get: (p, h) => call('GET', p, undefined, h),
    post: (p, b, h) => call('POST', p, b, h),
    patch: (p, b, h) => call('PATCH', p, b, h),
    put: (p, b, h) => call('PUT', p, b, h),
    del: (p, h) => call('DELETE', p, undefined, h),
    call,
  };
}

// Folds Vietnamese text the way a person types without accents.
export function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

// Bytes on the wire for a page, gzip accepted as a phone's browser asks (fetch would decompress
// them out of sight); `headers` add a session cookie for staff pages.
export function wireSize(base, path, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(`${base}${path}`, { headers: { 'accept-encoding': 'gzip', ...headers } }, (res) => {
      let n = 0;
      res.on('data', (d) => { n += d.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes: n, encoding: res.headers['content-encoding'] }));
    }).on('error', reject);
  });
}
