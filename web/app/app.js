// Cầu Nối field app: works offline on the member's villages, keeps every record in IndexedDB
// until the server has it, and syncs by the protocol in docs/sync.md. No framework, no build.
'use strict';
const $ = (s) => document.querySelector(s);
const L = $('#L').dataset;
const list = (k) => L[k].split('|');
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fold = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulid() {
  let t = Date.now(), s = '';
  for (let i = 0; i < 10; i++) { s = B32[t % 32] + s; t = Math.floor(t / 32); }
  for (const b of crypto.getRandomValues(new Uint8Array(16))) s += B32[b % 32];
  return s;
}

// --- storage: one IndexedDB; every write is awaited before the screen says it is saved ---
const S = { token: '', cursor: '0', device: '', services: [], tips: [], procs: [], h: new Map(), r: new Map(), t: new Map(), ops: new Map() };
let idb;
function req(store, mode, fn) {
  return new Promise((ok, ko) => {
    const t = idb.transaction(store, mode);
    const q = fn(t.objectStore(store));
    t.oncomplete = () => ok(q.result);
    t.onerror = () => ko(t.error);
  });
}
const put = (store, v, k) => { if (store !== 'kv') S[store].set(v.id, v); return req(store, 'readwrite', (o) => o.put(v, k)); };
const drop = (store, id) => { S[store].delete(id); return req(store, 'readwrite', (o) => o.delete(id)); };
const kv = (k, v) => { S[k] = v; return put('kv', v, k); };
async function load() {
  idb = await new Promise((ok, ko) => {
    const q = indexedDB.open('caunoi', 1);
    q.onupgradeneeded = () => { for (const s of ['kv', 'h', 'r', 't', 'ops']) q.result.createObjectStore(s, s === 'kv' ? undefined : { keyPath: 'id' }); };
    q.onsuccess = () => ok(q.result);
    q.onerror = () => ko(q.error);
  });
  for (const k of ['token', 'cursor', 'device', 'services', 'tips', 'procs']) {
    const v = await req('kv', 'readonly', (o) => o.get(k));
    if (v !== undefined) S[k] = v;
  }
  for (const s of ['h', 'r', 't', 'ops']) for (const v of await req(s, 'readonly', (o) => o.getAll())) S[s].set(v.id, v);
  if (!S.device) await kv('device', 'web-' + ulid());
}

