import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import { timeBucket } from '../../src/db/dialect.js';
import { type Engine, engines, pgServerUrl } from '../support/engines.js';
import { createServerDatabase, errorLogs, type ServerDatabase, type ServerProcess, startServer, stopAllProcesses } from '../support/processes.js';
import { seedIngestWorkspace } from '../support/seed-ingest.js';

/**
 * Issue 3's crash promise, against real `keepwell serve` processes: SIGKILL the server while batches stream in;
 * after a restart every acknowledged messageId is stored exactly once, re-sent batches count once, and the
 * daily rollups agree with the raw events.
 */

const SENDERS = 6;
const EVENTS_PER_BATCH = 40;
/** Acknowledged batches before the kill: enough for several transactions to be in flight when it lands. */
const KILL_AFTER = 30;
const ACCOUNTS = 8;
const NAMES = ['Signed In', 'Report Viewed', 'Report Exported'];

const targets: ServerDatabase[] = [];
afterAll(async () => {
  await stopAllProcesses();
  for (const target of targets) await target.dispose().catch(() => {});
});

function runsOn(engine: Engine): boolean {
  return engine === 'sqlite' || pgServerUrl() !== null;
}

interface Batch {
  id: string;
  body: string;
  messageIds: string[];
}

/** Track events over a few days and accounts; some name an unknown groupId (kept unmatched), some are anonymous. */
function makeBatch(id: string): Batch {
  const batch = [];
  for (let i = 0; i < EVENTS_PER_BATCH; i++) {
    const n = (id.length * 31 + i * 17) % 97;
    const account = n % (ACCOUNTS + 1);
    const groupId = account === ACCOUNTS ? 'nobody' : `crash-acct-${account}`;
    const who = n % 11 === 0 ? { anonymousId: `anon-${n % 3}` } : { userId: `crash-user-${account}-${n % 4}` };
    batch.push({
      type: 'track',
      messageId: `${id}-${i}`,
      ...who,
      event: NAMES[n % NAMES.length],
      properties: { seconds: (n % 7) + 0.5, label: 'x'.repeat(n) },
      context: { groupId },
      timestamp: `2026-05-0${1 + (n % 4)}T${String(n % 24).padStart(2, '0')}:15:00.000Z`,
    });
  }
  return { id, body: JSON.stringify({ batch }), messageIds: batch.map((m) => m.messageId) };
}

async function seed(target: ServerDatabase): Promise<string> {
  const database = target.open();
  try {
    return (await seedIngestWorkspace(database, { name: 'Crash', accounts: ACCOUNTS, prefix: 'crash-acct-' })).key;
  } finally {
    await database.close();
  }
}

async function post(server: ServerProcess, key: string, batch: Batch): Promise<{ status: number; body: { stored: number; duplicates: number } }> {
  const res = await fetch(`${server.url}/v1/batch`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: batch.body,
  });
  return { status: res.status, body: (await res.json()) as { stored: number; duplicates: number } };
}

