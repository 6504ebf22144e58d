import type { TouchTier } from '../../domain/enums.js';

/** Days between customer touches per touch tier (the workspace setting touchCadenceDays). */
export type TouchCadence = Record<TouchTier, number>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An account is touch overdue when it has a touch tier and no touch (any activity but a note, done) within its
 * tier's cadence, as of `now`; an account without a tier is never overdue. The accounts filter is the SQL twin.
 */
export function isTouchOverdue(tier: TouchTier | null, lastTouchAt: string | null, cadence: TouchCadence, now: number): boolean {
  if (!tier) return false;
  if (!lastTouchAt) return true;
  return Date.parse(lastTouchAt) < now - cadence[tier] * DAY_MS;
}
