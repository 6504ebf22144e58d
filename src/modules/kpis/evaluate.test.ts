import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KpiFormula } from './contracts.js';
import { type BaseRows, baseValue, formulaValue, shiftDate, statusOf, thresholdProblem, trendOf, windowStart } from './evaluate.js';
import { kpiTemplates, withEvent } from './templates.js';

const daily = (rows: Array<[string, number]>): BaseRows => ({ kind: 'daily', rows: rows.map(([day, value]) => ({ day, value })) });
const users = (rows: Array<[string, string]>): BaseRows => ({ kind: 'users', rows: rows.map(([day, userKey]) => ({ day, userKey })) });

describe('KPI maths', () => {
  it('shifts dates across months, leap days and years', () => {
    expect(shiftDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDate('2025-01-01', -1)).toBe('2024-12-31');
    expect(windowStart('2025-03-30', 30)).toBe('2025-03-01');
    expect(windowStart('2025-03-07', 7)).toBe('2025-03-01');
  });

  it('counts events and users inside the window only, both ends included', () => {
    const counts = daily([
      ['2025-02-28', 5],
      ['2025-03-01', 2],
      ['2025-03-07', 3],
      ['2025-03-08', 7],
    ]);
    expect(baseValue({ kind: 'event_count', event: 'Signed In' }, counts, '2025-03-01', '2025-03-07')).toBe(5);
    const active = users([
      ['2025-03-01', 'u1'],
      ['2025-03-02', 'u1'],
      ['2025-03-02', 'anon:a'],
      ['2025-03-09', 'u2'],
    ]);
    expect(baseValue({ kind: 'active_users' }, active, '2025-03-01', '2025-03-07')).toBe(2);
    expect(baseValue({ kind: 'active_users' }, users([]), '2025-03-01', '2025-03-07')).toBe(0);
  });

  it('combines metric values by their aggregation; "last" looks back before the window', () => {
    const rows = daily([
      ['2025-01-10', 100],
      ['2025-03-02', 4],
      ['2025-03-05', 8],
    ]);
    const m = (aggregation: 'sum' | 'average' | 'max' | 'last') => ({ kind: 'metric' as const, metricId: 'm', aggregation });
    expect(baseValue(m('sum'), rows, '2025-03-01', '2025-03-07')).toBe(12);
    expect(baseValue(m('average'), rows, '2025-03-01', '2025-03-07')).toBe(6);
    expect(baseValue(m('max'), rows, '2025-03-01', '2025-03-07')).toBe(8);
    expect(baseValue(m('last'), rows, '2025-03-01', '2025-03-03')).toBe(4);
    expect(baseValue(m('last'), rows, '2025-02-01', '2025-02-07')).toBe(100);
    expect(baseValue(m('sum'), rows, '2025-02-01', '2025-02-07')).toBeNull();
    expect(baseValue(m('last'), rows, '2024-12-01', '2024-12-07')).toBeNull();
  });

  it('13 active users of 100 licences is 13%; a zero or missing denominator has no value', () => {
    const formula = {
      kind: 'ratio' as const,
      numerator: { kind: 'active_users' as const },
      denominator: { kind: 'metric' as const, metricId: 'lic', aggregation: 'last' as const },
      scale: 100,
    };
    const active = users(Array.from({ length: 13 }, (_, i) => ['2025-03-03', `u${i}`] as [string, string]));
    expect(formulaValue(formula, [active, daily([['2025-01-01', 100]])], '2025-03-01', '2025-03-30')).toBe(13);
    expect(formulaValue(formula, [active, daily([['2025-01-01', 0]])], '2025-03-01', '2025-03-30')).toBeNull();
    expect(formulaValue(formula, [active, daily([])], '2025-03-01', '2025-03-30')).toBeNull();
  });

  it('applies thresholds in both directions', () => {
    const perf = { direction: 'performance' as const, warningThreshold: 50, criticalThreshold: 25 };
    expect([10, 25, 26, 50, 51].map((v) => statusOf(v, perf))).toEqual(['critical', 'critical', 'warning', 'warning', 'ok']);
    const risk = { direction: 'risk' as const, warningThreshold: 10, criticalThreshold: 25 };
    expect([0, 9, 10, 24, 25, 99].map((v) => statusOf(v, risk))).toEqual(['ok', 'ok', 'warning', 'warning', 'critical', 'critical']);
    expect(statusOf(null, risk)).toBe('no_data');
    expect(statusOf(5, { direction: 'risk', warningThreshold: null, criticalThreshold: null })).toBe('ok');
  });

  it('refuses thresholds ordered against the direction', () => {
    expect(thresholdProblem({ direction: 'performance', warningThreshold: 10, criticalThreshold: 20 })).toMatch(/at or below/);
    expect(thresholdProblem({ direction: 'risk', warningThreshold: 10, criticalThreshold: 5 })).toMatch(/at or above/);
    expect(thresholdProblem({ direction: 'risk', warningThreshold: 10, criticalThreshold: 10 })).toBeNull();
    expect(thresholdProblem({ direction: 'risk', warningThreshold: null, criticalThreshold: 5 })).toBeNull();
  });

  it('trend: up, down, flat, or none without both values', () => {
    expect(trendOf(5, 3)).toBe('up');
    expect(trendOf(3, 5)).toBe('down');
    expect(trendOf(0.1 + 0.2, 0.3)).toBe('flat');
    expect(trendOf(null, 3)).toBeNull();
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => trendOf(v, v) === 'flat'));
  });

  it('every template is a valid formula with thresholds ordered for its direction', () => {
    const keys = new Set<string>();
    for (const t of kpiTemplates) {
      expect(KpiFormula.safeParse(t.formula).success, t.key).toBe(true);
      expect(thresholdProblem(t), t.key).toBeNull();
      expect(keys.has(t.key)).toBe(false);
      keys.add(t.key);
    }
    expect(kpiTemplates.length).toBeGreaterThanOrEqual(8);
  });

  it('withEvent replaces event names and leaves metrics alone', () => {
    expect(withEvent({ kind: 'active_users', event: 'Feature Used' }, 'Report Exported')).toEqual({ kind: 'active_users', event: 'Report Exported' });
    expect(withEvent({ kind: 'metric', metric: 'support_tickets' }, 'X')).toEqual({ kind: 'metric', metric: 'support_tickets' });
  });
});
