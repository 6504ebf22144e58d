import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../src/modules/kpis/contracts.js';
import { CHROMIUM, runBrowserTests } from './browser.js';
import { browserJourney } from './journey.js';

/**
 * Issue 3's web journey against a real server and Chromium: seed usage through the public APIs (a write key,
 * a Segment batch to /v1/batch, a KPI), then the account's Usage tab shows the KPI tile and charts, and the
 * accounts list shows the KPI as a column and filters by its status.
 * KEEPWELL_E2E_SCREENSHOTS=<dir> also saves screenshots of each journey.page.
 */
if (!runBrowserTests) console.warn(`Skipping the usage browser test: ${CHROMIUM} not found (apt-get install -y chromium).`);

const EVENT = 'Report Viewed';
const EVENTS = 24;

describe.skipIf(!runBrowserTests)('web app: usage tab, KPI columns and KPI filter', () => {
  const journey = browserJourney({ shotPrefix: 'usage-' });
  const { shot, pageErrors } = journey;

  /** Segment's HTTP API: a batch with the write key as the Basic username. */
  async function sendBatch(writeKey: string, externalId: string): Promise<void> {
    const day = 86_400_000;
    const batch = [
      { type: 'group', messageId: `g-${externalId}`, userId: 'u-1', groupId: externalId, timestamp: new Date().toISOString(), traits: {} },
      ...Array.from({ length: EVENTS }, (_, i) => ({
        type: 'track',
        messageId: `t-${externalId}-${i}`,
        event: i % 4 === 3 ? 'Dashboard Shared' : EVENT,
        userId: `u-${(i % 3) + 1}`,
        context: { groupId: externalId },
        properties: { seconds: 30 + i },
        timestamp: new Date(Date.now() - (i % 8) * day).toISOString(),
      })),
    ];
    const response = await fetch(`${journey.server.baseUrl}/v1/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      body: JSON.stringify({ batch }),
    });
    expect(response.status, await response.text()).toBe(200);
  }

  async function accountRows(): Promise<string[]> {
    return journey.page.getByRole('table', { name: 'Accounts' }).locator('tbody tr td:first-child').allTextContents();
  }

  it('shows KPI tiles and charts on the Usage tab, and KPI columns and filters in the accounts list', async () => {
    const { baseUrl, accounts } = journey.server;
    const target = accounts.find((a) => a.name === 'Northwind Health');
    if (!target?.externalId) throw new Error('the seed has no Northwind Health with an external id');

    await journey.signIn();
    // New workspaces come with the KPIs of the default health scorecard; this journey starts from none.
    const seeded = (await (await journey.page.request.get(`${baseUrl}/api/v1/kpis`)).json()) as { items: Array<{ id: string }> };
    for (const kpi of seeded.items) await journey.del(`/api/v1/kpis/${kpi.id}`);

    // Before any data: the Usage tab says what to do.
    await journey.page.goto(`${baseUrl}/accounts/${target.id}?tab=usage`);
    await journey.page.getByText('No KPIs defined').waitFor();
    await journey.page.getByText('No usage yet').waitFor();
    expect(await journey.page.getByRole('link', { name: 'Go to Settings → Write keys' }).getAttribute('href')).toBe('/settings?tab=write-keys');
    await shot('empty');

    const { key } = await journey.post<{ key: string }>('/api/v1/write-keys', { name: 'Product tracking' });
    await sendBatch(key, target.externalId);
    // 18 "Report Viewed" in 30 days for Northwind Health: OK; 0 for every other account: critical.
    const kpi = await journey.post<Kpi>('/api/v1/kpis', {
      name: 'Reports viewed',
      formula: { kind: 'event_count', event: EVENT },
      windowDays: 30,
      timing: 'leading',
      direction: 'performance',
      unit: 'views',
      warningThreshold: 10,
      criticalThreshold: 3,
    });

    await journey.page.reload();
    const tile = journey.page.getByRole('button', { name: /Reports viewed/ });
    await tile.waitFor();
    await expect.poll(() => tile.textContent()).toMatch(/18 views/);
    expect(await tile.textContent()).toContain('OK');
    expect(await tile.getAttribute('aria-pressed')).toBe('true');
    // The KPI's series, the daily active users and the selected event: drawn charts, each with a text label.
    const kpiChart = journey.page.getByRole('img', { name: /^Reports viewed/ });
    await kpiChart.waitFor();
    await expect.poll(() => kpiChart.getAttribute('data-chart-ready')).toBe('true');
    await expect.poll(() => kpiChart.locator('svg path').count()).toBeGreaterThan(0);
    await journey.page.getByRole('img', { name: /^Daily active users/ }).waitFor();
    const events = journey.page.getByRole('table', { name: 'Events', exact: true });
    await expect.poll(() => events.locator('tbody tr').count()).toBe(2);
    expect(await events.locator('tbody tr').first().textContent()).toContain(`${EVENT}183`);
    await journey.page.getByRole('button', { name: 'Dashboard Shared' }).click();
    await journey.page.getByRole('heading', { name: 'Dashboard Shared', level: 3 }).waitFor();
    await journey.page.getByRole('table', { name: 'Recent events' }).waitFor();
    await shot('tab');

    // The range picker keeps its choice in the URL.
    await journey.page.getByText('30 days', { exact: true }).click();
    await expect.poll(() => new URL(journey.page.url()).searchParams.get('range')).toBe('30');

    // Accounts list: add the KPI as a column.
    await journey.page.goto(`${baseUrl}/accounts`);
    await journey.page.getByRole('button', { name: 'Columns' }).click();
    // A click, not check(): the URL update re-renders the box a moment later, which check() does not wait for.
    const box = journey.page.getByRole('group', { name: 'KPI columns' }).getByRole('checkbox', { name: 'Reports viewed' });
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
    await journey.page.keyboard.press('Escape');
    await expect.poll(() => new URL(journey.page.url()).searchParams.get('kpis')).toBe(kpi.id);
    const table = journey.page.getByRole('table', { name: 'Accounts' });
    await table.getByRole('columnheader', { name: 'Reports viewed' }).waitFor();
    const row = table.locator('tbody tr', { hasText: 'Northwind Health' }).first();
    await expect.poll(() => row.textContent()).toMatch(/18 viewsOK/);
    await shot('list-column');

    // Filter by the KPI: picking it selects the statuses to act on (critical, warning).
    await journey.page.getByRole('combobox', { name: 'KPI', exact: true }).click();
    await journey.page.getByRole('option', { name: 'Reports viewed' }).click();
    await expect.poll(() => new URL(journey.page.url()).searchParams.get('kpiStatus')).toBe(`${kpi.id}:critical,warning`);
    const others = accounts
      .filter((a) => a.id !== target.id)
      .map((a) => a.name)
      .sort((a, b) => a.localeCompare(b));
    await expect.poll(accountRows).toEqual(others);
    await shot('list-filtered');

    // A shared link with the OK status shows only the healthy account, and survives a reload.
    await journey.page.goto(`${baseUrl}/accounts?kpis=${kpi.id}&kpiStatus=${kpi.id}:ok`);
    await expect.poll(accountRows).toEqual(['Northwind Health']);
    await expect.poll(() => journey.page.getByTestId('accounts-total').textContent()).toBe('1 account matches');

    expect(pageErrors).toEqual([]);
  });
});
