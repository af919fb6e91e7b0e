// First sync of the field app over the DevTools "3G" preset (400 kbps down and up, 400 ms
// latency; CDP network emulation in Debian's chromium): time from "log in" to the member's
// villages on the phone, and compressed bytes per record pulled. Usage:
// node bench/first_sync.mjs BASE_URL. Prints one JSON line.
import { launchChromium } from '../tests/lib/browser.mjs';

const base = process.argv[2];
const browser = await launchChromium();
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Network.enable');
await page.goto(`${base}/app`);  // the app itself arrives before the emulated network starts
await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50000, uploadThroughput: 50000 });
const urls = new Map();
let pulled = 0, all = 0;
cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
cdp.on('Network.loadingFinished', (e) => {
  all += e.encodedDataLength;
  if ((urls.get(e.requestId) || '').includes('/api/v1/sync/pull')) pulled += e.encodedDataLength;
});
await page.fill('#u', 'thanhvien.muongxen');
await page.fill('#pw', 'caunoi-demo-2026');
const t0 = Date.now();
await page.click('button.p');
await page.waitForSelector('#hs li', { timeout: 120000 });
await page.waitForFunction(() => !document.querySelector('#sync').disabled, null, { timeout: 120000 });
const ms = Date.now() - t0;
const counts = await page.evaluate(() => new Promise((ok) => {
  const q = indexedDB.open('caunoi');
  q.onsuccess = () => {
    const t = q.result.transaction(['h', 'r', 't']);
    const n = {};
    let left = 3;
    for (const s of ['h', 'r', 't']) t.objectStore(s).count().onsuccess = (e) => { n[s] = e.target.result; if (!--left) ok(n); };
  };
}));
const records = counts.h + counts.r + counts.t;
console.log(JSON.stringify({ households: counts.h, residents: counts.r, tasks: counts.t, ms, pulled_bytes: pulled, all_bytes: all, bytes_per_record: Math.round(pulled / records) }));
await browser.close();
