import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LifecyclePhases } from '../../domain/enums.js';
import { completesCycle, median, nextPhase, wholeDaysBetween } from './cycle.js';

describe('the touchpoint cycle', () => {
  it('goes hand-off → onboarding → adoption → value realization → renewal, then again from onboarding', () => {
    const walk = [null, ...LifecyclePhases.values].map(nextPhase);
    expect(walk).toEqual(['sales_handoff', 'onboarding', 'adoption', 'value_realization', 'renewal_expansion', 'onboarding']);
  });

  it('counts a completed cycle only when an account leaves renewal & expansion for another phase', () => {
    expect(completesCycle('renewal_expansion', 'onboarding')).toBe(true);
    expect(completesCycle('renewal_expansion', 'value_realization')).toBe(true);
    expect(completesCycle('renewal_expansion', null)).toBe(false);
    expect(completesCycle('value_realization', 'renewal_expansion')).toBe(false);
  });

  it('counts whole days, never negative', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(wholeDaysBetween('2026-03-10T00:00:00Z', now)).toBe(0);
    expect(wholeDaysBetween('2026-03-09T12:00:00Z', now)).toBe(1);
    expect(wholeDaysBetween('2026-02-28T13:00:00Z', now)).toBe(9);
    expect(wholeDaysBetween('2026-03-11T00:00:00Z', now)).toBe(0);
  });

  it('takes the median of odd and even lists, and none of an empty one', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), (values) => {
        const m = median(values) ?? Number.NaN;
        expect(values.filter((v) => v < m).length).toBeLessThanOrEqual(values.length / 2);
        expect(values.filter((v) => v > m).length).toBeLessThanOrEqual(values.length / 2);
      }),
    );
  });
});
