import type { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import { beforeAll, expect, it } from 'vitest';
import { settleRollups } from '../../src/modules/ingest/rollup-queue.js';
import { forEachEngine } from '../support/engines.js';
import { makeWorkspace, type TestWorkspace, unique } from '../support/factories.js';

/**
 * Issue 3's promise: the official Segment library, unmodified, only its `host` pointed at Keepwell. It posts
 * to host + '/v1/batch' with the write key as the HTTP Basic username (and as writeKey in the body).
 */
forEachEngine('Segment library (@segment/analytics-node) against a listening server', (ctx) => {
  let ws: TestWorkspace;
  let key: string;
  let accountId: string;
  let host: string;
  const groupId = unique('org-');

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    const created = await ws.admin.post<{ key: string }>('/api/v1/write-keys', { name: 'Node library' });
    expect(created.status, created.text).toBe(201);
    key = created.body.key;
    const account = await ws.admin.post<{ id: string }>('/api/v1/accounts', { name: 'Library Co', externalId: groupId });
    expect(account.status, account.text).toBe(201);
    accountId = account.body.id;
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    host = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  });

  it('stores identify, group, track, page and screen calls and rolls them up to the account named by groupId', async () => {
    // One batch: the library sends its batches concurrently, and the untagged page call below relies on the group
    // call before it (two batches in flight at once on PostgreSQL may each miss the identity the other teaches).
    const analytics = new Analytics({ writeKey: key, host, flushAt: 50, flushInterval: 200, maxRetries: 1 });
    const failures: unknown[] = [];
    analytics.on('error', (err) => failures.push(err));
    const statuses: number[] = [];
    analytics.on('http_response', (res) => statuses.push(res.status));

    const day = '2026-10-12T09:30:00.000Z';
    analytics.identify({ userId: 'lib-u1', traits: { email: 'lib-u1@example.com', name: 'Lib User' }, timestamp: day });
    analytics.group({ userId: 'lib-u1', groupId, traits: { name: 'Library Co' }, timestamp: day });
    analytics.track({ userId: 'lib-u1', event: 'Report Exported', properties: { rows: 12 }, context: { groupId }, timestamp: day });
    analytics.track({ userId: 'lib-u2', event: 'Report Exported', properties: { rows: 3 }, context: { groupId }, timestamp: day });
    // No groupId: the group call above tied lib-u1 to the account.
    analytics.page({ userId: 'lib-u1', name: 'Dashboard', properties: { path: '/dash' }, timestamp: day });
    analytics.screen({ userId: 'lib-u1', name: 'Home', timestamp: day });
    analytics.page({ anonymousId: 'anon-lib', context: { groupId }, timestamp: day });
    await analytics.closeAndFlush({ timeout: 10_000 });

    expect(failures).toEqual([]);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);

    const events = await ctx.database.db
      .selectFrom('usage_events')
      .select(['type', 'event', 'user_id', 'anonymous_id', 'account_id', 'ts', 'message_id'])
      .where('workspace_id', '=', ws.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.type).sort()).toEqual(['group', 'identify', 'page', 'page', 'screen', 'track', 'track']);
    // The library's own messageIds are kept, every call landed on the account, and timestamps are the sent ones.
    expect(new Set(events.map((e) => e.message_id)).size).toBe(7);
    expect(events.filter((e) => e.account_id !== accountId)).toEqual([]);
    expect(events.every((e) => e.ts.startsWith('2026-10-12'))).toBe(true);

    await settleRollups(ctx.database, ws.id);
    const daily = await ctx.database.db
      .selectFrom('usage_daily')
      .select(['event', 'property', 'day', 'events', 'users', 'total'])
      .where('workspace_id', '=', ws.id)
      .where('account_id', '=', accountId)
      .orderBy('event')
      .orderBy('property')
      .execute();
    expect(daily).toEqual([
      { event: 'Loaded a Page', property: '', day: '2026-10-12', events: 1, users: 1, total: 0 },
      { event: 'Report Exported', property: '', day: '2026-10-12', events: 2, users: 2, total: 0 },
      { event: 'Report Exported', property: 'rows', day: '2026-10-12', events: 2, users: 0, total: 15 },
      { event: 'Viewed Dashboard Page', property: '', day: '2026-10-12', events: 1, users: 1, total: 0 },
      { event: 'Viewed Home Screen', property: '', day: '2026-10-12', events: 1, users: 1, total: 0 },
    ]);

    const user = await ctx.database.db
      .selectFrom('usage_users')
      .select(['email', 'account_id', 'group_id'])
      .where('workspace_id', '=', ws.id)
      .where('user_id', '=', 'lib-u1')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ email: 'lib-u1@example.com', account_id: accountId, group_id: groupId });
  });
});
