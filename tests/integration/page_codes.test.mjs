// Every staff page speaks words, not codes: no internal value (snake_case keys, status codes,
// ULIDs, coverage codes) in the visible text of the pages a member, an officer and the province
// admin open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ households: 10 }); });
after(async () => { await srv.stop(); });

const CODES = /\b([a-z]+_[a-z_]+|[0-9A-HJKMNP-TV-Z]{26}|queued|partly|not_done|[234]g|level[12]|team_leader|commune_officer|province_admin)\b/g;

function visibleText(html) {
  // A textarea holds text to edit (the admin's procedure source), not something shown.
  return html.replace(/<(style|textarea)[\s\S]*?<\/\1>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, ' ').replace(/&#?\w+;/g, ' ');
}

test('staff pages show no raw codes or ids', async () => {
  for (const user of ['thanhvien.muongxen', 'canbo.muongxen', 'admin']) {
    const api = await login(srv.base, user);
    const h = (await api.get('/api/v1/households?limit=1')).json.items[0];
    const r = (await api.get(`/api/v1/households/${h.id}/residents`)).json.items[0];
    const team = (await api.get('/api/v1/teams')).json.items[0];
    const dossier = (await api.get('/api/v1/dossiers')).json.items[0];
    const paths = ['/', '/today', '/more', `/search?q=${encodeURIComponent(r.full_name)}`, `/areas/${h.village_id}`, '/areas/16813',
      `/households/${h.id}`, `/households/${h.id}/visit`, `/households/${h.id}/timeline`, `/residents/${r.id}`, '/teams',
      `/teams/${team.id}`, '/dossiers', dossier && `/dossiers/${dossier.id}`, '/procedures'];
    if (user !== 'thanhvien.muongxen') paths.push('/sms', '/audit', '/users', '/sync/conflicts');
    if (user === 'canbo.muongxen') paths.push('/desk');
    if (user !== 'thanhvien.muongxen') paths.push('/announcements', '/announcements/new');
    for (const p of paths.filter(Boolean)) {
      const res = await fetch(srv.base + p, { headers: { cookie: `sid=${api.token}` } });
      assert.equal(res.status, 200, `${user} ${p}`);
      const codes = [...visibleText(await res.text()).matchAll(CODES)].map((m) => m[1]);
      assert.deepEqual(codes, [], `${user} ${p}`);
    }
  }
});
