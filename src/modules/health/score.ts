/**
 * The scoring core: pure functions from measure values to a 0–100 health score, and the explanation of it.
 *
 * A scorecard is a list of measures, optionally in groups (one level). Each measure maps its raw value to 0–100
 * (bands or a linear range). Weights are any non-negative numbers and are normalised: a measure's share is its
 * weight over the sum of the weights that count. A measure without data is left out and the others are
 * re-normalised; so is a group whose measures all lack data. In a group, the group's weight is shared among its
 * measures with data in proportion to their weights.
 *
 * The published worked example: weights 20, 15, 22 with scores 47, 59, 21 → (20·47 + 15·59 + 22·21) / 57 = 40.12.
 */

/** How a raw value becomes 0–100. */
export type Mapping =
  /** worst → 0, best → 100, linear between, clamped outside. worst > best means lower is better. */
  | { kind: 'linear'; worst: number; best: number }
  /** Ascending upper bounds: the first band whose upTo is ≥ the value (null = no upper bound) gives the score. */
  | { kind: 'bands'; bands: ReadonlyArray<{ upTo: number | null; score: number }> };

export interface MeasureValue {
  id: string;
  name: string;
  /** The group's name; measures with the same group share its weight. Null: a top-level measure. */
  group: string | null;
  weight: number;
  /** The raw value; null when there is no data (left out, and the weights re-normalised). */
  raw: number | null;
  mapping: Mapping;
}

export interface GroupWeight {
  name: string;
  weight: number;
}

export interface Component {
  id: string;
  name: string;
  group: string | null;
  raw: number | null;
  /** 0–100; null when left out. */
  score: number | null;
  weight: number;
  /** Fraction of the total score's weight this measure carries (0–1); 0 when left out. */
  share: number;
  /** Points of the final score it contributes: share × score. */
  points: number;
  /** Points it costs the final score: share × (100 − score). The largest is the measure dragging the score down. */
  shortfall: number;
}

export interface ScoreResult {
  /** 0–100 with two decimals; null when no measure has data. */
  score: number | null;
  components: Component[];
  /** Ids of measures left out for lack of data. */
  leftOut: string[];
  /** The measure that costs the score most (largest shortfall), if any. */
  weakest: string | null;
}

const clamp = (n: number) => Math.min(100, Math.max(0, n));
const round2 = (n: number) => Math.round(n * 100) / 100;

export function mapToScore(raw: number, mapping: Mapping): number {
  if (mapping.kind === 'linear') {
    if (mapping.best === mapping.worst) return raw >= mapping.best ? 100 : 0;
    return clamp(((raw - mapping.worst) / (mapping.best - mapping.worst)) * 100);
  }
  for (const band of mapping.bands) if (band.upTo === null || raw <= band.upTo) return clamp(band.score);
  // Above every bounded band: the last band's score.
  return clamp(mapping.bands.at(-1)?.score ?? 0);
}

/**
 * Scores one account on one scorecard. `groups` gives each group's weight; a group not listed weighs the sum of
 * the weights of its measures with data (so a flat scorecard and a grouped one with unlisted groups agree).
 */
export function scoreMeasures(measures: readonly MeasureValue[], groups: readonly GroupWeight[] = []): ScoreResult {
  const mapped = measures.map((m) => ({ m, score: m.raw === null || !Number.isFinite(m.raw) ? null : mapToScore(m.raw, m.mapping) }));
  // Top-level items: each ungrouped measure, and each group.
  const items = new Map<string, { weight: number; members: typeof mapped }>();
  for (const entry of mapped) {
    const key = entry.m.group === null ? `m:${entry.m.id}` : `g:${entry.m.group}`;
    const item = items.get(key) ?? { weight: 0, members: [] };
    item.members.push(entry);
    items.set(key, item);
  }
  for (const [key, item] of items) {
    const listed = key.startsWith('g:') ? groups.find((g) => `g:${g.name}` === key) : undefined;
    // Unlisted: the weights of the members with data, so a measure without data weighs nothing anywhere.
    item.weight = listed ? listed.weight : item.members.reduce((sum, e) => sum + (e.score === null ? 0 : Math.max(0, e.m.weight)), 0);
  }
  const shares = new Map<string, number>();
  let total = 0;
  for (const item of items.values()) if (item.members.some((e) => e.score !== null)) total += Math.max(0, item.weight);
  if (total > 0) {
    for (const item of items.values()) {
      const present = item.members.filter((e) => e.score !== null);
      const inner = present.reduce((sum, e) => sum + Math.max(0, e.m.weight), 0);
      for (const e of present) {
        // A group whose members with data all weigh 0 shares its weight equally among them.
        const part = inner > 0 ? Math.max(0, e.m.weight) / inner : 1 / present.length;
        shares.set(e.m.id, (Math.max(0, item.weight) / total) * part);
      }
    }
  }
  let sum = 0;
  const components: Component[] = mapped.map(({ m, score }) => {
    const share = shares.get(m.id) ?? 0;
    const points = score === null ? 0 : share * score;
    sum += points;
    return {
      id: m.id,
      name: m.name,
      group: m.group,
      raw: m.raw,
      score,
      weight: m.weight,
      share,
      points,
      shortfall: score === null ? 0 : share * (100 - score),
    };
  });
  const counted = components.filter((c) => c.score !== null && c.share > 0);
  const weakest = counted.reduce<Component | null>((worst, c) => (!worst || c.shortfall > worst.shortfall ? c : worst), null);
  return {
    score: counted.length ? round2(clamp(sum)) : null,
    components,
    leftOut: components.filter((c) => c.score === null).map((c) => c.id),
    weakest: weakest && weakest.shortfall > 0 ? weakest.id : null,
  };
}

export type Rag = 'red' | 'amber' | 'green';
/** Default bands: red 0–50, amber 51–75, green 76–100, on the score as shown (rounded). */
export const DEFAULT_RAG = { redMax: 50, amberMax: 75 } as const;

export function ragOf(score: number | null, bands: { redMax: number; amberMax: number } = DEFAULT_RAG): Rag | null {
  if (score === null) return null;
  const shown = Math.round(score);
  if (shown <= bands.redMax) return 'red';
  if (shown <= bands.amberMax) return 'amber';
  return 'green';
}
