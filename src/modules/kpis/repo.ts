import type { Kysely, Transaction } from 'kysely';
import { decodeJson } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { Kpi, KpiBase, KpiFormula } from './contracts.js';
import type { Aggregation, ResolvedBase, ResolvedFormula } from './evaluate.js';

type Executor = Kysely<DB> | Transaction<DB>;

export function toKpi(row: DB['kpis']): Kpi {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    templateKey: row.template_key,
    formula: decodeJson<KpiFormula>(row.formula, { kind: 'event_count', event: '' }),
    windowDays: row.window_days as Kpi['windowDays'],
    timing: row.timing as Kpi['timing'],
    direction: row.direction as Kpi['direction'],
    objectivity: row.objectivity as Kpi['objectivity'],
    nature: row.nature as Kpi['nature'],
    unit: row.unit,
    warningThreshold: row.warning_threshold === null ? null : Number(row.warning_threshold),
    criticalThreshold: row.critical_threshold === null ? null : Number(row.critical_threshold),
    watchers: decodeJson<string[]>(row.watchers, []),
    position: Number(row.position),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findKpiRow(db: Executor, workspaceId: string, id: string): Promise<DB['kpis'] | undefined> {
  return db.selectFrom('kpis').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function listKpiRows(db: Executor, workspaceId: string, ids?: string[]): Promise<DB['kpis'][]> {
  let q = db.selectFrom('kpis').selectAll().where('workspace_id', '=', workspaceId);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return q.orderBy('position').orderBy('name').orderBy('id').limit(1000).execute();
}

export async function nextPosition(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('kpis')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
}

export function basesOf(formula: KpiFormula): KpiBase[] {
  return formula.kind === 'ratio' ? [formula.numerator, formula.denominator] : [formula];
}

/** The workspace's metrics by key: the KPI module reads only their ids and aggregations. */
export async function metricsByKey(db: Executor, workspaceId: string, keys: string[]): Promise<Map<string, { id: string; aggregation: Aggregation }>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('metrics').select(['id', 'key', 'aggregation']).where('workspace_id', '=', workspaceId).where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, { id: r.id, aggregation: r.aggregation as Aggregation }]));
}

/** Looks up the formula's metric keys; a metric deleted since the KPI was defined resolves to no data. */
export async function resolveFormula(db: Executor, workspaceId: string, formula: KpiFormula): Promise<ResolvedFormula> {
  const keys = basesOf(formula).flatMap((b) => (b.kind === 'metric' ? [b.metric] : []));
  const metrics = await metricsByKey(db, workspaceId, keys);
  const resolve = (base: KpiBase): ResolvedBase => {
    if (base.kind !== 'metric') return base;
    const metric = metrics.get(base.metric);
    return { kind: 'metric', metricId: metric?.id ?? null, aggregation: metric?.aggregation ?? 'sum' };
  };
  if (formula.kind !== 'ratio') return resolve(formula);
  return { kind: 'ratio', numerator: resolve(formula.numerator), denominator: resolve(formula.denominator), scale: formula.scale ?? 1 };
}
