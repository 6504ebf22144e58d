import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import { foldOnce, startRollupWorker } from '../../src/jobs/rollup-worker.js';
import { foldQueuedRollups, notifyRollupsQueued, settleRollups } from '../../src/modules/ingest/rollup-queue.js';
import { forEachEngine } from '../support/engines.js';
import { type Client, makeClient, makeWorkspace, type TestWorkspace, unique } from '../support/factories.js';

/**
 * On PostgreSQL, stored batches leave their rollups in a queue that a worker folds (modules/ingest/rollup-queue.ts);
 * on SQLite, a group of batches applies them at the end of its transaction. What users must see either way: every
 * acknowledged event in every read of the rollups, each counted once however the batches are grouped or folded, and
 * nothing folded back into an account that has been deleted. Background jobs are off in these tests, so the queue
 * stays as the requests left it unless a test folds it.
 */
type Usage = { totals: { events: number; activeUsers: number } };

const count = async (database: Database, table: 'usage_rollup_queue' | 'usage_daily' | 'health_dirty', workspaceId: string, accountId?: string) => {
  let q = database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', workspaceId);
  if (accountId && table !== 'usage_rollup_queue') q = q.where('account_id', '=', accountId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

forEachEngine('rollup queue', (ctx) => {
  let ws: TestWorkspace;
  let segment: Client;

  const account = async (name: string) => {
    const externalId = unique('rq-');
    const res = await ws.admin.post<{ id: string }>('/api/v1/accounts', { name, externalId });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.id, externalId };
  };
  const track = (groupId: string, userId: string, day: string, extra: Record<string, unknown> = {}) => ({
    type: 'track',
    userId,
    event: 'Report Viewed',
    context: { groupId },
    timestamp: `${day}T10:00:00Z`,
    messageId: unique('rq-m-'),
    ...extra,
  });

  beforeAll(async () => {
    ws = await makeWorkspace(ctx);
    const key = (await ws.admin.post<{ key: string }>('/api/v1/write-keys', { name: 'Product' })).body.key;
    segment = makeClient(ctx.app, { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });
  });

  it('queues a batch’s rollups at ingest (PostgreSQL), and folds them before any read of the rollups answers', async () => {
    const acme = await account('Queued Co');
    // Creating the account queued its first score: that recompute is not what this test watches for.
    await ctx.database.db.deleteFrom('health_dirty').where('workspace_id', '=', ws.id).execute();
    const batch = [track(acme.externalId, 'a', '2026-10-01'), track(acme.externalId, 'a', '2026-10-01'), track(acme.externalId, 'b', '2026-10-02')];
    const res = await segment.post('/v1/batch', { batch });
    expect(res.status, res.text).toBe(200);
    if (ctx.engine === 'postgres') {
      // Committed with the events: one queued row, and nothing in the rollups or the health outbox yet.
      expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(1);
      expect(await count(ctx.database, 'usage_daily', ws.id, acme.id)).toBe(0);
      expect(await count(ctx.database, 'health_dirty', ws.id, acme.id)).toBe(0);
    } else {
      // SQLite's one writer has no locks to queue around: the rollups and the recompute commit with the events.
      expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(0);
      expect(await count(ctx.database, 'usage_daily', ws.id, acme.id)).toBe(2);
      expect(await count(ctx.database, 'health_dirty', ws.id, acme.id)).toBe(1);
    }

    const usage = await ws.client.get<Usage>(`/api/v1/accounts/${acme.id}/usage?from=2026-10-01&to=2026-10-10`);
    expect(usage.status, usage.text).toBe(200);
    expect(usage.body.totals).toEqual({ events: 3, activeUsers: 2 });
    expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(0);
    // The fold queued the account's recompute, as a stored batch did before.
    expect(await count(ctx.database, 'health_dirty', ws.id, acme.id)).toBe(1);
  });

  it('applies the rollups of a batch spread over more than two days (a backfill) in the batch’s own transaction', async () => {
    const acme = await account('Backfill Co');
    const days = ['2026-09-01', '2026-09-02', '2026-09-03'];
    const res = await segment.post('/v1/batch', { batch: days.map((day) => track(acme.externalId, 'b', day)) });
    expect(res.status, res.text).toBe(200);
    expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(0);
    expect(await count(ctx.database, 'usage_daily', ws.id, acme.id)).toBe(3);
  });

  it('counts each event and each distinct user once, however the batches are split between folds', async () => {
    const acme = await account('Split Co');
    const days = ['2026-10-03', '2026-10-04'];
    // Twelve batches repeating the same users on the same days, each with a numeric property to sum.
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        segment.post('/v1/batch', {
          batch: ['u1', 'u2', 'u3'].map((u, j) => track(acme.externalId, u, days[(i + j) % 2] as string, { properties: { pages: i + j } })),
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(200));
    // SQLite stored them in groups, each group's rollups summed in its transaction.
    expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(ctx.engine === 'postgres' ? 12 : 0);
    // Several folds at once (they take different rows on PostgreSQL) and a reader that waits for what they hold.
    await Promise.all([foldOnce(ctx.database), foldOnce(ctx.database), settleRollups(ctx.database, ws.id)]);
    expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(0);

    const rows = await ctx.database.db
      .selectFrom('usage_daily')
      .select(['day', 'property', 'events', 'users', 'total'])
      .where('workspace_id', '=', ws.id)
      .where('account_id', '=', acme.id)
      .orderBy('day')
      .orderBy('property')
      .execute();
    // Per day: 18 events from 3 users; pages summed over the batches i and users j with (i + j) % 2 picking the day.
    const pages = (day: number) => {
      let total = 0;
      for (let i = 0; i < 12; i++) for (let j = 0; j < 3; j++) if ((i + j) % 2 === day) total += i + j;
      return total;
    };
    expect(rows.map((r) => ({ ...r, events: Number(r.events), users: Number(r.users), total: Number(r.total) }))).toEqual([
      { day: '2026-10-03', property: '', events: 18, users: 3, total: 0 },
      { day: '2026-10-03', property: 'pages', events: 18, users: 0, total: pages(0) },
      { day: '2026-10-04', property: '', events: 18, users: 3, total: 0 },
      { day: '2026-10-04', property: 'pages', events: 18, users: 0, total: pages(1) },
    ]);
  });

  it('folds what is queued for an account before deleting it, so no later fold brings its rollups back', async () => {
    const doomed = await account('Doomed Co');
    expect((await segment.post('/v1/batch', { batch: [track(doomed.externalId, 'd', '2026-10-05')] })).status).toBe(200);
    expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(ctx.engine === 'postgres' ? 1 : 0);
    expect((await ws.admin.del(`/api/v1/accounts/${doomed.id}`)).status).toBe(204);
    expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(0);
    await settleRollups(ctx.database, ws.id);
    expect(await count(ctx.database, 'usage_daily', ws.id, doomed.id)).toBe(0);
  });

  it('folds for a read only what was queued when the read began, so a read never chases a stream of batches', async () => {
    const acme = await account('Stream Co');
    const queue = async (user: string) => {
      const deltas = { d: [[acme.id, 'Report Viewed', '', '2026-10-07', 1, 0]], u: [[acme.id, 'Report Viewed', '2026-10-07', user]] };
      const row = await ctx.database.db
        .insertInto('usage_rollup_queue')
        .values({ workspace_id: ws.id, deltas: JSON.stringify(deltas), queued_at: new Date().toISOString() })
        .returning('seq')
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    };
    const first = await queue('s1');
    await queue('s2');
    await ctx.database.db.transaction().execute((trx) => foldQueuedRollups(trx, ctx.database.dialect, ws.id, { wait: true, upTo: first }));
    // Only the row queued up to `first` is folded: one event, one user; the other waits for the next fold.
    const daily = () =>
      ctx.database.db.selectFrom('usage_daily').select(['events', 'users']).where('account_id', '=', acme.id).where('property', '=', '').executeTakeFirst();
    expect(await daily()).toEqual({ events: 1, users: 1 });
    expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(1);
    await settleRollups(ctx.database, ws.id);
    expect(await daily()).toEqual({ events: 2, users: 2 });
    expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(0);
  });

  it('has a worker that folds new rows as soon as this process queues them', async () => {
    const acme = await account('Worker Co');
    // SQLite's ingest queues nothing; a row queued by hand (as PostgreSQL's ingest writes them) is folded the same way.
    const queueByHand = ctx.engine === 'sqlite';
    const worker = startRollupWorker(ctx.database, { pollMs: 60_000, gatherMs: 1, onError: (err) => expect.unreachable(String(err)) });
    try {
      // Its first run finds the queue empty; the batch's commit then wakes it, long before its next poll.
      await expect.poll(async () => count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(0);
      if (queueByHand) {
        const deltas = { d: [[acme.id, 'Report Viewed', '', '2026-10-06', 1, 0]], u: [[acme.id, 'Report Viewed', '2026-10-06', 'w']] };
        await ctx.database.db
          .insertInto('usage_rollup_queue')
          .values({ workspace_id: ws.id, deltas: JSON.stringify(deltas), queued_at: new Date().toISOString() })
          .execute();
        notifyRollupsQueued();
      } else expect((await segment.post('/v1/batch', { batch: [track(acme.externalId, 'w', '2026-10-06')] })).status).toBe(200);
      await expect.poll(async () => count(ctx.database, 'usage_daily', ws.id, acme.id), { timeout: 5_000 }).toBe(1);
      expect(await count(ctx.database, 'usage_rollup_queue', ws.id)).toBe(0);
    } finally {
      await worker.stop();
    }
  });
});
