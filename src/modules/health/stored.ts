import { decodeJson } from '../../db/dialect.js';
import type { ScoreComponent } from './contracts.js';
import type { Measure } from './repo.js';

/**
 * How a score's explanation is kept in health_scores.components, and read back.
 *
 * Stored compactly: `{"v":2,"c":[[measureId, raw, share, score, unit, sentence], …],"w":weakestMeasureId}`. The
 * measure's name, group, source kind and weight come from the scorecard when read (a scorecard edit rescores its
 * accounts in the same transaction, so the two always agree), and points and shortfall follow from share and score.
 * At about 0.8 KB instead of 2.3 KB a row, a full recompute writes a third of the bytes, and on PostgreSQL the row
 * stays below the size at which it would be compressed into a TOAST table.
 * Rows written before this format (`{"components":[…],"weakest":…}`) are read as they are.
 */
export interface StoredComponents {
  components: ScoreComponent[];
  weakest: string | null;
}

type StoredTuple = [measureId: string, raw: number | null, share: number, score: number | null, unit: string | null, sentence: string];
interface StoredV2 {
  v: 2;
  c: StoredTuple[];
  w: string | null;
}

/** A measure's share of the score, as stored: six decimals. */
export const roundShare = (share: number): number => Math.round(share * 1e6) / 1e6;
const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

/** Points and shortfall as the API shows them, from the stored share and score. */
export function pointsOf(share: number, score: number | null): { points: number; shortfall: number } {
  return score === null ? { points: 0, shortfall: 0 } : { points: round4(share * score), shortfall: round4(share * (100 - score)) };
}

/** The JSON of one component's tuple, up to and including `share`: `[id,raw,share`; see storedTail for the rest. */
export const storedHead = (measureIdJson: string, raw: string, share: string): string => `[${measureIdJson},${raw},${share}`;
/** The rest of a component's tuple: `,score,unit,sentence]`. */
export const storedTail = (score: string, unitJson: string, sentenceJson: string): string => `,${score},${unitJson},${sentenceJson}]`;
export const storedOpen = '{"v":2,"c":[';
export const storedClose = (weakestJson: string): string => `],"w":${weakestJson}}`;

const EMPTY: StoredComponents = { components: [], weakest: null };

/** The explanation of a stored score, in either format, with each component's measure filled in from `measures`. */
export function decodeStored(text: string | null | undefined, measures: readonly Measure[]): StoredComponents {
  const parsed = decodeJson<StoredV2 | StoredComponents | null>(text, null);
  if (!parsed || typeof parsed !== 'object') return EMPTY;
  if (!('v' in parsed)) return Array.isArray(parsed.components) ? parsed : EMPTY;
  const byId = new Map(measures.map((m) => [m.id, m]));
  const components = parsed.c.map(([measureId, raw, share, score, unit, sentence]): ScoreComponent => {
    const measure = byId.get(measureId);
    return {
      measureId,
      name: measure?.name ?? 'Removed measure',
      group: measure?.group ?? null,
      sourceKind: measure?.source.kind ?? 'removed',
      raw,
      unit,
      score,
      weight: measure?.weight ?? 0,
      share,
      ...pointsOf(share, score),
      leftOut: score === null,
      sentence,
    };
  });
  return { components, weakest: parsed.w };
}
