import { Button, Group, MultiSelect, Stack, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActivityTypes } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import type { AccountDetail, ActivityPage } from '../../../api/types';
import { Empty, ErrorState, PageSkeleton } from '../../../components/States';
import { notifyError, notifySuccess } from '../../../lib/errors';
import { enumOptions } from '../../../lib/format';
import { ActivityCard } from './ActivityCard';
import { ActivityModal, type ActivityModalMode } from './ActivityModal';
import { arrangeTimeline } from './activityFormat';
import { invalidateTimeline } from './invalidate';
import { TouchSummary } from './TouchSummary';

const PAGE = 50;

/** The account's touchpoints: planned meetings first, then what happened, month by month. */
export function TimelineTab({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [types, setTypes] = useState<string[]>([]);
  const [modal, setModal] = useState<ActivityModalMode | null>(null);
  const query = useInfiniteQuery({
    queryKey: ['activities', 'account', account.id, types],
    queryFn: ({ pageParam }) => api.get<ActivityPage>(`/accounts/${account.id}/activities`, { type: types, limit: PAGE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/activities/${id}`),
    onSuccess: () => {
      invalidateTimeline(queryClient);
      notifySuccess('Activity deleted');
    },
    onError: (err) => notifyError(err, 'Could not delete the activity'),
  });

  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const { planned, months } = arrangeTimeline(items);
  const cards = (list: typeof items) =>
    list.map((a) => (
      <ActivityCard
        key={a.id}
        activity={a}
        canEdit={canEdit}
        onEdit={(markDone) => setModal({ kind: 'edit', activity: a, markDone })}
        onDelete={() => remove.mutateAsync(a.id)}
      />
    ));

  return (
    <Stack>
      <TouchSummary account={account} />
      <Group justify="space-between" align="flex-end">
        <MultiSelect
          label="Types"
          placeholder={types.length ? undefined : 'All types'}
          data={enumOptions(ActivityTypes)}
          value={types}
          onChange={setTypes}
          clearable
          size="xs"
          miw={240}
        />
        {canEdit && (
          <Group gap="xs">
            <Button variant="light" onClick={() => setModal({ kind: 'plan' })}>
              Plan meeting
            </Button>
            <Button onClick={() => setModal({ kind: 'log' })}>Log activity</Button>
          </Group>
        )}
      </Group>
      {query.isPending ? (
        <PageSkeleton label="Loading the timeline" />
      ) : query.isError ? (
        <ErrorState error={query.error} title="Could not load the timeline" onRetry={() => query.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title={types.length ? 'No activities of these types' : 'Nothing on the timeline yet'}
          description="Log meetings, calls, emails, business reviews and notes to keep the account's history and its touch cadence."
          action={canEdit && !types.length && <Button onClick={() => setModal({ kind: 'log' })}>Log the first activity</Button>}
        />
      ) : (
        <Stack gap="lg">
          {planned.length > 0 && (
            <Stack gap="xs" component="section" aria-labelledby="timeline-planned">
              <Title order={3} size="h5" id="timeline-planned">
                Planned
              </Title>
              {cards(planned)}
            </Stack>
          )}
          {months.map((m) => (
            <Stack key={m.key} gap="xs" component="section" aria-labelledby={`timeline-${m.key}`}>
              <Title order={3} size="h5" id={`timeline-${m.key}`}>
                {m.label}
              </Title>
              {cards(m.items)}
            </Stack>
          ))}
          {query.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
                Show older activities
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {modal && <ActivityModal accountId={account.id} mode={modal} onClose={() => setModal(null)} />}
    </Stack>
  );
}
