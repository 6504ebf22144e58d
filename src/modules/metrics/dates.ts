/** Calendar arithmetic on YYYY-MM-DD dates, in UTC (metric values are per UTC day). */

const DAY_MS = 86_400_000;

function toTime(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDaysToDate(date: string, days: number): string {
  return new Date(toTime(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included: 1 for the same day, 0 or less when `to` comes first. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS) + 1;
}
