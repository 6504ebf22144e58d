import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysToDate, daysInclusive, todayUtc } from './dates.js';

describe('metric dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDate('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDaysToDate('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDaysToDate('2025-03-30', -89)).toBe('2024-12-31');
  });

  it('counts days with both ends included', () => {
    expect(daysInclusive('2025-01-01', '2025-01-01')).toBe(1);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInclusive('2025-01-02', '2025-01-01')).toBe(0);
  });

  it('gives the UTC date whatever the local time', () => {
    expect(todayUtc(new Date('2025-06-30T23:59:59.999Z'))).toBe('2025-06-30');
  });

  it('adding n days spans n + 1 days', () => {
    const date = fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => todayUtc(d));
    fc.assert(
      fc.property(date, fc.integer({ min: -2000, max: 2000 }), (d, n) => {
        const later = addDaysToDate(d, n);
        expect(daysInclusive(d, later)).toBe(n + 1);
        expect(addDaysToDate(later, -n)).toBe(d);
      }),
    );
  });
});
