// The one-stop desk over real HTTP: tickets, concurrent "call next", serve/close, figures, display.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv, desk1, desk2, other, member;

before(async () => {
  srv = await startServer({ households: 6 });
  desk1 = await login(srv.base, 'canbo.muonglong');
  desk2 = await login(srv.base, 'canbo.muonglong');
  other = await login(srv.base, 'canbo.ngamy');
  member = await login(srv.base, 'thanhvien.muonglong');
});
after(async () => { await srv.stop(); });

test('tickets are numbered per commune, and only officers run the desk', async () => {
  const a = await desk1.post('/api/v1/desk/tickets', { need: 'procedure' });
  const b = await desk1.post('/api/v1/desk/tickets', { need: 'digital_help' });
  assert.equal(a.status, 201, a.text);
  assert.equal(b.json.number, a.json.number + 1);
  const c = await other.post('/api/v1/desk/tickets', { need: 'question' });
  assert.equal(c.json.number, 1, 'another commune counts from 1');
  assert.equal((await member.post('/api/v1/desk/tickets', { need: 'question' })).status, 403);
  assert.equal((await desk1.post('/api/v1/desk/tickets', { need: 'pizza' })).status, 422);
  assert.equal((await desk1.post(`/api/v1/desk/tickets/${c.json.id}/serve`)).status, 404, 'other commune: 404');
});

test('two desks calling next at the same moment never get the same ticket', async () => {
  for (let i = 0; i < 20; i++) assert.equal((await desk1.post('/api/v1/desk/tickets', { need: 'question' })).status, 201);
  const waiting = (await desk1.get('/api/v1/desk/queue')).json.items.filter((t) => t.status === 'waiting').length;
  const calls = [];
  for (let i = 0; i < waiting + 4; i++) {
    calls.push(desk1.post('/api/v1/desk/call', { desk: 'Quầy 1' }));
    calls.push(desk2.post('/api/v1/desk/call', { desk: 'Quầy 2' }));
  }
  const results = await Promise.all(calls);
  const got = results.filter((r) => r.status === 200).map((r) => r.json.id);
  assert.equal(got.length, waiting, 'every waiting ticket called exactly once');
  assert.equal(new Set(got).size, got.length, 'no ticket called twice');
  const empty = results.filter((r) => r.status === 404);
  assert.equal(empty.length, results.length - waiting);
  assert.match(empty[0].json.title, /Không có ai đang chờ/);
});

test('serve, close, figures and returns; the display shows numbers only', async () => {
  const h = (await desk1.get('/api/v1/households?limit=1')).json.items[0];
  const res = (await desk1.get(`/api/v1/households/${h.id}/residents`)).json.items[0];
  const t1 = await desk1.post('/api/v1/desk/tickets', { need: 'procedure', resident_id: res.id });
  const called = await desk1.post('/api/v1/desk/call', { desk: 'Quầy 3' });
  assert.equal(called.json.id, t1.json.id);
  const display = await fetch(`${srv.base}/desk/16831/display`);
  assert.equal(display.status, 200);
  const html = await display.text();
  assert.match(html, new RegExp(`>${t1.json.number}<`));
  assert.match(html, /http-equiv="refresh"/);
  assert.ok(!html.includes(res.full_name), 'no names on the public screen');
  assert.equal((await desk1.post(`/api/v1/desk/tickets/${t1.json.id}/close`)).status, 200);
  assert.equal((await desk1.post(`/api/v1/desk/tickets/${t1.json.id}/serve`)).status, 409, 'closed stays closed');
  // The same person back for the same matter: a return.
  const t2 = await desk1.post('/api/v1/desk/tickets', { need: 'procedure', resident_id: res.id });
  await desk1.post('/api/v1/desk/call', {});
  assert.equal((await desk1.post(`/api/v1/desk/tickets/${t2.json.id}/serve`)).status, 200);
  // Serving it records the help as a support session linked to the ticket.
  const s = await desk1.post('/api/v1/sessions', { household_id: h.id, minutes: 10, residents: res.id, service_1: 'follow_dossier', outcome_1: 'done', tip: 'police_no_phone_fix', ticket: t2.json.id });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.json.session.channel, 'commune_desk');
  const closed = await desk1.post(`/api/v1/desk/tickets/${t2.json.id}/close`);
  assert.equal(closed.json.session_id, s.json.session.id);
  const stats = (await desk1.get('/api/v1/desk/stats')).json;
  assert.ok(stats.tickets >= 24);
  assert.equal(stats.returns_30d, 1);
  assert.ok(stats.served >= 1);
  assert.equal((await fetch(`${srv.base}/desk/99999/display`)).status, 200, 'an unknown commune shows an empty queue');
  assert.equal((await fetch(`${srv.base}/desk/abc/display`)).status, 404);
});
