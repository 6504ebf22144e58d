import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import type { RematchResultT, UnmatchedSummaryT } from '../../api/types';
import { ErrorState, PageSkeleton } from '../../components/States';
import { notifyError } from '../../lib/errors';
import { UnmatchedList } from './UnmatchedList';
import { UnmatchedSummary } from './UnmatchedSummary';

/** Usage data that matched no account: kept, explained, and matched again once the account or contact exists. */
export function UnmatchedPage() {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const reason = params.get('reason');
  const key = params.get('key') ?? '';
  const [lastRematch, setLastRematch] = useState<number | null>(null);
  const summary = useQuery({ queryKey: ['usage', 'unmatched', 'summary'], queryFn: () => api.get<UnmatchedSummaryT>('/usage/unmatched/summary') });

  const rematch = useMutation({
    mutationFn: () => api.post<RematchResultT>('/usage/rematch'),
    onSuccess: (result) => {
      setLastRematch(result.matched);
      queryClient.invalidateQueries({ queryKey: ['usage'] });
      if (result.matched > 0) queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (err) => notifyError(err, 'Could not retry matching'),
  });

  const setFilter = (name: 'reason' | 'key', value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            Unmatched data
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            Usage events that name no known account are kept here, never dropped. They are matched automatically when the account or contact is created; Retry
            matching checks them all again now.
          </Text>
        </div>
        {can('manager') && (
          <Button onClick={() => rematch.mutate()} loading={rematch.isPending}>
            Retry matching
          </Button>
        )}
      </Group>
      {lastRematch !== null && (
        <Alert color={lastRematch > 0 ? 'teal' : 'blue'} role="status" withCloseButton onClose={() => setLastRematch(null)} closeButtonLabel="Dismiss">
          {lastRematch > 0
            ? `${lastRematch.toLocaleString()} ${lastRematch === 1 ? 'event was' : 'events were'} matched to accounts.`
            : 'No event matched: the ids below still name no account or contact.'}
        </Alert>
      )}
      {summary.isPending ? (
        <PageSkeleton label="Loading the summary" />
      ) : summary.isError ? (
        <ErrorState error={summary.error} title="Could not load the summary" onRetry={() => summary.refetch()} />
      ) : (
        <UnmatchedSummary summary={summary.data} canCreate={can('csm')} onReason={(r) => setFilter('reason', r)} />
      )}
      <UnmatchedList reason={reason} onReason={(r) => setFilter('reason', r)} keyFilter={key} onKey={(k) => setFilter('key', k)} />
    </Stack>
  );
}
