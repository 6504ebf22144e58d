import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { WEB_DIST } from '../../src/server/app.js';

/**
 * Debian's Chromium for the browser tests. KEEPWELL_CHROMIUM overrides the path. Without a browser the
 * tests are skipped with a warning, unless KEEPWELL_REQUIRE_BROWSER=1 (CI), where they fail.
 */
export const CHROMIUM = process.env.KEEPWELL_CHROMIUM || '/usr/bin/chromium';
export const hasBrowser = fs.existsSync(CHROMIUM);
export const browserRequired = process.env.KEEPWELL_REQUIRE_BROWSER === '1';
export const runBrowserTests = hasBrowser || browserRequired;

/** Checks the browser and the built web app are there, then launches the browser headless. */
export async function launchBrowser(): Promise<Browser> {
  if (!hasBrowser) throw new Error(`KEEPWELL_REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist: install it with "apt-get install -y chromium"`);
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist/index.html is missing: run "npm run build:web" before the browser test (npm test does it)');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium keeps calling out of this closed network.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
