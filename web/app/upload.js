// Sends a listing's photo (or a voice clip) in pieces of 192 KiB, resuming where the server says (docs/api.md
// "Photos"), so a lost signal costs one piece; the upload's id makes the photo once, however often
// the last piece goes. The field app (when back online) and the listing page's form use it, and
// the field app takes its ids from caunoiUlid.
'use strict';
// A ULID (time first, then randomness): the ids phones make offline (docs/sync.md).
function caunoiUlid() {
  const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let t = Date.now(), s = '';
  for (let i = 0; i < 10; i++) { s = B32[t % 32] + s; t = Math.floor(t / 32); }
  for (const b of crypto.getRandomValues(new Uint8Array(16))) s += B32[b % 32];
  return s;
}
// `to` is a listing's id, or the whole address of the upload (a voice clip's, with its query).
async function caunoiUpload(to, blob, id, headers, progress) {
  const base = to[0] === '/' ? to : `/api/v1/listings/${to}/photos/${id}`, sep = base.includes('?') ? '&' : '?';
  let j = await (await fetch(base, { headers })).json();
  while (!j.done) {
    const at = j.received || 0;
    const r = await fetch(`${base}${sep}offset=${at}&total=${blob.size}`, { method: 'PUT', headers, body: blob.slice(at, at + 196608) });
    j = await r.json().catch(() => ({}));
    if (!r.ok && r.status !== 409) throw Object.assign(new Error(r.status), { status: r.status, title: j.title });
    if (progress) progress(j.received, blob.size);
  }
  return j;
}
