import { Button, Group, Paper, Switch, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { RedFlagPage } from '../../../api/types';
import { Empty, ErrorState, PageSkeleton } from '../../../components/States';
import { accountFlagsKey } from '../../red-flags/actions';
import { RaiseRedFlagModal } from '../../red-flags/RaiseRedFlagModal';
import { RedFlagList } from '../../red-flags/RedFlagList';

/** The account's red flags, open ones first in view; anyone signed in may raise one. */
export function AccountRedFlags({ accountId }: { accountId: string }) {
  const [raising, setRaising] = useState(false);
  const [showResolved, setShowResolved] = useState(false);
  const status = showResolved ? undefined : 'open';
  const flags = useQuery({
    queryKey: accountFlagsKey(accountId, status),
    queryFn: () => api.get<RedFlagPage>(`/accounts/${accountId}/red-flags`, { status, limit: 200 }),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-flags-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="account-flags-title">
          Red flags {flags.data ? `(${flags.data.total})` : ''}
        </Title>
        <Group gap="sm">
          <Switch label="Show resolved" checked={showResolved} onChange={(e) => setShowResolved(e.currentTarget.checked)} />
          <Button size="xs" color="red" onClick={() => setRaising(true)}>
            Raise a red flag
          </Button>
        </Group>
      </Group>
      {flags.isPending ? (
        <PageSkeleton label="Loading red flags" />
      ) : flags.isError ? (
        <ErrorState error={flags.error} title="Could not load red flags" onRetry={() => flags.refetch()} />
      ) : flags.data.items.length === 0 ? (
        <Empty
          title={showResolved ? 'No red flags' : 'No open red flags'}
          description="Raise one when you hear of trouble: anyone who faces the customer can."
        />
      ) : (
        <RedFlagList items={flags.data.items} showAccount={false} />
      )}
      {raising && <RaiseRedFlagModal accountId={accountId} onClose={() => setRaising(false)} />}
    </Paper>
  );
}
