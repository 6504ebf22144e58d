import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser.js';
import { type E2eServer, startE2eServer } from './server.js';

/** What a browser journey works with; `server` and `page` are set once its beforeAll has run. */
export interface Journey {
  server: E2eServer;
  page: Page;
  /** Uncaught exceptions and CSP refusals: bugs even when the journey still completes. */
  pageErrors: string[];
  /** Saves a full-page screenshot when KEEPWELL_E2E_SCREENSHOTS=<dir> is set (to look at while developing). */
  shot(name: string): Promise<void>;
  /** Signs in as the seeded admin and waits for the accounts list. */
  signIn(): Promise<void>;
  /** A cookie-authenticated API call with the session's CSRF token, as the SPA makes it; fails the test on a 4xx/5xx. */
  post<T>(url: string, data: unknown): Promise<T>;
  /** The same for a DELETE. */
  del(url: string): Promise<void>;
}

/**
 * Registers (in the calling describe) the start of a fresh seeded server and a Chromium page, and their teardown.
 * `shotPrefix` keeps one journey's screenshots apart from another's.
 */
export function browserJourney({ shotPrefix = '' }: { shotPrefix?: string } = {}): Journey {
  const screenshots = process.env.KEEPWELL_E2E_SCREENSHOTS;
  let browser: Browser | undefined;
  let started: E2eServer | undefined;
  const journey: Journey = {
    server: undefined as unknown as E2eServer,
    page: undefined as unknown as Page,
    pageErrors: [],
    async shot(name) {
      if (!screenshots) return;
      fs.mkdirSync(screenshots, { recursive: true });
      await journey.page.screenshot({ path: path.join(screenshots, `${shotPrefix}${name}.png`), fullPage: true });
    },
    async signIn() {
      const { page, server } = journey;
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.getByLabel('Email').fill(server.login.email);
      await page.getByLabel(/^Password/).fill(server.login.password);
      await page.getByLabel(/^Password/).press('Enter');
      await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    },
    async post<T>(url: string, data: unknown): Promise<T> {
      const { page, server } = journey;
      const me = await page.request.get(`${server.baseUrl}/api/v1/auth/me`);
      const { csrfToken } = (await me.json()) as { csrfToken: string };
      const response = await page.request.post(`${server.baseUrl}${url}`, { data, headers: { 'X-CSRF-Token': csrfToken } });
      expect(response.status(), await response.text()).toBeLessThan(300);
      return (await response.json()) as T;
    },
    async del(url: string): Promise<void> {
      const { page, server } = journey;
      const me = await page.request.get(`${server.baseUrl}/api/v1/auth/me`);
      const { csrfToken } = (await me.json()) as { csrfToken: string };
      const response = await page.request.delete(`${server.baseUrl}${url}`, { headers: { 'X-CSRF-Token': csrfToken } });
      expect(response.status(), await response.text()).toBeLessThan(300);
    },
  };

  beforeAll(async () => {
    started = await startE2eServer();
    journey.server = started;
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => journey.pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) journey.pageErrors.push(msg.text());
    });
    journey.page = page;
  });

  afterAll(async () => {
    await browser?.close();
    await started?.stop();
  });

  return journey;
}
