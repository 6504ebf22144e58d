import { Button, Group, Paper, SegmentedControl, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { AccountDetail, InternalRequest, RequestPage } from '../../../api/types';
import { ListStates } from '../../../components/ListTable';
import { RequestModal } from '../../../components/tasks/RequestModal';
import { RequestTable } from '../../../components/tasks/RequestTable';

/** Internal requests about this account: ask a colleague, follow up, mark done. */
export function AccountRequests({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  const [show, setShow] = useState<'open' | 'all'>('open');
  const [editing, setEditing] = useState<InternalRequest | 'new' | null>(null);
  const requests = useQuery({
    queryKey: ['requests', 'account', account.id, show],
    queryFn: () => api.get<RequestPage>('/requests', { accountId: account.id, status: show === 'open' ? 'open' : undefined, limit: 100 }),
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-requests-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="account-requests-title">
          Internal requests {requests.data ? `(${requests.data.total})` : ''}
        </Title>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            aria-label="Show requests"
            value={show}
            onChange={(v) => setShow(v as 'open' | 'all')}
            data={[
              { value: 'open', label: 'Waiting' },
              { value: 'all', label: 'All' },
            ]}
          />
          {canEdit && (
            <Button size="xs" variant="default" onClick={() => setEditing('new')}>
              New request
            </Button>
          )}
        </Group>
      </Group>
      <ListStates
        query={requests}
        columns={6}
        rows={2}
        errorTitle="Could not load requests"
        empty={{
          title: show === 'open' ? 'Nothing waiting on colleagues' : 'No requests yet',
          description: 'Ask product, support or finance for what this customer needs, and follow up when it stalls.',
          action: canEdit && (
            <Button variant="default" onClick={() => setEditing('new')}>
              New request
            </Button>
          ),
        }}
      >
        {({ items }) => (
          <RequestTable
            label={`Internal requests about ${account.name}`}
            requests={items}
            canEdit={canEdit}
            showAccount={false}
            onEdit={setEditing}
            deletable
          />
        )}
      </ListStates>
      {editing && <RequestModal request={editing === 'new' ? null : editing} accountId={account.id} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
