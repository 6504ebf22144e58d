import type { Kysely } from 'kysely';
import { decodeJson } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { OPEN_RISK_STATUSES } from '../../domain/enums.js';
import type { ResolvedBase, ResolvedFormula } from '../kpis/evaluate.js';
import { findKpiRow, resolveFormula, toKpi } from '../kpis/repo.js';
import { kpiValues, type MetricWindow, metricWindowValues } from '../kpis/values-sql.js';
import type { MeasureSource } from './contracts.js';

/**
 * Raw values of measure sources for many accounts at once: a handful of set-based queries per source, cached for
 * one recompute so that two scorecards reading the same KPI query it once. Never a query per account.
 */
export interface AccountFacts {
  id: string;
  lifecycle_phase: string | null;
  touch_tier: string | null;
  deployment_status: string | null;
  company_size: string | null;
  last_touch_at: string | null;
  custom_fields: string;
  arr_minor: number;
  currency: string;
  renewal_date: string | null;
}

/** What a sentence needs beyond the raw value. */
export type Detail =
  | { kind: 'kpi'; kpiName: string; unit: string | null; windowDays: number; ratio: RatioInfo | null; missing?: boolean }
  | { kind: 'manual'; min: number; max: number; setByName: string | null; setAt: string; comment: string | null; problem?: 'expired' | 'out_of_range' }
  | { kind: 'money'; currency: string }
  | { kind: 'plain' };

export interface RatioInfo {
  numerator: number | null;
  denominator: number | null;
  /** Active users over a metric (licences): "13 of 100 licences active". */
  activeOf: string | null;
}

export interface SourceValues {
  raw: Map<string, number | null>;
  details: Map<string, Detail>;
  /** The same for every account (e.g. the KPI's name and window). */
  common: Detail;
}

export interface SourceContext {
  db: Kysely<DB>;
  workspaceId: string;
  asOf: string;
  now: number;
  /** When the reads began (ISO): the scores' computed_at, so that of two recomputes the one that read later wins. */
  readsFrom: string;
  /** Only these accounts (all of the workspace's when absent). */
  ids: string[] | undefined;
  accounts: AccountFacts[];
  cache: Map<string, Promise<SourceValues>>;
}

const CHUNK = 500;
function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** kpiValues over the scope, in chunks when the scope is a long id list. */
async function valuesOf(ctx: SourceContext, formula: ResolvedFormula, windowDays: number): Promise<Map<string, number | null>> {
  const scope = { workspaceId: ctx.workspaceId, formula, windowDays, asOf: ctx.asOf };
  if (!ctx.ids) return kpiValues(ctx.db, scope);
  const out = new Map<string, number | null>();
  for (const ids of chunks(ctx.ids)) for (const [k, v] of await kpiValues(ctx.db, { ...scope, ids })) out.set(k, v);
  return out;
}

/**
 * One base's values (active users, a metric…) over a window, cached in the context: the active-users KPI and the
 * numerator of licence utilisation read usage_user_days once between them, and a ratio reads each base once.
 */
const baseKey = (base: ResolvedBase, windowDays: number) => `base:${windowDays}:${JSON.stringify(base)}`;

function baseValuesOf(ctx: SourceContext, base: ResolvedBase, windowDays: number): Promise<Map<string, number | null>> {
  const key = baseKey(base, windowDays);
  let found = ctx.cache.get(key);
  if (!found) {
    found = valuesOf(ctx, base, windowDays).then((raw) => ({ raw, details: new Map(), common: { kind: 'plain' } }));
    ctx.cache.set(key, found);
  }
  return found.then((v) => v.raw);
}

/**
 * Reads every windowed metric (sum, average, max) that these sources need and the context has not cached, in one
 * pass over metric_values instead of one per metric, and caches each as baseValuesOf would.
 */
