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
  'health',
] as const;
export type MultiFilter = (typeof MULTI_FILTERS)[number];
export const SINGLE_FILTERS = ['q', 'parentId', 'renewalFrom', 'renewalTo', 'touchOverdue'] as const;
const UI_KEYS = new Set(['cols', 'view']);

export const DEFAULT_COLUMNS: AccountColumn[] = [
  'name',
  'health',
  'industry',
  'region',
  'arr',
  'revenueBand',
  'deploymentStatus',
  'owner',
  'renewalDate',
  'lastMeetingAt',
  'nextMeetingAt',
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

/** Only the filters (for exports and "clear"): the API query without sort and KPI columns. */
export function filterQuery(params: URLSearchParams): URLSearchParams {
  const out = apiQuery(params);
  out.delete('sort');
  out.delete('kpis');
  return out;
}

/**
 * KPI columns are the API's `kpis` parameter (at most 5 ids); the KPI filter is one `kpiStatus=<kpiId>:<statuses>`
 * (the API takes several, but a saved view keeps one value per key, so the list offers one).
 */
export const MAX_KPI_COLUMNS = 5;

export function readKpiStatus(params: URLSearchParams): { kpiId: string; statuses: string[] } | null {
  const value = params.get('kpiStatus') ?? '';
  const colon = value.indexOf(':');
  if (colon < 1) return null;
  return {
    kpiId: value.slice(0, colon),
    statuses: value
      .slice(colon + 1)
      .split(',')
      .filter(Boolean),
  };
}

export function kpiStatusValue(kpiId: string | null, statuses: string[]): string | null {
  return kpiId && statuses.length ? `${kpiId}:${statuses.join(',')}` : null;
}

/**
 * The API query without KPIs that no longer exist (deleted since a view was saved or a link shared), which the
 * API would refuse: the list then shows without that column or filter rather than failing.
 */
export function withKnownKpis(query: URLSearchParams, known: ReadonlySet<string>): URLSearchParams {
  const out = new URLSearchParams(query);
  const ids = readList(out, 'kpis').filter((id) => known.has(id));
  if (ids.length) out.set('kpis', ids.slice(0, MAX_KPI_COLUMNS).join(','));
  else out.delete('kpis');
  const filter = readKpiStatus(out);
  if (filter && !known.has(filter.kpiId)) out.delete('kpiStatus');
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
