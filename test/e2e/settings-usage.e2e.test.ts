import { describe, expect, it } from 'vitest';
import { CHROMIUM, runBrowserTests } from './browser.js';
import { browserJourney } from './journey.js';

/**
 * Usage data in, through the browser: create a write key in Settings, send a Segment batch with it for an account
 * Keepwell does not know, find it on the unmatched-data page with its reason, create the account from there and see
 * the data leave the page; then add a KPI from a template. KEEPWELL_E2E_SCREENSHOTS=<dir> saves screenshots.
 */
if (!runBrowserTests) console.warn(`Skipping the browser test: ${CHROMIUM} not found (apt-get install -y chromium).`);

describe.skipIf(!runBrowserTests)('web app: write keys, unmatched data and KPIs', () => {
  const journey = browserJourney();
  const { shot, pageErrors } = journey;

  it('sends usage with a new write key, explains what is unmatched and matches it once the account exists', async () => {
    await journey.signIn();

    // Settings → Write keys: the key is shown once, with snippets that point at this journey.server.
    await journey.page.goto(`${journey.server.baseUrl}/settings?tab=write-keys`);
    await journey.page.getByLabel('Write key name').fill('Web app production');
    await journey.page.getByRole('button', { name: 'Create write key' }).click();
    const dialog = journey.page.getByRole('dialog', { name: 'Your new write key' });
    await dialog.waitFor();
    const key = (await dialog.getByLabel('New write key').textContent())?.trim() ?? '';
    expect(key.length).toBeGreaterThan(20);
    await expect.poll(() => dialog.textContent()).toContain(`host: '${journey.server.baseUrl}'`);
    await shot('write-key-created');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await journey.page.getByRole('table', { name: 'Write keys' }).getByRole('cell', { name: 'Web app production', exact: true }).waitFor();

    // A batch for an account Keepwell does not know; the property is markup that must show as text.
    const response = await fetch(`${journey.server.baseUrl}/v1/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
      body: JSON.stringify({
        batch: [
          {
            type: 'track',
            messageId: 'e2e-msg-1',
            userId: 'user-e2e-1',
            event: 'Report Exported',
            properties: { title: '<img src=x onerror="window.__xss=1">' },
            context: { groupId: 'acme-unknown-42' },
          },
        ],
      }),
    });
    expect(response.status).toBe(200);

    // Usage → Unmatched data lists it with its reason, and the raw payload as text.
    await journey.page.getByRole('link', { name: 'Unmatched data' }).click();
    await journey.page.getByRole('heading', { name: 'Unmatched data', level: 1 }).waitFor();
    const table = journey.page.getByRole('table', { name: 'Unmatched events' });
    const row = table.locator('tbody tr').filter({ hasText: 'acme-unknown-42' });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Unknown groupId');
    await row.getByRole('button', { name: 'Report Exported' }).click();
    const payload = journey.page.getByLabel('Payload of message e2e-msg-1');
    await expect.poll(() => payload.textContent()).toContain('<img src=x onerror=');
    expect(await journey.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await journey.page.getByRole('table', { name: 'Most frequent unknown ids' }).getByText('acme-unknown-42').waitFor();
    await shot('unmatched');

    // Create the account from the top ids: the server matches its events at once.
    await journey.page.getByRole('button', { name: 'Create account with external ID acme-unknown-42' }).click();
    const create = journey.page.getByRole('dialog', { name: 'Create account for unmatched data' });
    await create.getByLabel('Account name').fill('Acme Unknown');
    expect(await create.getByLabel('External ID').inputValue()).toBe('acme-unknown-42');
    await create.getByRole('button', { name: 'Create account' }).click();
    await create.waitFor({ state: 'detached' });

    await journey.page.getByRole('button', { name: 'Retry matching' }).click();
    await journey.page
      .getByRole('status')
      .filter({ hasText: /matched|No event matched/ })
      .waitFor();
    await journey.page.reload();
    await journey.page.getByText('Nothing unmatched').waitFor();
    await expect.poll(() => journey.page.getByTestId('unmatched-total').textContent()).toBe('0 events');
  });

  it('adds a KPI from a template with its own event name', async () => {
    await journey.page.goto(`${journey.server.baseUrl}/settings?tab=kpis`);
    await journey.page.getByRole('button', { name: 'Add from template' }).first().click();
    const dialog = journey.page.getByRole('dialog', { name: 'Add KPI from template' });
    await dialog.getByRole('radio', { name: 'Feature usage' }).check();
    await dialog.getByRole('textbox', { name: 'KPI name' }).fill('Report exporters');
    // The event is suggested from the usage catalog: the batch above sent it.
    await dialog.getByRole('combobox', { name: 'Event' }).fill('Report Exp');
    await journey.page.getByRole('option', { name: 'Report Exported' }).click();
    await shot('kpi-template');
    await dialog.getByRole('button', { name: 'Add KPI' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = journey.page.getByRole('table', { name: 'KPIs' }).locator('tbody tr').filter({ hasText: 'Report exporters' });
    await expect.poll(() => row.textContent()).toContain('Distinct users of “Report Exported”');
    await shot('kpis');
    expect(pageErrors).toEqual([]);
  });
});
