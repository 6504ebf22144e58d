/**
 * Revenue bands segment accounts by ARR. Each band covers [previous upper bound, its own upper
 * bound); the last band has no upper bound. Bounds are in minor units of the workspace currency.
 */
export interface RevenueBand {
  label: string;
  /** Exclusive upper bound in minor units; null for the open-ended last band. */
  upToMinor: number | null;
}

/** DOMAIN.md's default: < 1M, 1–5M, > 5M (in major units of the workspace currency). */
export const defaultRevenueBands: RevenueBand[] = [
  { label: '< 1M', upToMinor: 100_000_000 },
  { label: '1M–5M', upToMinor: 500_000_000 },
  { label: '≥ 5M', upToMinor: null },
];

export interface BandRange {
  minMinor: number;
  maxMinor: number | null;
}

export function bandRanges(bands: RevenueBand[]): Array<RevenueBand & BandRange> {
  let lower = 0;
  return bands.map((band) => {
    const range = { ...band, minMinor: lower, maxMinor: band.upToMinor };
    lower = band.upToMinor ?? lower;
    return range;
  });
}

/** The band an ARR falls in. Bands are validated to have increasing bounds, so the first that fits is it. */
export function revenueBandFor(arrMinor: number, bands: RevenueBand[]): string | null {
  if (arrMinor < 0) return null;
  for (const band of bands) {
    if (band.upToMinor === null || arrMinor < band.upToMinor) return band.label;
  }
  return null;
}

/** Problems with a band list, as messages; empty when valid. */
export function revenueBandProblems(bands: RevenueBand[]): string[] {
  const problems: string[] = [];
  if (bands.length === 0) problems.push('at least one band is required');
  const labels = new Set<string>();
  let previous = 0;
  bands.forEach((band, i) => {
    if (labels.has(band.label)) problems.push(`band ${i + 1}: label "${band.label}" is used twice`);
    labels.add(band.label);
    const last = i === bands.length - 1;
    if (last && band.upToMinor !== null) problems.push('the last band must have no upper bound');
    if (!last && band.upToMinor === null) problems.push(`band ${i + 1}: only the last band may be open-ended`);
    if (band.upToMinor !== null) {
      if (band.upToMinor <= previous) problems.push(`band ${i + 1}: upper bounds must increase`);
      previous = band.upToMinor;
    }
  });
  return problems;
}
