import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Movers, Portfolio } from '../../api/types';

/** Keys start with 'accounts' so a recompute or an account edit (which invalidate the accounts) refreshes them too. */
export function usePortfolio(scorecardId: string | null) {
  return useQuery({
    queryKey: ['accounts', 'health-portfolio', scorecardId],
    queryFn: () => api.get<Portfolio>('/health/portfolio', { scorecardId: scorecardId ?? undefined }),
    placeholderData: keepPreviousData,
  });
}

export function useMovers(scorecardId: string | null, mine: boolean) {
  return useQuery({
    queryKey: ['accounts', 'health-movers', scorecardId, mine],
    queryFn: () => api.get<Movers>('/health/movers', { scorecardId: scorecardId ?? undefined, days: 7, limit: 10, ownerId: mine ? 'me' : undefined }),
    placeholderData: keepPreviousData,
  });
}
