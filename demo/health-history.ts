import { addDays, weekStarts } from '../src/modules/health/trend.js';

/**
 * The demo's 18 weeks of health history, pure: which days get a real recompute (anchors) and which are filled in
 * between them. Real recomputes cost ~0.2–0.4 s each on SQLite, so only a few anchors are real: every third
 * week's Sunday from the first one whose 30-day KPI windows lie inside the 120 days of usage, plus 7 days ago
 * (the movers' "before") and yesterday (the trend's "previous"). The other weeks' Sundays are interpolated.
 */
export interface HistoryPlan {
  /** Days to recompute for real, oldest first. */
  anchors: string[];
  /** The Sunday of each past week of the sparkline (the current week's last snapshot is today's). */
  sundays: string[];
}

export function historyPlan(today: string): HistoryPlan {
  const weeks = weekStarts(today);
  const sundays = weeks.slice(0, -1).map((w) => addDays(w, 6));
  const picked = [5, 8, 11, 14].flatMap((i) => (sundays[i] ? [sundays[i]] : []));
  const anchors = [...new Set([...picked, addDays(today, -7), addDays(today, -1)])].filter((d) => d < today).sort();
  return { anchors, sundays };
}

/**
 * A score on `day` from the real points around it (sorted by day): linear between the two neighbours, the first
 * point's value before it (the weeks before the usage data hold the earliest real score), null when a neighbour
 * has no score.
 */
export function interpolate(points: ReadonlyArray<{ day: string; score: number | null }>, day: string): number | null {
  const next = points.findIndex((p) => p.day >= day);
  if (next === -1) return points.at(-1)?.score ?? null;
  const after = points[next];
  if (!after) return null;
  if (after.day === day || next === 0) return after.score;
  const before = points[next - 1];
  if (!before || before.score === null || after.score === null) return null;
  const t = (Date.parse(day) - Date.parse(before.day)) / (Date.parse(after.day) - Date.parse(before.day));
  return Math.round((before.score + (after.score - before.score) * t) * 100) / 100;
}
