import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { KpiStatus } from './contracts.js';
import { type ResolvedBase, type ResolvedFormula, type Thresholds, windowStart } from './evaluate.js';

/**
 * A KPI's value for many accounts at once, in one set-based query: every account of the workspace (or of `ids`)
 * with the value of the window of `windowDays` days ending on `asOf`. Dialect-neutral SQL; the same maths as
 * evaluate.ts (their agreement is tested on random data on both engines).
 */
export interface ValuesScope {
  workspaceId: string;
  formula: ResolvedFormula;
  windowDays: number;
  asOf: string;
  /** Only these accounts; all of the workspace's when absent. */
  ids?: string[] | undefined;
}

const double = (e: RawBuilder<unknown>) => sql<number>`cast(${e} as double precision)`;

function onlyIds(column: string, ids: string[] | undefined): RawBuilder<unknown> {
  return ids ? sql`and ${sql.ref(column)} in (${sql.join(ids)})` : sql``;
}

/** (account_id, v) for one base, or null when the base has no rows to read (a deleted metric). */
function baseRows(scope: ValuesScope, base: ResolvedBase): RawBuilder<unknown> | null {
  const { workspaceId, ids, asOf } = scope;
  const start = windowStart(asOf, scope.windowDays);
  switch (base.kind) {
    case 'event_count':
    case 'property_sum': {
      const column = base.kind === 'event_count' ? sql.ref('d.events') : sql.ref('d.total');
      const property = base.kind === 'event_count' ? '' : base.property;
      return sql`select d.account_id, sum(${column}) as v from usage_daily d
        where d.workspace_id = ${workspaceId} and d.event = ${base.event} and d.property = ${property}
          and d.day >= ${start} and d.day <= ${asOf} ${onlyIds('d.account_id', ids)}
        group by d.account_id`;
    }
    case 'active_users': {
      const event = base.event === undefined ? sql`` : sql`and u.event = ${base.event}`;
      return sql`select u.account_id, count(distinct u.user_key) as v from usage_user_days u
        where u.workspace_id = ${workspaceId} ${event} and u.day >= ${start} and u.day <= ${asOf} ${onlyIds('u.account_id', ids)}
        group by u.account_id`;
    }
    case 'metric': {
      if (base.metricId === null) return null;
      if (base.aggregation === 'last') {
        // The latest value on or before the window's end: each account's latest day in one pass over the primary key
        // (grouped in its order), then that row by key. A correlated max() per row costs a search per value.
        return sql`select m.account_id, m.value as v from (select p.account_id, max(p.day) as day from metric_values p
            where p.workspace_id = ${workspaceId} and p.metric_id = ${base.metricId} and p.day <= ${asOf} ${onlyIds('p.account_id', ids)}
            group by p.account_id) l
          join metric_values m on m.workspace_id = ${workspaceId} and m.account_id = l.account_id and m.metric_id = ${base.metricId} and m.day = l.day`;
      }
      const fn = { sum: sql`sum`, average: sql`avg`, max: sql`max` }[base.aggregation];
      return sql`select m.account_id, ${fn}(m.value) as v from metric_values m
        where m.workspace_id = ${workspaceId} and m.metric_id = ${base.metricId}
          and m.day >= ${start} and m.day <= ${asOf} ${onlyIds('m.account_id', ids)}
        group by m.account_id`;
    }
  }
}

/** The base's value for the account of the outer row: counts of nothing are 0, a metric without values is null. */
function baseValueSql(base: ResolvedBase, alias: string, hasRows: boolean): RawBuilder<number | null> {
  if (!hasRows) return sql<null>`cast(null as double precision)`;
  const v = sql.ref(`${alias}.v`);
  return base.kind === 'metric' ? double(sql`${v}`) : double(sql`coalesce(${v}, 0)`);
}

