import type { ActivityStatus, ActivityType } from '../../../../../src/domain/enums';
import type { Activity } from '../../../api/types';

/** A glyph and a colour per activity type, so a timeline reads at a glance (the label is always beside it). */
export const TYPE_LOOK: Record<ActivityType, { initial: string; color: string }> = {
  meeting: { initial: 'M', color: 'blue' },
  call: { initial: 'C', color: 'teal' },
  email: { initial: '@', color: 'gray' },
  qbr: { initial: 'QB', color: 'violet' },
  ebr: { initial: 'EB', color: 'grape' },
  note: { initial: 'N', color: 'yellow' },
};

export const STATUS_COLOR: Record<ActivityStatus, string> = { planned: 'blue', done: 'teal', cancelled: 'gray' };

export interface MonthGroup {
  /** YYYY-MM, for keys. */
  key: string;
  label: string;
  items: Activity[];
}

/**
 * The timeline's order: planned activities first, soonest first (a planned one whose date passed still waits to be
 * logged, so it leads), then everything else newest first, grouped by month in the viewer's time zone.
 */
export function arrangeTimeline(items: readonly Activity[]): { planned: Activity[]; months: MonthGroup[] } {
  const planned = items.filter((a) => a.status === 'planned').sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  const months: MonthGroup[] = [];
  for (const a of items) {
    if (a.status === 'planned') continue;
    const date = new Date(a.occurredAt);
    const key = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
    let group = months[months.length - 1];
    if (group?.key !== key) {
      group = { key, label: date.toLocaleDateString(undefined, { month: 'long', year: 'numeric' }), items: [] };
      months.push(group);
    }
    group.items.push(a);
  }
  return { planned, months };
}

/** `datetime-local` input value (local time, minutes) for an ISO timestamp, and back. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Now, or tomorrow at 10:00, for the "Log activity" and "Plan meeting" forms. */
export function defaultWhen(kind: 'log' | 'plan'): string {
  const d = new Date();
  if (kind === 'plan') {
    d.setDate(d.getDate() + 1);
    d.setHours(10, 0, 0, 0);
  } else d.setSeconds(0, 0);
  return d.toISOString();
}

export function formatWhen(iso: string, durationMinutes: number | null): string {
  const d = new Date(iso);
  const text = d.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return durationMinutes ? `${text} · ${durationMinutes} min` : text;
}
