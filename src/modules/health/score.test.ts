import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Mapping, type MeasureValue, mapToScore, ragOf, scoreMeasures } from './score.js';

/** A measure whose raw value already is its score (identity mapping 0 → 0, 100 → 100). */
const scored = (id: string, weight: number, score: number | null, group: string | null = null): MeasureValue => ({
  id,
  name: id,
  group,
  weight,
  raw: score,
  mapping: { kind: 'linear', worst: 0, best: 100 },
});

describe('health score', () => {
  it('computes the published weighted example: weights 20, 15, 22 with scores 47, 59, 21 → 40.12, shown as 40', () => {
    const result = scoreMeasures([scored('a', 20, 47), scored('b', 15, 59), scored('c', 22, 21)]);
    expect(result.score).toBe(40.12);
    expect(Math.round(result.score ?? 0)).toBe(40);
    // The explanation: shares sum to 1, points sum to the score, and the 21 with the largest weight drags it down most.
    expect(result.components.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 10);
    expect(result.components.reduce((s, c) => s + c.points, 0)).toBeCloseTo(40.12, 1);
    expect(result.weakest).toBe('c');
    expect(ragOf(result.score)).toBe('red');
  });

  it('leaves out a measure without data and re-normalises the others', () => {
    const result = scoreMeasures([scored('a', 20, 47), scored('b', 15, null), scored('c', 22, 21)]);
    expect(result.score).toBe(Number(((20 * 47 + 22 * 21) / 42).toFixed(2)));
    expect(result.leftOut).toEqual(['b']);
    expect(result.components.find((c) => c.id === 'b')?.share).toBe(0);
  });

  it('has no score when no measure has data', () => {
    expect(scoreMeasures([scored('a', 1, null)]).score).toBeNull();
    expect(scoreMeasures([]).score).toBeNull();
    expect(ragOf(null)).toBeNull();
  });

  it('shares a group weight among its measures with data', () => {
    // Usage (weight 60) holds two measures 1:3; Support (weight 40) is one measure.
    const result = scoreMeasures(
      [scored('logins', 1, 100, 'Usage'), scored('depth', 3, 0, 'Usage'), scored('tickets', 5, 50, 'Support')],
      [
        { name: 'Usage', weight: 60 },
        { name: 'Support', weight: 40 },
      ],
    );
    expect(result.components.map((c) => Number(c.share.toFixed(4)))).toEqual([0.15, 0.45, 0.4]);
    expect(result.score).toBe(35);
  });

  it('maps raw values by linear ranges (either direction) and by bands', () => {
    expect(mapToScore(13, { kind: 'linear', worst: 0, best: 100 })).toBe(13);
    expect(mapToScore(150, { kind: 'linear', worst: 0, best: 100 })).toBe(100);
    // Lower is better: 2 days since the last touch is good, 30 is bad.
    expect(mapToScore(2, { kind: 'linear', worst: 30, best: 2 })).toBe(100);
    expect(mapToScore(16, { kind: 'linear', worst: 30, best: 2 })).toBe(50);
    const bands: Mapping = {
      kind: 'bands',
      bands: [
        { upTo: 14, score: 100 },
        { upTo: 30, score: 60 },
        { upTo: null, score: 0 },
      ],
    };
    expect([0, 14, 15, 30, 31, 400].map((d) => mapToScore(d, bands))).toEqual([100, 100, 60, 60, 0, 0]);
  });

  it('puts the RAG boundaries where the defaults say: red 0–50, amber 51–75, green 76–100', () => {
    expect([50, 50.4, 50.5, 75, 75.49, 75.5, 100].map((s) => ragOf(s))).toEqual(['red', 'red', 'amber', 'amber', 'amber', 'green', 'green']);
  });

  const measures = fc.array(
    fc.record({
      weight: fc.double({ min: 0, max: 1000, noNaN: true }),
      // Missing data and groups often: that is where re-weighting can go wrong.
      score: fc.oneof(fc.constant(null), fc.double({ min: -50, max: 150, noNaN: true })),
      group: fc.constantFrom(null, 'g1', 'g2'),
    }),
    { minLength: 1, maxLength: 8 },
  );
  const toValues = (ms: Array<{ weight: number; score: number | null; group: string | null }>) => ms.map((m, i) => scored(`m${i}`, m.weight, m.score, m.group));

  it('always scores within 0–100 (property)', () => {
    fc.assert(
      fc.property(measures, (ms) => {
        const { score } = scoreMeasures(toValues(ms));
        return score === null || (score >= 0 && score <= 100);
      }),
    );
  });

  it('never lowers the score when a measure improves (property)', () => {
    fc.assert(
      fc.property(measures, fc.nat(7), fc.double({ min: 0, max: 100, noNaN: true }), (ms, pick, gain) => {
        const i = pick % ms.length;
        const current = ms[i]?.score;
        if (current === null || current === undefined) return true;
        const better = ms.map((m, j) => (j === i ? { ...m, score: current + gain } : m));
        const before = scoreMeasures(toValues(ms)).score ?? 0;
        const after = scoreMeasures(toValues(better)).score ?? 0;
        return after >= before - 0.01;
      }),
    );
  });

  it('re-weights missing data exactly as if the measure were not on the scorecard (property)', () => {
    fc.assert(
      fc.property(measures, (ms) => {
        const values = toValues(ms);
        const without = values.filter((v) => v.raw !== null);
        const a = scoreMeasures(values).score;
        const b = scoreMeasures(without).score;
        return (a === null && (b === null || without.length === 0)) || (a !== null && b !== null && Math.abs(a - b) < 0.011);
      }),
      { numRuns: 1000 },
    );
  });
});
