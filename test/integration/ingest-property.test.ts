import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import { settleRollups } from '../../src/modules/ingest/rollup-queue.js';
import { forEachEngine } from '../support/engines.js';
import { type Client, makeClient, makeWorkspace } from '../support/factories.js';

/**
 * Whatever arrives, in whatever order, retried or not, and whenever the accounts and contacts it names
 * appear: the rollups always equal what the stored events say, recomputed from scratch.
 */
type Step = { kind: 'batch'; messages: Array<Record<string, unknown>> } | { kind: 'account'; ext: string } | { kind: 'contact'; userId: string; ext: string };

const exts = ['a1', 'a2', 'a3'];
const users = ['u1', 'u2', 'u3', 'u4'];

const message = fc.oneof(
  fc.record({
    type: fc.constant('track'),
    messageId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12'),
    userId: fc.constantFrom(...users),
    event: fc.constantFrom('Signed In', 'Exported'),
    context: fc.option(fc.record({ groupId: fc.constantFrom(...exts) }), { nil: undefined }),
    properties: fc.record({ n: fc.integer({ min: 0, max: 9 }) }),
    timestamp: fc.constantFrom('2026-10-01T10:00:00Z', '2026-10-01T23:59:59Z', '2026-10-02T00:00:00Z'),
  }),
  fc.record({
    type: fc.constant('group'),
    messageId: fc.constantFrom('g1', 'g2', 'g3', 'g4'),
    userId: fc.constantFrom(...users),
    groupId: fc.constantFrom(...exts),
  }),
  fc.record({ type: fc.constant('page'), messageId: fc.constantFrom('p1', 'p2'), anonymousId: fc.constant('anon'), name: fc.constant('Home') }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('batch' as const), messages: fc.array(message, { minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('account' as const), ext: fc.constantFrom(...exts) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('contact' as const), userId: fc.constantFrom(...users), ext: fc.constantFrom(...exts) }) },
);

/** The rollups, recomputed from the stored events with none of the ingest code. */
async function recompute(database: Database, workspaceId: string): Promise<Record<string, { events: number; users: number; n: number; withN: number }>> {
  const rows = await database.db
    .selectFrom('usage_events')
    .select(['account_id', 'event', 'ts', 'user_id', 'anonymous_id', 'payload'])
    .where('workspace_id', '=', workspaceId)
    .where('account_id', 'is not', null)
    .where('event', 'is not', null)
    .execute();
  const out: Record<string, { events: number; users: number; n: number; withN: number; seen: Set<string> }> = {};
  for (const r of rows) {
    const key = `${r.account_id}|${r.event}|${new Date(r.ts).toISOString().slice(0, 10)}`;
    const entry = out[key] ?? { events: 0, users: 0, n: 0, withN: 0, seen: new Set<string>() };
    entry.events++;
    entry.seen.add(r.user_id ?? `anon:${r.anonymous_id}`);
    const n = (JSON.parse(r.payload) as { properties?: { n?: number } }).properties?.n;
    if (typeof n === 'number') {
      entry.n += n;
      entry.withN++;
    }
    out[key] = entry;
  }
  return Object.fromEntries(Object.entries(out).map(([k, { seen, ...v }]) => [k, { ...v, users: seen.size }]));
}

async function stored(database: Database, workspaceId: string) {
  await settleRollups(database, workspaceId);
  const rows = await database.db.selectFrom('usage_daily').selectAll().where('workspace_id', '=', workspaceId).execute();
  const out: Record<string, { events: number; users: number; n: number; withN: number }> = {};
  for (const r of rows.filter((x) => x.property === '')) {
    const key = `${r.account_id}|${r.event}|${r.day}`;
    const sum = rows.find((x) => x.account_id === r.account_id && x.event === r.event && x.day === r.day && x.property === 'n');
    out[key] = { events: Number(r.events), users: Number(r.users), n: Number(sum?.total ?? 0), withN: Number(sum?.events ?? 0) };
  }
  return out;
}

forEachEngine('ingest: rollups always equal the stored events', (ctx) => {
  it('after any sequence of batches, retries, new accounts and new contacts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const ws = await makeWorkspace(ctx);
        const key = (await ws.admin.post<{ key: string }>('/api/v1/write-keys', { name: 'P' })).body.key;
        const segment: Client = makeClient(ctx.app, { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });
        const accounts = new Map<string, string>();
        const sent = new Set<string>();
        for (const s of steps) {
          if (s.kind === 'batch') {
            const res = await segment.post<{ stored: number; duplicates: number }>('/v1/batch', { batch: s.messages });
            expect(res.status, res.text).toBe(200);
            const fresh = new Set(s.messages.map((m) => String(m.messageId)).filter((id) => !sent.has(id)));
            expect(res.body.stored).toBe(fresh.size);
            for (const id of fresh) sent.add(id);
          } else if (s.kind === 'account' && !accounts.has(s.ext)) {
            const res = await ws.admin.post<{ id: string }>('/api/v1/accounts', { name: s.ext, externalId: s.ext });
            expect(res.status, res.text).toBe(201);
            accounts.set(s.ext, res.body.id);
          } else if (s.kind === 'contact') {
            const accountId = accounts.get(s.ext);
            if (!accountId) continue;
            const res = await ws.admin.post('/api/v1/contacts', { accountId, name: s.userId, externalId: s.userId });
            expect([201, 409]).toContain(res.status);
          }
        }
        expect(await stored(ctx.database, ws.id)).toEqual(await recompute(ctx.database, ws.id));
        const count = await ctx.database.db
          .selectFrom('usage_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('workspace_id', '=', ws.id)
          .executeTakeFirstOrThrow();
        expect(Number(count.n)).toBe(sent.size);
      }),
      { numRuns: 25 },
    );
  });
});
