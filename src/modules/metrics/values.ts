import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection.js';
import { classifyDbError, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { markHealthDirty } from '../../jobs/health-dirty.js';
import { AppError, type FieldIssue, invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { accountExists } from '../accounts/repo.js';
import { type AccountMetrics, type AccountMetricsQuery, DEFAULT_SERIES_DAYS, MAX_SERIES_DAYS, type MetricSeries, type MetricValuesWrite } from './contracts.js';
import { addDaysToDate, daysInclusive, todayUtc } from './dates.js';
import { metricsOf } from './service.js';

export interface MetricValueRow {
  accountId: string;
  metricId: string;
  /** YYYY-MM-DD (UTC day). */
  day: string;
  value: number;
}

/** Rows per insert: 6 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1000;
/** Ids per `in (…)` lookup. */
const IDS_PER_LOOKUP = 500;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Upserts values by (account, metric, day), a batch per statement. The caller vouches that the accounts and
 * metrics belong to the workspace (the API checks; the demo generator made them). Within one call the last
 * row for a key wins: one statement may not update the same row twice on PostgreSQL.
 */
export async function writeMetricValues(db: Kysely<DB> | Transaction<DB>, workspaceId: string, rows: readonly MetricValueRow[]): Promise<number> {
  const latest = new Map<string, MetricValueRow>();
  for (const row of rows) latest.set(`${row.accountId}\u0000${row.metricId}\u0000${row.day}`, row);
  const now = nowIso();
  for (const batch of chunks([...latest.values()], ROWS_PER_STATEMENT)) {
    await db
      .insertInto('metric_values')
      .values(batch.map((r) => ({ workspace_id: workspaceId, account_id: r.accountId, metric_id: r.metricId, day: r.day, value: r.value, updated_at: now })))
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'account_id', 'metric_id', 'day'])
          .doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })),
      )
      .execute();
  }
  await markHealthDirty(
    db,
    workspaceId,
    rows.map((r) => r.accountId),
    'new metric values',
  );
  return latest.size;
}

export interface AccountLookup {
  /** Account ids of the workspace among those asked for. */
  ids: Set<string>;
  /** External id → account id, for those of the workspace among those asked for. */
  byExternalId: Map<string, string>;
}

/** Which of these ids and external ids are accounts of the workspace: a few queries, never one per row. */
export async function lookUpAccounts(
  db: Kysely<DB> | Transaction<DB>,
  workspaceId: string,
  ids: Iterable<string>,
  externalIds: Iterable<string>,
): Promise<AccountLookup> {
  const lookup: AccountLookup = { ids: new Set(), byExternalId: new Map() };
  for (const batch of chunks([...new Set(ids)], IDS_PER_LOOKUP)) {
    const rows = await db.selectFrom('accounts').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', batch).execute();
    for (const r of rows) lookup.ids.add(r.id);
  }
  for (const batch of chunks([...new Set(externalIds)], IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('workspace_id', '=', workspaceId)
      .where('external_id', 'in', batch)
      .execute();
    for (const r of rows) if (r.external_id) lookup.byExternalId.set(r.external_id, r.id);
  }
  return lookup;
}

/**
 * PUT /metrics/values: every item is checked before anything is written, and all are written in one
 * transaction, so a request is applied whole or not at all. Another workspace's account reads as unknown.
 */
export async function putMetricValues(database: Database, actor: Actor, input: MetricValuesWrite): Promise<{ written: number }> {
  try {
    return await database.db.transaction().execute(async (trx) => {
      const metrics = new Map((await metricsOf(trx, actor.workspaceId)).map((m) => [m.key, m.id]));
      const accounts = await lookUpAccounts(
        trx,
        actor.workspaceId,
        input.values.flatMap((v) => (v.account.id ? [v.account.id] : [])),
        input.values.flatMap((v) => (v.account.externalId ? [v.account.externalId] : [])),
      );
      const issues: FieldIssue[] = [];
      const seen = new Map<string, number>();
      const rows: MetricValueRow[] = [];
      input.values.forEach((v, i) => {
        const accountId =
          v.account.id !== undefined ? (accounts.ids.has(v.account.id) ? v.account.id : undefined) : accounts.byExternalId.get(v.account.externalId ?? '');
        const metricId = metrics.get(v.metric);
        if (!accountId) {
          const message = `values.${i}.account: no account with this ${v.account.id !== undefined ? 'id' : 'external id'} in the workspace`;
          issues.push({ field: `values.${i}.account`, rule: 'exists', message, value: v.account.id ?? v.account.externalId });
        }
        if (!metricId)
          issues.push({
            field: `values.${i}.metric`,
            rule: 'exists',
            message: `values.${i}.metric: no metric with this key in the workspace`,
            value: v.metric,
          });
        if (!accountId || !metricId) return;
        const key = `${accountId}\u0000${metricId}\u0000${v.date}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          const message = `values.${i}.date: the same account, metric and date as values.${earlier}: send each value once`;
          issues.push({ field: `values.${i}.date`, rule: 'duplicate', message, value: v.date });
          return;
        }
        seen.set(key, i);
        rows.push({ accountId, metricId, day: v.date, value: v.value });
      });
      if (issues.length) {
        const n = new Set(issues.map((issue) => issue.field.split('.')[1])).size;
        throw new AppError('validation', `${n} invalid ${n === 1 ? 'value' : 'values'}: nothing was written`, issues);
      }
      return { written: await writeMetricValues(trx, actor.workspaceId, rows) };
    });
  } catch (err) {
    // An account or metric deleted between our check and the write.
    if (classifyDbError(err) === 'foreign_key') {
      throw new AppError('conflict', 'An account or metric was deleted while writing: nothing was written, try again', [
        { field: 'values', rule: 'exists', message: 'An account or metric was deleted while writing' },
      ]);
    }
    throw err;
  }
}

/** The window a series is read over: from and to both included; to defaults to today (UTC), from to 90 days up to to. */
export function seriesWindow(query: AccountMetricsQuery, today = todayUtc()): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? addDaysToDate(to, -(DEFAULT_SERIES_DAYS - 1));
  const days = daysInclusive(from, to);
  if (days < 1) throw invalid('from', 'before_to', 'from must be on or before to', from);
  if (days > MAX_SERIES_DAYS) throw invalid('to', 'max_days', `At most ${MAX_SERIES_DAYS} days can be read at once (asked for ${days})`, to);
  return { from, to };
}

/** Every metric of the workspace with the account's values in the window: one query for all the values. */
export async function accountMetrics(database: Database, actor: Actor, accountId: string, query: AccountMetricsQuery): Promise<AccountMetrics> {
  const { from, to } = seriesWindow(query);
  if (!(await accountExists(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  const metrics = await metricsOf(database.db, actor.workspaceId);
  const values = await database.db
    .selectFrom('metric_values')
    .select(['metric_id', 'day', 'value'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('account_id', '=', accountId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('metric_id')
    .orderBy('day')
    .execute();
  const byMetric = new Map<string, MetricSeries['points']>();
  for (const v of values) {
    const points = byMetric.get(v.metric_id);
    const point = { date: v.day, value: Number(v.value) };
    if (points) points.push(point);
    else byMetric.set(v.metric_id, [point]);
  }
  return {
    from,
    to,
    items: metrics.map((m) => ({
      metric: { id: m.id, key: m.key, name: m.name, unit: m.unit, aggregation: m.aggregation },
      points: byMetric.get(m.id) ?? [],
    })),
  };
}
