import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandRanges, defaultRevenueBands, type RevenueBand, revenueBandFor, revenueBandProblems } from './revenue-bands.js';

describe('default revenue bands', () => {
  it('puts ARR into < 1M, 1M–5M and ≥ 5M with exclusive upper bounds', () => {
    expect(revenueBandFor(0, defaultRevenueBands)).toBe('< 1M');
    expect(revenueBandFor(99_999_999, defaultRevenueBands)).toBe('< 1M');
    expect(revenueBandFor(100_000_000, defaultRevenueBands)).toBe('1M–5M');
    expect(revenueBandFor(499_999_999, defaultRevenueBands)).toBe('1M–5M');
    expect(revenueBandFor(500_000_000, defaultRevenueBands)).toBe('≥ 5M');
    expect(revenueBandFor(Number.MAX_SAFE_INTEGER, defaultRevenueBands)).toBe('≥ 5M');
  });

  it('are valid', () => {
    expect(revenueBandProblems(defaultRevenueBands)).toEqual([]);
  });

  it('have contiguous ranges from zero', () => {
    expect(bandRanges(defaultRevenueBands).map((r) => [r.minMinor, r.maxMinor])).toEqual([
      [0, 100_000_000],
      [100_000_000, 500_000_000],
      [500_000_000, null],
    ]);
  });
});

describe('revenueBandProblems', () => {
  it('requires at least one band', () => {
    expect(revenueBandProblems([])).toContain('at least one band is required');
  });

  it('requires the last band to be open-ended and only the last', () => {
    expect(revenueBandProblems([{ label: 'A', upToMinor: 10 }])).toEqual(['the last band must have no upper bound']);
    expect(
      revenueBandProblems([
        { label: 'A', upToMinor: null },
        { label: 'B', upToMinor: null },
      ]),
    ).toEqual(['band 1: only the last band may be open-ended']);
  });

  it('requires increasing bounds and distinct labels', () => {
    expect(
      revenueBandProblems([
        { label: 'A', upToMinor: 100 },
        { label: 'B', upToMinor: 100 },
        { label: 'C', upToMinor: null },
      ]),
    ).toEqual(['band 2: upper bounds must increase']);
    expect(
      revenueBandProblems([
        { label: 'A', upToMinor: 100 },
        { label: 'A', upToMinor: null },
      ]),
    ).toEqual(['band 2: label "A" is used twice']);
  });

  it('accepts a single open-ended band', () => {
    expect(revenueBandProblems([{ label: 'All', upToMinor: null }])).toEqual([]);
    expect(revenueBandFor(123, [{ label: 'All', upToMinor: null }])).toBe('All');
  });
});

/** Valid band lists: strictly increasing positive bounds, then an open-ended last band. */
const validBands = fc
  .uniqueArray(fc.integer({ min: 1, max: 10_000_000_000 }), { maxLength: 10 })
  .map((bounds): RevenueBand[] => [
    ...[...bounds].sort((a, b) => a - b).map((upToMinor, i) => ({ label: `band ${i}`, upToMinor })),
    { label: 'top', upToMinor: null },
  ]);

describe('revenue band properties', () => {
  it('every valid band list passes validation', () => {
    fc.assert(fc.property(validBands, (bands) => revenueBandProblems(bands).length === 0));
  });

  it('every non-negative ARR falls in exactly one band, and it is the band whose range holds it', () => {
    fc.assert(
      fc.property(validBands, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (bands, arr) => {
        const holding = bandRanges(bands).filter((r) => arr >= r.minMinor && (r.maxMinor === null || arr < r.maxMinor));
        expect(holding).toHaveLength(1);
        expect(revenueBandFor(arr, bands)).toBe(holding[0]?.label);
      }),
    );
  });

  it('a larger ARR never falls in an earlier band', () => {
    fc.assert(
      fc.property(validBands, fc.nat(), fc.nat(), (bands, a, b) => {
        const labels = bands.map((band) => band.label);
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(labels.indexOf(revenueBandFor(low, bands) ?? '')).toBeLessThanOrEqual(labels.indexOf(revenueBandFor(high, bands) ?? ''));
      }),
    );
  });
});
