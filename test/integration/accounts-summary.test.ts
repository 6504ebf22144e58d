import { beforeAll, describe, expect, it } from 'vitest';
import type { Account, AccountPage, AccountSummaryReport } from '../../src/modules/accounts/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type TestWorkspace } from '../support/factories.js';

const M = 100_000_000; // 1M in minor units of USD

/** A UTC date `days` from today (the summary counts its renewal windows from the UTC date). */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function createAll(ws: TestWorkspace, rows: Array<Record<string, unknown>>): Promise<Account[]> {
  const created: Account[] = [];
  for (const row of rows) {
    const res = await ws.admin.post<Account>('/api/v1/accounts', row);
    expect(res.status, res.text).toBe(201);
    created.push(res.body);
  }
  return created;
}

forEachEngine('accounts summary', (ctx) => {
  let ws: TestWorkspace;

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    // Hand-computed expectations below refer to these by letter.
    await createAll(ws, [
      { name: 'A', industry: 'Retail', arrMinor: 6 * M, deploymentStatus: 'deployed', touchTier: 'high', renewalDate: day(-1), riskStatuses: ['feature_gaps'] },
      { name: 'B', industry: 'Retail', arrMinor: 2 * M, deploymentStatus: 'deployed', touchTier: 'medium', renewalDate: day(0) },
      { name: 'C', industry: 'Banking', arrMinor: 1.5 * M, deploymentStatus: 'under_implementation', touchTier: 'high', renewalDate: day(30) },
      { name: 'D', industry: 'Banking', arrMinor: 0.5 * M, deploymentStatus: null, touchTier: 'tech', renewalDate: day(31) },
      { name: 'E', industry: 'Retail', arrMinor: 0, deploymentStatus: 'starting_implementation', renewalDate: day(91) },
      { name: 'F', industry: 'Health', arrMinor: M - 1, deploymentStatus: 'deployed', touchTier: 'tech', riskStatuses: ['feature_gaps'] },
      { name: 'G', industry: 'Health', arrMinor: M, deploymentStatus: 'deployed', touchTier: 'medium', renewalDate: day(90) },
    ]);
  });

  async function summary(query = ''): Promise<AccountSummaryReport> {
    const res = await ws.client.get<AccountSummaryReport>(`/api/v1/accounts/summary${query ? `?${query}` : ''}`);
    expect(res.status, res.text).toBe(200);
    return res.body;
  }

  it('computes every figure for the whole workspace', async () => {
    expect(await summary()).toEqual({
      count: 7,
      arrTotalMinor: 12 * M - 1,
      currency: 'USD',
      asOf: day(0),
      byDeploymentStatus: [
        { key: 'starting_implementation', count: 1, arrMinor: 0 },
        { key: 'under_implementation', count: 1, arrMinor: 1.5 * M },
        { key: 'deployed', count: 4, arrMinor: 10 * M - 1 },
        { key: null, count: 1, arrMinor: 0.5 * M },
      ],
      byTouchTier: [
        { key: 'high', count: 2, arrMinor: 7.5 * M },
        { key: 'medium', count: 2, arrMinor: 3 * M },
        { key: 'tech', count: 2, arrMinor: 1.5 * M - 1 },
        { key: null, count: 1, arrMinor: 0 },
      ],
      // Bands are [0, 1M), [1M, 5M), [5M, ∞): F (1M - 1) is below, G (exactly 1M) is in the middle one.
      byRevenueBand: [
        { label: '< 1M', count: 3, arrMinor: 1.5 * M - 1 },
        { label: '1M–5M', count: 3, arrMinor: 4.5 * M },
        { label: '≥ 5M', count: 1, arrMinor: 6 * M },
      ],
      // A is overdue; B (today) and C (+30) are within 30 days; D (+31) and G (+90) add to 90; E (+91) is out.
      renewals: { overdue: 1, next30: 2, next90: 4 },
      // 6M, 2M, 1.5M reach 9.5M < 80% of 12M - 1; adding G's 1M reaches 10.5M.
      pareto: { accountsFor80PctArr: 4, shareOfAccounts: 4 / 7 },
    });
  });

  it('applies the filters: Retail only', async () => {
    const s = await summary('industry=Retail');
    expect(s.count).toBe(3);
    expect(s.arrTotalMinor).toBe(8 * M);
    expect(s.byRevenueBand.map((b) => b.count)).toEqual([1, 1, 1]);
    expect(s.byDeploymentStatus.map((b) => b.count)).toEqual([1, 0, 2, 0]);
    expect(s.renewals).toEqual({ overdue: 1, next30: 1, next90: 1 });
    // 6M alone is 75% of 8M; with B's 2M it is 100%.
    expect(s.pareto).toEqual({ accountsFor80PctArr: 2, shareOfAccounts: 2 / 3 });
  });

  const filterCases = [
    'industry=Retail',
    'deploymentStatus=deployed',
    `revenueBand=${encodeURIComponent('< 1M')}`,
    'touchTier=high&industry=Banking',
    'riskStatus=feature_gaps',
    'ownerId=none',
    'q=a',
    `renewalFrom=${day(0)}&renewalTo=${day(90)}`,
    'parentId=none&companySize=small',
  ];

  it.each(filterCases)('agrees with the list for %s', async (query) => {
    const list = await ws.client.get<AccountPage>(`/api/v1/accounts?${query}&limit=500`);
    expect(list.status, list.text).toBe(200);
    const s = await summary(query);
    expect(s.count).toBe(list.body.total);
    expect(s.arrTotalMinor).toBe(list.body.items.reduce((sum, a) => sum + a.arrMinor, 0));
    for (const breakdown of [s.byDeploymentStatus, s.byTouchTier, s.byRevenueBand]) {
      expect(breakdown.reduce((n, b) => n + b.count, 0)).toBe(s.count);
      expect(breakdown.reduce((n, b) => n + b.arrMinor, 0)).toBe(s.arrTotalMinor);
    }
  });

  it('counts the renewal window exactly as the renewal filters select it', async () => {
    const s = await summary();
    const next90 = await ws.client.get<AccountPage>(`/api/v1/accounts?renewalFrom=${s.asOf}&renewalTo=${day(90)}`);
    expect(next90.body.total).toBe(s.renewals.next90);
  });

  it('is readable by a viewer, refuses a bad filter with 400, and still leaves /accounts/:id to accounts', async () => {
    const viewer = await ws.addUser('viewer');
    expect((await viewer.get('/api/v1/accounts/summary')).status).toBe(200);
    expectError(await ws.client.get('/api/v1/accounts/summary?revenueBand=Gigantic'), 400, 'revenueBand');
    expectError(await ws.client.get('/api/v1/accounts/summary?deploymentStatus=sleeping'), 400);
    const list = await ws.client.get<AccountPage>('/api/v1/accounts?limit=1');
    const one = list.body.items[0];
    expect((await ws.client.get<Account>(`/api/v1/accounts/${one?.id}`)).body.name).toBe(one?.name);
  });

  describe('Pareto and edge cases', () => {
    it('needs 2 of 5 accounts (40%) for ARR 50, 30, 10, 5, 5', async () => {
      const other = await makeWorkspace(ctx);
      await createAll(
        other,
        [5, 50, 10, 5, 30].map((arr, i) => ({ name: `P${i}`, arrMinor: arr * 100 })),
      );
      const s = (await other.client.get<AccountSummaryReport>('/api/v1/accounts/summary')).body;
      expect(s.pareto).toEqual({ accountsFor80PctArr: 2, shareOfAccounts: 0.4 });
      expect(s.arrTotalMinor).toBe(10_000);
    });

    it('stops at exactly 80%, and needs no account when there is no ARR', async () => {
      const exact = await makeWorkspace(ctx);
      await createAll(exact, [
        { name: 'big', arrMinor: 80 },
        { name: 'small', arrMinor: 20 },
      ]);
      expect((await exact.client.get<AccountSummaryReport>('/api/v1/accounts/summary')).body.pareto).toEqual({ accountsFor80PctArr: 1, shareOfAccounts: 0.5 });
      const zero = await makeWorkspace(ctx);
      await createAll(zero, [{ name: 'free', arrMinor: 0 }]);
      const s = (await zero.client.get<AccountSummaryReport>('/api/v1/accounts/summary')).body;
      expect(s.count).toBe(1);
      expect(s.pareto).toEqual({ accountsFor80PctArr: 0, shareOfAccounts: 0 });
    });

    it('follows the workspace’s own bands and currency', async () => {
      const custom = await makeWorkspace(ctx);
      const bands = [
        { label: 'Tiny', upToMinor: 1000 },
        { label: 'Mid', upToMinor: 5000 },
        { label: 'Large', upToMinor: 20_000 },
        { label: 'Huge', upToMinor: null },
      ];
      const patched = await custom.admin.patch('/api/v1/workspace', { settings: { currency: 'EUR', revenueBands: bands } });
      expect(patched.status, patched.text).toBe(200);
      await createAll(custom, [
        { name: 'x', arrMinor: 999 },
        { name: 'y', arrMinor: 20_000 },
        { name: 'z', arrMinor: 25_000 },
      ]);
      const s = (await custom.client.get<AccountSummaryReport>('/api/v1/accounts/summary')).body;
      expect(s.currency).toBe('EUR');
      expect(s.byRevenueBand).toEqual([
        { label: 'Tiny', count: 1, arrMinor: 999 },
        { label: 'Mid', count: 0, arrMinor: 0 },
        { label: 'Large', count: 0, arrMinor: 0 },
        { label: 'Huge', count: 2, arrMinor: 45_000 },
      ]);
    });

    it('answers an empty workspace with zeros', async () => {
      const empty = await makeWorkspace(ctx);
      await createAll(ws, [{ name: 'elsewhere', arrMinor: M }]);
      const s = (await empty.client.get<AccountSummaryReport>('/api/v1/accounts/summary')).body;
      expect(s).toEqual({
        count: 0,
        arrTotalMinor: 0,
        currency: 'USD',
        asOf: day(0),
        byDeploymentStatus: [
          { key: 'starting_implementation', count: 0, arrMinor: 0 },
          { key: 'under_implementation', count: 0, arrMinor: 0 },
          { key: 'deployed', count: 0, arrMinor: 0 },
          { key: null, count: 0, arrMinor: 0 },
        ],
        byTouchTier: [
          { key: 'high', count: 0, arrMinor: 0 },
          { key: 'medium', count: 0, arrMinor: 0 },
          { key: 'tech', count: 0, arrMinor: 0 },
          { key: null, count: 0, arrMinor: 0 },
        ],
        byRevenueBand: [
          { label: '< 1M', count: 0, arrMinor: 0 },
          { label: '1M–5M', count: 0, arrMinor: 0 },
          { label: '≥ 5M', count: 0, arrMinor: 0 },
        ],
        renewals: { overdue: 0, next30: 0, next90: 0 },
        pareto: { accountsFor80PctArr: 0, shareOfAccounts: 0 },
      });
    });
  });
});
