import { describe, expect, it } from 'vitest';
import { isTouchOverdue } from './cadence.js';

const cadence = { high: 14, medium: 30, tech: 90 };
const now = Date.parse('2026-03-15T12:00:00.000Z');

describe('isTouchOverdue', () => {
  it('is never overdue without a tier, always without any touch', () => {
    expect(isTouchOverdue(null, null, cadence, now)).toBe(false);
    expect(isTouchOverdue(null, '2020-01-01T00:00:00.000Z', cadence, now)).toBe(false);
    expect(isTouchOverdue('tech', null, cadence, now)).toBe(true);
  });

  it("measures the last touch against the tier's cadence, exactly on the boundary not yet overdue", () => {
    expect(isTouchOverdue('high', '2026-03-01T12:00:00.000Z', cadence, now)).toBe(false);
    expect(isTouchOverdue('high', '2026-03-01T11:59:59.999Z', cadence, now)).toBe(true);
    expect(isTouchOverdue('medium', '2026-03-01T11:59:59.999Z', cadence, now)).toBe(false);
    expect(isTouchOverdue('tech', '2025-12-01T00:00:00.000Z', cadence, now)).toBe(true);
  });
});
