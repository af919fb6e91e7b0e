// Debian's chromium driven by playwright-core (no downloaded browser), headless, with nothing
// that phones home: what every browser test launches.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from './server.mjs';

const OPTIONS = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

export function launchChromium() {
  return chromium.launch(OPTIONS);
}

// A browser with a profile on disk (`dir`): closing it and launching again is a browser restart
// that keeps IndexedDB, caches and service workers, as on a phone. `args` add Chromium switches
// (a microphone that plays a file: --use-file-for-fake-audio-capture).
export function launchPersistent(dir, options = {}, args = []) {
  return chromium.launchPersistentContext(dir, { ...OPTIONS, args: [...OPTIONS.args, ...args], viewport: { width: 360, height: 740 }, locale: 'vi-VN', ...options });
}

// The field app opened on `page` and logged in through its own form, as a member does it, its
// service worker ready (the app then works without signal).
export async function fieldAppLogin(page, base, user, password = DEMO_PASSWORD) {
  await page.goto(`${base}/app`);
  await page.fill('#u', user);
  await page.fill('#pw', password);
  await page.click('button.p');
  await page.waitForSelector('#lsl');
  await page.evaluate(() => navigator.serviceWorker.ready);
}

// A fresh 360 x 740 phone logged in through the login form, as a person does it. `locale` is the
// phone's own language (the site stays Vietnamese unless the person picks another).
export async function phoneLogin(browser, base, user, { password = DEMO_PASSWORD, locale = 'vi-VN' } = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#login', user);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`);
  return { context, page };
}

// Screenshots to look at, kept in $CAUNOI_SHOTS when set (nothing otherwise).
export function shooter() {
  const dir = process.env.CAUNOI_SHOTS || '';
  if (dir) mkdirSync(dir, { recursive: true });
  return (page, name) => (dir ? page.screenshot({ path: `${dir}/${name}.png` }) : null);
}

// Asserts that `locator` (a button, a link, a label to tap) is at least 44 px high, as a finger needs.
export async function tall(locator, what) {
  const box = await locator.boundingBox();
  assert.ok(box && box.height >= 44, `${what} is ${box?.height} px high`);
}
