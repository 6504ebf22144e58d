import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AxeResults, ElementContext, Result } from 'axe-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import { CHROMIUM, launchBrowser, runBrowserTests } from './browser.js';
import { type E2eServer, startE2eServer } from './server.js';

/**
 * Accessibility checks of every page with axe-core (WCAG 2.1 A/AA + best practices; serious and critical
 * findings fail), and a keyboard-only journey: sign in, search, open an account, edit and save it, with a
 * visible focus indicator on each control on the way.
 * KEEPWELL_CHROMIUM overrides the browser path; KEEPWELL_E2E_SCREENSHOTS=<dir> also saves a screenshot of each
 * checked state; KEEPWELL_A11Y_VERBOSE=1 also prints the moderate and minor findings.
 */
const screenshots = process.env.KEEPWELL_E2E_SCREENSHOTS;
const verbose = process.env.KEEPWELL_A11Y_VERBOSE === '1';
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
if (!runBrowserTests) console.warn(`Skipping the accessibility test: ${CHROMIUM} not found (apt-get install -y chromium).`);

declare global {
  interface Window {
    axe?: { run(context: ElementContext, options: object): Promise<AxeResults> };
  }
}

function describeViolation(state: string, v: Result): string {
  const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n\s*/g, ' ')}` : ''}`);
  return `[${state}] ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
}

describe.skipIf(!runBrowserTests)('web app: accessibility', () => {
  let server: E2eServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /**
   * axe is injected as an inline script, which the app's CSP (script-src 'self') refuses; this context bypasses
   * the CSP for that reason only (the accounts journey keeps it on and fails on any CSP refusal).
   */
  async function newPage(options: { bypassCSP: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: options.bypassCSP });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    return { context, page };
  }

  async function shot(page: Page, name: string): Promise<void> {
    if (!screenshots) return;
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, `a11y-${name}.png`), fullPage: true });
  }

  /** Modals, menus and collapses fade in: contrast is only meaningful once they stop moving. */
  async function settle(page: Page): Promise<void> {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(server.login.email);
    await page.getByLabel(/^Password/).fill(server.login.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  }

  // Twenty-odd pages and dialogs, each waited for and checked: more than the default 30 s on a busy machine.
  it('has no serious or critical axe violations on any page', async () => {
    const { page, context } = await newPage({ bypassCSP: true });
    const failures: string[] = [];

    /** Runs axe on the whole document; `exclude` lists nodes we may not fix here (each with its reason). */
    async function check(state: string, exclude: string[] = []): Promise<void> {
      await settle(page);
      await shot(page, state);
      if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_PATH });
      const results = await page.evaluate(
        ([tags, excluded]) =>
          window.axe!.run(excluded.length ? { include: [['html']], exclude: excluded.map((s) => [s]) } : document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
          }),
        [AXE_TAGS, exclude] as const,
      );
      for (const v of results.violations) {
        if (FAILING_IMPACTS.has(v.impact ?? '')) failures.push(describeViolation(state, v));
        else if (verbose) console.info(describeViolation(state, v));
      }
    }

    // Sign-in, after a failed attempt so that the error alert is checked too.
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to Keepwell' }).waitFor();
    await page.getByLabel('Email').fill(server.login.email);
    await page.getByLabel(/^Password/).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not sign in' }).waitFor();
    await check('sign-in');

    await signIn(page);
    const table = page.getByRole('table', { name: 'Accounts' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(server.accounts.length);
    await page.getByRole('combobox', { name: 'Deployment status' }).waitFor();
    await check('accounts-list');

    await page.getByRole('button', { name: 'New account' }).click();
    await page.getByRole('dialog', { name: 'New account' }).waitFor();
    await check('new-account-modal');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const parent = server.accounts.find((a) => a.name === 'Northwind Health');
    await page.getByRole('link', { name: parent?.name }).click();
    await page.getByRole('heading', { name: parent?.name, level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Contacts' }).waitFor();
    await page.getByRole('table', { name: 'Child accounts' }).waitFor();
    await check('account-page');
    // The Usage tab: the default scorecard's KPIs without data, and no usage yet (this seed sends no events).
    await page.getByRole('tab', { name: 'Usage' }).click();
    await page.getByText('No usage yet').waitFor();
    await check('account-usage');
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('table', { name: 'Contacts' }).waitFor();

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('tabpanel').getByRole('table').waitFor();
    await check('settings-users');
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByRole('table', { name: 'API keys' }).waitFor();
    await check('settings-api-keys');
    await page.getByRole('tab', { name: 'KPIs' }).click();
    await page.getByRole('button', { name: 'Add from template' }).first().waitFor();
    await check('settings-kpis');
    await page.getByRole('button', { name: 'New KPI' }).first().click();
    await page.getByRole('dialog', { name: 'New KPI' }).waitFor();
    await check('kpi-editor');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Metrics' }).click();
    await page.getByRole('button', { name: 'New metric' }).waitFor();
    await check('settings-metrics');
    await page.getByRole('tab', { name: 'Write keys' }).click();
    await page.getByRole('textbox', { name: 'Write key name' }).waitFor();
    await check('settings-write-keys');
    await page.getByRole('tab', { name: 'Workspace' }).click();
    await page.getByRole('textbox', { name: 'Workspace name' }).waitFor();
    await check('settings-workspace');
    // Health (issue 4): the default scorecard every workspace gets, and its editor.
    await page.getByRole('tab', { name: 'Scorecards' }).click();
    await page.getByText('Customer health').first().waitFor();
    await check('settings-scorecards');
    await page.getByRole('button', { name: 'Edit Customer health' }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForLoadState('networkidle');
    await check('scorecard-editor');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Unmatched data' }).click();
    await page.getByRole('heading', { name: 'Unmatched data', level: 1 }).waitFor();
    await page.getByTestId('unmatched-total').filter({ hasText: /event/ }).waitFor();
    await check('unmatched-data');

    // The engagement pages (issue 5), each once its data has loaded.
    const engagementPages: Array<[string, RegExp, string]> = [
      ['My work', /^My work$/, 'my-work'],
      ['Health', /^Health$/, 'health'],
      ['Red flags', /^Red flags/, 'red-flags'],
      ['Risk register', /^Risk register$/, 'risk-register'],
      ['Playbooks', /^Playbooks$/, 'playbooks'],
    ];
    for (const [link, heading, state] of engagementPages) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await check(state);
    }
    await page.getByRole('tab', { name: 'Template library' }).click();
    await page.getByText('Adopt checklist').first().waitFor();
    await check('playbook-library');
    await page.getByRole('link', { name: 'Red flags', exact: true }).click();
    await page.getByRole('button', { name: 'Raise a red flag' }).click();
    await page.getByRole('dialog', { name: 'Raise a red flag' }).waitFor();
    await check('raise-red-flag-modal');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // The account's engagement tabs, and the form that logs an activity.
    await page.goto(`${server.baseUrl}/accounts/${parent?.id}`);
    for (const tab of ['Health', 'Timeline', 'Tasks', 'Lifecycle & playbooks', 'Risks & red flags', 'Stories']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForLoadState('networkidle');
      await check(`account-${tab.toLowerCase().replace(/\W+/g, '-')}`);
    }
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByRole('button', { name: 'Log activity', exact: true }).click();
    await page.getByRole('dialog', { name: 'Log an activity' }).waitFor();
    await check('log-activity-modal');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Import/Export' }).click();
    await page.getByRole('heading', { name: 'Import/Export', level: 1 }).waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'accounts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('external_id,name,arr,renewal_date\n,No id,100,2026-01-01\nnew-1,Bad values,lots,31/12/2026\n'),
    });
    await page.getByRole('button', { name: 'Check file (dry run)' }).click();
    await page.getByRole('table', { name: 'Invalid rows' }).waitFor();
    await check('import-report');

    await page.getByRole('button', { name: /user menu$/ }).click();
    await page.getByRole('menu').waitFor();
    await check('user-menu');
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    await page.getByRole('dialog', { name: 'Change password' }).waitFor();
    await check('change-password-modal');

    await context.close();
    if (failures.length) console.error(`axe found ${failures.length} serious or critical violation(s):\n\n${failures.join('\n\n')}`);
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('signs in, finds and edits an account with the keyboard alone, always showing where the focus is', async () => {
    const { page, context } = await newPage({ bypassCSP: false });
    const target = server.accounts.find((a) => a.name === 'Evergreen Schools') as AccountDetail;
    const unseen: string[] = [];
    const checkedTags = new Set<string>();

    /** Presses Tab until `wanted` has the focus, checking on the way that each focused control shows it. */
    async function tabTo(wanted: Locator, maxPresses = 80): Promise<void> {
      for (let i = 0; i < maxPresses; i++) {
        await page.keyboard.press('Tab');
        const indicator = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const ringed = (node: Element | null) => {
            if (!node) return false;
            const style = getComputedStyle(node);
            return (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
          };
          // Pill inputs (MultiSelect) focus a bare field inside the framed element that shows the ring.
          const shown = ringed(el) || ringed(el.closest('.mantine-Input-input'));
          const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
          return { shown, tag: el.tagName.toLowerCase(), what: `${el.tagName.toLowerCase()} "${name.trim().slice(0, 40)}"` };
        });
        if (indicator) checkedTags.add(indicator.tag);
        if (indicator && !indicator.shown) unseen.push(indicator.what);
        if (await wanted.evaluate((el) => el === document.activeElement)) return;
      }
      throw new Error(`${maxPresses} presses of Tab did not reach ${wanted}`);
    }

    await page.goto(`${server.baseUrl}/accounts`);
    await page.getByRole('heading', { name: 'Sign in to Keepwell' }).waitFor();
    // The email field has the focus on arrival.
    await expect.poll(() => page.getByLabel('Email').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(server.login.email);
    await tabTo(page.getByLabel(/^Password/));
    await page.keyboard.type(server.login.password);
    await tabTo(page.getByRole('button', { name: 'Sign in' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();

    await tabTo(page.getByRole('searchbox', { name: 'Search accounts' }));
    await page.keyboard.type('evergreen');
    const table = page.getByRole('table', { name: 'Accounts' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    const link = table.getByRole('link', { name: target.name });
    await tabTo(link, 120);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: target.name, level: 1 }).waitFor();

    const domain = page.getByRole('textbox', { name: 'Domain' });
    await domain.waitFor();
    await tabTo(domain);
    await page.keyboard.type('evergreen.example');
    await tabTo(page.getByRole('button', { name: 'Save', exact: true }));
    await page.keyboard.press('Enter');
    await page.getByText('Account saved').waitFor();

    const response = await page.request.get(`${server.baseUrl}/api/v1/accounts/${target.id}`);
    expect(((await response.json()) as AccountDetail).domain).toBe('evergreen.example');
    await context.close();
    expect([...checkedTags]).toEqual(expect.arrayContaining(['a', 'button', 'input']));
    expect(unseen, `focused controls without a visible focus indicator: ${unseen.join(', ')}`).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
