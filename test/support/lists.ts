import { expect } from 'vitest';
import type { Account, AccountPage } from '../../src/modules/accounts/contracts.js';
import type { Reply, SessionClient } from './factories.js';

/** Every page of a list, following nextCursor; checks that each page agrees on the total. */
export async function walk(client: SessionClient, query: string, limit: number): Promise<Account[]> {
  const items: Account[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total: number | null = null;
  do {
    const url: string = `/api/v1/accounts?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res: Reply<AccountPage> = await client.get<AccountPage>(url);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    if (res.body.nextCursor) expect(res.body.items.length).toBe(limit);
    total ??= res.body.total;
    expect(res.body.total).toBe(total);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages += 1;
    if (pages > 1000) throw new Error('pagination does not end');
  } while (cursor);
  expect(items.length).toBe(total);
  return items;
}

/** The order the API promises: by the sort key, then by id, in the same direction; null renewal dates last. */
function sortKey(a: Account, field: string): string | number {
  switch (field) {
    case 'arr':
      return a.arrMinor;
    case 'renewalDate':
      return a.renewalDate ?? '9999-12-31';
    case 'updatedAt':
      return a.updatedAt;
    case 'createdAt':
      return a.createdAt;
    default:
      return a.name.toLowerCase();
  }
}

export function expectedOrder(accounts: Account[], sort: string): string[] {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const sorted = [...accounts].sort((x, y) => {
    const [a, b] = [sortKey(x, field), sortKey(y, field)];
    const c = a < b ? -1 : a > b ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
    return desc ? -c : c;
  });
  return sorted.map((a) => a.id);
}

export const sorts = ['name', '-name', 'arr', '-arr', 'renewalDate', '-renewalDate', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt'];
