// Cầu Nối field app: works offline on the member's villages, keeps every record in IndexedDB
// until the server has it, and syncs by the protocol in docs/sync.md. No framework, no build.
'use strict';
const $ = (s) => document.querySelector(s);
const L = $('#L').dataset;
const list = (k) => L[k].split('|');
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fold = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
const ulid = caunoiUlid;  // upload.js, loaded first

// --- storage: one IndexedDB; every write is awaited before the screen says it is saved ---
const S = { token: '', cursor: '0', device: '', alerts: [], train: [], services: [], tips: [], procs: [], ctx: { villages: [], helpers: [] }, h: new Map(), r: new Map(), t: new Map(), ops: new Map() };
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
  for (const k of ['token', 'cursor', 'device', 'alerts', 'train', 'services', 'tips', 'procs', 'ctx']) {
    const v = await req('kv', 'readonly', (o) => o.get(k));
    if (v !== undefined) S[k] = v;
  }
  for (const s of ['h', 'r', 't', 'ops']) for (const v of await req(s, 'readonly', (o) => o.getAll())) S[s].set(v.id, v);
  // Nothing is being sent at start: a send the browser was closed in is only on this phone again
  // (if the server had it, it answers "duplicate" next time).
  for (const o of [...S.ops.values()]) if (o.state === 'sending') await put('ops', { ...o, state: 'local' });
  if (!S.device) await kv('device', 'web-' + ulid());
}

// --- talking to the server ---
async function api(method, path, body) {
  // The server's words (a refused operation's reason) in the page's language, not the phone's.
  const r = await fetch(path, { method, headers: { authorization: 'Bearer ' + S.token, 'content-type': 'application/json', 'accept-language': document.documentElement.lang }, body: body && JSON.stringify(body) });
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
    // Warnings for the member's villages first: on a short moment of signal, they matter most.
    await kv('alerts', (await api('GET', '/api/v1/alerts')).items);
    route(1);
    // Voice clips (o.url) are not operations: they go as uploads only.
    const waiting = [...S.ops.values()].filter((o) => !o.url && (o.state === 'local' || o.state === 'sending'));
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
    // Listings' photos, once their listing is on the server, and voice clips: in pieces, resumed
    // after a lost signal, made once (the upload's id).
    for (const o of [...S.ops.values()]) if (o.photo && (o.url || o.state === 'synced')) {
      try {
        await caunoiUpload(o.url || o.id, o.photo, o.pid, { authorization: 'Bearer ' + S.token, 'accept-language': document.documentElement.lang });
        await put('ops', { ...o, photo: 0, state: 'synced' });
      } catch (x) {
        if (!x.status) throw x;
        await put('ops', { ...o, photo: 0, state: 'attention', note: x.title });
      }
    }
    // The catalogues at once (one round trip of latency, not three), then the changes in big pages.
    const [sv, tp, pr, cx, tr] = await Promise.all(['services', 'tips', 'procedures?full=1', 'sync/context', 'training/sessions'].map((x) => api('GET', '/api/v1/' + x)));
    // Training sessions of the next days with their lists: attendance is taken here with no signal.
    await kv('train', tr.items);
    await kv('services', sv.items);
    await kv('tips', tp.items);
    await kv('procs', pr.items);
    await kv('ctx', cx);
    // The villages' boards, fetched through the service worker, which keeps them for no signal.
    await Promise.all(cx.villages.map((v) => fetch(board(v)).catch(() => 0)));
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
    // The tips in the languages of the member's households, to play without signal (the service
    // worker keeps what it fetched): fetched once each.
    for (const l of new Set([...S.r.values()].map((r) => r.language).filter(voiced))) {
      for (const t of S.tips) {
        const u = `/listen/${l}?key=tip.${t.key}`;
        if (!(await caches.match(u))) await fetch(u).catch(() => 0);
      }
    }
    const old = Date.now() - 30 * 864e5;  // synced records leave the phone after 30 days
    for (const o of [...S.ops.values()]) if (o.state === 'synced' && !o.photo && o.at < old) await drop('ops', o.id);
  } catch (e) {
    // No network or server trouble: what was being sent is only on this phone again, and stays queued.
    for (const o of [...S.ops.values()]) if (o.state === 'sending') await put('ops', { ...o, state: 'local' });
  }
  busy = false;
  $('#sync').disabled = false;
  route(1);
}
async function record(kind, data, extra = {}) {
  await put('ops', { id: ulid(), kind, at: Date.now(), data, state: 'local', ...extra });
  route();
  sync();
}

