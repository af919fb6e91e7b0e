// Sends a listing's photo in pieces of 192 KiB, resuming where the server says (docs/api.md
// "Photos"), so a lost signal costs one piece. The listing page binds it to its photo form; the
// field app calls caunoiUpload when it is back online.
'use strict';
async function caunoiUpload(listing, blob, id, headers, progress) {
  const base = `/api/v1/listings/${listing}/photos/${id}`;
  let j = await (await fetch(base, { headers })).json();
  let at = j.received || 0;
  while (!j.done) {
    const r = await fetch(`${base}?offset=${at}&total=${blob.size}`, { method: 'PUT', headers, body: blob.slice(at, at + 196608) });
    j = await r.json().catch(() => ({}));
    if (!r.ok && r.status !== 409) throw Object.assign(new Error(j.title || r.status), { status: r.status, title: j.title });
    at = j.received;
    if (progress) progress(at, blob.size);
  }
  return j;
}
const pf = document.getElementById('photo-form');
if (pf) pf.addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = pf.querySelector('input[type=file]'), err = document.getElementById('photo-error');
  const show = (t) => { err.textContent = t; err.hidden = !t; };
  const file = input.files[0];
  if (!file) return;
  if (file.size > 12 * 1048576) return show(input.dataset.tooBig);
  show('');
  pf.querySelector('button').disabled = true;
  const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let t = Date.now(), id = '';
  for (let i = 0; i < 10; i++) { id = B32[t % 32] + id; t = Math.floor(t / 32); }
  for (const b of crypto.getRandomValues(new Uint8Array(16))) id += B32[b % 32];
  try {
    await caunoiUpload(pf.dataset.listing, file, id, { 'x-csrf-token': pf.dataset.csrf, 'accept-language': document.documentElement.lang },
      (a, n) => { document.getElementById('photo-progress').textContent = Math.round((100 * a) / n) + ' %'; });
    location.href = `/listings/${pf.dataset.listing}?done=photo`;
  } catch (x) {
    show(x.title || input.dataset.failed);
    pf.querySelector('button').disabled = false;
  }
});
