// Indicators end to end (docs/indicators.md): figures through the API equal what the database
// holds; a write through the API is counted after a refresh and the check agrees; exports open
// (the XLSX read back by openpyxl) with the same figures; a commune's monthly report; the
// pseudonymised records hold no names, phones or ID fragments and keep their pseudonyms; bad
// periods, areas outside the scope and a member asking for records are refused plainly; the named
// list of residents not reached stays in the team's scope and is audited; pages fit the first
// round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, login, caunoi, queryColumn, wireSize } from '../lib/server.mjs';

let srv, admin, officer, member, otherOfficer, village, otherVillage;
const one = (sql) => Number(queryColumn(srv.db, sql)[0]);
const refresh = () => caunoi(['indicators', 'refresh', ...srv.dbArgs]);
const figure = (json, area, key) => json.figures.find((f) => f.area_id === area && f.indicator === key && f.month === json.to);

before(async () => {
  srv = await startServer({ households: 6, extra: ['--indicator-seconds', '3600'] });
  [admin, officer, member, otherOfficer] = await Promise.all(['admin', 'canbo.muongxen', 'thanhvien.muongxen', 'canbo.nangoi']
    .map((u) => login(srv.base, u)));
  village = (await member.get('/api/v1/households?limit=1')).json.items[0].village_id;
  otherVillage = (await otherOfficer.get('/api/v1/households?limit=1')).json.items[0].village_id;
  refresh();
});
after(async () => { await srv?.stop(); });

test('figures equal the database, follow a write after a refresh, and the check agrees', async () => {
  let r = await officer.get('/api/v1/indicators/16813');
  assert.equal(r.status, 200, r.text);
  const households = one("SELECT COUNT(*) FROM households WHERE commune_id = '16813'");
  const adults = one(`SELECT COUNT(*) FROM residents WHERE commune_id = '16813' AND birth_year <= ${new Date().getFullYear() - 18}`);
  const smart = one(`SELECT COUNT(*) FROM residents WHERE commune_id = '16813' AND birth_year <= ${new Date().getFullYear() - 18} AND phone_kind = 'smart'`);
  assert.ok(households > 0 && adults > 0);
  assert.deepEqual([figure(r.json, '16813', 'hh_fibre').den, figure(r.json, '16813', 'adult_smartphone').num,
    figure(r.json, '16813', 'adult_smartphone').den], [households, smart, adults]);
  const fibreBefore = figure(r.json, '16813', 'hh_fibre').num;
  const h = (await member.get('/api/v1/households?limit=1')).json.items[0];
  const patched = await member.patch(`/api/v1/households/${h.id}`, { broadband: 'fibre' });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.broadband, 'fibre');
  const bad = await member.patch(`/api/v1/households/${h.id}`, { broadband: 'satellite' });
  assert.equal(bad.status, 422);
  assert.equal(one("SELECT COUNT(*) FROM indicator_dirty WHERE commune_id = '16813'"), 1, 'the write marked its commune');
  assert.match(refresh(), /^\d+ communes recounted/);
  r = await officer.get('/api/v1/indicators/16813');
  assert.equal(figure(r.json, '16813', 'hh_fibre').num, fibreBefore + 1);
  assert.equal(figure(r.json, h.village_id, 'hh_fibre').num >= 1, true);
  assert.match(caunoi(['indicators', 'check', ...srv.dbArgs]), /every kept figure equals a full recount/);
});

