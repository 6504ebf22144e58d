import { describe, expect, it } from 'vitest';
import { historyPlan, interpolate } from './health-history.js';

describe('demo health history', () => {
  it('recomputes a few anchors (every third week, a week ago, yesterday) and lists 17 past Sundays', () => {
    const plan = historyPlan('2026-11-22');
    expect(plan.sundays).toHaveLength(17);
    expect(plan.sundays.at(-1)).toBe('2026-11-15');
    expect(plan.anchors).toEqual(['2026-08-30', '2026-09-20', '2026-10-11', '2026-11-01', '2026-11-15', '2026-11-21']);
    // The first anchor's 30-day KPI window starts inside the 120 days of usage (119 days before today).
    expect(Date.parse('2026-08-30') - 29 * 86_400_000).toBeGreaterThanOrEqual(Date.parse('2026-11-22') - 119 * 86_400_000);
  });

  it('interpolates between real points and holds the first one before them', () => {
    const points = [
      { day: '2026-08-23', score: 80 },
      { day: '2026-09-13', score: 59 },
      { day: '2026-10-04', score: null },
    ];
    expect(interpolate(points, '2026-08-02')).toBe(80);
    expect(interpolate(points, '2026-08-30')).toBe(73);
    expect(interpolate(points, '2026-09-13')).toBe(59);
    expect(interpolate(points, '2026-09-20')).toBeNull();
    expect(interpolate(points, '2026-10-10')).toBeNull();
  });
});