/** SENDERS loops post new batches; the server is SIGKILLed once KILL_AFTER have been acknowledged. */
async function streamUntilKilled(server: ServerProcess, key: string) {
  const acked: Batch[] = [];
  const unacked: Batch[] = [];
  let killed = false;
  const sender = async (s: number) => {
    for (let i = 0; !killed; i++) {
      const batch = makeBatch(`s${s}b${i}`);
      let res: Awaited<ReturnType<typeof post>>;
      try {
        res = await post(server, key, batch);
      } catch (err) {
        // Only the kill may cut a request off; such a batch may or may not have been stored.
        if (!killed) throw err;
        unacked.push(batch);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body.stored).toBe(EVENTS_PER_BATCH);
      acked.push(batch);
      if (acked.length >= KILL_AFTER && !killed) {
        // One more batch, so that one is surely in flight at the kill: on SQLite, group commit may answer every
        // other sender's batch in the same instant as this one, leaving nothing unanswered to cut off.
        const last = makeBatch(`s${s}last`);
        const inflight = post(server, key, last).then(
          (r) => (r.status === 200 ? acked : unacked).push(last),
          () => unacked.push(last),
        );
        await new Promise((resolve) => setTimeout(resolve, 2));
        killed = true;
        server.child.kill('SIGKILL');
        await inflight;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, (_, s) => sender(s)));
  expect((await server.exited).signal).toBe('SIGKILL');
  return { acked, unacked };
}

type DailyRow = { account_id: string; event: string; day: string; events: number; users: number };

/** The daily counts and distinct users recomputed from the raw events, in SQL. */
async function recomputed(database: Database): Promise<DailyRow[]> {
  const day = timeBucket(database.dialect, sql.ref('ts'), 'day');
  const rows = await database.db
    .selectFrom('usage_events')
    .where('account_id', 'is not', null)
    .select([
      sql<string>`account_id`.as('account_id'),
      sql<string>`event`.as('event'),
      day.as('day'),
      sql<number>`count(*)`.as('events'),
      sql<number>`count(distinct coalesce(user_id, 'anon:' || anonymous_id))`.as('users'),
    ])
    .groupBy(['account_id', 'event', day])
    .execute();
  return rows.map((r) => ({ ...r, events: Number(r.events), users: Number(r.users) })).sort(byKey);
}

function byKey(a: { account_id: string; event: string; day: string }, b: { account_id: string; event: string; day: string }): number {
  const x = `${a.account_id}|${a.event}|${a.day}`;
  const y = `${b.account_id}|${b.event}|${b.day}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

async function expectRollupsAgree(database: Database): Promise<void> {
  // What the batches queued for the rollups and the killed server had not folded, the restarted server's worker folds.
  await expect.poll(async () => (await database.db.selectFrom('usage_rollup_queue').select('seq').execute()).length, { timeout: 20_000 }).toBe(0);
  const daily = await database.db.selectFrom('usage_daily').select(['account_id', 'event', 'property', 'day', 'events', 'users', 'total']).execute();
  const counts = daily.filter((d) => d.property === '').map(({ account_id, event, day, events, users }) => ({ account_id, event, day, events, users }));
  expect(counts.sort(byKey)).toEqual(await recomputed(database));

  const userDays = await database.db
    .selectFrom('usage_user_days')
    .select(['account_id', 'event', 'day', sql<number>`count(*)`.as('n')])
    .groupBy(['account_id', 'event', 'day'])
    .execute();
  expect(userDays.map((u) => ({ account_id: u.account_id, event: u.event, day: u.day, users: Number(u.n) })).sort(byKey)).toEqual(
    counts.map(({ account_id, event, day, users }) => ({ account_id, event, day, users })).sort(byKey),
  );

  // Property sums, from the stored payloads (the JSON each event arrived with).
  const events = await database.db.selectFrom('usage_events').select(['account_id', 'event', 'ts', 'payload']).where('account_id', 'is not', null).execute();
  const sums = new Map<string, { events: number; total: number }>();
  for (const e of events) {
    const seconds = (JSON.parse(e.payload) as { properties: { seconds: number } }).properties.seconds;
    const key = `${e.account_id}|${e.event}|${e.ts.slice(0, 10)}`;
    const sum = sums.get(key) ?? { events: 0, total: 0 };
    sum.events++;
    sum.total += seconds;
    sums.set(key, sum);
  }
  const stored = new Map(
    daily.filter((d) => d.property === 'seconds').map((d) => [`${d.account_id}|${d.event}|${d.day}`, { events: d.events, total: d.total }]),
  );
  expect(stored.size).toBe(sums.size);
  for (const [key, sum] of sums) {
    expect(stored.get(key)?.events, key).toBe(sum.events);
    expect(stored.get(key)?.total, key).toBeCloseTo(sum.total, 6);
  }
}

describe('a server killed mid-ingest loses no acknowledged event and counts none twice', () => {
  for (const engine of engines) {
    it.skipIf(!runsOn(engine))(`keeps every acknowledged messageId once, and rollups that match the events [${engine}]`, { timeout: 120_000 }, async () => {
      const target = await createServerDatabase(engine);
      targets.push(target);
      const key = await seed(target);

      const first = await startServer(target.env);
      const { acked, unacked } = await streamUntilKilled(first, key);
      expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(unacked.length, 'no batch was in flight at the kill').toBeGreaterThan(0);

      const second = await startServer(target.env);
      let database = target.open();
      try {
        // Every acknowledged messageId is there, once.
        const ackedIds = acked.flatMap((b) => b.messageIds);
        const found = await database.db.selectFrom('usage_events').select('message_id').where('message_id', 'in', ackedIds).execute();
        expect(found.length).toBe(ackedIds.length);
        expect(new Set(found.map((r) => r.message_id)).size).toBe(ackedIds.length);
        await expectRollupsAgree(database);
      } finally {
        await database.close();
      }

      // Senders retry what was not acknowledged, and some of what was: each message counts once.
      const retried = [...unacked, ...acked.slice(0, 5)];
      const replies = await Promise.all(retried.map((b) => post(second, key, b)));
      for (const res of replies) {
        expect(res.status).toBe(200);
        expect(res.body.stored + res.body.duplicates).toBe(EVENTS_PER_BATCH);
      }
      expect(replies.slice(unacked.length).every((r) => r.body.duplicates === EVENTS_PER_BATCH)).toBe(true);

      database = target.open();
      try {
        const sent = [...acked, ...unacked].flatMap((b) => b.messageIds);
        const total = await database.db.selectFrom('usage_events').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        expect(Number(total.n)).toBe(sent.length);
        const distinct = await database.db.selectFrom('usage_events').select(sql<number>`count(distinct message_id)`.as('n')).executeTakeFirstOrThrow();
        expect(Number(distinct.n)).toBe(sent.length);
        await expectRollupsAgree(database);
      } finally {
        await database.close();
      }
      expect(errorLogs(first)).toEqual([]);
      expect(errorLogs(second)).toEqual([]);
      expect(await second.stop()).toEqual({ code: 0, signal: null });
    });
  }
});