// --- screens ---
const badge = (o) => `<span class="st ${o.state}">${esc(L[o.state])}</span>`;
const options = (keys, names, sel) => keys.map((k, i) => `<option value="${esc(k)}"${k === sel ? ' selected' : ''}>${esc(names[i])}</option>`).join('');
const checks = (name, items, type = 'checkbox', sel) => items.map(([v, t]) => `<label class="check"><input type="${type}" name="${name}" value="${esc(v)}"${v === sel ? ' checked' : ''}><span>${esc(t)}</span></label>`).join('');
const all = (s, el = document) => [...el.querySelectorAll(s)];
// A village's board page, kept by the service worker for reading with no signal.
const board = (v) => `/app/board/${v.commune_id}/${v.id}`;
const vname = (id) => (S.ctx.villages.find((v) => v.id === id) || { name: '' }).name;
// A phone number as its digits, +84/84 written as the leading 0.
const back = (h) => `<p><a href="#/${h}">‹ ${esc(L.back)}</a></p>`;
const voiced = (l) => /^(tai|hmn|kjg)$/.test(l);
const tel = (s) => { const d = String(s || '').replace(/\D/g, ''); return /^84\d{9}$/.test(d) ? '0' + d.slice(2) : d; };
let flash = '', fresh = false;
function show(html) {
  $('#main').innerHTML = (flash ? `<p id="ok" class="ok" role="status" tabindex="-1">✓ ${esc(flash)}</p>` : '') + html;
  // The saved message is the first thing seen after saving: nobody records the visit twice.
  if (fresh) { scrollTo(0, 0); $('#ok')?.focus(); fresh = false; }
}
function loginView() {
  show(`<h1>${esc(L.login)}</h1><form id="f" class="card"><label for="u">${esc(L.user)}</label><input id="u" required autocomplete="username">
<label for="pw">${esc(L.password)}</label><input id="pw" type="password" required autocomplete="current-password"><button class="p">${esc(L.login)}</button><p id="e"></p></form>`);
  $('#f').onsubmit = async (ev) => {
    ev.preventDefault();
    const r = await fetch('/api/v1/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: $('#u').value, password: $('#pw').value }) }).catch(() => null);
    if (!r || !r.ok) { $('#e').className = 'err'; $('#e').textContent = L.failed; return; }
    start((await r.json()).token);
  };
}
// Logged in on the web already: the app takes its own token from that session (POST with the
// session's CSRF token; the page in the cache may hold an old one, so a fresh page is read once).
async function adopt() {
  let c = L.csrf;
  for (let i = 0; i < 2; i++) {
    const r = c && await fetch('/app/token', { method: 'POST', headers: { 'x-csrf-token': c }, redirect: 'manual' }).catch(() => 0);
    if (r && r.ok) return start((await r.json()).token);
    c = !i && navigator.onLine && ((await fetch('/app?fresh').then((x) => x.text()).catch(() => '')).match(/data-csrf="([^"]+)"/) || [])[1];
  }
  loginView();
}
async function start(token) {
  await kv('token', token);
  const pre = await api('GET', '/api/v1/sync/preflight');
  if (pre.estimated_bytes > pre.warn_above_bytes && !confirm(`${L.big} (${(pre.estimated_bytes / 1048576).toFixed(1)} MB)`)) return;
  location.hash = '#/';
  sync();
}
// Epoch seconds as "14:30 28/11" in Vietnam's time.
const hm = (s) => new Date(s * 1000).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' });
// Warnings in force for the member's villages, as of the last sync (kept on the phone).
function warnings() {
  const now = Date.now() / 1000;
  return S.alerts.filter((a) => !a.until || a.until > now).map((a) => `<div class="card warn" style="border-left:.6rem solid ${esc(a.colour)}" role="alert">
<b><svg class="i"><use href="#i-${a.icon}"/></svg> ${esc(a.title)} · ${esc(a.level_name)}${a.exercise ? ' · ' + esc(L.exercise) : ''}</b><br>${esc(a.where)}<br><b>${esc(a.what_to_do)}</b>
<br><span class="muted">${a.until ? esc(L.until) + ' ' + hm(a.until) + ' · ' : ''}${esc(a.from)}</span></div>`).join('');
}
function listView() {
  const vs = [...new Set([...S.h.values()].map((h) => h.village_id))].sort((a, b) => vname(a).localeCompare(vname(b)));
  const tn = S.train.filter((t) => t.attendance).length;
  show(`${warnings()}<p>${tn ? `<a class="bl" href="#/tr" id="trl">${esc(L.training)} (${tn})</a>` : ''}<a class="bl" href="#/p">${esc(L.procs)}</a><a class="bl" href="#/ls" id="lsl">${esc(L.listing)}</a>${S.ctx.villages.slice(0, 5).map((v) => `<a class="bl" href="${board(v)}">${esc(L.board)} ${esc(v.name)}</a>`).join('')}</p><label for="vf">${esc(L.village)}</label><select id="vf"><option value="">${esc(L.allv)}</option>${options(vs, vs.map((v) => vname(v) || v), S.vf)}</select>
<input id="q" type="search" placeholder="${esc(L.search)}" aria-label="${esc(L.search)}"><div id="hs"></div>`);
  const res = {};
  for (const r of S.r.values()) (res[r.household_id] ||= []).push(r);
  const draw = () => {
    const raw = $('#q').value, f = S.vf = $('#vf').value, d = raw.replace(/\D/g, '');
    const phone = d.length > 2 && !/[a-z]/.test(fold(raw)), qs = d.startsWith('84') ? [d, '0' + d.slice(2)] : [d];
    const words = fold(raw).split(/[^a-z0-9]+/).filter(Boolean);
    const has = (s) => { const t = fold(s).split(/[^a-z0-9]+/); return words.every((w) => t.some((x) => x.startsWith(w))); };
    let html = '', last, n = 0;
    for (const h of [...S.h.values()].filter((h) => !f || h.village_id === f).sort((a, b) => vname(a.village_id).localeCompare(vname(b.village_id)) || fold(a.name).localeCompare(fold(b.name)))) {
      const rs = (res[h.id] || []).sort((a, b) => (a.birth_year || 3e3) - (b.birth_year || 3e3));
      const hit = !raw.trim() ? [] : rs.filter((r) => (phone ? qs.some((q) => tel(r.profile.phone).includes(q)) : has(r.full_name)));
      if (raw.trim() && !hit.length && (phone || !has(h.name + ' ' + rs.map((r) => r.full_name).join(' ')))) continue;
      if (++n > 200) break;
      if (h.village_id !== last) html += `${last === undefined ? '' : '</ul>'}<h2>${esc(vname(last = h.village_id))}</h2><ul>`;
      html += `<li><a href="#/h/${h.id}">${esc(h.name)}</a><span class="muted">${esc([h.address, ...rs.slice(0, 3).map((r) => r.full_name + (r.birth_year ? ` (${r.birth_year})` : ''))].filter(Boolean).join(' · '))}</span>${hit.map((r) => `<div class="hit">✓ ${esc(r.full_name)}${phone ? ' · ' + esc(r.profile.phone) : ''}</div>`).join('')}</li>`;
    }
    $('#hs').innerHTML = n ? html + '</ul>' : `<p class="muted">${esc(L.none)}</p>`;
  };
  $('#q').oninput = $('#vf').onchange = draw;
  draw();
}
// The next safety tip for a resident, as the server proposes it: the first they have not heard,
// else the one heard longest ago. What this phone recorded counts too, before it is synced.
function nextTip(rid) {
  const heard = [...(S.r.get(rid)?.tips_heard || [])];
  for (const o of [...S.ops.values()].sort((a, b) => a.at - b.at)) {
    if (o.kind !== 'session' || !o.data.residents.split(',').includes(rid)) continue;
    if (heard.includes(o.data.tip)) heard.splice(heard.indexOf(o.data.tip), 1);
    heard.push(o.data.tip);
  }
  const keys = S.tips.filter((t) => t.active !== false).map((t) => t.key);
  return keys.find((k) => !heard.includes(k)) || heard.find((k) => keys.includes(k));
}
function householdView(id) {
  const h = S.h.get(id);
  if (!h) return listView();
  const rs = [...S.r.values()].filter((r) => r.household_id === id);
  const ts = [...S.t.values()].filter((t) => t.household_id === id);
  const mine = [...S.ops.values()].filter((o) => o.kind === 'session' && o.data.household_id === id).sort((a, b) => b.at - a.at);
  // The household's language, for the tip's voice.
  const hl = rs.map((r) => r.language).find(voiced) || 'vi';
  const [lk, ln, sn, sk] = [list('levelkeys'), list('levels'), list('skillnames'), list('skillkeys')];
  const skills = (r) => sk.map((f, i) => `${esc(sn[i])}: ${esc(ln[lk.indexOf(r.profile[f])])}`).join('; ');
  const svo = `<option value="">—</option>${S.services.filter((s) => s.active !== false).map((s) => `<option value="${esc(s.key)}">${esc(s.name)}</option>`).join('')}`;
  let lines = 0;
  const line = () => { const n = ++lines; return `<div class="card sv"><label for="sv${n}">${esc(L.service)} ${n}</label><select id="sv${n}" name="sv">${svo}</select>
<label for="oc${n}">${esc(L.outcome)}</label><select id="oc${n}" name="oc"><option value="">—</option>${options(list('outcomekeys'), list('outcomes'))}</select>
<div hidden><label for="rs${n}">${esc(L.reason)}</label><select id="rs${n}" name="rs"><option value="">—</option>${options(list('reasonkeys'), list('reasons'))}</select></div></div>`; };
  show(`${back('')}<h1>${esc(h.name)}</h1><p class="muted">${esc([vname(h.village_id), h.address].filter(Boolean).join(' · '))}</p>
<h2>${esc(L.people)}</h2><ul>${rs.map((r) => `<li><a href="#/r/${r.id}">${esc(r.full_name)}</a><div class="muted">${skills(r)}</div></li>`).join('')}</ul>
${ts.length ? `<h2>${esc(L.tasks)}</h2><ul>${ts.map((t) => `<li>${esc(t.title_text || t.title)} <button type="button" data-t="${t.id}">${esc(L.done)}</button></li>`).join('')}</ul>` : ''}
<h2>${esc(L.record)}</h2><form id="f" class="card" novalidate><fieldset><legend>${esc(L.where)}</legend>${checks('ch', list('channelkeys').map((k, i) => [k, list('channels')[i]]), 'radio', 'home_visit')}</fieldset>
<label for="mn">${esc(L.minutes)}</label><input id="mn" type="number" min="1" max="600" value="15">
<fieldset id="who"><legend>${esc(L.who)}</legend>${checks('res', rs.map((r) => [r.id, r.full_name]))}</fieldset>
<div id="svs">${line()}</div><button type="button" id="add">${esc(L.add)}</button>
<div id="sk"></div>
<fieldset id="tp"><legend>${esc(L.tip)}</legend>${checks('tip', S.tips.filter((t) => t.active !== false).map((t) => [t.key, t.text]), 'radio')}
<audio id="ta" controls preload="none" hidden></audio><button type="button" id="rc">${esc(L.rec)}: ${esc(list('langnames')[list('langs').indexOf(hl)])}</button><p id="rst" class="muted" aria-live="polite"></p></fieldset>
${S.ctx.helpers.length ? `<fieldset><legend>${esc(L.helpers)}</legend>${checks('hp', S.ctx.helpers.map((x) => [x.id, x.name]))}</fieldset>` : ''}
<label for="nt">${esc(L.notes)}</label><textarea id="nt" maxlength="1000" rows="2"></textarea>
<button class="p">${esc(L.save)}</button></form>
${mine.length ? `<h2>${esc(L.visits)}</h2><ul>${mine.map((o) => `<li>${new Date(o.at).toLocaleString()} ${badge(o)} <span class="muted">${esc(o.note)}</span></li>`).join('')}</ul>` : ''}`);
  for (const b of all('[data-t]')) b.onclick = async () => { await drop('t', b.dataset.t); await record('task_done', { task_id: b.dataset.t }); };
  const f = $('#f');
  $('#add').onclick = () => { if (lines < 8) $('#svs').insertAdjacentHTML('beforeend', line()); };
  let tipSet = false;
  // The chosen tip to hear in the household's language; a member who speaks it records it (kept
  // on the phone, sent when there is signal, heard by residents once a second member approves it).
  const tk = () => f.querySelector('[name=tip]:checked')?.value;
  const play = () => { const k = tk(); $('#ta').hidden = !k; if (k) $('#ta').src = `/listen/${hl}?key=tip.${k}`; };
  $('#rc').onclick = async () => {
    const b = $('#rc'), k = tk(), say = (m) => { $('#rst').textContent = m; };
    if (b.r) return b.r.stop();
    if (!k) return say(L.needtip);
    const st = await navigator.mediaDevices?.getUserMedia({ audio: true }).catch(() => 0);
    if (!st) return say(L.nomic);
    const c = [], m = (b.r = new MediaRecorder(st)), pid = ulid(), t = b.textContent;
    m.ondataavailable = (e) => c.push(e.data);
    m.onstop = async () => {
      st.getTracks().forEach((x) => x.stop());
      b.r = 0;
      b.textContent = t;
      await put('ops', { id: pid, kind: 'clip', at: Date.now(), state: 'local', photo: new Blob(c), pid, url: `/api/v1/clips/${pid}?key=tip.${k}&lang=${hl}` });
      say(L.csaved);
      f.dataset.d = 1;
      route(1);
      sync();
    };
    m.start();
    b.textContent = L.stop;
    say(L.recording);
    setTimeout(() => b.r === m && m.stop(), 6e4);
  };
  // Skill changes for the people ticked only; the suggested tip follows the first one ticked.
  const ticked = () => all('[name=res]:checked', f).map((x) => x.value);
  const people = () => {
    const kept = {};
    for (const x of all('#sk select')) kept[x.name] = x.value;
    $('#sk').innerHTML = ticked().map((rid, ri) => { const r = S.r.get(rid); return `<fieldset><legend>${esc(L.skillch)}: ${esc(r.full_name)}</legend>${sk.map((k, i) => `<label for="k${ri}${i}">${esc(sn[i])} <span class="muted">(${esc(ln[lk.indexOf(r.profile[k])])})</span></label><select id="k${ri}${i}" name="skill.${rid}.${k}"><option value="">${esc(L.unchanged)}</option>${options(lk, ln, kept[`skill.${rid}.${k}`])}</select>`).join('')}</fieldset>`; }).join('');
    const key = ticked().length && nextTip(ticked()[0]);
    for (const x of all('[name=tip]', f)) {
      x.parentNode.querySelector('b')?.remove();
      if (x.value !== key) continue;
      x.nextSibling.insertAdjacentHTML('beforeend', ` <b>(${esc(L.suggested)})</b>`);
      if (!tipSet) x.checked = true;
    }
    play();
  };
  f.oninput = (e) => {
    f.dataset.d = 1;
    const t = e.target;
    if (t.name === 'res') people();
    if (t.name === 'tip') { tipSet = true; play(); }
    if (t.name === 'oc') t.closest('.sv').querySelector('div').hidden = t.value !== 'not_done';
  };
  f.onsubmit = async (ev) => {
    ev.preventDefault();
    for (const x of all('.fe', f)) x.remove();
    let first;
    const bad = (el, m) => { el.insertAdjacentHTML(el.tagName === 'FIELDSET' ? 'beforeend' : 'afterend', `<p class="err fe">${esc(m)}</p>`); first ||= el; };
    const who = ticked();
    if (!who.length) bad($('#who'), L.choose);
    const data = { household_id: id, channel: f.querySelector('[name=ch]:checked').value, minutes: $('#mn').value, residents: who.join(',') };
    if (!(+data.minutes >= 1 && +data.minutes <= 600)) bad($('#mn'), L.required);
    let n = 0;
    for (const b of all('.sv', f)) {
      const [sv, oc, rs] = all('select', b);
      if (!sv.value) { if (oc.value) bad(sv, L.required); continue; }
      if (!oc.value) bad(oc, L.needoutcome);
      else if (oc.value === 'not_done' && !rs.value) bad(rs, L.needreason);
      data['service_' + ++n] = sv.value;
      data['outcome_' + n] = oc.value;
      if (oc.value === 'not_done') data['reason_' + n] = rs.value;
    }
    if (!n && !first) bad($('#sv1'), L.needservice);
    const tip = f.querySelector('[name=tip]:checked')?.value;
    if (!tip) bad($('#tp'), L.needtip);
    if (first) return first.scrollIntoView({ block: 'center' });
    data.tip = tip;
    const hp = all('[name=hp]:checked', f).map((x) => x.value).join(',');
    if (hp) data.helpers = hp;
    if ($('#nt').value.trim()) data.notes = $('#nt').value.trim();
    for (const x of all('#sk select')) if (x.value) data[x.name] = x.value;
    flash = L.saved;
    fresh = true;
    await record('session', data);
  };
}
function residentView(id) {
  const r = S.r.get(id);
  if (!r) return listView();
  const p = r.profile;
  const fields = list('skillkeys');
  show(`${back(`h/${r.household_id}`)}<h1>${esc(r.full_name)}</h1><form id="f" class="card">
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
  const lg = lang();
  show(`${back('')}<h1>${esc(L.procs)}</h1>${S.procs.map((p) => `<details class="card"><summary>${esc(p.title[lg])}</summary>
<ul>${p.documents.map((d) => `<li>${d.count} × ${esc(d[lg])}</li>`).join('')}</ul><p class="muted">${esc(p.where[lg])} · ${esc(p.fee[lg])}</p></details>`).join('')}`);
}
function syncView() {
  const ops = [...S.ops.values()].sort((a, b) => b.at - a.at);
  const waiting = ops.some((o) => o.state !== 'synced');
  show(`${back('')}<h1>${esc(L.pending)}</h1>${navigator.onLine ? '' : `<p class="muted">${esc(L.offline)}</p>`}
<ul>${ops.map((o) => `<li>${esc({ session: L.record, task_done: L.done, resident_update: L.skills, training_attendance: L.attendance, training_check: L.check, listing: L.listing, clip: L.clip }[o.kind])} · ${new Date(o.at).toLocaleString()} ${badge(o)} <span class="muted">${esc(o.note)}</span></li>`).join('')}</ul>
<button class="p" id="out" type="button"${waiting ? ' disabled' : ''}>${esc(L.logout)}</button>`);
  // Logging out takes the villages' data off this phone; not while records wait to be sent.
  $('#out').onclick = async () => {
    await fetch('/api/v1/logout', { method: 'POST', headers: { authorization: 'Bearer ' + S.token } }).catch(() => null);
    idb.close();
    indexedDB.deleteDatabase('caunoi').onsuccess = () => location.replace('/app');
  };
}
// --- training: attendance and checks offline (sync kinds training_attendance, training_check) ---
// What this phone recorded, not yet confirmed, counts over the list the server last gave.
const mine = (k, t, r, m) => [...S.ops.values()].filter((o) => o.kind === k && o.data.session_id === t && o.data.resident_id === r && (!m || o.data.module === m) && o.state !== 'attention').sort((a, b) => a.at - b.at).pop();
const here = (t, a) => { const o = mine('training_attendance', t.id, a.resident_id); return o ? o.data.present === '1' : a.present; };
const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'vi');
const tt = (m) => m['title_' + lang()];
function trainView(id) {
  const t = S.train.find((x) => x.id === id);
  if (!t) return show(`${back('')}<h1>${esc(L.training)}</h1><ul>${S.train.filter((x) => x.attendance).map((x) => `<li><a href="#/tr/${x.id}">${hm(x.starts_at)} · ${esc(x.village_name || x.commune_name)} · ${esc(x.place)}</a><span class="muted">${esc(x.modules.map(tt).join('. '))}</span></li>`).join('')}</ul>`);
  const on = new Set(t.attendance.map((a) => a.resident_id));
  // Walk-ins: people of the session's village on this phone who are not on the list.
  const others = [...S.r.values()].filter((r) => !on.has(r.id) && (!t.village_id || S.h.get(r.household_id)?.village_id === t.village_id)).sort((a, b) => fold(a.full_name).localeCompare(fold(b.full_name)));
  const ppl = t.attendance.concat(others.filter((r) => mine('training_attendance', t.id, r.id)).map((r) => ({ resident_id: r.id, full_name: r.full_name, household_name: '', checks: {} })));
  show(`${back('tr')}<h1>${esc(L.training)}</h1><p class="muted">${hm(t.starts_at)} · ${esc(t.place)} · ${esc(t.modules.map(tt).join('. '))}</p>
<p><b id="np">${ppl.filter((a) => here(t, a)).length}</b> ${esc(L.present)}</p><ul>${ppl.map((a) => `<li><label class="check"><input type="checkbox" data-r="${a.resident_id}"${here(t, a) ? ' checked' : ''}><span><b>${esc(a.full_name)}</b> <span class="muted">${esc(a.household_name)}</span></span></label>${here(t, a) ? t.modules.map((m) => `<a class="bl" href="#/tc/${t.id}.${a.resident_id}.${m.key}">${esc(L.check)}: ${esc(tt(m))}${a.checks[m.key] || mine('training_check', t.id, a.resident_id, m.key) ? ' ✓' : ''}</a>`).join('') : ''}</li>`).join('')}</ul>
<label for="wi">${esc(L.walkin)}</label><select id="wi"><option value="">—</option>${options(others.map((r) => r.id), others.map((r) => r.full_name))}</select>`);
  const mark = (r, v) => record('training_attendance', { session_id: t.id, resident_id: r, present: v ? '1' : '0' });
  for (const c of all('[data-r]')) c.onchange = () => mark(c.dataset.r, c.checked);
  $('#wi').onchange = () => $('#wi').value && mark($('#wi').value, 1);
}
function checkView(key) {
  const [sid, rid, mod] = String(key).split('.');
  const t = S.train.find((x) => x.id === sid), m = t?.modules.find((x) => x.key === mod);
  if (!m) return trainView(sid);
  const f = () => $('#f'), opts = list('checkkeys').map((k, i) => [k, list('checknames')[i]]);
  show(`${back(`tr/${sid}`)}<h1>${esc(L.check)}</h1><p><b>${esc(S.r.get(rid)?.full_name || t.attendance.find((a) => a.resident_id === rid)?.full_name)}</b> · ${esc(tt(m))}</p>
<form id="f" class="card" novalidate>${m.checks.map((c, i) => `<fieldset id="it${i + 1}"><legend>${esc(c[lang()])}</legend>${checks('item_' + (i + 1), opts, 'radio')}</fieldset>`).join('')}<button class="p">${esc(L.save)}</button></form>`);
  f().oninput = () => { f().dataset.d = 1; };
  f().onsubmit = async (ev) => {
    ev.preventDefault();
    for (const x of all('.fe')) x.remove();
    const data = { session_id: sid, resident_id: rid, module: mod };
    let first;
    m.checks.forEach((c, i) => {
      const n = 'item_' + (i + 1), v = f().querySelector(`[name=${n}]:checked`)?.value, fs = $('#it' + (i + 1));
      if (!v) { fs.insertAdjacentHTML('beforeend', `<p class="err fe">${esc(L.required)}</p>`); first ||= fs; }
      data[n] = v;
    });
    if (first) return first.scrollIntoView({ block: 'center' });
    flash = L.checksaved;
    fresh = true;
    // Back to the list without a hashchange (which would clear the saved message).
    history.replaceState(null, '', `#/tr/${sid}`);
    await record('training_check', data);
  };
}
// --- a listing of a local product or place (sync kind listing; its photo sent after it) ---
function listingView() {
  show(`${back('')}${$('#lt').innerHTML}`);
  const f = $('#f'), vs = S.ctx.villages;
  $('#village_id').innerHTML = options(vs.map((v) => v.id), vs.map((v) => v.name));
  f.oninput = () => { f.dataset.d = 1; };
  // The description helper, as the server's (listings/description.cpp): an answer a line.
  $('#compose').onclick = () => {
    $('#description').value = all('[data-lead]').filter((i) => i.value.trim()).map((i) => {
      const v = i.value.trim().replace(/[. ]+$/, '');
      return (i.dataset.lead ? i.dataset.lead + ': ' + v : v[0].toUpperCase() + v.slice(1)) + '.';
    }).join('\n');
  };
  f.onsubmit = async (ev) => {
    ev.preventDefault();
    const photo = $('#photo').files[0];
    flash = L.lsaved;
    fresh = true;
    history.replaceState(null, '', '#/');
    await record('listing', Object.fromEntries(new FormData(f)), photo ? { photo, pid: ulid() } : {});
  };
}
function route(soft) {
  $('#badge').textContent = [...S.ops.values()].filter((o) => o.state !== 'synced' || o.photo).length;
  $('#net').textContent = navigator.onLine ? L.on : L.off;
  $('#net').className = navigator.onLine ? 'on' : 'off';
  if (!S.token) return loginView();
  // After a sync, a form being filled in is left as it is.
  if (soft && $('#f')?.dataset.d) return;
  const [, view, id] = location.hash.split('/');
  ({ h: householdView, r: residentView, s: syncView, p: procView, tr: trainView, tc: checkView, ls: listingView }[view] || listView)(id);
}

addEventListener('hashchange', () => { flash = ''; route(); });
addEventListener('online', sync);
addEventListener('offline', () => route(1));
$('#sync').onclick = sync;
navigator.serviceWorker?.register('/app/sw.js', { scope: '/app' });
load().then(() => (S.token ? (route(), sync()) : adopt()));
