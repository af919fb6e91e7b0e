// Behind a reverse proxy: Secure cookies and client addresses only when the proxy is trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { serve, startServer } from '../lib/server.mjs';

test('X-Forwarded-Proto is believed only from the trusted proxy', async () => {
  const demo = await startServer({ households: 1 });
  await demo.stop({ keep: true });
  const trusted = await serve([...demo.dbArgs, '--trusted-proxy', '127.0.0.1']);
  const untrusted = await serve([...demo.dbArgs, '--trusted-proxy', '10.9.9.9']);
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
    demo.dropDatabase();
  }
});
