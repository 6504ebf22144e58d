import { type LifecyclePhase, LifecyclePhases } from '../../domain/enums.js';

/**
 * The touchpoint cycle. After renewal & expansion the cycle starts again at onboarding, not at the sales hand-off:
 * what renewal and expansion sold (new licences, modules, users) is onboarded by the CSM who already owns the
 * account; the hand-off from sales happens once, when the customer first signs. An account without a phase starts
 * at the hand-off.
 */
export function nextPhase(phase: LifecyclePhase | null): LifecyclePhase {
  if (phase === null) return 'sales_handoff';
  if (phase === 'renewal_expansion') return 'onboarding';
  const order = LifecyclePhases.values;
  return order[order.indexOf(phase) + 1] ?? 'onboarding';
}

/** Leaving renewal & expansion for any other phase closes a turn of the cycle. */
export function completesCycle(from: string | null, to: string | null): boolean {
  return from === 'renewal_expansion' && to !== null && to !== from;
}

const DAY_MS = 86_400_000;

export function wholeDaysBetween(fromIso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / DAY_MS));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
