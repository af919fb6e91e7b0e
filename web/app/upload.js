// Sends a listing's photo in pieces of 192 KiB, resuming where the server says (docs/api.md
// "Photos"), so a lost signal costs one piece; the upload's id makes the photo once, however often
// the last piece goes. The field app (when back online) and the listing page's form use it.
'use strict';
async function caunoiUpload(listing, blob, id, headers, progress) {
  const base = `/api/v1/listings/${listing}/photos/${id}`;
  let j = await (await fetch(base, { headers })).json();
  while (!j.done) {
    const at = j.received || 0;
    const r = await fetch(`${base}?offset=${at}&total=${blob.size}`, { method: 'PUT', headers, body: blob.slice(at, at + 196608) });
    j = await r.json().catch(() => ({}));
    if (!r.ok && r.status !== 409) throw Object.assign(new Error(r.status), { status: r.status, title: j.title });
    if (progress) progress(j.received, blob.size);
  }
  return j;
}
