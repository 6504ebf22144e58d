import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AccountFacetsT, MemberListT } from './types';

/** Queries many pages share; keys start with the resource name so mutations can invalidate them. */
export function useMembers() {
  return useQuery({ queryKey: ['users'], queryFn: () => api.get<MemberListT>('/users'), staleTime: 60_000 });
}

export function useFacets() {
  return useQuery({ queryKey: ['accounts', 'facets'], queryFn: () => api.get<AccountFacetsT>('/accounts/facets'), staleTime: 60_000 });
}
