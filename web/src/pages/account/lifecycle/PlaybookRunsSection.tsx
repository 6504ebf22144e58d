import { Badge, Button, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PlaybookKinds, PlaybookRunStatuses } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import type { AccountDetail, PlaybookRun, RunItem } from '../../../api/types';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { Empty, ErrorState, PageSkeleton } from '../../../components/States';
import { notifyError } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { ApplyModal } from '../../playbooks/ApplyModal';
import { RunProgressBar } from '../../playbooks/RunProgressBar';

const STATUS_COLOR = { active: 'blue', completed: 'teal', cancelled: 'gray' } as const;

/** The account's playbook runs with their checklists; ticking an item completes its task. */
export function PlaybookRunsSection({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  const [applying, setApplying] = useState(false);
  const runs = useQuery({
    queryKey: ['playbook-runs', 'account', account.id],
    queryFn: () => api.get<{ items: PlaybookRun[] }>(`/accounts/${account.id}/playbook-runs`),
  });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Playbooks
        </Title>
        {canEdit && <Button onClick={() => setApplying(true)}>Apply a playbook</Button>}
      </Group>
      {runs.isPending ? (
        <PageSkeleton label="Loading playbook runs" />
      ) : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <Empty title="No playbook applied" description="Apply a checklist, risk assessment or story track: its items become tasks with due dates." />
      ) : (
        runs.data.items.map((run) => <RunCard key={run.id} run={run} canEdit={canEdit} />)
      )}
      {applying && <ApplyModal opened onClose={() => setApplying(false)} account={{ id: account.id, name: account.name }} />}
    </Stack>
  );
}

function RunCard({ run, canEdit }: { run: PlaybookRun; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const refresh = () => {
    for (const key of ['playbook-runs', 'playbooks', 'tasks', 'my-work']) queryClient.invalidateQueries({ queryKey: [key] });
  };
  const tick = useMutation({
    mutationFn: ({ item, done }: { item: RunItem; done: boolean }) => api.patch(`/tasks/${item.taskId}`, { status: done ? 'done' : 'open' }),
    onSuccess: refresh,
    onError: (err) => notifyError(err, 'Could not update the item'),
  });
  const cancel = useMutation({
    mutationFn: () => api.patch<PlaybookRun>(`/playbook-runs/${run.id}`, { status: 'cancelled' }),
    onSuccess: refresh,
    onError: (err) => notifyError(err, 'Could not cancel the run'),
  });
  const editable = canEdit && run.status !== 'cancelled';
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600}>{run.playbookName}</Text>
              <Badge variant="light" size="sm">
                {PlaybookKinds.labels[run.kind]}
              </Badge>
              <Badge variant="light" size="sm" color={STATUS_COLOR[run.status]}>
                {PlaybookRunStatuses.labels[run.status]}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              Started {formatDate(run.startedOn)}
              {run.completedAt ? ` · completed ${formatDate(run.completedAt)}` : ''}
            </Text>
          </Stack>
          <Group gap="sm" wrap="nowrap">
            <RunProgressBar progress={run.progress} />
            {canEdit && run.status === 'active' && (
              <ConfirmButton
                size="xs"
                title="Cancel this run?"
                message="Its open items are cancelled and leave everyone's task lists. Items already done stay done."
                confirmLabel="Cancel run"
                onConfirm={() => cancel.mutateAsync()}
              >
                Cancel run
              </ConfirmButton>
            )}
          </Group>
        </Group>
        <Stack gap={6}>
          {run.items.map((item) => {
            const overdue = item.status !== 'done' && item.status !== 'cancelled' && item.dueOn !== null && item.dueOn < new Date().toISOString().slice(0, 10);
            return (
              <Group key={item.taskId} justify="space-between" wrap="nowrap" gap="sm">
                <Checkbox
                  checked={item.status === 'done'}
                  disabled={!editable || item.status === 'cancelled' || tick.isPending}
                  onChange={(e) => tick.mutate({ item, done: e.currentTarget.checked })}
                  label={
                    <Text size="sm" td={item.status === 'cancelled' ? 'line-through' : undefined} c={item.status === 'cancelled' ? 'dimmed' : undefined}>
                      {item.title}
                    </Text>
                  }
                  description={item.details ?? undefined}
                />
                <Text size="xs" c={overdue ? 'red' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                  {item.dueOn ? `Due ${formatDate(item.dueOn)}` : ''}
                  {item.ownerName ? ` · ${item.ownerName}` : ''}
                </Text>
              </Group>
            );
          })}
        </Stack>
      </Stack>
    </Card>
  );
}
