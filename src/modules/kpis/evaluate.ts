import type { KpiDirection, KpiStatus, KpiTrend } from './contracts.js';

/**
 * The KPI maths in plain functions, over one account's rollup rows. values-sql.ts computes the same values set-based
 * in SQL for many accounts at once; test/integration/kpis-agreement.test.ts proves on random data that they agree.
 */
export type Aggregation = 'sum' | 'average' | 'max' | 'last';

/** A formula whose metric keys have been looked up (metricId null: the metric no longer exists → no data). */
export type ResolvedBase =
  | { kind: 'event_count'; event: string }
  | { kind: 'active_users'; event?: string | undefined }
  | { kind: 'property_sum'; event: string; property: string }
  | { kind: 'metric'; metricId: string | null; aggregation: Aggregation };
export type ResolvedFormula = ResolvedBase | { kind: 'ratio'; numerator: ResolvedBase; denominator: ResolvedBase; scale: number };

/** One account's rows for one base: daily numbers (counts, sums, metric values) or (day, user) pairs. */
export type BaseRows = { kind: 'daily'; rows: Array<{ day: string; value: number }> } | { kind: 'users'; rows: Array<{ day: string; userKey: string }> };

/** YYYY-MM-DD plus n days (n may be negative), in UTC. */
export function shiftDate(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The window of `windowDays` days ending on `end`, both included. */
export function windowStart(end: string, windowDays: number): string {
  return shiftDate(end, -(windowDays - 1));
}

export function baseValue(base: ResolvedBase, data: BaseRows, start: string, end: string): number | null {
  if (data.kind === 'users') {
    const users = new Set<string>();
    for (const r of data.rows) if (r.day >= start && r.day <= end) users.add(r.userKey);
    return users.size;
  }
  if (base.kind !== 'metric') {
    let sum = 0;
    for (const r of data.rows) if (r.day >= start && r.day <= end) sum += r.value;
    return sum;
  }
  if (base.aggregation === 'last') {
    // The latest value on or before the window's end: a level such as licences stays true until it changes.
    let latest: { day: string; value: number } | null = null;
    for (const r of data.rows) if (r.day <= end && (!latest || r.day > latest.day)) latest = r;
    return latest ? latest.value : null;
  }
  const inWindow = data.rows.filter((r) => r.day >= start && r.day <= end).map((r) => r.value);
  if (inWindow.length === 0) return null;
  if (base.aggregation === 'max') return Math.max(...inWindow);
  const sum = inWindow.reduce((a, b) => a + b, 0);
  return base.aggregation === 'sum' ? sum : sum / inWindow.length;
}

/** The formula's value over [start, end]; `rows` holds one entry per base (two for a ratio). */
export function formulaValue(formula: ResolvedFormula, rows: BaseRows[], start: string, end: string): number | null {
  if (formula.kind !== 'ratio') return baseValue(formula, rows[0] ?? { kind: 'daily', rows: [] }, start, end);
  const numerator = baseValue(formula.numerator, rows[0] ?? { kind: 'daily', rows: [] }, start, end);
  const denominator = baseValue(formula.denominator, rows[1] ?? { kind: 'daily', rows: [] }, start, end);
  if (numerator === null || denominator === null || denominator === 0) return null;
  return (numerator / denominator) * formula.scale;
}

export interface Thresholds {
  direction: KpiDirection;
  warningThreshold: number | null;
  criticalThreshold: number | null;
}

/** performance: critical when value <= critical, warning when <= warning; risk: the same with >=. */
export function statusOf(value: number | null, t: Thresholds): KpiStatus {
  if (value === null) return 'no_data';
  const crossed = (threshold: number | null) => threshold !== null && (t.direction === 'performance' ? value <= threshold : value >= threshold);
  if (crossed(t.criticalThreshold)) return 'critical';
  if (crossed(t.warningThreshold)) return 'warning';
  return 'ok';
}

/** Up or down against the previous window; values within a relative 1e-9 of each other are flat (float noise). */
export function trendOf(value: number | null, previous: number | null): KpiTrend | null {
  if (value === null || previous === null) return null;
  const tolerance = 1e-9 * Math.max(1, Math.abs(value), Math.abs(previous));
  if (Math.abs(value - previous) <= tolerance) return 'flat';
  return value > previous ? 'up' : 'down';
}

/** The thresholds' order must match the direction; returns the offending field's message, or null. */
export function thresholdProblem(t: Thresholds): string | null {
  if (t.warningThreshold === null || t.criticalThreshold === null) return null;
  if (t.direction === 'performance' && t.criticalThreshold > t.warningThreshold) {
    return 'For a performance KPI (higher is better) the critical threshold must be at or below the warning threshold';
  }
  if (t.direction === 'risk' && t.criticalThreshold < t.warningThreshold) {
    return 'For a risk KPI (lower is better) the critical threshold must be at or above the warning threshold';
  }
  return null;
}

/** Severity order for "worst first": lower is worse. */
export const statusRank: Record<KpiStatus, number> = { critical: 0, warning: 1, ok: 2, no_data: 3 };
