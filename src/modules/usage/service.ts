import { sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { accountExists } from '../accounts/repo.js';
import { type UnmatchedReason, UnmatchedReasons } from '../ingest/identity.js';
import { lockUsage } from '../ingest/lock.js';
import { rematchEvents } from '../ingest/rematch.js';
import { settleRollups } from '../ingest/rollup-queue.js';
import type { AccountUsage, UnmatchedPage, UnmatchedQuery, UnmatchedSummary, UsageCatalog } from './contracts.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 400;

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A date range, inclusive: the last 90 days ending today (UTC) unless given; at most 400 days. */
export function dateRange(query: { from?: string; to?: string }): { from: string; to: string } {
  const to = query.to ?? isoDay(Date.now());
  const from = query.from ?? isoDay(Date.parse(to) - 89 * DAY_MS);
  if (from > to) throw invalid('from', 'range', 'from must be on or before to', from);
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_RANGE_DAYS) throw invalid('from', 'range', `The range may span at most ${MAX_RANGE_DAYS} days`, from);
  return { from, to };
}

function parsePayload(text: string): Record<string, unknown> {
  const value = JSON.parse(text) as unknown;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export async function listUnmatched(database: Database, actor: Actor, query: UnmatchedQuery): Promise<z.infer<typeof UnmatchedPage>> {
  let q = database.db
    .selectFrom('usage_events')
    .select(['seq', 'message_id', 'type', 'event', 'user_id', 'anonymous_id', 'group_id', 'unmatched_reason', 'ts', 'received_at', 'payload'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('account_id', 'is', null);
  if (query.reason) q = q.where('unmatched_reason', '=', query.reason);
  if (query.key) {
    const key = query.key;
    q = q.where((eb) => eb.or([eb('group_id', '=', key), eb('user_id', '=', key), eb('anonymous_id', '=', key)]));
  }
  const total = Number(
    (
      await q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (query.cursor) {
    const { value } = decodeCursor(query.cursor);
    if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid('cursor', 'cursor', 'The cursor is not one this server issued', query.cursor);
    q = q.where('seq', '<', value);
  }
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(query.limit + 1)
    .execute();
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map((r) => {
      const reason = (r.unmatched_reason ?? 'unknown_user') as UnmatchedReason;
      return {
        seq: Number(r.seq),
        messageId: r.message_id,
        type: r.type,
        event: r.event,
        userId: r.user_id,
        anonymousId: r.anonymous_id,
        groupId: r.group_id,
        reason,
        reasonText: UnmatchedReasons[reason],
        timestamp: r.ts,
        receivedAt: r.received_at,
        payload: parsePayload(r.payload),
      };
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ value: Number(last.seq), id: String(last.seq) }) : null,
    total,
  };
}

export async function unmatchedSummary(database: Database, actor: Actor): Promise<z.infer<typeof UnmatchedSummary>> {
  const base = database.db.selectFrom('usage_events').where('workspace_id', '=', actor.workspaceId).where('account_id', 'is', null);
  const reasons = await base
    .select(['unmatched_reason', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('unmatched_reason')
    .execute();
  const top = async (column: 'group_id' | 'user_id', kind: 'groupId' | 'userId') =>
    // A userId counts only where no groupId named the account: otherwise the groupId is what is missing.
    (
      await (column === 'user_id' ? base.where('group_id', 'is', null) : base)
        .select([`${column} as value`, (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('received_at').as('last')])
        .where(column, 'is not', null)
        .groupBy(column)
        .orderBy('n', 'desc')
        .orderBy(column)
        .limit(10)
        .execute()
    ).map((r) => ({ kind, value: String(r.value), count: Number(r.n), lastReceivedAt: String(r.last) }));
  const byReason = (Object.keys(UnmatchedReasons) as UnmatchedReason[])
    .map((reason) => ({ reason, label: UnmatchedReasons[reason], count: Number(reasons.find((r) => r.unmatched_reason === reason)?.n ?? 0) }))
    .filter((r) => r.count > 0);
  const topKeys = [...(await top('group_id', 'groupId')), ...(await top('user_id', 'userId'))].sort((a, b) => b.count - a.count);
  return { total: byReason.reduce((sum, r) => sum + r.count, 0), byReason, topKeys };
}

/** Tries every unmatched event again, e.g. after accounts or contacts were fixed by other means. */
export async function rematchAll(database: Database, actor: Actor): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    await lockUsage(trx, database.dialect, actor.workspaceId, 'exclusive');
    const keys = await trx
      .selectFrom('usage_events')
      .select(['group_id', 'user_id'])
      .distinct()
      .where('workspace_id', '=', actor.workspaceId)
      .where('account_id', 'is', null)
      .execute();
    const groupIds = keys.flatMap((k) => (k.group_id ? [k.group_id] : []));
    const userIds = keys.flatMap((k) => (!k.group_id && k.user_id ? [k.user_id] : []));
    return rematchEvents(trx, database.dialect, actor.workspaceId, { groupIds, userIds });
  });
}

export async function accountUsage(
  database: Database,
  actor: Actor,
  accountId: string,
  range: { from: string; to: string },
): Promise<z.infer<typeof AccountUsage>> {
  if (!(await accountExists(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  await settleRollups(database, actor.workspaceId);
  const scope = { ws: actor.workspaceId, account: accountId };
  const rows = await database.db
    .selectFrom('usage_daily')
    .select(['event', 'day', 'events', 'users'])
    .where('workspace_id', '=', scope.ws)
    .where('account_id', '=', scope.account)
    .where('property', '=', '')
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .orderBy('day')
    .execute();
  const userDays = database.db
    .selectFrom('usage_user_days')
    .where('workspace_id', '=', scope.ws)
    .where('account_id', '=', scope.account)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to);
  const perEventUsers = await userDays
    .select(['event', sql<number>`count(distinct user_key)`.as('n')])
    .groupBy('event')
    .execute();
  const perDayUsers = await userDays
    .select(['day', sql<number>`count(distinct user_key)`.as('n')])
    .groupBy('day')
    .orderBy('day')
    .execute();
  const overall = await userDays.select(sql<number>`count(distinct user_key)`.as('n')).executeTakeFirstOrThrow();
  const recent = await database.db
    .selectFrom('usage_events')
    .select(['ts', 'type', 'event', 'user_id'])
    .where('workspace_id', '=', scope.ws)
    .where('account_id', '=', scope.account)
    .orderBy('ts', 'desc')
    .limit(20)
    .execute();

  const events = new Map<string, { event: string; count: number; users: number; series: Array<{ date: string; count: number; users: number }> }>();
  for (const r of rows) {
    const entry = events.get(r.event) ?? { event: r.event, count: 0, users: 0, series: [] };
    entry.count += Number(r.events);
    entry.series.push({ date: r.day, count: Number(r.events), users: Number(r.users) });
    events.set(r.event, entry);
  }
  for (const u of perEventUsers) {
    const entry = events.get(u.event);
    if (entry) entry.users = Number(u.n);
  }
  const list = [...events.values()].sort((a, b) => b.count - a.count || (a.event < b.event ? -1 : 1));
  return {
    ...range,
    totals: { events: list.reduce((s, e) => s + e.count, 0), activeUsers: Number(overall.n) },
    activeUsers: perDayUsers.map((d) => ({ date: d.day, users: Number(d.n) })),
    events: list,
    recent: recent.map((r) => ({ timestamp: r.ts, type: r.type, event: r.event, userId: r.user_id })),
  };
}

export async function usageCatalog(database: Database, actor: Actor): Promise<z.infer<typeof UsageCatalog>> {
  await settleRollups(database, actor.workspaceId);
  const since = isoDay(Date.now() - 89 * DAY_MS);
  const rows = await database.db
    .selectFrom('usage_daily')
    .select(['event', 'property', (eb) => eb.fn.sum<number>('events').as('n')])
    .where('workspace_id', '=', actor.workspaceId)
    .where('day', '>=', since)
    .groupBy(['event', 'property'])
    .execute();
  const events = new Map<string, { event: string; count: number; properties: string[] }>();
  for (const r of rows) {
    const entry = events.get(r.event) ?? { event: r.event, count: 0, properties: [] };
    if (r.property === '') entry.count = Number(r.n);
    else entry.properties.push(r.property);
    events.set(r.event, entry);
  }
  const list = [...events.values()].sort((a, b) => b.count - a.count || (a.event < b.event ? -1 : 1)).slice(0, 500);
  for (const e of list) e.properties.sort();
  return { events: list };
}