export async function prefetchSources(ctx: SourceContext, sources: readonly MeasureSource[]): Promise<void> {
  const wanted = new Map<string, MetricWindow>();
  for (const source of sources) {
    if (source.kind !== 'kpi') continue;
    const row = await findKpiRow(ctx.db, ctx.workspaceId, source.kpiId);
    if (!row) continue;
    const kpi = toKpi(row);
    const formula = await resolveFormula(ctx.db, ctx.workspaceId, kpi.formula);
    for (const base of formula.kind === 'ratio' ? [formula.numerator, formula.denominator] : [formula]) {
      if (base.kind !== 'metric' || base.metricId === null || base.aggregation === 'last') continue;
      const key = baseKey(base, kpi.windowDays);
      if (!ctx.cache.has(key)) wanted.set(key, { metricId: base.metricId, aggregation: base.aggregation, windowDays: kpi.windowDays });
    }
  }
  if (wanted.size < 2) return;
  const metrics = [...wanted.values()];
  const read = (async () => {
    const found = metrics.map(() => new Map<string, number>());
    for (const ids of ctx.ids ? chunks(ctx.ids) : [undefined]) {
      const part = await metricWindowValues(ctx.db, { workspaceId: ctx.workspaceId, asOf: ctx.asOf, ids }, metrics);
      part.forEach((values, i) => {
        for (const [id, v] of values) found[i]?.set(id, v);
      });
    }
    return found;
  })();
  [...wanted.keys()].forEach((key, i) => {
    const values = read.then((found): SourceValues => {
      // Every account in scope has an entry, as kpiValues gives: no rows in the window is no data.
      const raw = new Map<string, number | null>(ctx.accounts.map((a) => [a.id, found[i]?.get(a.id) ?? null]));
      return { raw, details: new Map(), common: { kind: 'plain' } };
    });
    ctx.cache.set(key, values);
  });
}

/** A ratio from its parts, as kpiValuesSql computes it: no value when either part has none or the denominator is 0. */
function ratioOf(n: number | null | undefined, d: number | null | undefined, scale: number): number | null {
  if (n === null || n === undefined || d === null || d === undefined || d === 0) return null;
  return (n / d) * scale;
}

async function kpiSource(ctx: SourceContext, kpiId: string): Promise<SourceValues> {
  const row = await findKpiRow(ctx.db, ctx.workspaceId, kpiId);
  if (!row) return { raw: new Map(), details: new Map(), common: { kind: 'kpi', kpiName: 'KPI', unit: null, windowDays: 0, ratio: null, missing: true } };
  const kpi = toKpi(row);
  const formula = await resolveFormula(ctx.db, ctx.workspaceId, kpi.formula);
  const common: Detail = { kind: 'kpi', kpiName: kpi.name, unit: kpi.unit, windowDays: kpi.windowDays, ratio: null };
  if (formula.kind !== 'ratio') return { raw: await baseValuesOf(ctx, formula, kpi.windowDays), details: new Map(), common };
  // The parts of a ratio, so that the sentence says "13 of 100 licences", not "13%"; the ratio itself from them.
  const [numerators, denominators] = await Promise.all([
    baseValuesOf(ctx, formula.numerator, kpi.windowDays),
    baseValuesOf(ctx, formula.denominator, kpi.windowDays),
  ]);
  const parts = kpi.formula.kind === 'ratio' ? kpi.formula : null;
  const den = parts?.denominator;
  let activeOf: string | null = null;
  if (parts?.numerator.kind === 'active_users' && den?.kind === 'metric') {
    const metric = await ctx.db
      .selectFrom('metrics')
      .select(['unit', 'name'])
      .where('workspace_id', '=', ctx.workspaceId)
      .where('key', '=', den.metric)
      .executeTakeFirst();
    activeOf = metric?.unit ?? metric?.name.toLowerCase() ?? den.metric;
  }
  const raw = new Map<string, number | null>();
  const details = new Map<string, Detail>();
  for (const [id, n] of numerators) {
    const numerator = n ?? null;
    const denominator = denominators.get(id) ?? null;
    raw.set(id, ratioOf(numerator, denominator, formula.scale));
    details.set(id, { ...common, ratio: { numerator, denominator, activeOf } });
  }
  return { raw, details, common };
}

