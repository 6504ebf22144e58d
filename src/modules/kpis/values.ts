import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { invalid, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { findAccountRow } from '../accounts/repo.js';
import { settleRollups } from '../ingest/rollup-queue.js';
import type { AccountKpis, KpiStatus, KpiValues } from './contracts.js';
import { statusOf, statusRank, todayUtc } from './evaluate.js';
import { findKpiRow, listKpiRows, resolveFormula, toKpi } from './repo.js';
import { accountSeries } from './series.js';
import { accountsWithStatusSql, kpiValues } from './values-sql.js';

/** KPI values: per account with series and trend, across the portfolio, and as accounts-list columns and filters. */
export async function accountKpis(
  database: Database,
  actor: Actor,
  accountId: string,
  query: { asOf?: string | undefined; days: number },
): Promise<AccountKpis> {
  if (!(await findAccountRow(database.db, actor.workspaceId, accountId))) throw notFound('Account');
  await settleRollups(database, actor.workspaceId);
  const asOf = query.asOf ?? todayUtc();
  const items: AccountKpis['items'] = [];
  for (const row of await listKpiRows(database.db, actor.workspaceId)) {
    const kpi = toKpi(row);
    const formula = await resolveFormula(database.db, actor.workspaceId, kpi.formula);
    const s = await accountSeries(database.db, { workspaceId: actor.workspaceId, accountId, formula, windowDays: kpi.windowDays, asOf, days: query.days });
    items.push({ kpi, ...s, status: statusOf(s.value, kpi) });
  }
  return { asOf, items };
}

export async function kpiPortfolio(
  database: Database,
  actor: Actor,
  id: string,
  query: { asOf?: string | undefined; limit: number; status?: KpiStatus[] | undefined },
): Promise<KpiValues> {
  const row = await findKpiRow(database.db, actor.workspaceId, id);
  if (!row) throw notFound('KPI');
  const kpi = toKpi(row);
  await settleRollups(database, actor.workspaceId);
  const asOf = query.asOf ?? todayUtc();
  const formula = await resolveFormula(database.db, actor.workspaceId, kpi.formula);
  const values = await kpiValues(database.db, { workspaceId: actor.workspaceId, formula, windowDays: kpi.windowDays, asOf });
  const names = new Map(
    (await database.db.selectFrom('accounts').select(['id', 'name']).where('workspace_id', '=', actor.workspaceId).execute()).map((a) => [a.id, a.name]),
  );
  const counts = { ok: 0, warning: 0, critical: 0, no_data: 0 };
  const all = [...values].map(([accountId, value]) => {
    const status = statusOf(value, kpi);
    counts[status] += 1;
    return { accountId, accountName: names.get(accountId) ?? '', value, status };
  });
  const worse = kpi.direction === 'performance' ? 1 : -1;
  const items = all
    .filter((i) => !query.status?.length || query.status.includes(i.status))
    .sort(
      (a, b) =>
        statusRank[a.status] - statusRank[b.status] ||
        worse * ((a.value ?? 0) - (b.value ?? 0)) ||
        a.accountName.localeCompare(b.accountName) ||
        a.accountId.localeCompare(b.accountId),
    )
    .slice(0, query.limit);
  return { kpi, asOf, counts, total: all.length, items };
}

/** `kpiStatus=<kpiId>:<status>[,<status>]`, parsed. */
export function parseKpiStatus(text: string): { kpiId: string; statuses: KpiStatus[] } {
  const [kpiId = '', list = ''] = text.split(':');
  return { kpiId, statuses: list.split(',') as KpiStatus[] };
}

async function loadKpis(database: Database, actor: Actor, ids: string[], field: string) {
  const rows = await listKpiRows(database.db, actor.workspaceId, [...new Set(ids)]);
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw invalid(field, 'exists', `No KPI with the id "${missing}" in this workspace`, missing);
  return Promise.all(
    rows.map(async (r) => {
      const kpi = toKpi(r);
      return { kpi, formula: await resolveFormula(database.db, actor.workspaceId, kpi.formula) };
    }),
  );
}

/**
 * What the accounts list needs for `kpis` and `kpiStatus`: a condition restricting the accounts (a subquery, so that
 * keyset paging and counts keep working) and a function adding the requested KPIs' values to a page of accounts.
 */
export interface ListKpis {
  condition: RawBuilder<boolean> | null;
  columns(accountIds: string[]): Promise<Map<string, Record<string, { value: number | null; status: KpiStatus }>>>;
}

export async function accountsListKpis(
  database: Database,
  actor: Actor,
  query: { kpis?: string[] | undefined; kpiStatus?: string[] | undefined; kpiAsOf?: string | undefined },
): Promise<ListKpis | null> {
  if (!query.kpis?.length && !query.kpiStatus?.length) return null;
  await settleRollups(database, actor.workspaceId);
  const asOf = query.kpiAsOf ?? todayUtc();
  const { workspaceId } = actor;
  const filters = (query.kpiStatus ?? []).map(parseKpiStatus);
  const filterKpis = await loadKpis(
    database,
    actor,
    filters.map((f) => f.kpiId),
    'kpiStatus',
  );
  const conditions = filters.map((f) => {
    const { kpi, formula } = filterKpis.find((k) => k.kpi.id === f.kpiId) as (typeof filterKpis)[number];
    const ids = accountsWithStatusSql({ workspaceId, formula, windowDays: kpi.windowDays, asOf }, kpi, f.statuses);
    return sql<boolean>`accounts.id in (${ids})`;
  });
  const columnKpis = await loadKpis(database, actor, query.kpis ?? [], 'kpis');
  return {
    condition: conditions.length ? sql<boolean>`(${sql.join(conditions, sql` and `)})` : null,
    async columns(accountIds) {
      const out = new Map(accountIds.map((id) => [id, {} as Record<string, { value: number | null; status: KpiStatus }>]));
      for (const { kpi, formula } of columnKpis) {
        const values = await kpiValues(database.db, { workspaceId, formula, windowDays: kpi.windowDays, asOf, ids: accountIds });
        for (const [accountId, value] of values) {
          const entry = out.get(accountId);
          if (entry) entry[kpi.id] = { value, status: statusOf(value, kpi) };
        }
      }
      return out;
    },
  };
}
