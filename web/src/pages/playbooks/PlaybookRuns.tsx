import { Anchor, Badge, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PlaybookRunStatuses } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { PlaybookRunSummary } from '../../api/types';
import { ErrorState, TableSkeleton } from '../../components/States';
import { formatDate } from '../../lib/format';
import { RunProgressBar } from './RunProgressBar';

const STATUS_COLOR = { active: 'blue', completed: 'teal', cancelled: 'gray' } as const;

/** Where a playbook runs, across accounts, with each run's progress. */
export function PlaybookRuns({ playbookId }: { playbookId: string }) {
  const [status, setStatus] = useState('active');
  const runs = useQuery({
    queryKey: ['playbook-runs', 'playbook', playbookId, status],
    queryFn: () =>
      api.get<{ items: PlaybookRunSummary[]; total: number }>(`/playbooks/${playbookId}/runs`, { status: status === 'all' ? undefined : status, limit: 500 }),
  });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600}>Runs on accounts</Text>
        <SegmentedControl
          size="xs"
          value={status}
          onChange={setStatus}
          data={[...PlaybookRunStatuses.values.map((v) => ({ value: v, label: PlaybookRunStatuses.labels[v] })), { value: 'all', label: 'All' }]}
        />
      </Group>
      {runs.isPending ? (
        <TableSkeleton columns={4} rows={3} />
      ) : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No {status === 'all' ? '' : `${status} `}runs.
        </Text>
      ) : (
        <Table aria-label="Runs on accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Progress</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.items.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${run.accountId}?tab=lifecycle`} size="sm">
                    {run.accountName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDate(run.startedOn)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLOR[run.status]}>
                    {PlaybookRunStatuses.labels[run.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <RunProgressBar progress={run.progress} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {runs.data && runs.data.total > runs.data.items.length && (
        <Text size="xs" c="dimmed">
          Showing {runs.data.items.length} of {runs.data.total}.
        </Text>
      )}
    </Stack>
  );
}
