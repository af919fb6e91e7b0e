// Behind a reverse proxy: Secure cookies and client addresses only when the proxy is trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { BIN, startServer } from '../lib/server.mjs';

async function serveWith(db, extra) {
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; const m = out.match(/:(\d+)/); if (m) resolve(Number(m[1])); });
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => { proc.on('exit', r); proc.kill('SIGTERM'); }) };
}

test('X-Forwarded-Proto is believed only from the trusted proxy', async () => {
  const demo = await startServer({ households: 1 });
  await demo.stop({ keep: true });
  const trusted = await serveWith(demo.db, ['--trusted-proxy', '127.0.0.1']);
  const untrusted = await serveWith(demo.db, ['--trusted-proxy', '10.9.9.9']);
  try {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };
    const a = await fetch(`${trusted.base}/login`, { headers });
    assert.match(a.headers.get('set-cookie'), /; Secure/);
    assert.match(a.headers.get('strict-transport-security'), /max-age=/);
    const b = await fetch(`${untrusted.base}/login`, { headers });
    assert.doesNotMatch(b.headers.get('set-cookie'), /Secure/);
    assert.equal(b.headers.get('strict-transport-security'), null);
  } finally {
    await trusted.stop();
    await untrusted.stop();
    rmSync(demo.dir, { recursive: true, force: true });
  }
});
