// One instance per province, a national rollup over them (docs/scaling.md): two province
// databases share only their commune_indicators and commune_indicator_figures views with a reader that can read nothing else,
// and scripts/pg/rollup unions them in a rollup database through postgres_fdw. Needs the test
// cluster that scripts/test starts (CAUNOI_PG_CLUSTER); without it this test fails rather than skip.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caunoi, psql } from '../lib/server.mjs';

const CLUSTER = process.env.CAUNOI_PG_CLUSTER || '';
const ROLLUP = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'pg', 'rollup');
const dir = mkdtempSync(join(tmpdir(), 'caunoi-rollup-'));
const names = ['a', 'b', 'national'].map((n) => `caunoi_rollup_${n}_${process.pid}`);
const reader = `caunoi_reader_${process.pid}`;
const at = (db) => { const u = new URL(CLUSTER); u.pathname = `/${db}`; return u.toString(); };
after(() => {
  rmSync(dir, { recursive: true, force: true });
  if (!CLUSTER) return;
  for (const n of names) psql(CLUSTER, `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
  psql(CLUSTER, `DROP ROLE IF EXISTS ${reader}`);
});

test('a national rollup sums the provinces\' indicators and can read nothing personal', () => {
  assert.ok(CLUSTER, 'CAUNOI_PG_CLUSTER must name a PostgreSQL cluster (scripts/test starts one)');
  const [a, b, national] = names;
  for (const n of names) psql(CLUSTER, `CREATE DATABASE ${n}`);
  caunoi(['demo', '--db', at(a), '--secret-file', join(dir, 'a.key'), '--households', '4', '--seed', '1']);
  caunoi(['demo', '--db', at(b), '--secret-file', join(dir, 'b.key'), '--households', '7', '--seed', '2']);
  const own = (db) => psql(at(db), 'SELECT COUNT(*), (SELECT COUNT(*) FROM residents) FROM households').trim().split('|').map(Number);
  const [ha, ra] = own(a);
  const [hb, rb] = own(b);
  const cluster = new URL(CLUSTER);
  for (const [db, name] of [[a, 'province_a'], [b, 'province_b']]) {
    execFileSync(ROLLUP, ['grant', at(db), reader, 'reader-pw']);
    execFileSync(ROLLUP, ['add', at(national), name, `host=${cluster.hostname} port=${cluster.port} dbname=${db}`, reader, 'reader-pw']);
  }
  const rows = psql(at(national), 'SELECT province, SUM(households), SUM(residents) FROM national_indicators GROUP BY 1 ORDER BY 1')
    .trim().split('\n').map((l) => l.split('|'));
  assert.deepEqual(rows, [['province_a', String(ha), String(ra)], ['province_b', String(hb), String(rb)]]);
  // The indicator figures travel too: the households counted by "fibre at home" are every household.
  const figures = psql(at(national), "SELECT province, SUM(den) FROM national_indicator_figures WHERE indicator = 'hh_fibre' " +
    "AND month = (SELECT MAX(month) FROM national_indicator_figures) GROUP BY 1 ORDER BY 1").trim().split('\n').map((l) => l.split('|'));
  assert.deepEqual(figures, [['province_a', String(ha)], ['province_b', String(hb)]]);
  assert.ok(ha > 0 && hb > ha);
  // The reader sees counts, never people: the residents table is closed to it.
  const asReader = new URL(at(a));
  asReader.username = reader;
  assert.throws(() => psql(asReader.toString(), 'SELECT COUNT(*) FROM residents'), /permission denied/);
  assert.equal(Number(psql(asReader.toString(), 'SELECT SUM(households) FROM commune_indicators')), ha);
  assert.throws(() => psql(asReader.toString(), 'SELECT COUNT(*) FROM indicator_values'), /permission denied/, 'village figures stay home');
  // A bad name is refused before anything runs.
  assert.throws(() => execFileSync(ROLLUP, ['add', at(national), 'Bad-Name', 'host=x', reader, 'pw'], { stdio: 'pipe' }), /lowercase name/);
});
