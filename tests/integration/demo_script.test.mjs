// scripts/demo, stopped by a TERM at any moment, stops everything it started: the server, the
// phone (fakesmsc) and Kannel's bearerbox and smsbox. Each run has its own data folder, so every
// process it started names that folder on its command line (or is the phone, found by its port).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

// Processes whose command line mentions `text`.
function processesNaming(text) {
  const out = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmd.includes(text) && Number(pid) !== process.pid) out.push(`${pid}: ${cmd}`);
    } catch { /* gone meanwhile */ }
  }
  return out;
}

async function runAndStop(when) {
  const data = mkdtempSync(join(tmpdir(), 'caunoi-demo-'));
  const port = await freePort();
  const demo = spawn(join(root, 'scripts', 'demo'), [], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CAUNOI_DEMO_DIR: data, CAUNOI_LISTEN: `127.0.0.1:${port}`, CAUNOI_DEMO_HOUSEHOLDS: '2' },
  });
  let out = '';
  demo.stdout.on('data', (d) => { out += d; });
  demo.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((r) => demo.on('exit', (code, signal) => r({ code, signal })));
  const pidsSeen = new Set();
  const ready = when === 'serving' ? () => /listening on/.test(out) : () => existsSync(join(data, 'kannel', 'bearerbox.pid'));
  for (let i = 0; i < 600 && !ready(); i++) {
    for (const f of ['bearerbox.pid', 'smsbox.pid']) {
      try { pidsSeen.add(Number(readFileSync(join(data, 'kannel', f), 'utf8'))); } catch { /* not yet */ }
    }
    await sleep(100);
  }
  assert.ok(ready(), `scripts/demo never reached "${when}": ${out}`);
  for (const f of ['bearerbox.pid', 'smsbox.pid']) {
    try { pidsSeen.add(Number(readFileSync(join(data, 'kannel', f), 'utf8'))); } catch { /* not yet */ }
  }
  demo.kill('SIGTERM');
  const { code, signal } = await exited;
  await sleep(300);
  const left = processesNaming(data);
  const env = existsSync(join(data, 'kannel', 'env')) ? readFileSync(join(data, 'kannel', 'env'), 'utf8') : '';
  const fake = env.match(/KANNEL_FAKE_PORT=(\d+)/);
  if (fake) left.push(...processesNaming(`fakesmsc -H 127.0.0.1 -r ${fake[1]} `));
  const alive = [...pidsSeen].filter((p) => p && existsSync(`/proc/${p}`));
  try {
    assert.equal(code, 0, `exit ${code} ${signal}: ${out}`);
    assert.deepEqual(left, [], `still running after the TERM (${when})`);
    assert.deepEqual(alive, [], `Kannel pids still alive after the TERM (${when})`);
  } finally {
    for (const p of alive) try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
    rmSync(data, { recursive: true, force: true });
  }
}

test('a TERM while serving stops the server, the phone and Kannel', async () => { await runAndStop('serving'); });
test('a TERM while Kannel is starting stops it all the same', async () => { await runAndStop('kannel starting'); });
