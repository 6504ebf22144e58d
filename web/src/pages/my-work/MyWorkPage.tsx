import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import type { InternalRequest, MyWork, Task } from '../../api/types';
import { ErrorState, PageSkeleton } from '../../components/States';
import { localToday } from '../../components/tasks/format';
import { RequestModal } from '../../components/tasks/RequestModal';
import { RequestTable } from '../../components/tasks/RequestTable';
import { TaskModal } from '../../components/tasks/TaskModal';
import { TaskTable } from '../../components/tasks/TaskTable';
import { WorkSection } from './WorkSection';

type TaskSectionKey = 'overdue' | 'dueThisWeek' | 'later' | 'noDueDate';
const TASK_SECTIONS: Array<{ key: TaskSectionKey; title: string; empty: string; tone: string }> = [
  { key: 'overdue', title: 'Overdue', empty: 'Nothing overdue.', tone: 'red' },
  { key: 'dueThisWeek', title: 'Due this week', empty: 'Nothing due in the next seven days.', tone: 'blue' },
  { key: 'later', title: 'Later', empty: 'Nothing scheduled after this week.', tone: 'gray' },
  { key: 'noDueDate', title: 'No due date', empty: 'Every open task has a date.', tone: 'gray' },
];

function summary(work: MyWork): string {
  const c = work.counts;
  const parts = [`${c.open} open ${c.open === 1 ? 'task' : 'tasks'}`, `${c.overdue} overdue`, `${c.dueToday} due today`];
  if (c.requestsWaitingOnMe) parts.push(`${c.requestsWaitingOnMe} waiting on you`);
  if (c.myStalledRequests) parts.push(`${c.myStalledRequests} of your requests stalled`);
  return parts.join(' · ');
}

/** The day's work: my open tasks by due date (with the unowned ones on my accounts), and internal requests. */
export function MyWorkPage() {
  const { me, can } = useSession();
  const canEdit = can('csm');
  const today = localToday();
  const [editingTask, setEditingTask] = useState<Task | 'new' | null>(null);
  const [editingRequest, setEditingRequest] = useState<InternalRequest | 'new' | null>(null);
  const work = useQuery({ queryKey: ['my-work', today], queryFn: () => api.get<MyWork>('/my-work', { today, limit: 100 }) });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            My work
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite">
            {work.data ? summary(work.data) : 'Loading…'}
          </Text>
        </div>
        {canEdit && (
          <Group gap="xs">
            <Button onClick={() => setEditingTask('new')}>New task</Button>
            <Button variant="default" onClick={() => setEditingRequest('new')}>
              New request
            </Button>
          </Group>
        )}
      </Group>
      {work.isPending ? (
        <PageSkeleton label="Loading my work" />
      ) : work.isError ? (
        <ErrorState error={work.error} title="Could not load your work" onRetry={() => work.refetch()} />
      ) : (
        <>
          {TASK_SECTIONS.map((s) => (
            <WorkSection
              key={s.key}
              id={`my-work-${s.key}`}
              title={s.title}
              total={work.data[s.key].total}
              shown={work.data[s.key].items.length}
              empty={s.empty}
              tone={s.tone}
            >
              <TaskTable label={s.title} tasks={work.data[s.key].items} canEdit={canEdit} showOwner={false} onEdit={setEditingTask} />
            </WorkSection>
          ))}
          <WorkSection
            id="my-work-waiting"
            title="Requests waiting on me"
            total={work.data.requestsWaitingOnMe.total}
            shown={work.data.requestsWaitingOnMe.items.length}
            empty="Nobody is waiting on you."
            tone="blue"
          >
            <RequestTable
              label="Requests waiting on me"
              requests={work.data.requestsWaitingOnMe.items}
              canEdit={canEdit}
              onEdit={setEditingRequest}
              followUps={false}
            />
          </WorkSection>
          <WorkSection
            id="my-work-stalled"
            title="My stalled requests"
            total={work.data.myStalledRequests.total}
            shown={work.data.myStalledRequests.items.length}
            empty="None of your requests has stalled."
            tone="orange"
          >
            <RequestTable label="My stalled requests" requests={work.data.myStalledRequests.items} canEdit={canEdit} onEdit={setEditingRequest} />
          </WorkSection>
        </>
      )}
      {editingTask && <TaskModal task={editingTask === 'new' ? null : editingTask} defaultOwnerId={me?.user.id ?? null} onClose={() => setEditingTask(null)} />}
      {editingRequest && <RequestModal request={editingRequest === 'new' ? null : editingRequest} onClose={() => setEditingRequest(null)} />}
    </Stack>
  );
}