/** select account_id, value — one row per account in scope, value null when there is no data. */
export function kpiValuesSql(scope: ValuesScope): RawBuilder<{ account_id: string; value: number | null }> {
  const bases = scope.formula.kind === 'ratio' ? [scope.formula.numerator, scope.formula.denominator] : [scope.formula];
  const joins: RawBuilder<unknown>[] = [];
  const values = bases.map((base, i) => {
    const alias = `b${i}`;
    const rows = baseRows(scope, base);
    if (rows) joins.push(sql`left join (${rows}) ${sql.table(alias)} on ${sql.ref(`${alias}.account_id`)} = a.id`);
    return baseValueSql(base, alias, rows !== null);
  });
  let value: RawBuilder<number | null>;
  if (scope.formula.kind === 'ratio') {
    const [n, d] = values as [RawBuilder<number | null>, RawBuilder<number | null>];
    // Never Infinity: a zero or missing denominator has no value.
    value = sql`case when ${n} is null or ${d} is null or ${d} = 0 then null else ${n} / ${d} * ${double(sql`${scope.formula.scale}`)} end`;
  } else {
    value = values[0] as RawBuilder<number | null>;
  }
  return sql`select a.id as account_id, ${value} as value from accounts a ${sql.join(joins, sql` `)}
    where a.workspace_id = ${scope.workspaceId} ${onlyIds('a.id', scope.ids)}`;
}

export async function kpiValues(db: Kysely<DB>, scope: ValuesScope): Promise<Map<string, number | null>> {
  if (scope.ids && scope.ids.length === 0) return new Map();
  const { rows } = await kpiValuesSql(scope).execute(db);
  return new Map(rows.map((r) => [r.account_id, r.value === null ? null : Number(r.value)]));
}

/** The status of `value` as SQL, the same rules as statusOf(). */
export function statusSql(value: RawBuilder<unknown>, t: Thresholds): RawBuilder<KpiStatus> {
  const op = sql.raw(t.direction === 'performance' ? '<=' : '>=');
  const when = (threshold: number | null, status: KpiStatus) =>
    threshold === null ? sql`` : sql`when ${value} ${op} ${double(sql`${threshold}`)} then ${sql.lit(status)}`;
  return sql<KpiStatus>`case when ${value} is null then 'no_data' ${when(t.criticalThreshold, 'critical')} ${when(t.warningThreshold, 'warning')} else 'ok' end`;
}

/** Ids of the accounts whose KPI status is one of `statuses`: a subquery for `accounts.id in (…)`. */
export function accountsWithStatusSql(scope: ValuesScope, t: Thresholds, statuses: KpiStatus[]): RawBuilder<{ account_id: string }> {
  return sql`select kv.account_id from (${kpiValuesSql(scope)}) kv where ${statusSql(sql.ref('kv.value'), t)} in (${sql.join(statuses.map((s) => sql.lit(s)))})`;
}

/** A metric read over a window with sum, average or max (not 'last'). */
export interface MetricWindow {
  metricId: string;
  aggregation: 'sum' | 'average' | 'max';
  windowDays: number;
}

/**
 * Several metrics' windowed values in ONE pass over metric_values (conditional aggregates per metric and window), for
 * a health recompute that reads tickets and late invoices: one scan instead of one per metric. The same values as
 * kpiValuesSql gives each base alone; an account without rows in a window is absent from that map (no data).
 */
export async function metricWindowValues(
  db: Kysely<DB>,
  scope: Pick<ValuesScope, 'workspaceId' | 'asOf' | 'ids'>,
  metrics: readonly MetricWindow[],
): Promise<Map<string, number>[]> {
  const out = metrics.map(() => new Map<string, number>());
  if (metrics.length === 0 || (scope.ids && scope.ids.length === 0)) return out;
  const { workspaceId, asOf, ids } = scope;
  const starts = metrics.map((m) => windowStart(asOf, m.windowDays));
  const earliest = starts.reduce((a, b) => (b < a ? b : a));
  const columns = metrics.map((m, i) => {
    const fn = { sum: sql`sum`, average: sql`avg`, max: sql`max` }[m.aggregation];
    return sql`${fn}(case when m.metric_id = ${m.metricId} and m.day >= ${starts[i]} then m.value end) as ${sql.ref(`v${i}`)}`;
  });
  const { rows } = await sql<Record<string, unknown>>`select m.account_id, ${sql.join(columns)} from metric_values m
    where m.workspace_id = ${workspaceId} and m.metric_id in (${sql.join([...new Set(metrics.map((m) => m.metricId))])})
      and m.day >= ${earliest} and m.day <= ${asOf} ${onlyIds('m.account_id', ids)}
    group by m.account_id`.execute(db);
  for (const r of rows) {
    metrics.forEach((_, i) => {
      const v = r[`v${i}`];
      if (v !== null && v !== undefined) out[i]?.set(r.account_id as string, Number(v));
    });
  }
  return out;
}
