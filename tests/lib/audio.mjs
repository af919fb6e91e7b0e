// Sounds for tests that send recordings: a voice-like tone (a 180 Hz tone with harmonics, its
// loudness swinging four times a second like syllables) as a 16-bit mono WAV, the same sound the
// unit tests make (src/audio/test_audio.hpp), and a WAV of silence.
export function voiceWav(seconds = 3, rate = 16000, amplitude = 0.3) {
  const n = Math.round(seconds * rate);
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    let v = 0;
    for (let h = 1; h <= 4; h++) v += Math.sin(2 * Math.PI * 180 * h * t) / h;
    const env = 0.3 + 0.7 * Math.abs(Math.sin(2 * Math.PI * 2 * t));
    pcm.writeInt16LE(Math.round(Math.max(-1, Math.min(1, (amplitude * env * v) / 1.85)) * 32767), i * 2);
  }
  return wav(pcm, rate);
}

export function silentWav(seconds = 3, rate = 16000) { return wav(Buffer.alloc(Math.round(seconds * rate) * 2), rate); }

function wav(pcm, rate) {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + pcm.length, 4); h.write('WAVE', 8); h.write('fmt ', 12);
  h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22); h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34); h.write('data', 36); h.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([h, pcm]);
}

// Sends `bytes` as clip `id` of text `key` in `lang`, in pieces of `piece` bytes, as the phone
// does (docs/api.md "Voice clips"); resolves to the last answer ({ status, json }).
export async function sendClip(base, auth, id, key, lang, bytes, piece = 1 << 20) {
  let last;
  for (let at = 0; at < bytes.length; at += piece) {
    const url = `${base}/api/v1/clips/${id}?key=${encodeURIComponent(key)}&lang=${lang}&offset=${at}&total=${bytes.length}`;
    const r = await fetch(url, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: bytes.subarray(at, at + piece) });
    last = { status: r.status, json: await r.json() };
    if (r.status >= 400) return last;
  }
  return last;
}
