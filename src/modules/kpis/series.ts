import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { KpiTrend } from './contracts.js';
import { type BaseRows, formulaValue, type ResolvedBase, type ResolvedFormula, shiftDate, trendOf, windowStart } from './evaluate.js';

/**
 * One account's KPI over time: the value of the window ending on each of the last `days` days, read from the
 * account's rollup rows in bulk (one query per base) and computed with evaluate.ts.
 */
export interface AccountSeries {
  value: number | null;
  previousValue: number | null;
  trend: KpiTrend | null;
  series: Array<{ date: string; value: number | null }>;
}

interface SeriesScope {
  workspaceId: string;
  accountId: string;
  formula: ResolvedFormula;
  windowDays: number;
  asOf: string;
  days: number;
}

/** Every row of one base for the account from `from` to `to` (for a "last" metric: everything up to `to`). */
async function readBase(db: Kysely<DB>, scope: SeriesScope, base: ResolvedBase, from: string, to: string): Promise<BaseRows> {
  const { workspaceId, accountId } = scope;
  if (base.kind === 'active_users') {
    let q = db
      .selectFrom('usage_user_days')
      .select(['day', 'user_key'])
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .where('day', '>=', from)
      .where('day', '<=', to);
    if (base.event !== undefined) q = q.where('event', '=', base.event);
    return { kind: 'users', rows: (await q.execute()).map((r) => ({ day: String(r.day), userKey: r.user_key })) };
  }
  if (base.kind === 'metric') {
    if (base.metricId === null) return { kind: 'daily', rows: [] };
    let q = db
      .selectFrom('metric_values')
      .select(['day', 'value'])
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .where('metric_id', '=', base.metricId)
      .where('day', '<=', to);
    if (base.aggregation !== 'last') q = q.where('day', '>=', from);
    return { kind: 'daily', rows: (await q.execute()).map((r) => ({ day: String(r.day), value: Number(r.value) })) };
  }
  const rows = await db
    .selectFrom('usage_daily')
    .select(['day', 'events', 'total'])
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .where('event', '=', base.event)
    .where('property', '=', base.kind === 'event_count' ? '' : base.property)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return { kind: 'daily', rows: rows.map((r) => ({ day: String(r.day), value: Number(base.kind === 'event_count' ? r.events : r.total) })) };
}

export async function accountSeries(db: Kysely<DB>, scope: SeriesScope): Promise<AccountSeries> {
  const { formula, windowDays, asOf, days } = scope;
  const firstDay = shiftDate(asOf, -(days - 1));
  const previousEnd = shiftDate(asOf, -windowDays);
  // The earliest day any window needs: the first series point's window, or the previous window.
  const from = [windowStart(firstDay, windowDays), windowStart(previousEnd, windowDays)].sort()[0] as string;
  const bases = formula.kind === 'ratio' ? [formula.numerator, formula.denominator] : [formula];
  const rows = await Promise.all(bases.map((b) => readBase(db, scope, b, from, asOf)));
  const at = (end: string) => formulaValue(formula, rows, windowStart(end, windowDays), end);
  const series: AccountSeries['series'] = [];
  for (let i = 0; i < days; i += 1) {
    const date = shiftDate(firstDay, i);
    series.push({ date, value: at(date) });
  }
  const value = at(asOf);
  const previousValue = at(previousEnd);
  return { value, previousValue, trend: trendOf(value, previousValue), series };
}