test('exports: CSV and XLSX of the same figures; bad periods and areas outside the scope refused', async () => {
  const csv = await officer.get('/indicators/16813/export?from=2026-01&to=2026-12&format=csv');
  assert.equal(csv.status, 200, csv.text.slice(0, 300));
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="chi-so-16813-2026-01-2026-12.csv"/);
  const raw = Buffer.from(await (await fetch(`${srv.base}/indicators/16813/export?format=csv`,
    { headers: { authorization: `Bearer ${officer.token}` } })).arrayBuffer());
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark: spreadsheets read Vietnamese right');
  assert.ok(csv.text.startsWith('area_id,Địa bàn,Cấp,Tháng,indicator,Chỉ số,Số lượng,Trên tổng số,Giá trị\r\n'), csv.text.slice(0, 80));
  const line = csv.text.split('\r\n').find((l) => l.startsWith('16813,') && l.includes(',hh_fibre,'));
  assert.ok(line, 'the commune\'s fibre line');
  const xlsx = await fetch(`${srv.base}/indicators/16813/export?from=2026-01&to=2026-12&format=xlsx`,
    { headers: { authorization: `Bearer ${officer.token}` } });
  assert.equal(xlsx.status, 200);
  const file = join(srv.dir, 'figures.xlsx');
  writeFileSync(file, Buffer.from(await xlsx.arrayBuffer()));
  // Read back by openpyxl (Debian's python3-openpyxl): the same rows as the CSV.
  const rows = JSON.parse(execFileSync('/usr/bin/python3', ['-c',
    'import json,sys,openpyxl; ws=openpyxl.load_workbook(sys.argv[1]).active; print(json.dumps([[c for c in r] for r in ws.iter_rows(values_only=True)]))',
    file], { encoding: 'utf8' }));
  const csvRows = csv.text.trim().split('\r\n');
  assert.equal(rows.length, csvRows.length, 'as many rows');
  const fibre = rows.find((r) => r[0] === '16813' && r[4] === 'hh_fibre' && r[3] === line.split(',')[3]);
  assert.deepEqual(fibre.slice(6, 8).map(String), line.split(',').slice(6, 8), 'the same count and denominator');
  assert.equal(rows[0][5], 'Chỉ số');
  // Refusals, on the page with the values kept and the message in Vietnamese.
  for (const [q, words] of [['from=2026-05&to=2026-03', 'Tháng đầu phải trước tháng cuối'], ['from=2016-01&to=2026-12', 'tối đa 60 tháng'],
    ['from=2026-01&to=2099-01', 'Tháng đó chưa tới'], ['from=abc&to=2026-01', 'ví dụ 2026-11'],
    ['from=1999-01&to=2026-01', 'bắt đầu từ tháng 1/2000'], ['from=2026-01&to=2026-03&format=pdf', 'Excel (XLSX) hoặc CSV']]) {
    const format = q.includes('format=') ? '' : '&format=csv';
    const res = await fetch(`${srv.base}/indicators/16813/export?${q}${format}`, { headers: { cookie: `sid=${officer.token}` } });
    const text = await res.text();
    assert.equal(res.status, 422, q);
    assert.ok(text.includes(words), `${q}: ${words}`);
    assert.ok(text.includes(`value="${new URLSearchParams(q).get('from')}"`), `${q}: the month sent is kept`);
    assert.ok(!/not a month|ends before|more than 60|no such format/.test(text), 'no developer detail');
  }
  assert.equal((await officer.get('/indicators/40/export?format=csv')).status, 403, 'the province is outside a commune officer\'s scope');
  assert.equal((await officer.get(`/indicators/${otherVillage}/export?format=csv`)).status, 404, 'another commune\'s village');
  assert.equal((await officer.get('/indicators/nowhere/export?format=csv')).status, 404);
  assert.equal((await admin.get('/indicators/40/export?format=csv')).status, 200, 'the province admin exports the province');
  assert.equal((await officer.get('/api/v1/indicators/16813?from=2026-05&to=2026-03')).status, 422);
});

test('the monthly report of a commune prints on A4 with its villages', async () => {
  const r = await officer.get('/indicators/16813/report');
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('@page{size:A4'));
  assert.ok(r.text.includes('Chuyển đổi số: báo cáo tháng'));
  assert.ok(r.text.includes('Hộ có Internet cáp quang'));
  assert.match(r.text, /<table id="villages">.*<td>[^<]+<\/td><td class="v">/s);
  assert.equal((await officer.get(`/indicators/${village}/report`)).status, 404, 'reports are per commune');
});

