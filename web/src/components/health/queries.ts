import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AccountHealth, ManualMeasureList, ScorecardListT } from '../../api/types';

/**
 * Health queries. Account-scoped keys start with 'accounts' so anything that invalidates the accounts (a
 * recompute, an edit) refreshes the scores too; scorecards have their own key.
 */
export const healthKeys = {
  account: (accountId: string) => ['accounts', 'health', accountId] as const,
  manual: (accountId: string) => ['accounts', 'manual-measures', accountId] as const,
  scorecards: ['scorecards'] as const,
};

export function useScorecards() {
  return useQuery({ queryKey: healthKeys.scorecards, queryFn: () => api.get<ScorecardListT>('/scorecards'), staleTime: 30_000 });
}

export function useAccountHealth(accountId: string) {
  return useQuery({ queryKey: healthKeys.account(accountId), queryFn: () => api.get<AccountHealth>(`/accounts/${accountId}/health`) });
}

/** The manual measures of the scorecards that apply to the account, each with its current value (or null). */
export function useManualMeasures(accountId: string) {
  return useQuery({ queryKey: healthKeys.manual(accountId), queryFn: () => api.get<ManualMeasureList>(`/accounts/${accountId}/manual-measures`) });
}
