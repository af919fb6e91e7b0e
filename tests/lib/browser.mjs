// Debian's chromium driven by playwright-core (no downloaded browser), headless, with nothing
// that phones home: what every browser test launches.
import { chromium } from 'playwright-core';

const OPTIONS = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

export function launchChromium() {
  return chromium.launch(OPTIONS);
}

// A browser with a profile on disk (`dir`): closing it and launching again is a browser restart
// that keeps IndexedDB, caches and service workers, as on a phone.
export function launchPersistent(dir, options = {}) {
  return chromium.launchPersistentContext(dir, { ...OPTIONS, viewport: { width: 360, height: 740 }, locale: 'vi-VN', ...options });
}
