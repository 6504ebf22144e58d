import { describe, expect, it } from 'vitest';
import type { AccountHealth, ScorecardList } from '../../src/modules/health/contracts.js';
import { CHROMIUM, runBrowserTests } from './browser.js';
import { browserJourney } from './journey.js';

/**
 * Issue 4's web journey against a real server (its health worker running) and Chromium: the CSM sets a manual
 * measure on an account's Health tab and sees the breakdown explain the new score; a call logged through the API
 * reaches the Health tab without anyone asking for a recompute; the Health page shows the portfolio and the
 * week's biggest movers; the manager previews a weight change in the scorecard editor before saving it.
 * KEEPWELL_E2E_SCREENSHOTS=<dir> also saves screenshots of each step.
 */
if (!runBrowserTests) console.warn(`Skipping the health browser test: ${CHROMIUM} not found (apt-get install -y chromium).`);

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!runBrowserTests)('web app: health scores', () => {
  const journey = browserJourney({ shotPrefix: 'health-' });
  const { shot, pageErrors } = journey;

  it('explains a score, keeps it fresh, shows the portfolio and previews a scorecard edit', async () => {
    const { baseUrl, accounts, database } = journey.server;
    const target = accounts.find((a) => a.name === 'Blue Harbor Logistics');
    const riser = accounts.find((a) => a.name === 'Cedar Retail Group');
    if (!target || !riser) throw new Error('the seed lacks Blue Harbor Logistics or Cedar Retail Group');
    await journey.signIn();
    const { page } = journey;
    const health = async (id: string) => (await (await page.request.get(`${baseUrl}/api/v1/accounts/${id}/health`)).json()) as AccountHealth;
    const overall = async (id: string) => {
      const h = await health(id);
      return h.scores.find((s) => s.scorecardId === h.overall);
    };

    // The worker scored every seeded account on its own: nobody asked for a recompute.
    await expect.poll(async () => (await overall(target.id))?.score ?? null, { timeout: 15_000 }).not.toBeNull();

    // Health tab: the executive relationship has no value yet, so it is left out; the CSM sets it to 1 of 5.
    await page.goto(`${baseUrl}/accounts/${target.id}?tab=health`);
    await page.getByRole('table', { name: 'Manual measures' }).waitFor();
    await page.getByRole('button', { name: 'Set Executive relationship' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set Executive relationship' });
    await dialog.getByLabel('Value').fill('1');
    await dialog.getByLabel('Comment').fill('Sponsor has not replied since the reorg');
    await shot('manual-value');
    await dialog.getByRole('button', { name: /save/i }).click();
    await dialog.waitFor({ state: 'detached' });
    // The breakdown explains the new score in words: 1 of 5 is the worst a relationship can be.
    await page
      .getByText(/Executive relationship set to 1 of 5 by Ana Admin/)
      .first()
      .waitFor();
    const afterManual = await overall(target.id);
    expect(afterManual?.components.find((c) => c.name === 'Executive relationship')).toMatchObject({ raw: 1, score: 0, leftOut: false });
    expect(afterManual?.cause).toBe('manual measure');

    // Freshness: a call logged through the API reaches the score through the outbox and the worker.
    await journey.post('/api/v1/activities', {
      accountId: target.id,
      type: 'call',
      title: 'Renewal check-in',
      status: 'done',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await expect
      .poll(async () => (await overall(target.id))?.components.find((c) => c.name === 'Days since last touch')?.raw ?? null, { timeout: 15_000 })
      .toBe(0);
    await page.reload();
    await page
      .getByText(/Last touch (today|0 days ago)/)
      .first()
      .waitFor();
    await shot('health-tab');

    // The Health page: a week ago Cedar Retail Group stood at 30, so it is this week's biggest riser.
    const cards = (await (await page.request.get(`${baseUrl}/api/v1/scorecards`)).json()) as ScorecardList;
    const card = cards.items.find((c) => c.isOverall);
    if (!card) throw new Error('no overall scorecard');
    const workspaceId = (await database.db.selectFrom('accounts').select('workspace_id').where('id', '=', riser.id).executeTakeFirstOrThrow()).workspace_id;
    await database.db
      .insertInto('health_snapshots')
      .values({ workspace_id: workspaceId, account_id: riser.id, scorecard_id: card.id, day: daysAgo(7), score: 30 })
      .execute();
    await page.getByRole('link', { name: 'Health', exact: true }).click();
    await page.getByRole('heading', { name: 'Health', level: 1 }).waitFor();
    const rises = page.getByRole('table', { name: /^Biggest rises since/ });
    await rises.getByRole('link', { name: 'Cedar Retail Group' }).waitFor();
    await page.getByRole('img', { name: /.+/ }).first().waitFor();
    await shot('portfolio');

    // The scorecard editor: weigh the executive relationship ten times as much and preview before saving.
    const beforeEdit = (await overall(target.id))?.score ?? null;
    await page.goto(`${baseUrl}/settings?tab=scorecards`);
    await page.getByRole('button', { name: `Edit ${card.name}` }).click();
    const editor = page.getByRole('form', { name: new RegExp(card.name) });
    await editor.waitFor();
    const exec = editor.getByRole('group', { name: 'Executive relationship', exact: true });
    const weight = exec.getByLabel('Weight');
    const before = Number(await weight.inputValue());
    await weight.fill(String(before * 10));
    await editor.getByRole('button', { name: 'Preview changes' }).click();
    const falls = editor.getByRole('table', { name: /fall/i });
    await falls.getByText('Blue Harbor Logistics').waitFor();
    await shot('preview');
    // Nothing was saved by the preview.
    expect((await overall(target.id))?.score).toBe(beforeEdit);
    await editor.getByRole('button', { name: 'Save scorecard' }).click();
    await editor.waitFor({ state: 'detached' });
    await expect.poll(async () => (await overall(target.id))?.score ?? 100, { timeout: 10_000 }).toBeLessThan(beforeEdit ?? 0);
    expect(pageErrors).toEqual([]);
  });
});
