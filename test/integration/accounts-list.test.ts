import { beforeAll, expect, it } from 'vitest';
import type { Account, AccountPage } from '../../src/modules/accounts/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type SessionClient, type TestWorkspace } from '../support/factories.js';
import { expectedOrder, sorts } from '../support/lists.js';

forEachEngine('accounts list: filters, search, sorts', (ctx) => {
  let ws: TestWorkspace;
  let owner: SessionClient;
  const byName = new Map<string, Account>();

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    owner = await ws.addUser('csm', { name: 'Olga Owner' });
    const rows: Array<Record<string, unknown>> = [
      {
        name: 'alpha',
        externalId: 'ext-a',
        domain: 'alpha.example.com',
        industry: 'Retail',
        region: 'EMEA',
        companySize: 'small',
        arrMinor: 5_000_000,
        deploymentStatus: 'deployed',
        lifecyclePhase: 'adoption',
        touchTier: 'tech',
        renewalDate: '2025-01-15',
        riskStatuses: ['feature_gaps'],
      },
      {
        name: 'Bravo',
        externalId: 'ext-b',
        domain: 'bravo.example.org',
        industry: 'Banking',
        region: 'AMER',
        companySize: 'enterprise',
        arrMinor: 700_000_000,
        deploymentStatus: 'under_implementation',
        lifecyclePhase: 'onboarding',
        touchTier: 'high',
        renewalDate: '2025-06-30',
        riskStatuses: ['feature_gaps', 'withholding_payment'],
        ownerId: 'OWNER',
      },
      {
        name: 'charlie 100% sure',
        externalId: 'ext-c',
        industry: 'Retail',
        region: 'APAC',
        companySize: 'medium',
        arrMinor: 100_000_000,
        deploymentStatus: 'starting_implementation',
        lifecyclePhase: 'sales_handoff',
        touchTier: 'medium',
        renewalDate: null,
        riskStatuses: [],
        ownerId: 'OWNER',
      },
      {
        name: 'delta',
        externalId: 'ext_d',
        industry: 'Health',
        region: 'EMEA',
        companySize: 'small',
        arrMinor: 99_999_999,
        deploymentStatus: 'deployed',
        lifecyclePhase: 'renewal_expansion',
        touchTier: 'tech',
        renewalDate: '2024-12-31',
        riskStatuses: ['competitive_solution'],
      },
      {
        name: 'echo',
        industry: null,
        region: null,
        arrMinor: 500_000_000,
        deploymentStatus: null,
        lifecyclePhase: 'value_realization',
        touchTier: 'high',
        renewalDate: '2025-01-15',
        riskStatuses: ['lack_of_interest'],
        parent: 'Bravo',
      },
      {
        name: 'Foxtrot',
        externalId: 'FOX-1000',
        industry: 'Banking',
        region: 'AMER',
        companySize: 'enterprise',
        arrMinor: 0,
        touchTier: 'medium',
        renewalDate: '2026-02-28',
        parent: 'Bravo',
      },
    ];
    for (const row of rows) {
      const { parent, ...body } = row;
      if (body.ownerId === 'OWNER') body.ownerId = owner.user.id;
      if (parent) body.parentId = byName.get(parent as string)?.id;
      const res = await ws.admin.post<Account>('/api/v1/accounts', body);
      expect(res.status, res.text).toBe(201);
      byName.set(res.body.name, res.body);
    }
    // Touch one account so that updatedAt differs from creation order.
    const alpha = byName.get('alpha');
    const touched = await ws.admin.patch<Account>(`/api/v1/accounts/${alpha?.id}`, { region: 'EMEA' });
    byName.set('alpha', touched.body);
  });

  async function names(query: string): Promise<string[]> {
    const res = await ws.admin.get<AccountPage>(`/api/v1/accounts?${query}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items.map((a) => a.name).sort();
  }

  it('lists every account with no filter', async () => {
    expect(await names('')).toEqual([...byName.keys()].sort());
  });

  const cases: Array<[string, string, string[]]> = [
    ['industry', 'industry=Retail', ['alpha', 'charlie 100% sure']],
    ['industry, two values with a comma', 'industry=Retail,Health', ['alpha', 'charlie 100% sure', 'delta']],
    ['industry, repeated parameter', 'industry=Banking&industry=Health', ['Bravo', 'Foxtrot', 'delta']],
    ['region', 'region=AMER', ['Bravo', 'Foxtrot']],
    ['companySize', 'companySize=small', ['alpha', 'delta']],
    ['deploymentStatus', 'deploymentStatus=deployed,starting_implementation', ['alpha', 'charlie 100% sure', 'delta']],
    ['lifecyclePhase', 'lifecyclePhase=onboarding', ['Bravo']],
    ['touchTier', 'touchTier=high', ['Bravo', 'echo']],
    ['riskStatus (any of)', 'riskStatus=feature_gaps', ['Bravo', 'alpha']],
    ['riskStatus, two values', 'riskStatus=withholding_payment,competitive_solution', ['Bravo', 'delta']],
    ['revenueBand', 'revenueBand=%3C%201M', ['Foxtrot', 'alpha', 'delta']],
    ['revenueBand, two bands', `revenueBand=${encodeURIComponent('1M–5M')},${encodeURIComponent('≥ 5M')}`, ['Bravo', 'charlie 100% sure', 'echo']],
    ['parentId none', 'parentId=none', ['Bravo', 'alpha', 'charlie 100% sure', 'delta']],
    ['renewalFrom', 'renewalFrom=2025-01-15', ['Bravo', 'Foxtrot', 'alpha', 'echo']],
    ['renewalTo', 'renewalTo=2025-01-15', ['alpha', 'delta', 'echo']],
    ['renewal range', 'renewalFrom=2025-01-01&renewalTo=2025-12-31', ['Bravo', 'alpha', 'echo']],
    ['combined filters', 'region=EMEA&touchTier=tech&riskStatus=competitive_solution', ['delta']],
    ['search in the name, any case', 'q=BRAVO', ['Bravo']],
    ['search in the domain', 'q=example.org', ['Bravo']],
    ['search in the external id', 'q=fox-1', ['Foxtrot']],
    ['search with % taken literally', 'q=100%25', ['charlie 100% sure']],
    ['search with _ taken literally', 'q=t_d', ['delta']],
    ['search matching nothing', 'q=zzz', []],
  ];

  it.each(cases)('filters on %s', async (_what, query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it('filters on owner, on "none", and on both', async () => {
    expect(await names(`ownerId=${owner.user.id}`)).toEqual(['Bravo', 'charlie 100% sure']);
    expect(await names('ownerId=none')).toEqual(['Foxtrot', 'alpha', 'delta', 'echo']);
    expect(await names(`ownerId=${owner.user.id},none`)).toEqual([...byName.keys()].sort());
  });

  it('filters on a parent', async () => {
    expect(await names(`parentId=${byName.get('Bravo')?.id}`)).toEqual(['Foxtrot', 'echo']);
  });

  it.each(sorts)('sorts by %s, ties broken by id', async (sort) => {
    const res = await ws.admin.get<AccountPage>(`/api/v1/accounts?sort=${sort}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((a) => a.name)).toEqual(expectedOrder(res.body.items, sort).map((id) => res.body.items.find((a) => a.id === id)?.name));
    expect(res.body.items.map((a) => a.id)).toEqual(expectedOrder([...byName.values()], sort));
  });

  it('puts accounts without a renewal date last when sorting by renewal date', async () => {
    const asc = await ws.admin.get<AccountPage>('/api/v1/accounts?sort=renewalDate');
    expect(asc.body.items.at(-1)?.name).toBe('charlie 100% sure');
    expect(asc.body.items[0]?.name).toBe('delta');
  });

  const badQueries: Array<[string, string]> = [
    ['sort', 'sort=color'],
    ['limit', 'limit=0'],
    ['limit', 'limit=501'],
    ['limit', 'limit=ten'],
    ['cursor', 'cursor=garbage'],
    ['companySize', 'companySize=huge'],
    ['riskStatus', 'riskStatus=bored'],
    ['renewalFrom', 'renewalFrom=2025-13-01'],
    ['revenueBand', 'revenueBand=Gigantic'],
  ];

  it.each(badQueries)('refuses a bad %s with 400 naming it', async (field, query) => {
    const res = await ws.admin.get(`/api/v1/accounts?${query}`);
    expectError(res, 400);
    expect(
      res.body.error.issues.some((i) => i.field === field || i.field.startsWith(`${field}.`)),
      res.text,
    ).toBe(true);
  });

  it('lists the industries and regions in use', async () => {
    const res = await ws.admin.get<{ industries: string[]; regions: string[] }>('/api/v1/accounts/facets');
    expect(res.body).toEqual({ industries: ['Banking', 'Health', 'Retail'], regions: ['AMER', 'APAC', 'EMEA'] });
  });
});
