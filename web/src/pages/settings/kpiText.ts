import type { Kpi, KpiBase, KpiFormula, Metric } from '../../api/types';

/** KPIs in words, for lists and template pickers: what a manager reads instead of the formula's JSON. */

type MetricNames = ReadonlyMap<string, string>;

export function metricNames(metrics: readonly Metric[] | undefined): MetricNames {
  return new Map((metrics ?? []).map((m) => [m.key, m.name]));
}

function baseText(base: KpiBase, metrics: MetricNames): string {
  switch (base.kind) {
    case 'event_count':
      return `count of “${base.event}” events`;
    case 'active_users':
      return base.event ? `distinct users of “${base.event}”` : 'distinct active users (any event)';
    case 'property_sum':
      return `sum of “${base.property}” on “${base.event}”`;
    case 'metric':
      return `metric ${metrics.get(base.metric) ?? base.metric}`;
  }
}

export function formulaText(formula: KpiFormula, metrics: MetricNames = new Map()): string {
  if (formula.kind !== 'ratio') return capitalise(baseText(formula, metrics));
  const scale = formula.scale && formula.scale !== 1 ? ` × ${formula.scale}` : '';
  return capitalise(`${baseText(formula.numerator, metrics)} ÷ ${baseText(formula.denominator, metrics)}${scale}`);
}

/** The event name a template's formula names, if any (what "Add from template" lets you change). */
export function formulaEvent(formula: KpiFormula): string | null {
  const bases = formula.kind === 'ratio' ? [formula.numerator, formula.denominator] : [formula];
  for (const b of bases) if ((b.kind === 'event_count' || b.kind === 'active_users' || b.kind === 'property_sum') && b.event) return b.event;
  return null;
}

export const directionText: Record<Kpi['direction'], string> = {
  performance: 'Performance (higher is better)',
  risk: 'Risk (lower is better)',
};

export function thresholdsText(kpi: Pick<Kpi, 'direction' | 'warningThreshold' | 'criticalThreshold' | 'unit'>): string {
  const op = kpi.direction === 'performance' ? '≤' : '≥';
  const unit = kpi.unit ? ` ${kpi.unit}` : '';
  const parts = [
    kpi.warningThreshold === null ? null : `warning ${op} ${kpi.warningThreshold}${unit}`,
    kpi.criticalThreshold === null ? null : `critical ${op} ${kpi.criticalThreshold}${unit}`,
  ].filter(Boolean);
  return parts.length ? capitalise(parts.join(', ')) : 'None';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
