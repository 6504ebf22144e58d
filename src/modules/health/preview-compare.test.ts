import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, compareScores, type Scored } from './preview-compare.js';
import { ragOf } from './score.js';

const s = (score: number | null): Scored => ({ score, rag: ragOf(score) });
const map = (entries: Array<[string, number | null]>) => new Map(entries.map(([id, score]) => [id, s(score)]));

describe('the preview comparison', () => {
  it('counts RAG before and after, transitions, changes and the biggest moves', () => {
    const before = map([
      ['a', 80],
      ['b', 62],
      ['c', 40],
      ['d', 90],
      ['e', null],
    ]);
    const after = map([
      ['a', 70],
      ['b', 55.5],
      ['c', 45],
      ['e', 30],
      ['f', 100],
    ]);
    const c = compareScores(before, after, 8);
    expect(c.before).toEqual({ accounts: 5, rag: { red: 1, amber: 1, green: 2, none: 4 }, histogram: [0, 0, 0, 0, 1, 0, 1, 0, 1, 1], mean: 68 });
    expect(c.after).toEqual({ accounts: 5, rag: { red: 2, amber: 2, green: 1, none: 3 }, histogram: [0, 0, 0, 1, 1, 1, 0, 1, 0, 1], mean: 60.1 });
    expect(c.transitions).toEqual([
      { from: 'green', to: 'amber', count: 1 },
      { from: 'green', to: 'none', count: 1 },
      { from: 'none', to: 'red', count: 1 },
      { from: 'none', to: 'green', count: 1 },
    ]);
    expect(c.ragChanged).toBe(4);
    // a −10, b −6.5, c +5: the accounts scored on both sides.
    expect(c.scoreChanged).toBe(3);
    expect(c.meanChange).toBe(round2((-10 - 6.5 + 5) / 3));
    expect(c.falls.map((m) => [m.accountId, m.change])).toEqual([
      ['a', -10],
      ['b', -6.5],
    ]);
    expect(c.rises).toEqual([{ accountId: 'c', before: 40, after: 45, change: 5, ragBefore: 'red', ragAfter: 'red' }]);
  });

  it('puts 100 in the last bucket and rounds before bucketing', () => {
    expect([0, 9.4, 9.5, 49.6, 99.6, 100].map(bucketOf)).toEqual([0, 0, 1, 5, 9, 9]);
  });

  it('keeps at most `top` moves, largest first, and no unchanged account', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `x${String(i).padStart(2, '0')}`);
    const before = map(ids.map((id) => [id, 50]));
    const after = map(ids.map((id, i) => [id, 50 + (i - 15)]));
    const c = compareScores(before, after, 30);
    expect(c.falls.map((m) => m.change)).toEqual([-15, -14, -13, -12, -11, -10, -9, -8, -7, -6]);
    expect(c.rises.map((m) => m.change)).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5]);
    expect(c.scoreChanged).toBe(29);
  });

  it('always balances: RAG counts add up to the total, and transitions explain the difference', () => {
    const scores = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(scores, { nil: undefined }), fc.option(scores, { nil: undefined })), { maxLength: 40 }), (rows) => {
        const before = new Map<string, Scored>();
        const after = new Map<string, Scored>();
        rows.forEach(([b, a], i) => {
          if (b !== undefined) before.set(`k${i}`, s(b));
          if (a !== undefined) after.set(`k${i}`, s(a));
        });
        const total = rows.length + 3;
        const c = compareScores(before, after, total);
        for (const side of [c.before, c.after]) {
          expect(side.rag.red + side.rag.amber + side.rag.green + side.rag.none).toBe(total);
          expect(side.histogram.reduce((x, y) => x + y, 0)).toBe(side.rag.red + side.rag.amber + side.rag.green);
        }
        for (const rag of ['red', 'amber', 'green', 'none'] as const) {
          const net = c.transitions.reduce((n, t) => n + (t.to === rag ? t.count : 0) - (t.from === rag ? t.count : 0), 0);
          expect(c.after.rag[rag] - c.before.rag[rag]).toBe(net);
        }
      }),
    );
  });
});

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
