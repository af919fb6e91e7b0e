// Every page a member, a team leader or a commune officer opens fits the first round trip
// (14 KB on the wire, gzip), with the largest household of the demo on the household and visit
// pages (the visit form grows with the people of the household).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, wireSize } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ households: 30 }); });
after(async () => { await srv.stop(); });

test('staff pages fit 14 KB compressed', async () => {
  for (const user of ['thanhvien.muongxen', 'totruong.muongxen', 'canbo.muongxen']) {
    const api = await login(srv.base, user);
    let biggest, most = -1;
    for (const h of (await api.get('/api/v1/households?limit=100')).json.items) {
      if (h.resident_count > most) { most = h.resident_count; biggest = h; }
    }
    const task = (await api.get('/api/v1/tasks')).json.items[0];
    const paths = ['/', '/today', '/more', '/search?q=van', `/areas/${biggest.village_id}`, `/areas/${biggest.village_id}?q=thi`,
      `/households/${biggest.id}`, `/households/${biggest.id}/visit`, `/households/${biggest.id}/timeline`, '/teams', '/dossiers',
      '/procedures', '/app'];
    if (task) paths.push(`/today?done=${task.id}`);
    if (user.startsWith('canbo')) paths.push('/desk', '/sms', '/audit', '/users', `/sms?village_id=${biggest.village_id}`, '/announcements', '/announcements/new');
    for (const path of paths) {
      const { status, bytes, encoding } = await wireSize(srv.base, path, { cookie: `sid=${api.token}` });
      assert.equal(status, 200, `${user} ${path}`);
      assert.ok(bytes <= 14 * 1024, `${user} ${path}: ${bytes} bytes`);
      if (bytes > 1400) assert.equal(encoding, 'gzip', `${user} ${path}`);
    }
  }
});
