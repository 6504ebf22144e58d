import { beforeAll, expect, it } from 'vitest';
import type { Account, AccountPage } from '../../src/modules/accounts/contracts.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeWorkspace, type TestWorkspace } from '../support/factories.js';
import { expectedOrder, sorts, walk } from '../support/lists.js';

forEachEngine('accounts list: keyset pagination over ties', (ctx) => {
  let ws: TestWorkspace;
  let all: Account[];

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    const dates = ['2025-01-01', null, '2025-06-01'];
    for (let i = 0; i < 120; i++) {
      const res = await ws.admin.post<Account>('/api/v1/accounts', {
        // Equal names in three spellings, ARR in four values, renewal dates with nulls: ties everywhere.
        name: ['Same Name', 'same name', 'SAME NAME'][i % 3],
        arrMinor: (i % 4) * 1_000,
        renewalDate: dates[i % 3],
        industry: i % 2 ? 'Even' : 'Odd',
      });
      expect(res.status, res.text).toBe(201);
    }
    all = await walk(ws.admin, 'sort=name', 500);
    expect(all).toHaveLength(120);
  });

  // Page sizes: a page boundary inside every run of ties (7), one short of everything, exactly everything.
  const walks: Array<[string, number]> = sorts.flatMap((sort) => [7, 119, 120].map((limit): [string, number] => [sort, limit]));
  walks.push(['name', 1], ['-arr', 1]);

  it.each(walks)('sort=%s, pages of %i: every account once, in order', async (sort, limit) => {
    const seen = await walk(ws.admin, `sort=${sort}`, limit);
    expect(new Set(seen.map((a) => a.id)).size).toBe(120);
    expect(seen.map((a) => a.id)).toEqual(expectedOrder(all, sort));
  });

  it('pages through a filtered list, and total counts the filtered rows', async () => {
    const res = await ws.admin.get<AccountPage>('/api/v1/accounts?industry=Even&limit=10&sort=-arr');
    expect(res.body.total).toBe(60);
    const seen = await walk(ws.admin, 'industry=Even&sort=-arr', 9);
    expect(seen.map((a) => a.id)).toEqual(
      expectedOrder(
        all.filter((a) => a.industry === 'Even'),
        '-arr',
      ),
    );
  });

  it('a cursor from another sort order, or made up, is a 400 naming the cursor (never a database error)', async () => {
    const byName = await ws.admin.get<AccountPage>('/api/v1/accounts?sort=name&limit=5');
    const cursor = byName.body.nextCursor;
    expect(cursor).not.toBeNull();
    for (const sort of ['arr', '-renewalDate', 'updatedAt']) {
      expectError(await ws.admin.get(`/api/v1/accounts?sort=${sort}&limit=5&cursor=${cursor}`), 400, 'cursor');
    }
    const forged = Buffer.from(JSON.stringify([{ not: 'a value' }, 'x'])).toString('base64url');
    expectError(await ws.admin.get(`/api/v1/accounts?cursor=${forged}`), 400, 'cursor');
    expectError(
      await ws.admin.get(`/api/v1/contacts?sort=createdAt&cursor=${Buffer.from(JSON.stringify(['soon', 'x'])).toString('base64url')}`),
      400,
      'cursor',
    );
  });
});

forEachEngine('accounts list: custom revenue bands', (ctx) => {
  it('the revenueBand field and filter follow the workspace bands', async () => {
    const ws = await makeWorkspace(ctx);
    const bands = [
      { label: 'Small', upToMinor: 5_000_000 },
      { label: 'Mid', upToMinor: 20_000_000 },
      { label: 'Large', upToMinor: null },
    ];
    expect((await ws.admin.patch('/api/v1/workspace', { settings: { revenueBands: bands } })).status).toBe(200);
    const arrs: Array<[number, string]> = [
      [4_999_999, 'Small'],
      [5_000_000, 'Mid'],
      [19_999_999, 'Mid'],
      [20_000_000, 'Large'],
    ];
    for (const [arrMinor, band] of arrs) {
      const res = await ws.admin.post<Account>('/api/v1/accounts', { name: `arr ${arrMinor}`, arrMinor });
      expect(res.body.revenueBand).toBe(band);
    }
    const mid = await ws.admin.get<AccountPage>('/api/v1/accounts?revenueBand=Mid&sort=arr');
    expect(mid.body.items.map((a) => a.arrMinor)).toEqual([5_000_000, 19_999_999]);
    const smallOrLarge = await ws.admin.get<AccountPage>('/api/v1/accounts?revenueBand=Small,Large&sort=arr');
    expect(smallOrLarge.body.items.map((a) => a.arrMinor)).toEqual([4_999_999, 20_000_000]);
    // The default labels no longer exist in this workspace.
    expectError(await ws.admin.get('/api/v1/accounts?revenueBand=%3C%201M'), 400, 'revenueBand');
  });
});