test('pseudonymised records: nothing identifying, stable pseudonyms, for the province only, audited', async () => {
  assert.equal((await member.get('/indicators/16813/records?kind=residents')).status, 404);
  assert.equal((await officer.get('/indicators/16813/records?kind=residents')).status, 404);
  const a = await admin.get('/indicators/16813/records?kind=residents');
  assert.equal(a.status, 200, a.text.slice(0, 200));
  const names = queryColumn(srv.db, "SELECT full_name FROM residents WHERE commune_id = '16813'");
  const phones = queryColumn(srv.db, "SELECT phone FROM residents WHERE commune_id = '16813' AND phone IS NOT NULL");
  const ids = queryColumn(srv.db, "SELECT id FROM residents WHERE commune_id = '16813'");
  for (const v of [...names, ...phones, ...ids]) assert.ok(!a.text.includes(v), `no ${v} in the export`);
  assert.ok(!/ethnicity|national_id|full_name/.test(a.text));
  const lines = a.text.trim().split('\r\n');
  // Not the language either (in a highland village it all but names the ethnicity): whether they read Vietnamese.
  const header = lines[0].replace(/^\ufeff/, '').split(',');
  assert.ok(header.includes('reads_vietnamese') && !header.includes('language'), lines[0]);
  const col = header.indexOf('reads_vietnamese');
  assert.ok(lines.slice(1).every((l) => ['0', '1'].includes(l.split(',')[col])));
  assert.ok(!lines.slice(1).some((l) => /(^|,)(tai|hmn|kjg)(,|$)/.test(l)));
  assert.equal(lines.length - 1, ids.length, 'one line per resident');
  const b = await admin.get('/indicators/16813/records?kind=residents');
  assert.equal(b.text, a.text, 'the same pseudonyms under the same key');
  const d = await admin.get('/indicators/16813/records?kind=dossiers');
  const residentsPseudonyms = new Set(lines.slice(1).map((l) => l.split(',')[0]));
  for (const l of d.text.trim().split('\r\n').slice(1)) assert.ok(residentsPseudonyms.has(l.split(',')[1]), 'a dossier names a resident of the residents file');
  assert.equal((await admin.get('/indicators/16813/records?kind=passwords')).status, 422);
  assert.ok(one("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'pseudonymised_residents'") >= 2);
});

test('residents not reached: a named list for the team\'s own village only, audited', async () => {
  const page = await fetch(`${srv.base}/indicators/${village}/unreached`, { headers: { cookie: `sid=${member.token}` } });
  assert.equal(page.status, 200);
  const text = await page.text();
  const reach = (await member.get(`/api/v1/indicators/${village}`)).json;
  const f = figure(reach, village, 'reach');
  const listed = (text.match(/<li><a href="\/households\//g) || []).length;
  assert.equal(listed, f.den - f.num, 'as many names as the figure says are not reached');
  assert.equal((await fetch(`${srv.base}/indicators/${otherVillage}/unreached`, { headers: { cookie: `sid=${member.token}` } })).status, 404);
  assert.equal((await fetch(`${srv.base}/indicators/16813/unreached`, { headers: { cookie: `sid=${officer.token}` } })).status, 404, 'a commune is no village');
  assert.ok(one(`SELECT COUNT(*) FROM audit_log WHERE entity = 'unreached_list' AND entity_id = '${village}'`) >= 1);
});

test('dashboards fit the first round trip and say unknown areas and future months plainly', async () => {
  for (const [who, path] of [[admin, '/indicators/40'], [officer, '/indicators/16813'], [member, `/indicators/${village}`]]) {
    const w = await wireSize(srv.base, path, { cookie: `sid=${who.token}` });
    assert.equal(w.status, 200, path);
    assert.ok(w.bytes <= 14336, `${path}: ${w.bytes} bytes`);
  }
  const future = await fetch(`${srv.base}/indicators/16813?m=2099-01`, { headers: { cookie: `sid=${officer.token}` } });
  assert.equal(future.status, 422);
  assert.ok((await future.text()).includes('Tháng đó chưa tới'));
  assert.equal((await fetch(`${srv.base}/indicators/nowhere`, { headers: { cookie: `sid=${officer.token}` } })).status, 404);
  const unknownMap = await fetch(`${srv.base}/indicators/40?map=%3Cscript%3E`, { headers: { cookie: `sid=${admin.token}` } });
  assert.equal(unknownMap.status, 200, 'an unknown indicator for the map falls back to the first');
  assert.ok(!(await unknownMap.text()).includes('<script>'));
});
