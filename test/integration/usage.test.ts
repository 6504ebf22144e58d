import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../support/engines.js';
import { type Client, expectError, makeClient, makeWorkspace, type TestWorkspace, unique } from '../support/factories.js';

interface UnmatchedItem {
  seq: number;
  messageId: string;
  reason: string;
  reasonText: string;
  groupId: string | null;
  userId: string | null;
  payload: Record<string, unknown>;
}
type UnmatchedPage = { items: UnmatchedItem[]; nextCursor: string | null; total: number };
type Summary = { total: number; byReason: Array<{ reason: string; count: number }>; topKeys: Array<{ kind: string; value: string; count: number }> };
type Usage = {
  totals: { events: number; activeUsers: number };
  activeUsers: Array<{ date: string; users: number }>;
  events: Array<{ event: string; count: number; users: number; series: Array<{ date: string; count: number; users: number }> }>;
  recent: Array<{ event: string | null; userId: string | null }>;
};

forEachEngine('usage: unmatched data, account usage, catalog', (ctx) => {
  let ws: TestWorkspace;
  let segment: Client;
  let accountId: string;
  const ext = unique('acct-');
  const ghost = unique('ghost-');

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    const key = (await ws.admin.post<{ key: string }>('/api/v1/write-keys', { name: 'Product' })).body.key;
    segment = makeClient(ctx.app, { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });
    accountId = (await ws.admin.post<{ id: string }>('/api/v1/accounts', { name: 'Usage Co', externalId: ext })).body.id;
    const batch = [
      ...['u1', 'u2', 'u3'].map((u, i) => ({
        type: 'track',
        userId: u,
        event: 'Signed In',
        context: { groupId: ext },
        timestamp: `2026-10-0${i + 1}T10:00:00Z`,
      })),
      { type: 'track', userId: 'u1', event: 'Signed In', context: { groupId: ext }, timestamp: '2026-10-01T12:00:00Z' },
      { type: 'track', userId: 'u1', event: 'Report Created', context: { groupId: ext }, properties: { pages: 3 }, timestamp: '2026-10-02T12:00:00Z' },
      ...Array.from({ length: 7 }, (_, i) => ({ type: 'track', userId: `g${i}`, event: 'Signed In', context: { groupId: ghost }, messageId: unique('gh') })),
      { type: 'track', userId: 'lonely', event: 'Signed In' },
      { type: 'page', anonymousId: 'visitor-1', name: 'Pricing' },
    ];
    const res = await segment.post<{ stored: number; unmatched: number }>('/v1/batch', { batch });
    expect(res.body).toMatchObject({ stored: 14, unmatched: 9 });
  });

  it('lists unmatched events newest first, with the reason in words, filtered and paged', async () => {
    const all = await ws.client.get<UnmatchedPage>('/api/v1/usage/unmatched?limit=4');
    expect(all.status, all.text).toBe(200);
    expect(all.body.total).toBe(9);
    expect(all.body.items).toHaveLength(4);
    expect(all.body.items[0]).toMatchObject({ reason: 'anonymous', payload: { name: 'Pricing' } });
    expect(all.body.items[0]?.reasonText).toMatch(/anonymousId/);
    const seen = [...all.body.items];
    let cursor = all.body.nextCursor;
    while (cursor) {
      const next = await ws.client.get<UnmatchedPage>(`/api/v1/usage/unmatched?limit=4&cursor=${cursor}`);
      seen.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    expect(seen.map((i) => i.seq)).toEqual([...seen.map((i) => i.seq)].sort((a, b) => b - a));
    expect(new Set(seen.map((i) => i.messageId)).size).toBe(9);

    const ghosts = await ws.client.get<UnmatchedPage>(`/api/v1/usage/unmatched?key=${ghost}`);
    expect(ghosts.body.total).toBe(7);
    const byReason = await ws.client.get<UnmatchedPage>('/api/v1/usage/unmatched?reason=unknown_user');
    expect(byReason.body.items.map((i) => i.userId)).toEqual(['lonely']);
    expectError(await ws.client.get('/api/v1/usage/unmatched?reason=sideways'), 400, 'reason');
    expectError(await ws.client.get('/api/v1/usage/unmatched?cursor=bm9wZQ'), 400, 'cursor');
  });

  it('summarises by reason and names the ids that would match the most', async () => {
    const res = await ws.client.get<Summary>('/api/v1/usage/unmatched/summary');
    expect(res.status, res.text).toBe(200);
    expect(res.body.total).toBe(9);
    expect(res.body.byReason).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'unknown_group', count: 7 }),
        expect.objectContaining({ reason: 'unknown_user', count: 1 }),
        expect.objectContaining({ reason: 'anonymous', count: 1 }),
      ]),
    );
    expect(res.body.topKeys[0]).toEqual({ kind: 'groupId', value: ghost, count: 7, lastReceivedAt: expect.any(String) });
  });

  it('gives an account its daily usage per event, distinct users over the range and recent events', async () => {
    const res = await ws.client.get<Usage>(`/api/v1/accounts/${accountId}/usage?from=2026-09-25&to=2026-10-10`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.totals).toEqual({ events: 5, activeUsers: 3 });
    expect(res.body.activeUsers).toEqual([
      { date: '2026-10-01', users: 1 },
      { date: '2026-10-02', users: 2 },
      { date: '2026-10-03', users: 1 },
    ]);
    expect(res.body.events[0]).toEqual({
      event: 'Signed In',
      count: 4,
      users: 3,
      series: [
        { date: '2026-10-01', count: 2, users: 1 },
        { date: '2026-10-02', count: 1, users: 1 },
        { date: '2026-10-03', count: 1, users: 1 },
      ],
    });
    expect(res.body.recent.map((r) => r.userId)).toEqual(['u3', 'u1', 'u2', 'u1', 'u1']);
    expectError(await ws.client.get(`/api/v1/accounts/${accountId}/usage?from=2026-10-10&to=2026-10-01`), 400, 'from');
    expectError(await ws.client.get(`/api/v1/accounts/${accountId}/usage?from=2020-01-01&to=2026-10-01`), 400, 'from');
    expectError(await ws.client.get('/api/v1/accounts/01J0000000000000000000NONE/usage'), 404);
  });

  it('lists the event names and numeric properties seen, for KPI formulas', async () => {
    const now = new Date().toISOString();
    await segment.post('/v1/track', { userId: 'u1', event: 'Fresh Event', context: { groupId: ext }, properties: { seconds: 4 }, timestamp: now });
    const res = await ws.client.get<{ events: Array<{ event: string; count: number; properties: string[] }> }>('/api/v1/usage/catalog');
    expect(res.body.events).toContainEqual({ event: 'Fresh Event', count: 1, properties: ['seconds'] });
  });

  it('retries matching on demand (managers only) after identities change by other means', async () => {
    expectError(await (await ws.addUser('csm')).post('/api/v1/usage/rematch'), 403);
    // A group call from another source teaches that "lonely" belongs to the account; the retry picks up the old event.
    await ctx.database.db
      .insertInto('usage_users')
      .values({
        workspace_id: ws.id,
        user_id: 'lonely',
        email: null,
        group_id: ext,
        contact_id: null,
        account_id: accountId,
        traits: '{}',
        first_seen: '2026-10-01T00:00:00.000Z',
        last_seen: '2026-10-01T00:00:00.000Z',
      })
      .execute();
    const manager = await ws.addUser('manager');
    const res = await manager.post<{ matched: number }>('/api/v1/usage/rematch');
    expect(res.status, res.text).toBe(200);
    expect(res.body.matched).toBe(1);
    expect((await ws.client.get<UnmatchedPage>('/api/v1/usage/unmatched')).body.total).toBe(8);
  });

  it('keeps a deleted account’s events as unmatched and gives them back to a new account with the same external id', async () => {
    const doomedExt = unique('doomed-');
    const doomed = (await ws.admin.post<{ id: string }>('/api/v1/accounts', { name: 'Doomed', externalId: doomedExt })).body.id;
    await segment.post('/v1/track', { userId: 'd1', event: 'Signed In', context: { groupId: doomedExt }, timestamp: '2026-10-05T10:00:00Z' });
    expect((await ws.admin.del(`/api/v1/accounts/${doomed}`)).status).toBe(204);
    const kept = await ws.client.get<UnmatchedPage>(`/api/v1/usage/unmatched?key=${doomedExt}`);
    expect(kept.body.items.map((i) => i.reason)).toEqual(['account_deleted']);
    const reborn = (await ws.admin.post<{ id: string }>('/api/v1/accounts', { name: 'Reborn', externalId: doomedExt })).body.id;
    const usage = await ws.client.get<Usage>(`/api/v1/accounts/${reborn}/usage?from=2026-10-01&to=2026-10-10`);
    expect(usage.body.totals).toEqual({ events: 1, activeUsers: 1 });
  });
});
