import type { Rag } from './contracts.js';
import { ragOf } from './score.js';

/**
 * Pure pieces of health trends (issue 4): the direction of a score against the previous snapshot, the weeks of a
 * sparkline and their last snapshots, and the buckets of the portfolio histogram. No database here; the SQL that
 * feeds them is in snapshots-repo.ts.
 */
export type TrendDirection = 'up' | 'down' | 'same';

/** Weeks in a sparkline and in the portfolio's weekly distribution. */
export const TREND_WEEKS = 18;

/** Compares the shown (rounded) scores, so a trend never says "down" while both numbers read the same. */
export function trendOf(current: number | null, previous: number | null): TrendDirection | null {
  if (current === null || previous === null) return null;
  const now = Math.round(current);
  const before = Math.round(previous);
  return now > before ? 'up' : now < before ? 'down' : 'same';
}

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return toDay(toMs(day) + days * DAY_MS);
}

/** The Monday (ISO week start) of the week a YYYY-MM-DD day falls in. */
export function weekStart(day: string): string {
  const ms = toMs(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return toDay(ms - weekday * DAY_MS);
}

/** The Mondays of the last `weeks` weeks up to and including today's, oldest first. */
export function weekStarts(today: string, weeks = TREND_WEEKS): string[] {
  const last = weekStart(today);
  return Array.from({ length: weeks }, (_, i) => addDays(last, (i - weeks + 1) * 7));
}

export interface SnapshotPoint {
  day: string;
  score: number | null;
}

export interface WeekPoint {
  /** The week's Monday. */
  week: string;
  /** The day of the week's last snapshot; null when the week has none. */
  day: string | null;
  score: number | null;
}

/** One point per week (the week's last snapshot), for every week of `weeks`; a week without a snapshot has nulls. */
export function lastPerWeek(points: readonly SnapshotPoint[], weeks: readonly string[]): WeekPoint[] {
  const latest = new Map<string, SnapshotPoint>();
  for (const p of points) {
    const week = weekStart(p.day);
    const seen = latest.get(week);
    if (!seen || seen.day < p.day) latest.set(week, p);
  }
  return weeks.map((week) => {
    const p = latest.get(week);
    return { week, day: p?.day ?? null, score: p?.score ?? null };
  });
}

/** Ten 10-point buckets of shown scores: 0–9, 10–19, …, 90–100 (100 joins the top bucket). */
export const HISTOGRAM_BUCKETS = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9 }));

export function bucketOf(score: number): number {
  return Math.min(9, Math.max(0, Math.floor(Math.round(score) / 10)));
}

export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  /** Accounts the scorecard applies to that have no score (no measure has data). */
  none: number;
}

export const emptyCounts = (): RagCounts => ({ red: 0, amber: 0, green: 0, none: 0 });

/** Adds `count` accounts with a shown score (or none) to RAG counts, by the scorecard's bands. */
export function addToCounts(counts: RagCounts, shown: number | null, count: number, bands: { redMax: number; amberMax: number }): void {
  const rag: Rag | null = ragOf(shown, bands);
  counts[rag ?? 'none'] += count;
}
