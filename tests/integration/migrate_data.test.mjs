// Moving up: a SQLite province database, serving, is copied into PostgreSQL, verified by counts
// and checksums per table, and the copy serves the same data. Needs the test cluster that
// scripts/test starts (CAUNOI_PG_CLUSTER); without it this test fails rather than skip.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BIN, caunoi, serve, login, psql } from '../lib/server.mjs';

const CLUSTER = process.env.CAUNOI_PG_CLUSTER || process.env.CAUNOI_TEST_PG || '';
const dir = mkdtempSync(join(tmpdir(), 'caunoi-migrate-'));
const name = `caunoi_move_${process.pid}`;
after(() => {
  rmSync(dir, { recursive: true, force: true });
  if (CLUSTER) psql(CLUSTER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

test('migrate-data copies a live SQLite database into PostgreSQL, verified, and the copy serves', async () => {
  assert.ok(CLUSTER, 'CAUNOI_PG_CLUSTER must name a PostgreSQL cluster (scripts/test starts one)');
  const file = join(dir, 'province.db');
  const key = join(dir, 'province.key');
  caunoi(['demo', '--db', file, '--secret-file', key, '--households', '10']);
  const source = await serve(['--db', file, '--secret-file', key]);
  const target = new URL(CLUSTER);
  target.pathname = `/${name}`;
  psql(CLUSTER, `CREATE DATABASE ${name}`);
  try {
    // The source keeps serving (and writing) during the copy. The copy runs as a child this
    // process does not wait on synchronously, so the writes really go out while it runs (a
    // blocked event loop would leave their connections silent past the server's header timeout).
    const officer = await login(source.base, 'canbo.muongxen');
    const writes = Promise.all(Array.from({ length: 20 }, () => officer.post('/api/v1/desk/tickets', { need: 'question' })));
    const copying = promisify(execFile)(BIN, ['migrate-data', '--from', `sqlite:${file}`, '--to', target.toString()], { encoding: 'utf8' });
    const [written, { stdout: out }] = await Promise.all([writes, copying]);
    for (const w of written) assert.equal(w.status, 201, w.text);
    assert.match(out, /counts and checksums match/);
    const lines = out.trim().split('\n').filter((l) => l.endsWith('verified'));
    assert.ok(lines.length >= 20, `${lines.length} tables verified`);
    const households = lines.find((l) => l.startsWith('households\t'));
    assert.match(households, /^households\t(\d+) rows/);
    const n = Number(households.split('\t')[1].split(' ')[0]);
    assert.equal(Number(psql(target.toString(), 'SELECT COUNT(*) FROM households')), n);
    // A second copy into the same (now full) database is refused and changes nothing.
    assert.throws(() => caunoi(['migrate-data', '--from', `sqlite:${file}`, '--to', target.toString()]), /not empty/);
    assert.equal(Number(psql(target.toString(), 'SELECT COUNT(*) FROM households')), n);
    // Every word of the copied search documents is kept for the name search (V040).
    const words = (sql) => Number(psql(target.toString(), sql));
    assert.ok(words('SELECT COUNT(*) FROM name_words') > 10);
    assert.equal(words('SELECT COUNT(*) FROM name_words'),
      words("SELECT COUNT(DISTINCT w) FROM households, unnest(tsvector_to_array(search)) w WHERE w NOT LIKE '=%'"));
    // The copy serves the same people, and new rows get fresh ids after the copied ones.
    const copy = await serve(['--db', target.toString(), '--secret-file', key]);
    try {
      const admin = await login(copy.base, 'admin');
      const page = await admin.get('/api/v1/households?q=lo&limit=200');
      assert.equal(page.status, 200);
      const onCopy = await login(copy.base, 'canbo.muongxen');
      const t = await onCopy.post('/api/v1/desk/tickets', { need: 'procedure' });
      assert.equal(t.status, 201, t.text);
    } finally {
      await copy.stop();
    }
  } finally {
    await source.stop();
  }
  assert.throws(() => caunoi(['migrate-data', '--from', 'sqlite:/nonexistent.db', '--to', target.toString()]), /no such SQLite file/);
  assert.throws(() => caunoi(['migrate-data', '--from', `sqlite:${file}`, '--to', 'postgresql://caunoi@127.0.0.1:1/x?connect_timeout=2']), /cannot connect/);
});
