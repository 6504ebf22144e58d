import { describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../src/modules/accounts/contracts.js';
import { CHROMIUM, runBrowserTests } from './browser.js';
import { browserJourney } from './journey.js';

/**
 * The browser journey against a real server, a real SQLite file and Debian's chromium:
 * sign in → filter the accounts list → open an account → edit fields → reload → still saved.
 * KEEPWELL_CHROMIUM overrides the browser path; KEEPWELL_E2E_SCREENSHOTS=<dir> also saves screenshots of each page (to look at while developing).
 */
if (!runBrowserTests) console.warn(`Skipping the browser test: ${CHROMIUM} not found (apt-get install -y chromium).`);

describe.skipIf(!runBrowserTests)('web app: accounts journey', () => {
  const journey = browserJourney();
  const { shot, pageErrors } = journey;

  async function accountRows(): Promise<string[]> {
    return journey.page.getByRole('table', { name: 'Accounts' }).locator('tbody tr td:first-child').allTextContents();
  }

  async function waitForRows(expected: string[]): Promise<void> {
    await expect.poll(accountRows, { timeout: 10_000 }).toEqual(expected);
  }

  it('signs in, filters, edits an account and keeps the edit after a reload', async () => {
    const { baseUrl, login, accounts } = journey.server;

    // Signed out: the app sends the visitor to the sign-in page and back afterwards.
    await journey.page.goto(`${baseUrl}/accounts`);
    await journey.page.getByRole('heading', { name: 'Sign in to Keepwell' }).waitFor();
    await shot('sign-in');
    await journey.page.getByLabel('Email').fill(login.email);
    await journey.page.getByLabel(/^Password/).fill('not the password');
    await journey.page.getByLabel(/^Password/).press('Enter');
    await journey.page.getByRole('alert').filter({ hasText: 'Could not sign in' }).waitFor();
    await journey.page.getByLabel(/^Password/).fill(login.password);
    await journey.page.getByLabel(/^Password/).press('Enter');

    await journey.page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    const allNames = accounts.map((a) => a.name).sort((a, b) => a.localeCompare(b));
    await waitForRows(allNames);
    await expect.poll(() => journey.page.getByTestId('accounts-total').textContent()).toBe(`${accounts.length} accounts`);
    await shot('accounts-list');

    // Filter by deployment status through its multi-select; the URL keeps the filter.
    await journey.page.getByRole('combobox', { name: 'Deployment status' }).click();
    await journey.page.getByRole('option', { name: 'Deployed', exact: true }).click();
    await journey.page.keyboard.press('Escape');
    const deployed = accounts.filter((a) => a.deploymentStatus === 'deployed').map((a) => a.name);
    await waitForRows(deployed.sort((a, b) => a.localeCompare(b)));
    expect(new URL(journey.page.url()).searchParams.get('deploymentStatus')).toBe('deployed');

    // Then narrow with the (debounced) search box.
    await journey.page.getByLabel('Search accounts').fill('northwind');
    await waitForRows(['Northwind Health']);
    await shot('accounts-filtered');

    // The filtered list survives a reload because its state lives in the URL.
    await journey.page.reload();
    await waitForRows(['Northwind Health']);

    await journey.page.getByRole('link', { name: 'Northwind Health' }).click();
    await journey.page.getByRole('heading', { name: 'Northwind Health', level: 1 }).waitFor();
    await journey.page.getByRole('combobox', { name: 'Industry' }).waitFor();
    await shot('account-page');

    const industry = journey.page.getByRole('combobox', { name: 'Industry' });
    await industry.fill('Biotech');
    await journey.page.keyboard.press('Escape');
    await journey.page.getByLabel('Renewal date').fill('2027-03-31');
    await journey.page.getByRole('button', { name: 'Save', exact: true }).click();
    await journey.page.getByText('Account saved').waitFor();

    await journey.page.reload();
    await journey.page.getByRole('heading', { name: 'Northwind Health', level: 1 }).waitFor();
    await expect.poll(() => journey.page.getByRole('combobox', { name: 'Industry' }).inputValue()).toBe('Biotech');
    expect(await journey.page.getByLabel('Renewal date').inputValue()).toBe('2027-03-31');
    await shot('account-page-saved');

    // The API (with the browser's own session) agrees.
    const id = new URL(journey.page.url()).pathname.split('/').pop();
    const response = await journey.page.request.get(`${baseUrl}/api/v1/accounts/${id}`);
    expect(response.status()).toBe(200);
    const saved = (await response.json()) as AccountDetail;
    expect(saved).toMatchObject({ name: 'Northwind Health', industry: 'Biotech', renewalDate: '2027-03-31', deploymentStatus: 'deployed' });

    expect(pageErrors).toEqual([]);
  });
});
