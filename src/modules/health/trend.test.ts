import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToCounts, bucketOf, emptyCounts, lastPerWeek, trendOf, weekStart, weekStarts } from './trend.js';

describe('trendOf', () => {
  it('compares the shown (rounded) scores', () => {
    expect(trendOf(64.4, 63.6)).toBe('same');
    expect(trendOf(64.5, 64.4)).toBe('up');
    expect(trendOf(40.12, 64)).toBe('down');
    expect(trendOf(null, 50)).toBeNull();
    expect(trendOf(50, null)).toBeNull();
  });

  it('is antisymmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
        const flip = { up: 'down', down: 'up', same: 'same' } as const;
        expect(trendOf(b, a)).toBe(flip[trendOf(a, b) as 'up']);
      }),
    );
  });
});

describe('weeks', () => {
  it('finds the Monday of a week', () => {
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(weekStart('2026-11-16')).toBe('2026-11-16'); // a Monday
    expect(weekStart('2026-03-01')).toBe('2026-02-23');
  });

  it('lists the last 18 Mondays, oldest first, ending with this week', () => {
    const weeks = weekStarts('2026-11-22');
    expect(weeks).toHaveLength(18);
    expect(weeks.at(-1)).toBe('2026-11-16');
    expect(weeks[0]).toBe('2026-07-20');
  });

  it('keeps the last snapshot of each week and leaves empty weeks null', () => {
    const weeks = ['2026-11-02', '2026-11-09', '2026-11-16'];
    const points = [
      { day: '2026-11-03', score: 40 },
      { day: '2026-11-08', score: 42 },
      { day: '2026-11-20', score: 55 },
      { day: '2026-11-17', score: 50 },
      { day: '2026-10-30', score: 10 },
    ];
    expect(lastPerWeek(points, weeks)).toEqual([
      { week: '2026-11-02', day: '2026-11-08', score: 42 },
      { week: '2026-11-09', day: null, score: null },
      { week: '2026-11-16', day: '2026-11-20', score: 55 },
    ]);
  });
});

describe('histogram and RAG counts', () => {
  it('puts shown scores in 10-point buckets, 100 in the top one', () => {
    expect([0, 9.4, 9.5, 10, 49.6, 99, 100].map(bucketOf)).toEqual([0, 0, 1, 1, 5, 9, 9]);
  });

  it('counts by the scorecard bands, no score as none', () => {
    const counts = emptyCounts();
    const bands = { redMax: 50, amberMax: 75 };
    addToCounts(counts, 50, 2, bands);
    addToCounts(counts, 51, 1, bands);
    addToCounts(counts, 76, 4, bands);
    addToCounts(counts, null, 3, bands);
    expect(counts).toEqual({ red: 2, amber: 1, green: 4, none: 3 });
  });
});
