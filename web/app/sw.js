// Cầu Nối field app service worker: the app's own files from the cache, so it opens with no
// network; refreshed in the background when there is one. The API is never cached here (the
// app keeps its data in IndexedDB); the boards of the member's villages and the tips read aloud are kept
// for use without signal.
const CACHE = 'caunoi-app-4', BOARD = 'caunoi-board';
const SHELL = ['/app', '/app/app.js', '/app/upload.js', '/app/manifest.webmanifest', '/app/icon.svg'];
self.addEventListener('install', (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(caches.keys()
  .then((keys) => Promise.all(keys.filter((k) => k !== CACHE && k !== BOARD).map((k) => caches.delete(k))))
  .then(() => self.clients.claim())));
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  // The villages' boards (public pages) and the tips read aloud: the network first, the last copy
  // when there is none.
  if (e.request.method === 'GET' && /^\/(app\/board|listen)\//.test(url.pathname)) {
    const k = url.pathname + url.search;
    return e.respondWith(caches.open(BOARD).then((c) => fetch(e.request)
      .then((r) => { if (r.ok) c.put(k, r.clone()); return r; })
      .catch(() => c.match(k).then((hit) => hit || Response.error()))));
  }
  // A query ("/app?fresh") asks the server itself: the app reads a current page's CSRF token so.
  if (e.request.method !== 'GET' || url.origin !== location.origin || url.search || !SHELL.includes(url.pathname)) return;
  e.respondWith(caches.open(CACHE).then(async (c) => {
    const hit = await c.match(url.pathname);
    const fresh = fetch(e.request).then((r) => { if (r.ok) c.put(url.pathname, r.clone()); return r; });
    return hit ? (fresh.catch(() => hit), hit) : fresh;
  }));
});
