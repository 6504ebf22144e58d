import type { Kpi, KpiStatus, KpiTrend } from '../../../api/types';
import { chartColors } from '../../../components/charts/options';

/** How KPI values, statuses and trends read and look, shared by the Usage tab and the accounts list. */

export const statusLabels: Record<KpiStatus, string> = { ok: 'OK', warning: 'Warning', critical: 'Critical', no_data: 'No data' };
export const kpiStatuses: KpiStatus[] = ['critical', 'warning', 'ok', 'no_data'];

/** Fewer decimals as numbers grow: 0.42, 4.2, 42, 4,200. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  const digits = abs === 0 || abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** A value with the KPI's unit: "72.5%", "14 logins", "3.2 hours"; "—" when there is no value. */
export function formatKpiValue(value: number | null, unit: string | null): string {
  if (value === null) return '—';
  if (!unit) return formatNumber(value);
  if (unit === '%') return `${formatNumber(value)}%`;
  // Units are plural nouns ("users", "tickets"): one of them reads "1 user".
  const noun = Math.abs(value) === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit;
  return `${formatNumber(value)} ${noun}`;
}

/** The number only, for chart axes; the unit is in the chart's label. */
export function axisFormatter(unit: string | null): (v: number) => string {
  return unit === '%' ? (v) => `${formatNumber(v)}%` : formatNumber;
}

export type TrendTone = 'good' | 'bad' | 'neutral';

/** Up is good for a performance KPI and bad for a risk KPI. */
export function trendTone(trend: KpiTrend | null, direction: Kpi['direction']): TrendTone {
  if (!trend || trend === 'flat') return 'neutral';
  return (trend === 'up') === (direction === 'performance') ? 'good' : 'bad';
}

export const trendArrows: Record<KpiTrend, string> = { up: '↑', down: '↓', flat: '→' };
export const trendWords: Record<KpiTrend, string> = { up: 'Up', down: 'Down', flat: 'Flat' };
export const toneColors: Record<TrendTone, string> = { good: 'teal.8', bad: 'red.9', neutral: 'dimmed' };

/** The warning and critical lines of a KPI chart. */
export function thresholdLines(kpi: Kpi) {
  return [
    ...(kpi.warningThreshold !== null ? [{ label: 'Warning', value: kpi.warningThreshold, color: chartColors.warning }] : []),
    ...(kpi.criticalThreshold !== null ? [{ label: 'Critical', value: kpi.criticalThreshold, color: chartColors.critical }] : []),
  ];
}

/** "Higher is better" or "lower is better", with the thresholds in words. */
export function thresholdText(kpi: Kpi): string {
  const better = kpi.direction === 'performance' ? 'Higher is better' : 'Lower is better';
  const cmp = kpi.direction === 'performance' ? '≤' : '≥';
  const parts = [
    kpi.warningThreshold !== null ? `warning ${cmp} ${formatKpiValue(kpi.warningThreshold, kpi.unit)}` : null,
    kpi.criticalThreshold !== null ? `critical ${cmp} ${formatKpiValue(kpi.criticalThreshold, kpi.unit)}` : null,
  ].filter(Boolean);
  return parts.length ? `${better}; ${parts.join(', ')}` : `${better}; no thresholds set`;
}
