// The listing page's photo form (web/templates/listing.mustache): the file checked in the browser
// first, then sent in pieces by caunoiUpload (upload.js); the server's reason shown next to the
// field when it refuses the file.
'use strict';
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
  const id = caunoiUlid();
  try {
    await caunoiUpload(pf.dataset.listing, file, id, { 'x-csrf-token': pf.dataset.csrf, 'accept-language': document.documentElement.lang },
      (a, n) => { document.getElementById('photo-progress').textContent = Math.round((100 * a) / n) + ' %'; });
    location.href = `/listings/${pf.dataset.listing}?done=photo`;
  } catch (x) {
    show(x.title || input.dataset.failed);
    pf.querySelector('button').disabled = false;
  }
});
