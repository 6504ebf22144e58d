import type { ScoreComponent } from '../../../api/types';

/** Number formats of the score breakdown. */

export function formatRaw(c: Pick<ScoreComponent, 'raw'>): string {
  if (c.raw === null) return 'No data';
  return Number.isInteger(c.raw) ? c.raw.toLocaleString() : c.raw.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

/** A share (0–1) as a percentage of the total score. */
export function formatShare(share: number): string {
  return `${(share * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
}

export function formatPoints(points: number): string {
  return points.toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export const sourceLabels: Record<string, string> = {
  kpi: 'KPI',
  days_since_touch: 'Days since last touch',
  open_risks: 'Open risks',
  open_red_flags: 'Open red flags',
  account_field: 'Account field',
  custom_field: 'Custom field',
  manual: 'Manual',
};
