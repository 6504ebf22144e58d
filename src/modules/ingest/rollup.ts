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

/**
 * Sums a batch's events into one delta per (account, event, property, day) and lists the distinct
 * (account, event, day, user) tuples; which of those tuples are new decides the distinct-user counts.
 */
export function aggregate(inputs: readonly RollupInput[]): { daily: Map<string, DailyDelta>; userDays: string[][] } {
  const daily = new Map<string, DailyDelta>();
  const userDays = new Map<string, string[]>();
  for (const e of inputs) {
    const base = `${e.accountId}${SEP}${e.event}${SEP}`;
    const countKey = `${base}${SEP}${e.day}`;
    const row = daily.get(countKey);
    if (row) row.events++;
    else daily.set(countKey, { accountId: e.accountId, event: e.event, property: '', day: e.day, events: 1, users: 0, total: 0 });
    for (const [property, value] of e.numbers) {
      const key = `${base}${property}${SEP}${e.day}`;
      const sum = daily.get(key);
      if (sum) {
        sum.events++;
        sum.total += value;
      } else daily.set(key, { accountId: e.accountId, event: e.event, property, day: e.day, events: 1, users: 0, total: value });
    }
    const userDayKey = `${base}${e.day}${SEP}${e.userKey}`;
    if (!userDays.has(userDayKey)) userDays.set(userDayKey, [e.accountId, e.event, e.day, e.userKey]);
  }
  return { daily, userDays: [...userDays.values()] };
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
 * Adds a batch of matched events to the daily rollups, inside the caller's transaction. Rows are written in
 * key order so that two PostgreSQL transactions updating the same days lock them in the same order.
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
    const row = daily.get(`${r.account_id}${SEP}${r.event}${SEP}${SEP}${r.day}`);
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
    inputs.map((input) => input.accountId),
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
