import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { StorySubject } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import { useSession } from '../../../api/session';
import type { Story, StoryPage } from '../../../api/types';
import { Empty, ErrorState } from '../../../components/States';
import { notifyError } from '../../../lib/errors';
import { StoryCard } from './StoryCard';
import { StoryModal } from './StoryModal';

const PAGE = 20;

interface FeedProps {
  accountId: string;
  accountName: string;
  /** Stories about this record only, written about it; absent for all the account's stories. */
  subject?: { subjectType: StorySubject; subjectId: string; label?: string };
  heading: string;
  /** Whether this person may write stories; the session's role decides when absent. */
  canWrite?: boolean;
}

/** A newest-first list of stories with "Write a story", used by the account tab and on other records. */
export function StoryFeed({ accountId, accountName, subject, heading, canWrite: allowed }: FeedProps) {
  const { me, can } = useSession();
  const canWrite = allowed ?? can('csm');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Story | 'new' | null>(null);
  const path = subject ? '/stories' : `/accounts/${accountId}/stories`;
  const filters = subject ? { accountId, subjectType: subject.subjectType, subjectId: subject.subjectId } : {};
  const stories = useInfiniteQuery({
    queryKey: ['stories', path, filters],
    queryFn: ({ pageParam }) => api.get<StoryPage>(path, { ...filters, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const remove = useMutation({
    mutationFn: (story: Story) => api.delete(`/stories/${story.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['stories'] }),
    onError: (err) => notifyError(err, 'Could not delete the story'),
  });
  const items = stories.data?.pages.flatMap((p) => p.items) ?? [];
  const total = stories.data?.pages[0]?.total;
  const canChange = (story: Story) => canWrite && (can('manager') || (me !== null && story.authorId === me.user.id));
  const titleId = `stories-title-${subject?.subjectId ?? accountId}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={titleId}>
          {heading} {total !== undefined ? `(${total})` : ''}
        </Title>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')}>
            Write a story
          </Button>
        )}
      </Group>
      {stories.isPending ? (
        <Stack role="status" aria-busy="true" aria-label="Loading stories">
          <Skeleton height={20} width="40%" />
          <Skeleton height={80} />
        </Stack>
      ) : stories.isError ? (
        <ErrorState error={stories.error} title="Could not load stories" onRetry={() => stories.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title="No stories yet"
          description="Tell how this customer gets value: the go-live, a win, a turnaround. Stories are written in markdown."
          action={canWrite && <Button onClick={() => setEditing('new')}>Write a story</Button>}
        />
      ) : (
        <Stack>
          {items.map((story) => (
            <StoryCard
              key={story.id}
              story={story}
              canChange={canChange(story)}
              showSubject={!subject}
              onEdit={() => setEditing(story)}
              onDelete={() => remove.mutateAsync(story)}
            />
          ))}
          {stories.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={stories.isFetchingNextPage} onClick={() => stories.fetchNextPage()}>
                Show older stories
              </Button>
            </Group>
          )}
          {!canWrite && (
            <Text size="xs" c="dimmed">
              Your role can read stories; a CSM, manager or admin writes them.
            </Text>
          )}
        </Stack>
      )}
      {editing && (
        <StoryModal
          accountId={accountId}
          accountName={accountName}
          story={editing === 'new' ? null : editing}
          fixedSubject={subject}
          onClose={() => setEditing(null)}
        />
      )}
    </Paper>
  );
}

/**
 * The stories about one record (a meeting, a risk, a red flag, a playbook run…), for embedding on that record's
 * view; a story written here is about that record. `label` names the record in the form.
 */
export function StoriesSection({
  accountId,
  subjectType,
  subjectId,
  accountName = '',
  label,
}: {
  accountId: string;
  subjectType: StorySubject;
  subjectId: string;
  accountName?: string;
  label?: string;
}) {
  return <StoryFeed accountId={accountId} accountName={accountName} subject={{ subjectType, subjectId, label }} heading="Stories" />;
}
