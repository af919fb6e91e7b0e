// The record page (web/templates/translations_record.mustache): records with MediaRecorder (or
// takes a chosen file), lets the member listen, then sends it in pieces by caunoiUpload
// (upload.js) to /api/v1/clips/{id}; the server's reason shown when it refuses the recording.
'use strict';
const rf = document.getElementById('rec-form');
if (rf) {
  const D = rf.dataset, $ = (s) => document.getElementById(s);
  const say = (t) => { $('rec-state').textContent = t; };
  const fail = (t) => { $('rec-error').textContent = t || ''; $('rec-error').hidden = !t; };
  let blob = null, rec = null, timer = 0;
  const label = $('rec').textContent;
  const take = (b) => {
    blob = b;
    $('rec-preview').src = URL.createObjectURL(b);
    $('rec-preview').hidden = false;
    $('rec-send').disabled = false;
  };
  $('rec').onclick = async () => {
    if (rec) { rec.stop(); return; }
    fail('');
    let stream;
    try { stream = await navigator.mediaDevices.getUserMedia({ audio: true }); } catch { return fail(D.noMic); }
    const parts = [];
    rec = new MediaRecorder(stream);
    rec.ondataavailable = (e) => parts.push(e.data);
    rec.onstop = () => {
      clearTimeout(timer);
      stream.getTracks().forEach((t) => t.stop());
      rec = null;
      $('rec').textContent = label;
      say('');
      take(new Blob(parts, { type: parts[0]?.type || 'audio/webm' }));
    };
    rec.start();
    $('rec').textContent = D.stop;
    say(D.recording);
    timer = setTimeout(() => rec && rec.stop(), 60000);
  };
  $('rec-file').onchange = () => { if ($('rec-file').files[0]) take($('rec-file').files[0]); };
  rf.onsubmit = async (e) => {
    e.preventDefault();
    if (!blob) return;
    fail('');
    $('rec-send').disabled = true;
    const id = caunoiUlid();
    try {
      await caunoiUpload(`/api/v1/clips/${id}?key=${encodeURIComponent(D.key)}&lang=${D.lang}`, blob, id,
        { 'x-csrf-token': D.csrf, 'accept-language': document.documentElement.lang },
        (a, n) => say(Math.round((100 * a) / n) + ' %'));
      location.href = D.back + '&done=recorded';
    } catch (x) {
      fail(x.title || D.failed);
      $('rec-send').disabled = false;
    }
  };
}
