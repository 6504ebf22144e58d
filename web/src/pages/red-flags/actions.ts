import type { useQueryClient } from '@tanstack/react-query';

/** Red flags show in the feed and on the account (under the account's detail key, so contact edits refresh them too). */
export function invalidateRedFlags(queryClient: ReturnType<typeof useQueryClient>) {
  queryClient.invalidateQueries({ queryKey: ['red-flags'] });
  queryClient.invalidateQueries({ queryKey: ['accounts', 'detail'] });
}

export const accountFlagsKey = (accountId: string, status?: string) => ['accounts', 'detail', accountId, 'red-flags', status ?? 'all'];
