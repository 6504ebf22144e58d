import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MeasuredRisk, measureRisks, median } from './measures.js';

const risk = (status: string, firstSignalOn: string | null, identifiedOn: string, severity = 'medium'): MeasuredRisk => ({
  status,
  severity,
  firstSignalOn,
  identifiedOn,
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 4])).toBe(4);
    expect(median([10, 4, 0, 30])).toBe(7);
  });

  it('lies between the smallest and largest value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1 }), (values) => {
        const m = median(values) as number;
        return m >= Math.min(...values) && m <= Math.max(...values);
      }),
    );
  });
});

describe('measureRisks', () => {
  it('counts days from first signal to logged, across month ends, leaving dismissed risks out', () => {
    const m = measureRisks([
      risk('open', '2026-01-30', '2026-03-01'), // 30 days (February has 28)
      risk('mitigated', '2026-03-01', '2026-03-01'), // 0
      risk('churned', null, '2026-03-01'), // no signal: not counted
      risk('dismissed', '2025-01-01', '2026-03-01'),
    ]);
    expect(m.signalToLogged).toEqual({ n: 2, medianDays: 15, averageDays: 15 });
    expect(m.outcomes).toEqual({ resolved: 2, mitigated: 1, churned: 1, mitigatedPct: 50, churnedPct: 50, dismissed: 1 });
    expect(m.open).toBe(1);
  });

  it('has shares that add up to 100 (to rounding) whenever something ended', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('open', 'mitigating', 'mitigated', 'churned', 'dismissed')), (statuses) => {
        const m = measureRisks(statuses.map((s) => risk(s, '2026-01-01', '2026-01-02')));
        if (m.outcomes.resolved === 0) return m.outcomes.mitigatedPct === null && m.outcomes.churnedPct === null;
        return Math.abs((m.outcomes.mitigatedPct ?? 0) + (m.outcomes.churnedPct ?? 0) - 100) <= 0.1;
      }),
    );
  });
});