/** Per-account counts from one grouped query. */
async function countsOf(ctx: SourceContext, table: 'risks' | 'red_flags', statuses: readonly string[]): Promise<SourceValues> {
  const counts = new Map<string, number>();
  for (const ids of ctx.ids ? chunks(ctx.ids) : [undefined]) {
    let q = ctx.db
      .selectFrom(table)
      .select(['account_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', ctx.workspaceId)
      .where('status', 'in', [...statuses]);
    if (ids) q = q.where('account_id', 'in', ids);
    for (const r of await q.groupBy('account_id').execute()) counts.set(r.account_id, Number(r.n));
  }
  // Every account has a count: none open is 0, a real value.
  return { raw: new Map(ctx.accounts.map((a) => [a.id, counts.get(a.id) ?? 0])), details: new Map(), common: { kind: 'plain' } };
}

function daysSinceTouch(ctx: SourceContext): SourceValues {
  const raw = new Map<string, number | null>();
  for (const a of ctx.accounts) {
    const at = a.last_touch_at ? Date.parse(a.last_touch_at) : Number.NaN;
    raw.set(a.id, Number.isNaN(at) ? null : Math.max(0, Math.floor((ctx.now - at) / 86_400_000)));
  }
  return { raw, details: new Map(), common: { kind: 'plain' } };
}

const DAY_MS = 86_400_000;

/** The account's ARR (major units, with its currency for the sentence) or the days from the scoring day to its renewal. */
function accountField(ctx: SourceContext, field: 'arr' | 'days_to_renewal'): SourceValues {
  const raw = new Map<string, number | null>();
  const details = new Map<string, Detail>();
  const today = Date.parse(`${ctx.asOf}T00:00:00Z`);
  for (const a of ctx.accounts) {
    if (field === 'arr') {
      raw.set(a.id, Number(a.arr_minor) / 100);
      details.set(a.id, { kind: 'money', currency: a.currency });
    } else {
      const renewal = a.renewal_date ? Date.parse(`${a.renewal_date.slice(0, 10)}T00:00:00Z`) : Number.NaN;
      raw.set(a.id, Number.isNaN(renewal) ? null : Math.round((renewal - today) / DAY_MS));
    }
  }
  return { raw, details, common: { kind: 'plain' } };
}

function customField(ctx: SourceContext, key: string): SourceValues {
  const raw = new Map<string, number | null>();
  for (const a of ctx.accounts) {
    const value = decodeJson<Record<string, unknown>>(a.custom_fields, {})[key];
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    raw.set(a.id, Number.isFinite(n) ? n : null);
  }
  return { raw, details: new Map(), common: { kind: 'plain' } };
}

/** A manual measure's values: expired or out of the measure's range → no data (the detail says why). */
async function manualSource(ctx: SourceContext, measureId: string, min: number, max: number): Promise<SourceValues> {
  const raw = new Map<string, number | null>();
  const details = new Map<string, Detail>();
  for (const ids of ctx.ids ? chunks(ctx.ids) : [undefined]) {
    let q = ctx.db
      .selectFrom('manual_measure_values as v')
      .leftJoin('users as u', 'u.id', 'v.set_by')
      .select(['v.account_id', 'v.value', 'v.comment', 'v.set_at', 'v.expires_on', 'u.name as set_by_name'])
      .where('v.workspace_id', '=', ctx.workspaceId)
      .where('v.measure_id', '=', measureId);
    if (ids) q = q.where('v.account_id', 'in', ids);
    for (const r of await q.execute()) {
      const value = Number(r.value);
      const problem = r.expires_on !== null && r.expires_on < ctx.asOf ? 'expired' : value < min || value > max ? 'out_of_range' : undefined;
      raw.set(r.account_id, problem ? null : value);
      details.set(r.account_id, {
        kind: 'manual',
        min,
        max,
        setByName: r.set_by_name,
        setAt: r.set_at,
        comment: r.comment,
        ...(problem ? { problem } : {}),
      });
    }
  }
  return { raw, details, common: { kind: 'manual', min, max, setByName: null, setAt: '', comment: null } };
}

export function sourceValues(ctx: SourceContext, measureId: string, source: MeasureSource): Promise<SourceValues> {
  const key = source.kind === 'manual' ? `manual:${measureId}` : JSON.stringify(source);
  let found = ctx.cache.get(key);
  if (!found) {
    found = (async () => {
      switch (source.kind) {
        case 'kpi':
          return kpiSource(ctx, source.kpiId);
        case 'days_since_touch':
          return daysSinceTouch(ctx);
        case 'open_risks':
          return countsOf(ctx, 'risks', OPEN_RISK_STATUSES);
        case 'open_red_flags':
          return countsOf(ctx, 'red_flags', ['open']);
        case 'account_field':
          return accountField(ctx, source.field);
        case 'custom_field':
          return customField(ctx, source.key);
        case 'manual':
          return manualSource(ctx, measureId, source.min, source.max);
      }
    })();
    ctx.cache.set(key, found);
  }
  return found;
}
