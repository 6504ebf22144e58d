/** Display helpers: money in minor units, enum labels, dates. */

/** How many minor units a currency has (USD 2, JPY 0), from the platform's own tables. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(minor: number, currency: string, compact = false): string {
  const major = minor / 10 ** currencyDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      notation: compact ? 'compact' : 'standard',
      maximumFractionDigits: compact ? 1 : currencyDigits(currency),
    }).format(major);
  } catch {
    return `${major.toLocaleString()} ${currency}`;
  }
}

export function minorToMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/** Rounds to the nearest minor unit so 0.1 + 0.2 style float noise never reaches the API. */
export function majorToMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyDigits(currency));
}

export interface Labelled<T extends string> {
  values: readonly T[];
  labels: Record<T, string>;
}

/** Select/MultiSelect options for one of the domain enums. */
export function enumOptions<T extends string>(e: Labelled<T>): Array<{ value: T; label: string }> {
  return e.values.map((value) => ({ value, label: e.labels[value] }));
}

export function enumLabel<T extends string>(e: Labelled<T>, value: T | null | undefined): string {
  return value ? e.labels[value] : '';
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
