import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { AccountDetail, Risk, RiskPage } from '../../../api/types';
import { Empty, ErrorState, PageSkeleton } from '../../../components/States';
import { RiskModal } from '../../risks/RiskModal';
import { AccountRedFlags } from './AccountRedFlags';
import { RiskCard } from './RiskCard';

export { RedFlagBanner } from './RedFlagBanner';

const isOpen = (r: Risk) => r.status === 'open' || r.status === 'mitigating';

/** The account's risks (open, then past) and its red flags. */
export function RisksTab({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  const [editing, setEditing] = useState<Risk | 'new' | null>(null);
  const risks = useQuery({
    queryKey: ['risks', 'account', account.id],
    queryFn: () => api.get<RiskPage>(`/accounts/${account.id}/risks`, { sort: '-severity', limit: 500 }),
  });
  const list = (items: Risk[], label: string) => (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
      {items.map((r) => (
        <RiskCard key={r.id} risk={r} canEdit={canEdit} onEdit={() => setEditing(r)} />
      ))}
    </Stack>
  );

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="account-risks-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="account-risks-title">
            Risks
          </Title>
          {canEdit && (
            <Button size="xs" onClick={() => setEditing('new')}>
              Log a risk
            </Button>
          )}
        </Group>
        {risks.isPending ? (
          <PageSkeleton label="Loading risks" />
        ) : risks.isError ? (
          <ErrorState error={risks.error} title="Could not load risks" onRetry={() => risks.refetch()} />
        ) : risks.data.items.length === 0 ? (
          <Empty
            title="No risks logged"
            description="Log a risk from the catalog when you see trouble; the account's risk statuses follow its open risks."
            action={canEdit && <Button onClick={() => setEditing('new')}>Log a risk</Button>}
          />
        ) : (
          <Stack gap="md">
            {risks.data.items.some(isOpen) ? (
              list(risks.data.items.filter(isOpen), 'Open risks')
            ) : (
              <Text size="sm" c="dimmed">
                No open risks.
              </Text>
            )}
            {risks.data.items.some((r) => !isOpen(r)) && (
              <div>
                <Title order={3} size="h5" mb="xs">
                  Past risks
                </Title>
                {list(
                  risks.data.items.filter((r) => !isOpen(r)),
                  'Past risks',
                )}
              </div>
            )}
          </Stack>
        )}
      </Paper>
      <AccountRedFlags accountId={account.id} />
      {editing && <RiskModal accountId={account.id} risk={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
