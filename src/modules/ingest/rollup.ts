import type SQLite from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { type BulkColumn, bulkInsert } from '../../db/bulk.js';
import type { Dialect } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { markHealthDirty } from '../../jobs/health-dirty.js';

/** One matched usage event, as the rollups need it. */
export interface RollupInput {
  accountId: string;
  event: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  userKey: string;
  numbers: ReadonlyArray<readonly [string, number]>;
}

export interface DailyDelta {
  accountId: string;
  event: string;
  property: string;
  day: string;
  events: number;
  users: number;
  total: number;
}

const SEP = '\u0001';

/** The user a usage event counts for: Segment's userId, else the anonymous id, kept apart by a prefix. */
export function userKeyOf(userId: string | null, anonymousId: string | null): string {
  return userId ?? `anon:${anonymousId ?? ''}`;
}

/** The key of a delta: one per account, event, property ('' for the count) and day. */
export function dailyKey(accountId: string, event: string, property: string, day: string): string {
  return `${accountId}${SEP}${event}${SEP}${property}${SEP}${day}`;
}

/** The key of a user-day tuple [accountId, event, day, userKey]. */
export function userDayKey(tuple: readonly string[]): string {
  return tuple.join(SEP);
}

/**
 * Sums a batch's events into one delta per (account, event, property, day) and lists the distinct
 * (account, event, day, user) tuples; which of those tuples are new decides the distinct-user counts.
 */
export function aggregate(inputs: readonly RollupInput[]): { daily: Map<string, DailyDelta>; userDays: string[][] } {
  const daily = new Map<string, DailyDelta>();
  const userDays = new Map<string, string[]>();
  for (const e of inputs) {
    addDelta(daily, e.accountId, e.event, '', e.day, 1, 0);
    for (const [property, value] of e.numbers) addDelta(daily, e.accountId, e.event, property, e.day, 1, value);
    const tuple = [e.accountId, e.event, e.day, e.userKey];
    const key = userDayKey(tuple);
    if (!userDays.has(key)) userDays.set(key, tuple);
  }
  return { daily, userDays: [...userDays.values()] };
}

/** Adds `events` events (and `total` of their property) to the delta of its key. */
export function addDelta(daily: Map<string, DailyDelta>, accountId: string, event: string, property: string, day: string, events: number, total: number): void {
  const key = dailyKey(accountId, event, property, day);
  const row = daily.get(key);
  if (row) {
    row.events += events;
    row.total += total;
  } else daily.set(key, { accountId, event, property, day, events, users: 0, total });
}

const USER_DAY_COLUMNS: BulkColumn[] = [
  { name: 'workspace_id', pg: 'text' },
  { name: 'account_id', pg: 'text' },
  { name: 'event', pg: 'text' },
  { name: 'day', pg: 'date' },
  { name: 'user_key', pg: 'text' },
];

const DAILY_COLUMNS: BulkColumn[] = [
  { name: 'workspace_id', pg: 'text' },
  { name: 'account_id', pg: 'text' },
  { name: 'event', pg: 'text' },
  { name: 'property', pg: 'text' },
  { name: 'day', pg: 'date' },
  { name: 'events', pg: 'int8' },
  { name: 'users', pg: 'int8' },
  { name: 'total', pg: 'float8' },
];

/**
 * Adds a batch of matched events to the daily rollups, inside the caller's transaction (the rematch path; stored
 * batches queue theirs instead, see rollup-queue.ts).
 */
export async function applyRollups(
  trx: Kysely<DB> | Transaction<DB>,
  dialect: Dialect,
  workspaceId: string,
  inputs: readonly RollupInput[],
  /** SQLite's raw handle under trx: see bulkInsert. */
  sqlite?: SQLite.Database,
): Promise<void> {
  if (inputs.length === 0) return;
  const { daily, userDays } = aggregate(inputs);
  await applyDeltas(trx, dialect, workspaceId, daily, userDays, sqlite);
}

/**
 * Adds summed deltas (their `users` still 0) and user-day tuples to the rollups, and queues the accounts' health.
 * A tuple counts as a distinct user of its day only if its row is new, whichever transaction writes it first: on
 * PostgreSQL a second insert of the same tuple waits for the first to commit and then does nothing. Rows are
 * written in key order so that two transactions updating the same days lock them in the same order.
 */
export async function applyDeltas(
  trx: Kysely<DB> | Transaction<DB>,
  dialect: Dialect,
  workspaceId: string,
  daily: Map<string, DailyDelta>,
  userDays: string[][],
  sqlite?: SQLite.Database,
): Promise<void> {
  if (daily.size === 0) return;
  userDays.sort(compareRows);
  const fresh = await bulkInsert<{ account_id: string; event: string; day: string }>(
    trx,
    dialect,
    'usage_user_days',
    USER_DAY_COLUMNS,
    userDays.map((r) => [workspaceId, ...r]),
    'on conflict do nothing returning account_id, event, day',
    sqlite,
  );
  for (const r of fresh) {
    const row = daily.get(dailyKey(r.account_id, r.event, '', r.day));
    if (row) row.users++;
  }
  const rows = [...daily.values()].map((d) => [workspaceId, d.accountId, d.event, d.property, d.day, d.events, d.users, d.total]).sort(compareRows);
  await bulkInsert(
    trx,
    dialect,
    'usage_daily',
    DAILY_COLUMNS,
    rows,
    `on conflict (workspace_id, account_id, event, property, day) do update set
       events = usage_daily.events + excluded.events,
       users = usage_daily.users + excluded.users,
       total = usage_daily.total + excluded.total`,
    sqlite,
  );
  await markHealthDirty(
    trx,
    workspaceId,
    [...daily.values()].map((d) => d.accountId),
    'new usage data',
    { dialect, sqlite },
  );
}

function compareRows(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = String(a[i]);
    const y = String(b[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
