import { Button, Group, Paper, SegmentedControl, Select, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { AccountDetail, Task, TaskPage } from '../../../api/types';
import { Empty, ErrorState, TableSkeleton } from '../../../components/States';
import { TaskModal } from '../../../components/tasks/TaskModal';
import { TaskTable } from '../../../components/tasks/TaskTable';

const SHOW = {
  open: { label: 'Open', status: 'open,in_progress' },
  done: { label: 'Done', status: 'done' },
  all: { label: 'All', status: undefined },
} as const;
type Show = keyof typeof SHOW;

const SORTS = [
  { value: 'dueOn', label: 'Due date' },
  { value: '-priority', label: 'Priority' },
  { value: '-createdAt', label: 'Newest' },
];

const EMPTY: Record<Show, string> = {
  open: 'No open tasks on this account.',
  done: 'No task done yet.',
  all: 'No tasks yet.',
};

/** The account's task list with its filter and sort, a page at a time. */
export function AccountTasks({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  const [show, setShow] = useState<Show>('open');
  const [sort, setSort] = useState('dueOn');
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  const tasks = useInfiniteQuery({
    queryKey: ['tasks', 'account', account.id, show, sort],
    queryFn: ({ pageParam }) => api.get<TaskPage>(`/accounts/${account.id}/tasks`, { status: SHOW[show].status, sort, limit: 50, cursor: pageParam }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = tasks.data?.pages.flatMap((p) => p.items) ?? [];
  const total = tasks.data?.pages[0]?.total ?? 0;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-tasks-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="account-tasks-title">
          Tasks {tasks.data ? `(${total})` : ''}
        </Title>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            aria-label="Show tasks"
            value={show}
            onChange={(v) => setShow(v as Show)}
            data={(Object.keys(SHOW) as Show[]).map((k) => ({ value: k, label: SHOW[k].label }))}
          />
          <Select size="xs" w={130} aria-label="Sort tasks" data={SORTS} value={sort} allowDeselect={false} onChange={(v) => setSort(v ?? 'dueOn')} />
          {canEdit && (
            <Button size="xs" onClick={() => setEditing('new')}>
              New task
            </Button>
          )}
        </Group>
      </Group>
      {tasks.isPending ? (
        <TableSkeleton columns={6} rows={3} />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} title="Could not load tasks" onRetry={() => tasks.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title={EMPTY[show]}
          description={show === 'open' ? 'Tasks from meetings, risks and playbooks show up here too.' : undefined}
          action={canEdit && show !== 'done' && <Button onClick={() => setEditing('new')}>New task</Button>}
        />
      ) : (
        <>
          <TaskTable label={`Tasks of ${account.name}`} tasks={items} canEdit={canEdit} showAccount={false} onEdit={setEditing} />
          {tasks.hasNextPage && (
            <Group justify="center" mt="sm">
              <Button variant="default" size="xs" loading={tasks.isFetchingNextPage} onClick={() => tasks.fetchNextPage()}>
                Show more
              </Button>
              <Text size="xs" c="dimmed">
                {items.length} of {total}
              </Text>
            </Group>
          )}
        </>
      )}
      {editing && (
        <TaskModal task={editing === 'new' ? null : editing} accountId={account.id} defaultOwnerId={account.ownerId} onClose={() => setEditing(null)} />
      )}
    </Paper>
  );
}
