import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { StorySubjects } from '../../../../../src/domain/enums';
import type { Story } from '../../../api/types';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { Markdown } from '../../../components/Markdown';
import { formatDateTime } from '../../../lib/format';

interface Props {
  story: Story;
  /** Whether this person may edit and delete it (its author, or a manager). */
  canChange: boolean;
  /** Hide the "about" badge where every story has the same subject. */
  showSubject: boolean;
  onEdit(): void;
  onDelete(): Promise<unknown>;
}

/** One story: its title, who wrote it and when, what it is about, and the body rendered from markdown. */
export function StoryCard({ story, canChange, showSubject, onEdit, onDelete }: Props) {
  const edited = story.updatedAt.slice(0, 16) !== story.createdAt.slice(0, 16);
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`story-${story.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={3} size="h5" id={`story-${story.id}`}>
              {story.title}
            </Title>
            <Text size="xs" c="dimmed">
              {story.authorName ?? 'Added through the API'} · {formatDateTime(story.createdAt)}
              {edited ? ` · edited ${formatDateTime(story.updatedAt)}` : ''}
            </Text>
          </div>
          {canChange && (
            <Group gap={4} wrap="nowrap">
              <Button size="compact-sm" variant="subtle" aria-label={`Edit ${story.title}`} onClick={onEdit}>
                Edit
              </Button>
              <ConfirmButton
                size="compact-sm"
                variant="subtle"
                aria-label={`Delete ${story.title}`}
                title="Delete story"
                message={`Delete the story “${story.title}”? This cannot be undone.`}
                confirmLabel="Delete"
                onConfirm={onDelete}
              >
                Delete
              </ConfirmButton>
            </Group>
          )}
        </Group>
        {showSubject && story.subjectType !== 'account' && (
          <Group gap={4}>
            <Badge variant="light" size="sm" tt="none">
              {StorySubjects.labels[story.subjectType]}: {story.subjectLabel ?? 'deleted'}
            </Badge>
          </Group>
        )}
        <div style={{ overflowWrap: 'anywhere' }}>
          <Markdown source={story.body} />
        </div>
      </Stack>
    </Paper>
  );
}