// --- talking to the server ---
async function api(method, path, body) {
  const r = await fetch(path, { method, headers: { authorization: 'Bearer ' + S.token, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  if (r.status === 401 && S.token) { await kv('token', ''); route(); }
  if (!r.ok) throw new Error(r.status);
  return r.json();
}
let busy = false;
async function sync() {
  if (busy || !S.token || !navigator.onLine) return;
  busy = true;
  $('#sync').disabled = true;
  try {
    const waiting = [...S.ops.values()].filter((o) => o.state === 'local' || o.state === 'sending');
    for (let i = 0; i < waiting.length; i += 100) {
      const batch = waiting.slice(i, i + 100);
      for (const o of batch) await put('ops', { ...o, state: 'sending' });
      const res = await api('POST', '/api/v1/sync/push', { device: S.device, ops: batch.map(({ id, kind, at, base_rev, data, from }) => ({ id, kind, at, base_rev, data, from })) });
      for (const x of res.results) {
        const o = S.ops.get(x.id);
        const st = x.status === 'duplicate' ? x.first : x.status;
        if (o) await put('ops', { ...o, state: st === 'rejected' ? 'attention' : 'synced', note: x.reason || (x.conflicts || []).join(', ') });
      }
    }
    // The catalogues at once (one round trip of latency, not three), then the changes in big pages.
    const [sv, tp, pr] = await Promise.all(['services', 'tips', 'procedures?full=1'].map((x) => api('GET', '/api/v1/' + x)));
    await kv('services', sv.items);
    await kv('tips', tp.items);
    await kv('procs', pr.items);
    for (;;) {
      const p = await api('GET', `/api/v1/sync/pull?cursor=${S.cursor}&limit=500`).catch(async (e) => {
        if (e.message !== '422') throw e;
        // The server no longer knows this cursor (a restored backup, old changes pruned): start again.
        for (const s of ['h', 'r', 't']) for (const id of [...S[s].keys()]) await drop(s, id);
        await kv('cursor', '0');
        return api('GET', '/api/v1/sync/pull?cursor=0&limit=500');
      });
      for (const h of p.households) await put('h', h);
      for (const r of p.residents) await put('r', r);
      for (const t of p.tasks) await (t.status === 'open' ? put('t', t) : drop('t', t.id));
      for (const d of p.deleted) await drop({ household: 'h', resident: 'r', task: 't' }[d.kind], d.id);
      await kv('cursor', p.cursor);
      if (!p.more) break;
    }
    const old = Date.now() - 30 * 864e5;  // synced records leave the phone after 30 days
    for (const o of [...S.ops.values()]) if (o.state === 'synced' && o.at < old) await drop('ops', o.id);
  } catch (e) {
    // No network or server trouble: what was being sent is only on this phone again, and stays queued.
    for (const o of [...S.ops.values()]) if (o.state === 'sending') await put('ops', { ...o, state: 'local' });
  }
  busy = false;
  $('#sync').disabled = false;
  route();
}
async function record(kind, data, extra = {}) {
  await put('ops', { id: ulid(), kind, at: Date.now(), data, state: 'local', ...extra });
  route();
  sync();
}

// --- screens ---
const badge = (o) => `<span class="st ${o.state}">${esc(L[o.state])}</span>`;
const options = (keys, names, sel) => keys.map((k, i) => `<option value="${esc(k)}"${k === sel ? ' selected' : ''}>${esc(names[i])}</option>`).join('');
function show(html) { $('#main').innerHTML = html; }
function loginView() {
  show(`<h1>${esc(L.login)}</h1><form id="f" class="card"><label for="u">${esc(L.user)}</label><input id="u" required autocomplete="username">
<label for="pw">${esc(L.password)}</label><input id="pw" type="password" required autocomplete="current-password"><button class="p">${esc(L.login)}</button><p id="e"></p></form>`);
  $('#f').onsubmit = async (ev) => {
    ev.preventDefault();
    const r = await fetch('/api/v1/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: $('#u').value, password: $('#pw').value }) }).catch(() => null);
    if (!r || !r.ok) { $('#e').className = 'err'; $('#e').textContent = L.failed; return; }
    await kv('token', (await r.json()).token);
    const pre = await api('GET', '/api/v1/sync/preflight');
    if (pre.estimated_bytes > pre.warn_above_bytes && !confirm(`${L.big} (${(pre.estimated_bytes / 1048576).toFixed(1)} MB)`)) return;
    location.hash = '#/';
    sync();
  };
}
function listView() {
  show(`<p><a href="#/p">${esc(L.procs)}</a></p><input id="q" type="search" placeholder="${esc(L.search)}" aria-label="${esc(L.search)}"><ul id="hs"></ul>`);
  const people = {};
  for (const r of S.r.values()) people[r.household_id] = (people[r.household_id] || '') + ' ' + r.full_name;
  const draw = () => {
    const words = fold($('#q').value).split(/[^a-z0-9]+/).filter(Boolean);
    const hs = [...S.h.values()].filter((h) => {
      const text = fold(h.name + ' ' + (people[h.id] || '')).split(/[^a-z0-9]+/);
      return words.every((w) => text.some((x) => x.startsWith(w)));
    }).sort((a, b) => fold(a.name).localeCompare(fold(b.name))).slice(0, 100);
    $('#hs').innerHTML = hs.map((h) => `<li><a href="#/h/${h.id}">${esc(h.name)}</a><span class="muted">${esc(h.address)}</span></li>`).join('');
  };
  $('#q').oninput = draw;
  draw();
}
function householdView(id) {
  const h = S.h.get(id);
  if (!h) return listView();
  const rs = [...S.r.values()].filter((r) => r.household_id === id);
  const ts = [...S.t.values()].filter((t) => t.household_id === id);
  const mine = [...S.ops.values()].filter((o) => o.kind === 'session' && o.data.household_id === id).sort((a, b) => b.at - a.at);
  const [lk, ln, sn] = [list('levelkeys'), list('levels'), list('skillnames')];
  const skills = (r) => list('skillkeys').map((f, i) => `${esc(sn[i])}: ${esc(ln[lk.indexOf(r.profile[f])])}`).join('; ');
  show(`<p><a href="#/">‹ ${esc(L.back)}</a></p><h1>${esc(h.name)}</h1>
<h2>${esc(L.people)}</h2><ul>${rs.map((r) => `<li><a href="#/r/${r.id}">${esc(r.full_name)}</a><div class="muted">${skills(r)}</div></li>`).join('')}</ul>
${ts.length ? `<h2>${esc(L.tasks)}</h2><ul>${ts.map((t) => `<li>${esc(t.title_text || t.title)} <button type="button" data-t="${t.id}">${esc(L.done)}</button></li>`).join('')}</ul>` : ''}
<h2>${esc(L.record)}</h2><form id="f" class="card"><fieldset><legend>${esc(L.who)}</legend>${rs.map((r) => `<label class="check"><input type="checkbox" name="res" value="${r.id}">${esc(r.full_name)}</label>`).join('')}</fieldset>
<label for="sv">${esc(L.service)}</label><select id="sv" required>${S.services.filter((s) => s.active !== false).map((s) => `<option value="${esc(s.key)}">${esc(s.name)}</option>`).join('')}</select>
<label for="oc">${esc(L.outcome)}</label><select id="oc">${options(list('outcomekeys').slice(0, 2), list('outcomes'), 'done')}</select>
<label for="mn">${esc(L.minutes)}</label><input id="mn" type="number" min="1" max="600" value="15" required>
<fieldset><legend>${esc(L.tip)}</legend>${S.tips.filter((t) => t.active !== false).map((t) => `<label class="check"><input type="radio" name="tip" value="${esc(t.key)}" required>${esc(t.text)}</label>`).join('')}</fieldset>
<p id="e"></p><button class="p">${esc(L.save)}</button></form>
${mine.length ? `<h2>${esc(L.visits)}</h2><ul>${mine.map((o) => `<li>${new Date(o.at).toLocaleString()} ${badge(o)} <span class="muted">${esc(o.note)}</span></li>`).join('')}</ul>` : ''}`);
  for (const b of document.querySelectorAll('[data-t]')) b.onclick = async () => { await drop('t', b.dataset.t); await record('task_done', { task_id: b.dataset.t }); };
  $('#f').onsubmit = async (ev) => {
    ev.preventDefault();
    const who = [...document.querySelectorAll('[name=res]:checked')].map((x) => x.value);
    const tip = document.querySelector('[name=tip]:checked');
    if (!who.length || !tip) { $('#e').className = 'err'; $('#e').textContent = who.length ? L.needtip : L.choose; return; }
    await record('session', { household_id: id, channel: 'home_visit', minutes: $('#mn').value, residents: who.join(','), service_1: $('#sv').value, outcome_1: $('#oc').value, tip: tip.value });
  };
}
function residentView(id) {
  const r = S.r.get(id);
  if (!r) return listView();
  const p = r.profile;
  const fields = list('skillkeys');
  show(`<p><a href="#/h/${r.household_id}">‹ ${esc(L.back)}</a></p><h1>${esc(r.full_name)}</h1><form id="f" class="card">
<label for="phone">${esc(L.phone)}</label><input id="phone" value="${esc(p.phone)}" inputmode="tel">
<label for="vneid_level">${esc(L.vneid)}</label><select id="vneid_level">${options(list('vneidkeys'), list('vneids'), p.vneid_level)}</select>
<h2>${esc(L.skills)}</h2>${fields.map((f, i) => `<label for="${f}">${esc(list('skillnames')[i])}</label><select id="${f}">${options(list('levelkeys'), list('levels'), p[f])}</select>`).join('')}
<button class="p">${esc(L.save)}</button></form>`);
  $('#f').onsubmit = async (ev) => {
    ev.preventDefault();
    const data = { resident_id: id }, from = {};
    for (const f of ['phone', 'vneid_level', ...fields]) if ($('#' + f).value !== p[f]) { data[f] = $('#' + f).value; from[f] = p[f]; }
    if (Object.keys(from).length) {
      await put('r', { ...r, profile: { ...p, ...data } });
      await record('resident_update', data, { from, base_rev: Number(S.cursor) });
    }
    location.hash = `#/h/${r.household_id}`;
  };
}
// The procedures' "what to bring", readable offline.
function procView() {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'vi';
  show(`<p><a href="#/">‹ ${esc(L.back)}</a></p><h1>${esc(L.procs)}</h1>${S.procs.map((p) => `<details class="card"><summary>${esc(p.title[lang])}</summary>
<ul>${p.documents.map((d) => `<li>${d.count} × ${esc(d[lang])}</li>`).join('')}</ul><p class="muted">${esc(p.where[lang])} · ${esc(p.fee[lang])}</p></details>`).join('')}`);
}
function syncView() {
  const ops = [...S.ops.values()].sort((a, b) => b.at - a.at);
  const waiting = ops.some((o) => o.state !== 'synced');
  show(`<p><a href="#/">‹ ${esc(L.back)}</a></p><h1>${esc(L.pending)}</h1>${navigator.onLine ? '' : `<p class="muted">${esc(L.offline)}</p>`}
<ul>${ops.map((o) => `<li>${esc({ session: L.record, task_done: L.done, resident_update: L.skills }[o.kind])} · ${new Date(o.at).toLocaleString()} ${badge(o)} <span class="muted">${esc(o.note)}</span></li>`).join('')}</ul>
<button class="p" id="out" type="button"${waiting ? ' disabled' : ''}>${esc(L.logout)}</button>`);
  // Logging out takes the villages' data off this phone; not while records wait to be sent.
  $('#out').onclick = async () => {
    await fetch('/api/v1/logout', { method: 'POST', headers: { authorization: 'Bearer ' + S.token } }).catch(() => null);
    idb.close();
    indexedDB.deleteDatabase('caunoi').onsuccess = () => location.replace('/app');
  };
}
function route() {
  $('#badge').textContent = [...S.ops.values()].filter((o) => o.state !== 'synced').length;
  if (!S.token) return loginView();
  const [, view, id] = location.hash.split('/');
  ({ h: householdView, r: residentView, s: syncView, p: procView }[view] || listView)(id);
}

addEventListener('hashchange', route);
addEventListener('online', sync);
$('#sync').onclick = sync;
navigator.serviceWorker?.register('/app/sw.js', { scope: '/app' });
load().then(() => { route(); sync(); });
