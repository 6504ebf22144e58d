import { beforeAll, expect, it } from 'vitest';
import { settleRollups } from '../../src/modules/ingest/rollup-queue.js';
import { forEachEngine } from '../support/engines.js';
import { expectError, makeClient, makeWorkspace, type TestWorkspace, unique } from '../support/factories.js';

type Ingested = {
  success: boolean;
  stored: number;
  duplicates: number;
  unmatched: number;
  rejectedCount?: number;
  rejected?: Array<{ index: number; issues: Array<{ field: string; rule: string }> }>;
};

function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

forEachEngine('Segment-compatible ingest', (ctx) => {
  let ws: TestWorkspace;
  let key: string;
  let accountId: string;
  const ext = unique('acme-');

  const segment = () => makeClient(ctx.app, { authorization: basic(key) });
  // Batches queue their rollups for the worker: fold them first, as the API's readers of the rollups do.
  const daily = async (account: string, event: string, property = '') => {
    await settleRollups(ctx.database, ws.id);
    return ctx.database.db
      .selectFrom('usage_daily')
      .select(['day', 'events', 'users', 'total'])
      .where('workspace_id', '=', ws.id)
      .where('account_id', '=', account)
      .where('event', '=', event)
      .where('property', '=', property)
      .orderBy('day')
      .execute();
  };

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    const created = await ws.admin.post<{ key: string }>('/api/v1/write-keys', { name: 'Product' });
    expect(created.status, created.text).toBe(201);
    key = created.body.key;
    accountId = (await ws.admin.post<{ id: string }>('/api/v1/accounts', { name: 'Acme', externalId: ext })).body.id;
  });

  it('stores a batch, rolls it up per account and day, and counts a retried messageId once', async () => {
    const batch = [
      { type: 'track', messageId: 'm1', userId: 'u1', event: 'Report Exported', properties: { groupId: ext, rows: 10 }, timestamp: '2026-11-01T10:00:00Z' },
      {
        type: 'track',
        messageId: 'm2',
        userId: 'u2',
        event: 'Report Exported',
        context: { groupId: ext },
        properties: { rows: 5 },
        timestamp: '2026-11-01T11:00:00Z',
      },
      { type: 'track', messageId: 'm3', userId: 'u1', event: 'Report Exported', context: { groupId: ext }, timestamp: '2026-11-01T12:00:00Z' },
      { type: 'page', messageId: 'm4', userId: 'u1', name: 'Dashboard', context: { groupId: ext }, timestamp: '2026-11-02T09:00:00Z' },
    ];
    const first = await segment().post<Ingested>('/v1/batch', { batch });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ success: true, stored: 4, duplicates: 0, unmatched: 0 });
    const again = await segment().post<Ingested>('/v1/batch', { batch });
    expect(again.body).toMatchObject({ stored: 0, duplicates: 4 });

    expect(await daily(accountId, 'Report Exported')).toEqual([{ day: '2026-11-01', events: 3, users: 2, total: 0 }]);
    expect(await daily(accountId, 'Report Exported', 'rows')).toEqual([{ day: '2026-11-01', events: 2, users: 0, total: 15 }]);
    expect(await daily(accountId, 'Viewed Dashboard Page')).toEqual([{ day: '2026-11-02', events: 1, users: 1, total: 0 }]);
  });

  it('matches a user to the account through a group call, then their later track calls without a groupId', async () => {
    const c = segment();
    expect((await c.post('/v1/group', { userId: 'u-grouped', groupId: ext, traits: { name: 'Acme' }, messageId: unique('g') })).status).toBe(200);
    const tracked = await c.post<Ingested>('/v1/track', { userId: 'u-grouped', event: 'Signed In', messageId: unique('t'), timestamp: '2026-11-03T08:00:00Z' });
    expect(tracked.body).toMatchObject({ stored: 1, unmatched: 0 });
    expect(await daily(accountId, 'Signed In')).toEqual([{ day: '2026-11-03', events: 1, users: 1, total: 0 }]);
  });

  it('keeps what matches nothing, with the reason, and matches it when the account appears', async () => {
    const later = unique('later-');
    const c = segment();
    const res = await c.post<Ingested>('/v1/batch', {
      batch: [
        { type: 'track', messageId: unique('x'), userId: 'u-late', event: 'Signed In', context: { groupId: later }, timestamp: '2026-11-04T08:00:00Z' },
        { type: 'group', messageId: unique('x'), userId: 'u-late2', groupId: later },
        { type: 'track', messageId: unique('x'), userId: 'u-late2', event: 'Signed In', timestamp: '2026-11-04T09:00:00Z' },
        { type: 'track', messageId: unique('x'), anonymousId: 'anon-1', event: 'Signed In' },
      ],
    });
    expect(res.body).toMatchObject({ stored: 4, unmatched: 4 });
    const reasons = await ctx.database.db
      .selectFrom('usage_events')
      .select(['user_id', 'anonymous_id', 'unmatched_reason'])
      .where('workspace_id', '=', ws.id)
      .where('account_id', 'is', null)
      .orderBy('seq')
      .execute();
    expect(reasons.map((r) => r.unmatched_reason)).toEqual(['unknown_group', 'unknown_group', 'unknown_user', 'anonymous']);

    const account = await ws.admin.post<{ id: string }>('/api/v1/accounts', { name: 'Later Inc', externalId: later });
    expect(account.status).toBe(201);
    expect(await daily(account.body.id, 'Signed In')).toEqual([{ day: '2026-11-04', events: 2, users: 2, total: 0 }]);
    const left = await ctx.database.db
      .selectFrom('usage_events')
      .select('unmatched_reason')
      .where('workspace_id', '=', ws.id)
      .where('account_id', 'is', null)
      .execute();
    expect(left.map((r) => r.unmatched_reason)).toEqual(['anonymous']);
  });

  it('matches a user when a contact with their userId as external id appears', async () => {
    const userId = unique('crm-');
    await segment().post('/v1/track', { userId, event: 'Signed In', messageId: unique('t'), timestamp: '2026-11-05T08:00:00Z' });
    const contact = await ws.admin.post('/api/v1/contacts', { accountId, name: 'Cleo Contact', externalId: userId });
    expect(contact.status, contact.text).toBe(201);
    const rows = await daily(accountId, 'Signed In');
    expect(rows.find((r) => r.day === '2026-11-05')).toEqual({ day: '2026-11-05', events: 1, users: 1, total: 0 });
  });

  it('stores the valid messages of a batch and reports each rejected one by index and field', async () => {
    const res = await segment().post<Ingested>('/v1/batch', {
      batch: [
        { type: 'track', messageId: unique('v'), userId: 'u1', event: 'Signed In', context: { groupId: ext } },
        { type: 'track', messageId: unique('v'), userId: 'u1' },
        { type: 'shout', userId: 'u1' },
        { type: 'track', messageId: unique('v'), event: 'Signed In', timestamp: 'yesterday', userId: 'u1' },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.stored).toBe(1);
    expect(res.body.rejected).toEqual([
      { index: 1, issues: [expect.objectContaining({ field: 'batch.1.event', rule: 'required' })] },
      { index: 2, issues: [expect.objectContaining({ field: 'batch.2.type', rule: 'enum' })] },
      { index: 3, issues: [expect.objectContaining({ field: 'batch.3.timestamp', rule: 'date_time' })] },
    ]);
  });

  it('answers 400 naming the index and field when no message is valid, and stores nothing', async () => {
    const before = await ctx.database.db
      .selectFrom('usage_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expectError(
      await segment().post('/v1/batch', { batch: [{ type: 'track', userId: 'u1', event: 'x', properties: 'not an object' }] }),
      400,
      'batch.0.properties',
    );
    expectError(await segment().post('/v1/track', { event: 'Signed In' }), 400, 'body.userId');
    expectError(await segment().post('/v1/group', { userId: 'u1' }), 400, 'body.groupId');
    expectError(await segment().post('/v1/batch', { batch: [] }), 400, 'batch');
    const after = await ctx.database.db
      .selectFrom('usage_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("enforces Segment's size limits: 32 KB a call, 500 KB a batch", async () => {
    const big = 'x'.repeat(33 * 1024);
    const res = await segment().post<Ingested>('/v1/batch', {
      batch: [
        { type: 'track', messageId: unique('s'), userId: 'u1', event: 'Big', properties: { big } },
        { type: 'track', messageId: unique('s'), userId: 'u1', event: 'Small', context: { groupId: ext } },
      ],
    });
    expect(res.body.rejected?.[0]?.issues[0]).toMatchObject({ field: 'batch.0', rule: 'max_size' });
    expect(res.body.stored).toBe(1);
    expectError(await segment().post('/v1/track', { userId: 'u1', event: 'Big', properties: { big } }), 413);
    const batch = Array.from({ length: 20 }, () => ({ type: 'track', userId: 'u1', event: 'Big', properties: { big: 'y'.repeat(30 * 1024) } }));
    expectError(await segment().post('/v1/batch', { batch }), 413);
  });

  it('needs a valid write key, as the Basic username or writeKey in the body; a revoked key stops working', async () => {
    expectError(await makeClient(ctx.app).post('/v1/track', { userId: 'u1', event: 'x' }), 401);
    expectError(await makeClient(ctx.app, { authorization: basic('wk_nope') }).post('/v1/track', { userId: 'u1', event: 'x' }), 401);
    const inBody = await makeClient(ctx.app).post<Ingested>('/v1/track', { writeKey: key, userId: 'u1', event: 'Body Key', messageId: unique('b') });
    expect(inBody.status, inBody.text).toBe(200);
    const stored = await ctx.database.db.selectFrom('usage_events').select('payload').where('event', '=', 'Body Key').executeTakeFirstOrThrow();
    expect(stored.payload).not.toContain(key);

    const other = await ws.admin.post<{ id: string; key: string }>('/api/v1/write-keys', { name: 'Temp' });
    expect((await ws.admin.del(`/api/v1/write-keys/${other.body.id}`)).status).toBe(204);
    expectError(await makeClient(ctx.app, { authorization: basic(other.body.key) }).post('/v1/track', { userId: 'u1', event: 'x' }), 401);
  });

  it('with the workspace setting on, a group call creates its account, named by traits.name, and earlier events match', async () => {
    const own = await makeWorkspace(ctx);
    const ownKey = (await own.admin.post<{ key: string }>('/api/v1/write-keys', { name: 'P' })).body.key;
    const c = makeClient(ctx.app, { authorization: basic(ownKey) });
    const groupId = unique('auto-');
    await c.post('/v1/track', { userId: 'early', event: 'Signed In', context: { groupId }, timestamp: '2026-11-01T10:00:00Z' });
    const off = await c.post<Ingested>('/v1/group', { userId: 'early', groupId, traits: { name: 'Auto Corp' } });
    expect(off.body.unmatched).toBe(1);
    const on = await own.admin.patch('/api/v1/workspace', { settings: { autoCreateAccountsFromGroup: true } });
    expect(on.status, on.text).toBe(200);
    const res = await c.post<Ingested>('/v1/group', { userId: 'early', groupId, traits: { name: 'Auto Corp' } });
    expect(res.body).toMatchObject({ stored: 1, unmatched: 0 });
    const list = await own.admin.get<{ items: Array<{ id: string; name: string; externalId: string }> }>(`/api/v1/accounts?q=Auto`);
    expect(list.body.items).toEqual([expect.objectContaining({ name: 'Auto Corp', externalId: groupId })]);
    await settleRollups(ctx.database, own.id);
    const rows = await ctx.database.db
      .selectFrom('usage_daily')
      .select(['events', 'users'])
      .where('account_id', '=', list.body.items[0]?.id ?? '')
      .where('event', '=', 'Signed In')
      .execute();
    expect(rows).toEqual([{ events: 1, users: 1 }]);
    const unmatched = await ctx.database.db
      .selectFrom('usage_events')
      .select('seq')
      .where('workspace_id', '=', own.id)
      .where('account_id', 'is', null)
      .execute();
    expect(unmatched).toEqual([]);
  });

  it('a track call sent at the same moment as the group call tying its user to the account still matches', async () => {
    const c = segment();
    const users = Array.from({ length: 30 }, () => unique('race-'));
    await Promise.all(
      users.flatMap((userId) => [
        c.post('/v1/batch', { batch: [{ type: 'group', userId, groupId: ext }] }),
        c.post('/v1/batch', { batch: [{ type: 'track', userId, event: 'Raced', timestamp: '2026-11-06T08:00:00Z' }] }),
      ]),
    );
    const left = await ctx.database.db
      .selectFrom('usage_events')
      .select('user_id')
      .where('workspace_id', '=', ws.id)
      .where('account_id', 'is', null)
      .where('user_id', 'in', users)
      .execute();
    expect(left).toEqual([]);
    expect(await daily(accountId, 'Raced')).toEqual([{ day: '2026-11-06', events: 30, users: 30, total: 0 }]);
  });

  it('answers CORS preflights, so browser sources can send', async () => {
    const res = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/v1/batch',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-allow-headers'])).toContain('authorization');
  });

  it("accepts the browser library's text/plain JSON", async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { 'content-type': 'text/plain', authorization: basic(key) },
      payload: JSON.stringify({ userId: 'u1', event: 'Plain', messageId: unique('p') }),
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("never matches another workspace's accounts", async () => {
    const other = await makeWorkspace(ctx);
    const otherKey = (await other.admin.post<{ key: string }>('/api/v1/write-keys', { name: 'P' })).body.key;
    const res = await makeClient(ctx.app, { authorization: basic(otherKey) }).post<Ingested>('/v1/track', {
      userId: 'u1',
      event: 'Cross',
      context: { groupId: ext },
      messageId: 'm1',
    });
    // Same messageId as in the first workspace: ids are per workspace, and the groupId names no account here.
    expect(res.body).toMatchObject({ stored: 1, unmatched: 1 });
    expect(await daily(accountId, 'Cross')).toEqual([]);
  });
});
