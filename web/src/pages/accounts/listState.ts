import { accountColumns } from '../../../../src/modules/views/contracts';
import type { AccountColumn } from '../../api/types';

/**
 * The accounts list keeps everything in the URL query string (filters, sort, columns, the picked
 * view) so a reload or a shared link shows the same list. `cols` and `view` are the SPA's own keys;
 * every other key is an AccountListQuery parameter, passed to the API as it is.
 */
export const MULTI_FILTERS = [
  'industry',
  'region',
  'companySize',
  'deploymentStatus',
  'lifecyclePhase',
  'touchTier',
  'ownerId',
  'riskStatus',
  'revenueBand',
] as const;
export type MultiFilter = (typeof MULTI_FILTERS)[number];
export const SINGLE_FILTERS = ['q', 'parentId', 'renewalFrom', 'renewalTo'] as const;
const UI_KEYS = new Set(['cols', 'view']);

export const DEFAULT_COLUMNS: AccountColumn[] = [
  'name',
  'industry',
  'region',
  'arr',
  'revenueBand',
  'deploymentStatus',
  'owner',
  'renewalDate',
  'riskStatuses',
];
export const DEFAULT_SORT = 'name';

export function readList(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readColumns(params: URLSearchParams): AccountColumn[] {
  const picked = readList(params, 'cols').filter((c): c is AccountColumn => (accountColumns as readonly string[]).includes(c));
  return picked.length ? picked : DEFAULT_COLUMNS;
}

/** The API parameters in the URL (no paging, no SPA keys), in a stable order for query keys. */
export function apiQuery(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of [...params.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!UI_KEYS.has(key) && key !== 'cursor' && key !== 'limit' && value !== '') out.set(key, value);
  }
  return out;
}

/** Only the filters (for exports and "clear"): the API query without sort. */
export function filterQuery(params: URLSearchParams): URLSearchParams {
  const out = apiQuery(params);
  out.delete('sort');
  return out;
}

export function activeFilterCount(params: URLSearchParams): number {
  return [...filterQuery(params).keys()].filter((k) => k !== 'q').length;
}

/** Returns a copy of `params` with `key` set (or removed when empty). */
export function withParam(params: URLSearchParams, key: string, value: string | string[] | null): URLSearchParams {
  const next = new URLSearchParams(params);
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  if (text) next.set(key, text);
  else next.delete(key);
  return next;
}

/** Remembered so the Import/Export page can export what the list showed last. */
export const LAST_FILTERS_KEY = 'keepwell.accounts.lastFilters';
